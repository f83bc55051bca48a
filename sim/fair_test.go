package sim

import (
	"fmt"
	"math"
	"sort"
	"testing"
	"time"

	"ladder/model"
)

// eventGroups returns the active markets of each event, and whether the
// event is mutually exclusive.
func eventGroups(e *Engine) (map[string][]model.Market, map[string]bool) {
	groups := make(map[string][]model.Market)
	for _, m := range e.Markets() {
		if m.Status == statusActive {
			groups[m.EventTicker] = append(groups[m.EventTicker], m)
		}
	}
	exclusive := make(map[string]bool)
	for _, ev := range e.Events() {
		exclusive[ev.EventTicker] = ev.MutuallyExclusive
	}
	return groups, exclusive
}

// ladder returns the "greater" strikes of an event, lowest strike first.
func ladder(ms []model.Market) []model.Market {
	var out []model.Market
	for _, m := range ms {
		if m.StrikeType == "greater" && m.FloorStrike != nil {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return *out[i].FloorStrike < *out[j].FloorStrike })
	return out
}

// mid is the book's midpoint as a screen shows it: an empty bid reads 0,
// an empty ask $1.
func mid(m model.Market) model.Price { return (m.YesBid + m.YesAsk) / 2 }

// Coherence tolerances for book mids. Two strikes both priced at the edge
// of the grid have the same fair value, so a half-cent of quoting noise
// may invert them; brackets sum to $1 give or take half a spread each.
const (
	ladderSlack  = model.Cent / 2
	bracketSlack = 5 * model.Cent
)

// checkCoherent fails when an event's mids contradict each other: a
// higher strike priced above a lower one, or mutually exclusive markets
// not summing to about $1.
func checkCoherent(t *testing.T, e *Engine, ctx string) {
	t.Helper()
	groups, exclusive := eventGroups(e)
	for ev, ms := range groups {
		if exclusive[ev] {
			var sum model.Price
			for _, m := range ms {
				sum += mid(m)
			}
			if d := sum - model.OneDollar; d > bracketSlack || d < -bracketSlack {
				t.Fatalf("%s: %s: mids of %d exclusive markets sum to %s", ctx, ev, len(ms), sum)
			}
			continue
		}
		l := ladder(ms)
		for i := 1; i < len(l); i++ {
			if lo, hi := mid(l[i-1]), mid(l[i]); hi > lo+ladderSlack {
				t.Fatalf("%s: %s at %s is above %s at %s", ctx, l[i].Ticker, hi, l[i-1].Ticker, lo)
			}
		}
	}
}

// TestCatalogueBandsAreCoherent: at any latent value the model's
// probabilities fall with the strike and exclusive markets partition the
// outcomes.
func TestCatalogueBandsAreCoherent(t *testing.T) {
	e := NewEngine(EngineConfig{Seed: 1, Now: newEngClock().Now})
	for _, ev := range e.cat.events {
		var ms []*market
		for _, tk := range ev.tickers {
			ms = append(ms, e.cat.markets[tk])
		}
		lm := ev.latent
		for z := -6.0; z <= 6; z += 0.25 {
			x := lm.center + z*lm.scale
			if ev.MutuallyExclusive {
				sum := 0.0
				for _, m := range ms {
					sum += m.band.prob(x, lm)
				}
				if math.Abs(sum-1) > 1e-9 {
					t.Fatalf("%s at %g: probabilities sum to %g", ev.EventTicker, x, sum)
				}
				continue
			}
			prev := 2.0
			for _, m := range ms { // the catalogue lists strikes in ascending order
				p := m.band.prob(x, lm)
				if p > prev {
					t.Fatalf("%s at %g: %s at %g above the strike below it (%g)", ev.EventTicker, x, m.info.Ticker, p, prev)
				}
				prev = p
			}
		}
	}
	// The reference prices the catalogue publishes agree too.
	groups, exclusive := eventGroups(e)
	for ev, ms := range groups {
		var sum model.Price
		for _, m := range ms {
			sum += m.PreviousPrice
		}
		if exclusive[ev] && (sum < model.OneDollar-model.Cent || sum > model.OneDollar+model.Cent) {
			t.Errorf("%s: reference prices sum to %s", ev, sum)
		}
	}
}

func TestCloseGapsSplitsTheDifference(t *testing.T) {
	bands := []band{{45, 46}, below(45), {47, 48}, above(48)} // out of order on purpose
	closeGaps(bands)
	want := []band{{45, 46.5}, below(45), {46.5, 48}, above(48)}
	for i := range want {
		if bands[i] != want[i] {
			t.Fatalf("band %d: %v, want %v", i, bands[i], want[i])
		}
	}
}

// TestActivityPricesCoherent is the regression test for prices across an
// event drifting apart ("Above 3.75%" at 87.7¢ over "Above 3.50%" at
// 83.4¢, brackets summing to 83¢): bots stepped on a driven clock keep
// every event's mids coherent, checkpoint after checkpoint, and the prices
// do move.
func TestActivityPricesCoherent(t *testing.T) {
	const steps, every = 20_000, 2_000
	for _, level := range []Activity{ActivityNormal, ActivityStorm} {
		for seed := int64(1); seed <= 4; seed++ {
			clock := newEngClock()
			e := NewEngine(EngineConfig{Seed: seed, TakerFee: model.DefaultTakerFee, Now: clock.Now})
			b := newBots(e, level, seed)
			seen := make(map[model.Price]bool)
			for i := 1; i <= steps; i++ {
				b.step()
				if i%500 == 0 {
					e.Tick(clock.Advance(time.Second))
				}
				if i%every == 0 {
					checkCoherent(t, e, fmt.Sprintf("%s seed %d step %d", level, seed, i))
					m, _ := e.Market(mktFed)
					seen[mid(m)] = true
				}
			}
			if len(seen) < 3 {
				t.Fatalf("%s seed %d: %s hardly moved: %v", level, seed, mktFed, seen)
			}
		}
	}
}

// TestEventResultsAgree: one draw decides an event, so exactly one
// exclusive market resolves YES and a ladder resolves YES below some
// strike and NO above it.
func TestEventResultsAgree(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		clock := newEngClock()
		e := NewEngine(EngineConfig{Seed: seed, Now: clock.Now})
		e.Tick(clock.Advance(40 * 24 * time.Hour)) // past every close, determination and settlement
		results := make(map[string][]model.Market)
		for _, m := range e.Markets() {
			if m.Status == statusFinalized {
				results[m.EventTicker] = append(results[m.EventTicker], m)
			}
		}
		_, exclusive := eventGroups(e)
		if len(results) < 5 {
			t.Fatalf("seed %d: only %d events settled", seed, len(results))
		}
		for ev, ms := range results {
			if exclusive[ev] {
				yes := 0
				for _, m := range ms {
					if m.Result == "yes" {
						yes++
					}
				}
				if yes != 1 {
					t.Fatalf("seed %d: %s has %d YES results among %d exclusive markets", seed, ev, yes, len(ms))
				}
				continue
			}
			l := ladder(ms)
			for i := 1; i < len(l); i++ {
				if l[i].Result == "yes" && l[i-1].Result == "no" {
					t.Fatalf("seed %d: %s resolved YES above %s resolving NO", seed, l[i].Ticker, l[i-1].Ticker)
				}
			}
		}
	}
}

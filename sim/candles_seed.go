package sim

import (
	"math"
	"math/rand/v2"
	"time"

	"ladder/model"
)

// A fresh simulator already has a day of price history: for every market
// trading before the start, seedHistory writes up to 24 hours of synthetic
// one-minute candles ending at the start minute. It costs a few
// milliseconds and about 180 KB per market, the same bounded buckets live
// trading writes later; no synthetic trade is kept individually.
//
// The history is drawn per event, like the live bots' prices: one latent
// value (the temperature, the rate, the margin) follows a mean-reverting
// walk with occasional jumps, and every market's fair value is derived
// from it, so a strike ladder stays ordered and brackets sum to about $1
// at every minute. The walk is generated backwards from the event's centre,
// where the bots start quoting, so the history ends at the market's current
// fair value and the live book continues it without a jump.
//
// Synthetic trades exist only in the candles: /markets/trades, a market's
// last price and volume start with the live session, and the open
// interest of the history is 0 because no account holds its positions.

// Shape of the synthetic walk, per minute, in units of the event's scale.
const (
	seedReversion = 1.0 / 90 // pull toward the centre
	seedVol       = 0.05     // noise
	seedJumpPerK  = 2        // per-mille chance of a news jump
	seedJumpSize  = 0.4      // largest jump
	seedMinutes   = 24 * 60
)

// seedHistory fills the candles of every market open before now. It runs
// once, from NewEngine, before anything else can touch the markets.
func (e *Engine) seedHistory(now time.Time, seed int64) {
	end := unixMinute(now) // exclusive: the current minute is live
	for _, ev := range e.cat.events {
		var markets []*market
		var open time.Time
		for _, t := range ev.tickers {
			m := e.cat.markets[t]
			if m.info.Status != statusActive {
				continue
			}
			markets = append(markets, m)
			open = m.info.OpenTime
		}
		start := max(end-seedMinutes, -floorDivInt(-open.Unix(), 60)) // first whole minute after the open
		if len(markets) == 0 || start >= end {
			continue
		}
		rng := rand.New(rand.NewPCG(uint64(seed), fnv64(ev.EventTicker)))
		path := latentPath(rng, ev.latent, int(end-start))
		for _, m := range markets {
			m.candles = synthCandles(rng, m, path, start)
		}
	}
}

// latentPath is n minutes of the latent value ending (at index n−1) at the
// centre, generated backwards: a mean-reverting walk is time-reversible
// once settled, so walking back from the centre is as likely a history as
// any that led there.
func latentPath(rng *rand.Rand, lm latentModel, n int) []float64 {
	x := make([]float64, n)
	x[n-1] = lm.center
	for i := n - 2; i >= 0; i-- {
		step := seedVol * rng.NormFloat64()
		if rng.IntN(1000) < seedJumpPerK {
			step += (2*rng.Float64() - 1) * seedJumpSize
		}
		x[i] = lm.center + (x[i+1]-lm.center)*(1-seedReversion) + step*lm.scale
	}
	return x
}

// synthCandles turns an event's latent path into one market's minutes:
// quotes one tick either side of the fair value, as the tightest live
// maker does, and a few trades a minute at those quotes, leaning with the
// price's move.
func synthCandles(rng *rand.Rand, m *market, path []float64, start int64) candleSeries {
	s := candleSeries{first: start, buf: make([]candleMinute, len(path), candleKeep+candleSlack+1)}
	prevFair := fairPrice(m.band.prob(path[0], m.ev.latent), m.grid)
	prevBid, prevAsk := synthQuote(m.grid, prevFair)
	for i, x := range path {
		fair := fairPrice(m.band.prob(x, m.ev.latent), m.grid)
		bid, ask := synthQuote(m.grid, fair)
		c := &s.buf[i]
		c.bid = [4]model.Price{prevBid, min(prevBid, bid), max(prevBid, bid), bid}
		c.ask = [4]model.Price{prevAsk, min(prevAsk, ask), max(prevAsk, ask), ask}
		for range synthTradeCount(rng) {
			buy := rng.IntN(3) != 0 // leans with the move: two in three
			if fair < prevFair || (fair == prevFair && rng.IntN(2) == 0) {
				buy = !buy
			}
			p := bid
			if buy {
				p = ask
			}
			c.addTrade(p, model.Contracts(1+rng.Int64N(25)))
		}
		prevFair, prevBid, prevAsk = fair, bid, ask
	}
	return s
}

// synthQuote is the best bid and ask one tick (at least half a cent, as
// the bots quote) either side of fair, kept on the grid.
func synthQuote(g *model.Grid, fair model.Price) (bid, ask model.Price) {
	tick := max(g.Level(0), 50)
	if g.Len() > 1 {
		tick = max(g.Level(1)-g.Level(0), 50)
	}
	lowest, highest := g.Level(0), g.Level(g.Len()-1)
	bid, _ = g.Snap(max(fair-tick, lowest), model.Down)
	ask, _ = g.Snap(min(fair+tick, highest), model.Up)
	return bid, ask
}

// synthTradeCount is how many trades a synthetic minute has: none about
// half the time, rarely more than three.
func synthTradeCount(rng *rand.Rand) int {
	r := rng.IntN(100)
	switch {
	case r < 50:
		return 0
	case r < 80:
		return 1
	case r < 94:
		return 2
	}
	return 3 + int(math.Round(rng.ExpFloat64()))
}

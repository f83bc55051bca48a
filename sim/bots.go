package sim

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"ladder/model"
)

// Bot accounts and their cash.
const (
	botMakers  = 3
	botTakers  = 2
	botBalance = 50_000_000 * model.Dollar
	botTopUp   = 10_000_000 * model.Dollar
	refreshOps = 500 // actions between rereads of the market list
)

// How the latent value of an event moves, in units of its scale: a small
// step every time one of its markets is acted on, a jump when a burst of
// news hits, and a slow pull back to the centre so that hours of activity
// do not push every price to 0 or $1.
const (
	walkStep = 0.006
	jumpStep = 0.2
	revert   = 1.0 / 20000
)

// bots is the decision logic of the simulated participants. It holds no
// clock: step performs one action, so a test drives it deterministically
// and RunActivity paces it in real time.
type bots struct {
	e       *Engine
	prof    activityProfile
	rng     *rand.Rand
	makers  []AccountID
	takers  []AccountID
	markets []*botMarket
	byTick  map[string]*botMarket
	events  map[*eventInfo]*botEvent
	steps   int
	nextCID uint64
}

// botEvent is the bots' view of one event: its latent value, which drives
// the fair value of every market in it.
type botEvent struct {
	latent  latentModel
	x       float64
	markets []*botMarket // the live ones, in catalogue order
}

// botMarket is the bots' view of one market: its grid, its band on the
// event's latent axis, the fair value derived from it and each maker's
// quote slots.
type botMarket struct {
	ticker string
	grid   *model.Grid
	band   band
	ev     *botEvent
	fair   model.Price
	quotes [][2][]quoteSlot // [maker][bid|ask][slot]
}

// quoteSlot is a maker's resting quote: its order id ("" = empty) and the
// YES price it was placed at.
type quoteSlot struct {
	id    string
	price model.Price
}

// newBots creates the bot accounts and reads the tradable markets.
func newBots(e *Engine, level Activity, seed int64) *bots {
	b := &bots{
		e: e, prof: profile(level),
		rng:    rand.New(rand.NewPCG(uint64(seed), 0xb075)),
		byTick: make(map[string]*botMarket),
		events: make(map[*eventInfo]*botEvent),
	}
	e.mu.Lock()
	for i := range botMakers {
		id := AccountID(fmt.Sprintf("bot-maker-%d", i+1))
		e.createAccountLocked(id, botBalance, true)
		b.makers = append(b.makers, id)
	}
	for i := range botTakers {
		id := AccountID(fmt.Sprintf("bot-taker-%d", i+1))
		e.createAccountLocked(id, botBalance, true)
		b.takers = append(b.takers, id)
	}
	e.mu.Unlock()
	b.refreshMarkets()
	return b
}

// refreshMarkets picks up newly opened markets and drops closed ones. An
// event keeps its latent value for as long as any of its markets trades.
func (b *bots) refreshMarkets() {
	b.e.mu.Lock()
	live := make([]*botMarket, 0, len(b.e.cat.order))
	events := make(map[*eventInfo]*botEvent, len(b.events))
	var fresh []*botMarket
	for _, m := range b.e.cat.order {
		if m.info.Status != statusActive || m.ev == nil {
			delete(b.byTick, m.info.Ticker)
			continue
		}
		ev := events[m.ev]
		if ev == nil {
			ev = b.events[m.ev]
			if ev == nil {
				ev = &botEvent{latent: m.ev.latent, x: m.ev.latent.center}
			}
			ev.markets = ev.markets[:0]
			events[m.ev] = ev
		}
		bm := b.byTick[m.info.Ticker]
		if bm == nil {
			bm = &botMarket{ticker: m.info.Ticker, grid: m.grid, band: m.band, quotes: make([][2][]quoteSlot, botMakers)}
			for k := range bm.quotes {
				bm.quotes[k] = [2][]quoteSlot{make([]quoteSlot, b.prof.depth), make([]quoteSlot, b.prof.depth)}
			}
			b.byTick[m.info.Ticker] = bm
			fresh = append(fresh, bm)
		}
		bm.ev = ev
		ev.markets = append(ev.markets, bm)
		live = append(live, bm)
	}
	b.e.mu.Unlock()
	b.events = events
	b.markets = live
	for _, ev := range events {
		ev.reprice()
	}
	for _, bm := range fresh {
		b.fillQuotes(bm)
	}
}

// reprice derives every market's fair value from the latent value.
func (ev *botEvent) reprice() {
	for _, m := range ev.markets {
		m.fair = fairPrice(m.band.prob(ev.x, ev.latent), m.grid)
	}
}

// move shifts the latent value by a uniform step of at most width scales,
// pulls it slightly back towards the centre, and reprices the event.
func (b *bots) move(ev *botEvent, width float64) {
	ev.x += (ev.latent.center-ev.x)*revert + (2*b.rng.Float64()-1)*width*ev.latent.scale
	ev.reprice()
}

// step performs one action: usually a maker refreshing a quote, sometimes
// a taker crossing the spread, occasionally a burst of both.
func (b *bots) step() {
	if b.steps%refreshOps == 0 {
		b.refreshMarkets()
	}
	b.steps++
	if len(b.markets) == 0 {
		return
	}
	m := b.markets[b.rng.IntN(len(b.markets))]
	b.move(m.ev, walkStep)
	r := b.rng.IntN(1000)
	switch {
	case r < b.prof.burstPerK:
		b.burst(m.ev)
	case r < b.prof.burstPerK+b.prof.takePerK:
		b.take(m, 1+b.rng.Int64N(20))
	default:
		b.quote(m)
	}
}

// burst is news hitting an event: its latent value jumps, takers pick off
// the quotes the jump left on the wrong side, makers pull and reprice
// those, and the rest of the burst trades and requotes across the event.
func (b *bots) burst(ev *botEvent) {
	b.move(ev, jumpStep)
	pick := func() *botMarket { return ev.markets[b.rng.IntN(len(ev.markets))] }
	takes := max(1, b.prof.burstOps/8)
	for range takes {
		b.take(pick(), 5+b.rng.Int64N(60))
	}
	done := takes
	for _, m := range ev.markets {
		done += b.repair(m)
	}
	for ; done < b.prof.burstOps; done++ {
		if m := pick(); b.rng.IntN(4) == 0 {
			b.take(m, 5+b.rng.Int64N(60))
		} else {
			b.quote(m)
		}
	}
}

// create places an order with a fresh client id, topping the bot's cash up
// once if it ran dry (counted as a deposit, so the ledger still balances).
func (b *bots) create(acct AccountID, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	b.nextCID++
	req.ClientOrderID = fmt.Sprintf("%s-%d", acct, b.nextCID)
	resp, err := b.e.CreateOrder(acct, req)
	var ae *APIError
	if errors.As(err, &ae) && ae.Code == CodeBalanceTooLow {
		b.e.deposit(acct, botTopUp)
		b.nextCID++
		req.ClientOrderID = fmt.Sprintf("%s-%d", acct, b.nextCID)
		return b.e.CreateOrder(acct, req)
	}
	if errors.As(err, &ae) && ae.Code == CodeMarketClosed {
		b.steps = 0 // reread the market list on the next step
	}
	return resp, err
}

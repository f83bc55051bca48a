package sim

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"ladder/model"
)

// Activity is the intensity of the simulated market participants.
type Activity int

// Activity levels, from no bots at all to a storm of thousands of book
// updates per second.
const (
	ActivityOff Activity = iota
	ActivityCalm
	ActivityNormal
	ActivityBusy
	ActivityStorm
)

var activityNames = [...]string{"off", "calm", "normal", "busy", "storm"}

// String is the flag spelling of the level.
func (a Activity) String() string {
	if a < 0 || int(a) >= len(activityNames) {
		return fmt.Sprintf("Activity(%d)", int(a))
	}
	return activityNames[a]
}

// ParseActivity reads off|calm|normal|busy|storm ("" is normal).
func ParseActivity(s string) (Activity, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ActivityNormal, nil
	}
	for i, n := range activityNames {
		if s == n {
			return Activity(i), nil
		}
	}
	return ActivityOff, fmt.Errorf("activity %q: want off, calm, normal, busy or storm", s)
}

// activityProfile is what a level means in numbers.
type activityProfile struct {
	opsPerSec int           // engine actions per second across all markets
	interval  time.Duration // how often the real-time loop wakes up
	takePerK  int           // per-mille of actions that cross the spread
	burstPerK int           // per-mille of actions that start a burst
	burstOps  int           // actions in a burst
	depth     int           // quote slots per maker per side
	maxSize   int64         // largest maker quote, in contracts
}

func profile(a Activity) activityProfile {
	switch a {
	case ActivityCalm:
		return activityProfile{opsPerSec: 4, interval: 250 * time.Millisecond, takePerK: 80, burstPerK: 2, burstOps: 10, depth: 3, maxSize: 40}
	case ActivityBusy:
		return activityProfile{opsPerSec: 300, interval: 20 * time.Millisecond, takePerK: 120, burstPerK: 4, burstOps: 60, depth: 5, maxSize: 150}
	case ActivityStorm:
		return activityProfile{opsPerSec: 7000, interval: 10 * time.Millisecond, takePerK: 150, burstPerK: 5, burstOps: 200, depth: 6, maxSize: 250}
	}
	return activityProfile{opsPerSec: 30, interval: 50 * time.Millisecond, takePerK: 100, burstPerK: 3, burstOps: 25, depth: 4, maxSize: 80}
}

// Bot accounts and their cash.
const (
	botMakers   = 3
	botTakers   = 2
	botBalance  = 50_000_000 * model.Dollar
	botTopUp    = 10_000_000 * model.Dollar
	refreshOps  = 500 // actions between rereads of the market list
	fairFloor   = 300 // fair values stay within 3¢ … 97¢
	fairCeiling = model.OneDollar - fairFloor
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
	steps   int
	nextCID uint64
}

// botMarket is the bots' view of one market: its grid, a drifting fair
// value and each maker's quote slots.
type botMarket struct {
	ticker string
	grid   *model.Grid
	fair   model.Price
	quotes [][2][]string // [maker][bid|ask][slot] → order id ("" = empty)
}

// newBots creates the bot accounts and reads the tradable markets.
func newBots(e *Engine, level Activity, seed int64) *bots {
	b := &bots{
		e: e, prof: profile(level),
		rng:    rand.New(rand.NewPCG(uint64(seed), 0xb075)),
		byTick: make(map[string]*botMarket),
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

// refreshMarkets picks up newly opened markets and drops closed ones.
func (b *bots) refreshMarkets() {
	b.e.mu.Lock()
	live := make([]*botMarket, 0, len(b.e.cat.order))
	var fresh []*botMarket
	for _, m := range b.e.cat.order {
		if m.info.Status != statusActive {
			delete(b.byTick, m.info.Ticker)
			continue
		}
		bm := b.byTick[m.info.Ticker]
		if bm == nil {
			bm = &botMarket{ticker: m.info.Ticker, grid: m.grid, fair: m.mark(), quotes: make([][2][]string, botMakers)}
			for k := range bm.quotes {
				bm.quotes[k] = [2][]string{make([]string, b.prof.depth), make([]string, b.prof.depth)}
			}
			b.byTick[m.info.Ticker] = bm
			fresh = append(fresh, bm)
		}
		live = append(live, bm)
	}
	b.e.mu.Unlock()
	b.markets = live
	for _, bm := range fresh {
		b.fillQuotes(bm)
	}
}

// fillQuotes places every maker slot of a newly seen market, so books are
// deep from the first second instead of filling in slowly at calm rates.
func (b *bots) fillQuotes(m *botMarket) {
	for k := range botMakers {
		for side := range 2 {
			for slot := range b.prof.depth {
				b.place(m, k, side, slot)
			}
		}
	}
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
	b.drift(m, 30)
	r := b.rng.IntN(1000)
	switch {
	case r < b.prof.burstPerK:
		b.burst(m)
	case r < b.prof.burstPerK+b.prof.takePerK:
		b.take(m, 1+b.rng.Int64N(20))
	default:
		b.quote(m)
	}
}

// burst moves the fair value sharply, then requotes and trades into it.
func (b *bots) burst(m *botMarket) {
	b.drift(m, 600)
	for range b.prof.burstOps {
		if b.rng.IntN(4) == 0 {
			b.take(m, 5+b.rng.Int64N(60))
		} else {
			b.quote(m)
		}
	}
}

// drift moves the fair value by a random step of at most width ($0.0001s).
func (b *bots) drift(m *botMarket, width int64) {
	m.fair += model.Price(b.rng.Int64N(2*width+1) - width)
	if m.fair < fairFloor {
		m.fair = 2*fairFloor - m.fair
	}
	if m.fair > fairCeiling {
		m.fair = 2*fairCeiling - m.fair
	}
}

// quotePrice is a maker's target YES price for one slot: makers further
// down the list quote wider, deeper slots sit further from the fair value.
func (b *bots) quotePrice(m *botMarket, maker, side, slot int) (model.Price, bool) {
	tick := max(m.grid.Level(0), 50) // coarse enough to build visible depth on fine grids
	if m.grid.Len() > 1 {
		tick = max(m.grid.Level(1)-m.grid.Level(0), 50)
	}
	off := tick*model.Price(maker+1) + tick*model.Price(slot)
	target := m.fair - off
	dir := model.Down
	if side == 1 {
		target = m.fair + off
		dir = model.Up
	}
	if !target.InOpenRange() {
		return 0, false
	}
	return m.grid.Snap(target, dir)
}

// quote moves a random maker slot to its target: amend when the order is
// still resting, otherwise place a new one; now and then pull it instead.
func (b *bots) quote(m *botMarket) {
	k := b.rng.IntN(botMakers)
	side := b.rng.IntN(2)
	slot := b.rng.IntN(b.prof.depth)
	if id := m.quotes[k][side][slot]; id != "" && b.rng.IntN(8) == 0 {
		_, _ = b.e.CancelOrder(b.makers[k], id)
		m.quotes[k][side][slot] = ""
		return
	}
	b.place(m, k, side, slot)
}

// place puts maker k's slot at its target price with a fresh random size.
func (b *bots) place(m *botMarket, k, side, slot int) {
	price, ok := b.quotePrice(m, k, side, slot)
	if !ok {
		return
	}
	size := model.Contracts(1 + b.rng.Int64N(b.prof.maxSize))
	if b.rng.IntN(10) == 0 {
		size += 50 // a few fractional quotes, as on the real exchange
	}
	acct := b.makers[k]
	if id := m.quotes[k][side][slot]; id != "" {
		resp, err := b.e.AmendOrder(acct, id, model.AmendOrderRequest{Ticker: m.ticker, Price: price, Count: size})
		if err == nil && resp.RemainingCount != nil && *resp.RemainingCount > 0 {
			return
		}
		m.quotes[k][side][slot] = ""
	}
	bs := model.Bid
	if side == 1 {
		bs = model.Ask
	}
	resp, err := b.create(acct, model.CreateOrderRequest{
		Ticker: m.ticker, Side: bs, Count: size, Price: price,
		TimeInForce: model.GTC, STP: model.STPMaker,
	})
	if err == nil && resp.RemainingCount > 0 {
		m.quotes[k][side][slot] = resp.OrderID
	}
}

// take sends an IOC that crosses the spread by a couple of ticks.
func (b *bots) take(m *botMarket, contracts int64) {
	acct := b.takers[b.rng.IntN(len(b.takers))]
	buyYes := b.rng.IntN(2) == 0
	if m.fair > 6000 && b.rng.IntN(3) == 0 { // lean with the fair value
		buyYes = true
	} else if m.fair < 4000 && b.rng.IntN(3) == 0 {
		buyYes = false
	}
	b.e.mu.Lock()
	mk := b.e.markets[m.ticker]
	var bid, ask model.Price
	var bidSize, askSize model.Qty
	if mk != nil {
		bid, bidSize, ask, askSize = mk.top()
	}
	b.e.mu.Unlock()
	// Buy by lifting the ask or sell by hitting the bid, priced two ticks
	// through the touch.
	req := model.CreateOrderRequest{Ticker: m.ticker, Side: model.Bid, Price: ask,
		Count: model.Contracts(contracts), TimeInForce: model.IOC, STP: model.STPTakerAtCross}
	touchSize, through := askSize, m.grid.Next
	if !buyYes {
		req.Side, req.Price, touchSize, through = model.Ask, bid, bidSize, m.grid.Prev
	}
	if touchSize == 0 {
		return
	}
	for range 2 {
		if p, ok := through(req.Price); ok {
			req.Price = p
		}
	}
	_, _ = b.create(acct, req)
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

// deposit credits cash to an account (bot top-ups).
func (e *Engine) deposit(acct AccountID, amount model.Money) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if a := e.accounts[acct]; a != nil {
		a.cash += amount
		e.deposits += amount
	}
}

// RunActivity runs the bots in real time until ctx is done, and ticks the
// engine's clock-driven state (expirations, lifecycle) as it goes. The bots
// trade through the public engine methods on internal accounts.
func (e *Engine) RunActivity(ctx context.Context, level Activity, seed int64) {
	tick := time.NewTicker(time.Second)
	if level != ActivityOff {
		tick.Reset(profile(level).interval)
	}
	defer tick.Stop()
	var b *bots
	if level != ActivityOff {
		b = newBots(e, level, seed)
	}
	last := time.Now()
	var owed float64 // fractional actions carried between wake-ups
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			e.Tick(e.cfg.Now())
			if b == nil {
				continue
			}
			elapsed := now.Sub(last)
			last = now
			elapsed = min(elapsed, time.Second) // never catch up a long stall in one go
			owed += elapsed.Seconds() * float64(b.prof.opsPerSec)
			for ; owed >= 1; owed-- {
				if ctx.Err() != nil {
					return
				}
				b.step()
			}
		}
	}
}

package sim

import (
	"sort"
	"time"

	"ladder/model"
)

// Market statuses the engine moves through (Kalshi's response values).
const (
	statusInitialized = "initialized"
	statusActive      = "active"
	statusClosed      = "closed"
	statusDetermined  = "determined"
	statusFinalized   = "finalized"
)

// Lifecycle delays after a market closes.
const (
	determineDelay = 30 * time.Second
	settleDelay    = 60 * time.Second
)

// Tick advances time-driven state to now: GTC expirations, order-group
// windows and the market lifecycle (open, close, determine, settle, and
// the next window of the rolling short-dated series). The server calls it
// periodically; calling it more often is harmless.
func (e *Engine) Tick(now time.Time) {
	e.mu.Lock()
	if now.After(e.now) {
		e.now = now
	}
	defer e.end()
	e.expireOrders()
	for _, g := range e.groups {
		g.prune(e.now)
	}
	e.advanceLifecycle()
}

// expireOrders cancels GTC orders whose expiration_time has passed.
func (e *Engine) expireOrders() {
	kept := e.expiring[:0]
	for _, o := range e.expiring {
		switch {
		case !o.open():
			o.watched = false
		case !o.expiration.After(e.now):
			o.watched = false
			e.cancelResting(o)
		default:
			kept = append(kept, o)
		}
	}
	clear(e.expiring[len(kept):])
	e.expiring = kept
}

// advanceLifecycle moves every market whose time has come one or more steps.
func (e *Engine) advanceLifecycle() {
	// Iterate over a copy: rolling over appends to the catalogue.
	markets := append([]*market(nil), e.cat.order...)
	for _, m := range markets {
		if m.info.Status == statusInitialized && !m.info.OpenTime.After(e.now) {
			m.info.Status = statusActive
			e.lifecycle(m, "activated")
		}
		if m.info.Status == statusActive && !m.info.CloseTime.After(e.now) {
			e.closeMarket(m)
		}
		if m.info.Status == statusClosed && !m.info.CloseTime.Add(determineDelay).After(e.now) {
			e.determine(m)
		}
		if m.info.Status == statusDetermined && !m.info.CloseTime.Add(settleDelay).After(e.now) {
			e.settle(m)
		}
	}
}

// lifecycleOnce maps the lifecycle events a market goes through exactly
// once to a bit of market.announced.
func lifecycleOnce(kind string) uint8 {
	switch kind {
	case "created":
		return 1 << 0
	case "activated":
		return 1 << 1
	case "deactivated":
		return 1 << 2
	case "determined":
		return 1 << 3
	case "settled":
		return 1 << 4
	}
	return 0
}

// lifecycle publishes a market_lifecycle_v2 event. The status checks in
// advanceLifecycle already make every step happen once however many
// goroutines call Tick (the server's tick loop and RunActivity both do);
// the announced bits make "once per market" hold by construction too.
func (e *Engine) lifecycle(m *market, kind string) {
	if bit := lifecycleOnce(kind); bit != 0 {
		if m.announced&bit != 0 {
			return
		}
		m.announced |= bit
	}
	msg := &model.LifecycleMsg{
		MarketTicker: m.info.Ticker, EventType: kind,
		OpenTs: m.info.OpenTime.Unix(), CloseTs: m.info.CloseTime.Unix(),
	}
	switch kind {
	case "deactivated":
		msg.IsDeactivated = true
	case "determined", "settled":
		msg.Result = m.info.Result
		if m.info.SettlementValue != nil {
			v := *m.info.SettlementValue
			msg.SettlementValue = &v
		}
		if kind == "settled" {
			msg.SettledTs = e.now.Unix()
		}
	}
	m.updated = e.now
	m.info.UpdatedTime = e.now
	e.emit(Event{Kind: EvLifecycle, Ticker: m.info.Ticker, Lifecycle: msg})
}

// closeMarket stops trading: every resting order is canceled. A rolling
// market opens its successor at the same moment.
func (e *Engine) closeMarket(m *market) {
	m.info.Status = statusClosed
	var resting []*order
	for _, side := range []model.Side{model.Yes, model.No} {
		for i := range m.book.queues[side] {
			for o := m.book.queues[side][i].head; o != nil; o = o.next {
				resting = append(resting, o)
			}
		}
	}
	sort.Slice(resting, func(i, j int) bool { return resting[i].seq < resting[j].seq })
	for _, o := range resting {
		e.cancelResting(o)
	}
	e.lifecycle(m, "deactivated")
	if m.rolling {
		start := m.info.CloseTime
		if e.now.Sub(start) >= rollingWindow {
			start = e.now
		}
		next := e.cat.addRolling(start)
		e.lifecycle(next, "created")
		if !next.info.OpenTime.After(e.now) {
			e.lifecycle(next, "activated")
		} else {
			next.info.Status = statusInitialized
		}
	}
}

// determine fixes the result. The simulated world has no real outcome, so
// the results are drawn from the seeded generator with the markets' last
// prices as probabilities: reproducible for a seed and a history. One draw
// decides the whole event, so its results agree with each other the way
// its prices do (see eventResults).
func (e *Engine) determine(m *market) {
	value := model.Price(0)
	m.info.Result = "no"
	if e.eventResults(m.ev)[m.info.Ticker] {
		value = model.OneDollar
		m.info.Result = "yes"
	}
	m.info.SettlementValue = &value
	m.info.Status = statusDetermined
	e.lifecycle(m, "determined")
}

// settle pays every position out at the settlement value and removes it.
func (e *Engine) settle(m *market) {
	value := model.Price(0)
	if m.info.SettlementValue != nil {
		value = *m.info.SettlementValue
	}
	ticker := m.info.Ticker
	for _, h := range e.holders(ticker) {
		a, l := h.a, h.l
		p := l.positions[ticker]
		if !a.internal {
			a.addSettlement(settlement{sub: l.num, Settlement: settlementRecord(m, p, value, e.now)})
		}
		if p.Size > 0 {
			l.cash += model.Notional(value, p.Size)
		} else if p.Size < 0 {
			l.cash += model.Notional(value.Complement(), -p.Size)
		}
		p.Realized += model.Notional(value, p.Size) - p.Cost
		p.Size, p.Cost = 0, 0
		p.updated = e.now
		l.updated = e.now
		e.emit(Event{Kind: EvPosition, Ticker: ticker, Account: a.id, Position: positionMsg(a, l, p)})
		delete(l.positions, ticker)
		l.settled += p.Realized - p.Fees
	}
	m.openInterest = 0
	m.info.Status = statusFinalized
	e.lifecycle(m, "settled")
}

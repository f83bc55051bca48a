package desk

import "ladder/model"

// Settlement: when a market I hold resolves, the exchange pays every
// contract on the winning side $1 (a scalar market pays its settlement
// value) and the position leaves its list. The desk pays the position out
// itself from the lifecycle event's result, so the realized P&L moves by
// exactly the payout less what the position cost, and never falls back to
// zero when the exchange stops listing the market. The exchange's
// settlement record (GET /portfolio/settlements), when it offers one,
// confirms the payout or corrects it.

// settlement is how a market of mine settled.
type settlement struct {
	result string
	value  model.Price
	// paid is the payout the desk booked from the lifecycle event; zero
	// when the exchange's own position update had already booked it.
	paid        model.Money
	byLifecycle bool
	confirmed   bool
}

// Settlement is the exchange's settlement record of one market.
type Settlement struct {
	Ticker, Result string
	Revenue        model.Money // what the settlement paid
	// Subaccount is the subaccount the record was asked for: a record
	// carries none, the query filters by it.
	Subaccount int
}

// SettlementValue is the YES payout per contract of a lifecycle result:
// $1 for yes, 0 for no, the settlement value for a scalar market; false
// while unknown.
func SettlementValue(l model.LifecycleMsg) (model.Price, bool) {
	switch l.Result {
	case "yes":
		return model.OneDollar, true
	case "no":
		return 0, true
	}
	if l.SettlementValue != nil {
		return *l.SettlementValue, true
	}
	return 0, false
}

// payout is what a position receives at a YES value.
func payout(value model.Price, size model.Qty) model.Money {
	if size >= 0 {
		return model.Notional(value, size)
	}
	return model.Notional(value.Complement(), -size)
}

// ApplyLifecycle applies a market_lifecycle_v2 event. A "settled" market
// where I hold a position is paid out at its result.
func (d *Desk) ApplyLifecycle(l model.LifecycleMsg) {
	if l.EventType != "settled" {
		return
	}
	value, ok := SettlementValue(l)
	if !ok {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	settled := false
	// Every subaccount holding the market is paid out, in a fixed order so
	// the notes read the same every time.
	for sub := 0; sub <= model.MaxSubaccount; sub++ {
		m := d.markets[posKey{sub, l.MarketTicker}]
		if m == nil || m.settle != nil {
			continue
		}
		s := &settlement{result: l.Result, value: value}
		if m.pos.Size != 0 {
			s.paid = payout(value, m.pos.Size)
			s.byLifecycle = true
			m.pos.Realized += model.Notional(value, m.pos.Size) - m.pos.Cost
			m.pos.Size, m.pos.Cost = 0, 0
		}
		m.settle = s
		d.note(Note{Kind: NoteSettled, Ticker: l.MarketTicker, Result: l.Result, Payout: s.paid, Subaccount: sub})
		settled = true
	}
	if !settled {
		return
	}
	d.checkLossLocked()
	d.changed()
}

// ConfirmSettlement applies the exchange's settlement record: it pays out
// a position the desk saw no result for, corrects a payout that differs
// from the record, and marks the settlement confirmed.
func (d *Desk) ConfirmSettlement(rec Settlement) {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := d.mkt(rec.Subaccount, rec.Ticker)
	s := m.settle
	switch {
	case s == nil:
		s = &settlement{result: rec.Result}
		open := m.pos
		if open.Size == 0 {
			open = m.lost
		}
		if open.Size != 0 {
			// Revenue less what the open contracts cost, in YES or NO terms.
			m.pos.Realized += rec.Revenue - open.Exposure()
			m.pos.Size, m.pos.Cost = 0, 0
			s.paid, s.byLifecycle = rec.Revenue, true
		}
		m.lost = model.Position{}
		m.settle = s
	case s.byLifecycle && s.paid != rec.Revenue:
		m.pos.Realized += rec.Revenue - s.paid
		s.paid = rec.Revenue
	}
	s.confirmed = true
	d.checkLossLocked()
	d.changed()
}

// Holds reports whether the desk tracks a market: a position (open or
// closed with P&L), or working orders there.
func (d *Desk) Holds(ticker string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.marketsOf(ticker)) > 0 {
		return true
	}
	for _, o := range d.orders {
		if o.Ticker == ticker {
			return true
		}
	}
	return false
}

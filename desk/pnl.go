package desk

import "ladder/model"

// Session P&L: realized, unrealized at the marks, net of fees, measured
// from the state the session found (the first positions snapshot). It
// equals the change in cash plus the change in the open positions' value,
// which is what the daily loss limit watches.

// Mark records the price a market's open position is valued at (the
// dashboard's mid or last price). Only markets the desk tracks keep one.
func (d *Desk) Mark(ticker string, p model.Price) {
	if !p.InOpenRange() {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	ms := d.marketsOf(ticker)
	if len(ms) == 0 {
		return
	}
	for _, m := range ms {
		if m.base.size != 0 && !m.base.marked {
			m.base.mark, m.base.marked = p, true
		}
	}
	if d.marks[ticker] == p {
		return
	}
	d.marks[ticker] = p
	d.checkLossLocked()
}

// SessionPnL is the session's P&L; unpriced counts open positions with no
// mark yet (valued at cost).
func (d *Desk) SessionPnL() (pnl model.Money, unpriced int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k, m := range d.markets {
		if _, ok := d.marks[k.ticker]; !ok && m.pos.Size != 0 {
			unpriced++
		}
	}
	return d.sessionPnLLocked(), unpriced
}

func (d *Desk) sessionPnLLocked() model.Money {
	var total model.Money
	for k, m := range d.markets {
		p, b := &m.pos, &m.base
		total += (p.Realized - p.Fees) - (b.realized - b.fees)
		if mark, ok := d.marks[k.ticker]; ok && p.Size != 0 {
			total += p.Unrealized(mark)
		}
		if b.size != 0 && b.marked {
			total -= model.Notional(b.mark, b.size) - b.cost
		}
	}
	return total
}

// checkLossLocked locks entry when the session P&L falls below the floor.
// Before the first positions snapshot the session's starting point is not
// known (an update about a position from an earlier session would count
// its whole history), so the limit applies from then on.
func (d *Desk) checkLossLocked() {
	limit := d.cfg.Limits.MaxDailyLoss
	if limit <= 0 || d.lock.Reason != LockNone || !d.baseline {
		return
	}
	if pnl := d.sessionPnLLocked(); pnl < d.floor {
		d.lockLocked(Lock{Reason: LockLoss, PnL: pnl, Limit: limit})
	}
}

package sim

import "ladder/model"

// stopReason says why matching ended before an order's price stopped
// crossing; any reason but stopNone cancels the remainder.
type stopReason int

const (
	stopNone       stopReason = iota
	stopSelfTrade             // taker_at_cross met the account's own resting order
	stopReduceOnly            // a reduce-only taker has nothing left to close
	stopGroup                 // the taker's order group hit its limit
)

// match trades the incoming order t against the opposite bid book while it
// crosses (t's own price + the best opposite bid ≥ $1), best price first
// and oldest first within a level. Executions happen at the resting
// order's price.
func (e *Engine) match(m *market, t *order) stopReason {
	opp := other(t.outcome)
	for t.remaining > 0 {
		best, ok := m.book.best(opp)
		if !ok || t.price+best.Price < model.OneDollar {
			return stopNone
		}
		mk := m.book.head(opp, best.Price)
		if mk == nil { // the aggregate and the queues disagree: an engine bug; stop safely
			return stopNone
		}
		if mk.acct == t.acct {
			if t.stp == model.STPMaker {
				e.cancelResting(mk)
				continue
			}
			return stopSelfTrade
		}
		qty := min(t.remaining, mk.remaining)
		if t.reduceOnly {
			c := t.led.closable(m.info.Ticker, t.side)
			if c == 0 {
				return stopReduceOnly
			}
			qty = min(qty, c)
		}
		if mk.reduceOnly {
			c := mk.led.closable(m.info.Ticker, mk.side)
			if c == 0 {
				e.cancelResting(mk)
				continue
			}
			qty = min(qty, c)
		}
		e.execute(m, t, mk, qty)
		if mk.open() && mk.reduceOnly && mk.led.closable(m.info.Ticker, mk.side) == 0 {
			e.cancelResting(mk)
		}
		if t.group != nil && t.group.blocked {
			return stopGroup
		}
	}
	return stopNone
}

// fillable is how much of t a match would fill right now (for
// fill_or_kill), walking the same queues and rules match uses.
func (e *Engine) fillable(m *market, t *order) model.Qty {
	opp := other(t.outcome)
	best, ok := m.book.best(opp)
	if !ok {
		return 0
	}
	need := t.remaining
	if t.reduceOnly {
		need = min(need, t.led.closable(m.info.Ticker, t.side))
	}
	var got model.Qty
	var used map[*ledger]model.Qty // closable already counted for reduce-only makers
	top, _ := m.grid.Index(best.Price)
	for i := top; i >= 0; i-- {
		if t.price+m.grid.Level(i) < model.OneDollar {
			break
		}
		for o := m.book.queues[opp][i].head; o != nil; o = o.next {
			if o.acct == t.acct {
				if t.stp == model.STPTakerAtCross {
					return got
				}
				continue
			}
			q := o.remaining
			if o.reduceOnly {
				if used == nil {
					used = make(map[*ledger]model.Qty)
				}
				q = min(q, max(o.led.closable(m.info.Ticker, o.side)-used[o.led], 0))
				used[o.led] += q
			}
			got += q
			if got >= need {
				return got
			}
		}
	}
	return got
}

// execute trades qty between the incoming order t and the resting order mk
// at mk's price, books both sides and publishes the delta, trade, fills,
// the maker's order update and both positions.
func (e *Engine) execute(m *market, t, mk *order, qty model.Qty) {
	makerPrice := mk.price
	takerPrice := makerPrice.Complement()
	yesPrice := makerPrice
	if mk.outcome == model.No {
		yesPrice = takerPrice
	}
	takerFee := model.TradeFee(e.cfg.TakerFee, qty, yesPrice)
	makerFee := model.TradeFee(e.cfg.MakerFee, qty, yesPrice)

	// The resting side of the book shrinks.
	m.book.adjust(mk.outcome, makerPrice, -qty)
	mk.remaining -= qty
	mk.filled += qty
	mk.makerCost += model.Notional(makerPrice, qty)
	mk.makerFees += makerFee
	mk.updated = e.now
	e.emitDelta(m, mk, mk.outcome, makerPrice, -qty)
	if mk.remaining == 0 {
		m.book.remove(mk)
		mk.status = model.Executed
		mk.acct.orderClosed(mk)
		if mk.group != nil {
			mk.group.remove(mk)
		}
	}
	e.rereserve(mk)

	t.remaining -= qty
	t.filled += qty
	t.takerCost += model.Notional(takerPrice, qty)
	t.takerFees += takerFee
	t.updated = e.now

	makerPost := e.settleExecution(mk, m, qty, makerPrice, yesPrice, makerFee)
	takerPost := e.settleExecution(t, m, qty, takerPrice, yesPrice, takerFee)

	m.lastPrice = yesPrice
	m.lastSize = qty
	m.volume += qty
	m.dollarVolume += model.Notional(yesPrice, qty)
	m.recordTrade(e.now, yesPrice, qty)
	e.touch(m)

	tradeID := e.ids.next()
	ticker := m.info.Ticker
	e.recordTrade(model.Trade{
		TradeID: tradeID, Ticker: ticker, Count: qty, YesPrice: yesPrice, NoPrice: yesPrice.Complement(),
		TakerOutcomeSide: t.outcome.String(), TakerBookSide: t.side, CreatedTime: e.now,
	})
	e.emit(Event{Kind: EvTrade, Ticker: ticker, Trade: &model.TradeMsg{
		TradeID: tradeID, MarketTicker: ticker, YesPrice: yesPrice, NoPrice: yesPrice.Complement(),
		Count: qty, TakerOutcomeSide: t.outcome.String(), TakerBookSide: t.side, TsMs: e.now.UnixMilli(),
	}})
	e.recordFill(mk, tradeID, qty, yesPrice, makerFee, false, makerPost)
	e.recordFill(t, tradeID, qty, yesPrice, takerFee, true, takerPost)
	e.emitOrder(mk)
	e.emitPosition(mk, m)
	e.emitPosition(t, m)

	// Order groups count fills last, so a trigger sees the books settled.
	if mk.group != nil {
		mk.group.filled(e, qty)
	}
	if t.group != nil {
		t.group.filled(e, qty)
	}
}

// recordFill stores one party's fill and publishes it.
func (e *Engine) recordFill(o *order, tradeID string, qty model.Qty, yesPrice model.Price, fee model.Money, taker bool, post model.Qty) {
	ticker := o.mkt.info.Ticker
	o.acct.addFill(model.Fill{
		FillID: e.ids.next(), TradeID: tradeID, OrderID: o.id,
		Ticker: ticker, MarketTicker: ticker,
		OutcomeSide: o.outcome.String(), BookSide: o.side, Count: qty,
		YesPrice: yesPrice, NoPrice: yesPrice.Complement(), IsTaker: taker, FeeCost: fee,
		CreatedTime: e.now, Ts: e.now.Unix(), SubaccountNumber: subaccountNumber(o.subaccount),
	})
	e.emit(Event{Kind: EvFill, Ticker: ticker, Account: o.acct.id, Fill: &model.FillMsg{
		TradeID: tradeID, OrderID: o.id, MarketTicker: ticker, IsTaker: taker,
		OutcomeSide: o.outcome.String(), BookSide: o.side, YesPrice: yesPrice, Count: qty,
		FeeCost: fee, PostPosition: post, ClientOrderID: o.clientID, TsMs: e.now.UnixMilli(),
		Subaccount: subaccountRef(o.subaccount),
	}})
}

// cancelResting cancels an order that is on the book and returns the size
// it removed.
func (e *Engine) cancelResting(o *order) model.Qty {
	if !o.open() {
		return 0
	}
	m := o.mkt
	reduced := o.remaining
	m.book.remove(o)
	e.emitDelta(m, o, o.outcome, o.price, -reduced)
	o.remaining = 0
	o.status = model.Canceled
	o.updated = e.now
	e.rereserve(o)
	o.acct.orderClosed(o)
	if o.group != nil {
		o.group.remove(o)
	}
	e.emitOrder(o)
	return reduced
}

package ui

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/model"
)

// ladderKey handles the focused ladder: navigation and order entry.
func (m *Model) ladderKey(msg tea.KeyPressMsg) tea.Cmd {
	lp := m.activeLadder()
	if lp == nil {
		return nil
	}
	k := m.keys.Ladder
	for i, b := range k.Presets() {
		if key.Matches(msg, b) {
			if i < len(m.opts.QtyPresets) {
				m.qty = m.opts.QtyPresets[i]
				m.say(lvlInfo, "quantity "+m.qty.Short())
			}
			return nil
		}
	}
	switch {
	case key.Matches(msg, k.Up):
		lp.move(1)
	case key.Matches(msg, k.Down):
		lp.move(-1)
	case key.Matches(msg, k.PageUp):
		lp.page(1)
	case key.Matches(msg, k.PageDown):
		lp.page(-1)
	case key.Matches(msg, k.Recenter):
		lp.recenter()
	case key.Matches(msg, k.ToggleTerms):
		lp.toggleTerms()
	case key.Matches(msg, k.Bid):
		return m.placeAtCursor(lp, true)
	case key.Matches(msg, k.Ask):
		return m.placeAtCursor(lp, false)
	case key.Matches(msg, k.BuyNow):
		return m.takeBest(lp, true)
	case key.Matches(msg, k.SellNow):
		return m.takeBest(lp, false)
	case key.Matches(msg, k.CancelLevel):
		return m.cancelAtLevel(lp)
	case key.Matches(msg, k.CancelAll):
		return m.cancelMarket(lp)
	case key.Matches(msg, k.Move):
		return m.moveKey(lp)
	case key.Matches(msg, k.Ticket):
		m.openTicket(lp)
	case key.Matches(msg, k.QtyUp):
		m.qty = stepQty(m.qty, 1)
		m.say(lvlInfo, "quantity "+m.qty.Short())
	case key.Matches(msg, k.QtyDown):
		m.qty = stepQty(m.qty, -1)
		m.say(lvlInfo, "quantity "+m.qty.Short())
	case key.Matches(msg, k.Close):
		m.closeLadder()
	}
	return nil
}

// stepQty moves a quantity one step: 1 below 10 contracts, 5 below 50, 10
// below 200, 50 below 1000, then 100. Never below one contract.
func stepQty(q model.Qty, dir int) model.Qty {
	c := q / model.Contract
	if dir < 0 {
		c = (q - 1) / model.Contract // the step of the size being left
	}
	var step int64
	switch {
	case c < 10:
		step = 1
	case c < 50:
		step = 5
	case c < 200:
		step = 10
	case c < 1000:
		step = 50
	default:
		step = 100
	}
	s := model.Contracts(step)
	if dir > 0 {
		// Land on a multiple of the step.
		return (q/s + 1) * s
	}
	return max(((q-1)/s)*s, model.Contract)
}

// orderFor builds a request from a buy/sell in the ladder's terms at a
// price in those terms. Buying NO at p is the V2 ask at YES price 1 − p.
func (m *Model) orderFor(lp *ladderPane, buy bool, p model.Price, tif model.TimeInForce) model.CreateOrderRequest {
	side := model.Bid
	if !buy {
		side = model.Ask
	}
	if lp.terms == model.NoTerms {
		side = side.Opposite()
	}
	return model.CreateOrderRequest{
		Ticker:      lp.ticker,
		Side:        side,
		Count:       m.qty,
		Price:       lp.yes(p),
		TimeInForce: tif,
		STP:         model.STPTakerAtCross,
	}
}

// describeOrder puts a request in words in the ladder's terms:
// "BUY 10 YES @ 56¢ GTC", or in NO terms "BUY 10 NO @ 44¢ GTC".
func describeOrder(req model.CreateOrderRequest, terms model.Terms, pf priceFormat) string {
	verb, outcome, p := sideWord(req.Side), "YES", req.Price
	if terms == model.NoTerms {
		verb, outcome, p = sideWord(req.Side.Opposite()), "NO", req.Price.Complement()
	}
	s := fmt.Sprintf("%s %s %s @ %s %s", verb, req.Count.Short(), outcome, pf.text(p), req.TimeInForce.Short())
	if req.PostOnly {
		s += " post-only"
	}
	if req.ReduceOnly {
		s += " reduce-only"
	}
	return s + " " + shortTicker(req.Ticker)
}

// placeAtCursor bids (buy) or offers (sell) the current quantity at the
// cursor price, good till cancelled. A price at or through the opposite
// best price is marketable: it trades at once as taker, which the one-key
// entry must not do silently (crossing).
func (m *Model) placeAtCursor(lp *ladderPane, buy bool) tea.Cmd {
	in := intent{kind: intentPlace, req: m.orderFor(lp, buy, lp.cursorPrice(), model.GTC)}
	if best, ok := lp.marketable(buy, lp.cursorPrice()); ok {
		in.cross = crossWords(lp, buy, best, lp.cursorPrice())
	}
	return m.submit(in)
}

// marketable reports whether a buy (or sell) at p in the shown terms
// crosses the market, and the opposite best level it would trade with.
func (lp *ladderPane) marketable(buy bool, p model.Price) (model.Level, bool) {
	if !lp.hasBook() {
		return model.Level{}, false
	}
	if buy {
		ask, ok := lp.book.Book.BestAsk(lp.terms)
		return ask, ok && p >= ask.Price
	}
	bid, ok := lp.book.Book.BestBid(lp.terms)
	return bid, ok && p <= bid.Price
}

// crossWords says what a marketable order does: "takes the best offer
// 57¢ ×80, limit 70¢" (a taker trade, at once).
func crossWords(lp *ladderPane, buy bool, best model.Level, limit model.Price) string {
	where := "best offer"
	if !buy {
		where = "best bid"
	}
	s := "takes the " + where + " " + lp.pf.text(best.Price) + " ×" + qtyText(best.Qty)
	if limit != best.Price {
		s += ", limit " + lp.pf.text(limit)
	}
	return s
}

// takeBest crosses the spread with an immediate-or-cancel limit at the best
// offer (buy) or best bid (sell): Kalshi has no market orders.
func (m *Model) takeBest(lp *ladderPane, buy bool) tea.Cmd {
	if why, hint := m.entryBlocked(lp); why != "" {
		m.sayHint(lvlBad, "not sent: "+why, hint)
		return nil
	}
	b := lp.book.Book
	var lvl model.Level
	var ok bool
	if buy {
		lvl, ok = b.BestAsk(lp.terms)
	} else {
		lvl, ok = b.BestBid(lp.terms)
	}
	if !ok {
		if buy {
			m.say(lvlWarn, "not sent: nothing offered to buy from")
		} else {
			m.say(lvlWarn, "not sent: no bid to sell to")
		}
		return nil
	}
	return m.submit(intent{kind: intentPlace, req: m.orderFor(lp, buy, lvl.Price, model.IOC)})
}

// submit runs the pre-trade checks on an intent, then either asks for
// confirmation or sends it. A refusal explains itself on the message line.
func (m *Model) submit(in intent) tea.Cmd {
	in, err := m.prepare(in)
	if err != nil {
		var be blockedError
		if errors.As(err, &be) {
			m.sayHint(lvlBad, "not sent: "+be.why, be.hint)
			return nil
		}
		m.say(lvlBad, "not sent: "+err.Error())
		return nil
	}
	return m.dispatch(in)
}

// blockedError is an entry block (kill switch, stale book...) with the
// hint that says how it ends.
type blockedError struct{ why, hint string }

func (e blockedError) Error() string { return e.why }

// prepare applies the entry blocks and the pre-trade checks, records a
// far-from-market warning, and names a new order.
func (m *Model) prepare(in intent) (intent, error) {
	lp := m.ladderFor(in.ticker())
	if lp == nil {
		return in, errors.New("no ladder open for " + in.ticker())
	}
	if why, hint := m.entryBlocked(lp); why != "" {
		return in, blockedError{why: why, hint: hint}
	}
	warn, err := m.checkIntent(lp, in)
	if err != nil {
		return in, err
	}
	in.warn = warn
	if in.kind == intentPlace && in.req.ClientOrderID == "" {
		// Named before the first attempt, so the confirmation shows the
		// exact body and a retry can never place it twice.
		in.req.ClientOrderID = m.opts.NewClientOrderID()
	}
	return in, nil
}

// dispatch confirms a prepared intent when the policy or a warning asks
// for it, and sends it otherwise.
func (m *Model) dispatch(in intent) tea.Cmd {
	crossAsks := in.cross != "" && m.opts.Confirm.Mode != ConfirmNever
	if in.warn != "" || crossAsks || m.needsConfirm(in) {
		return m.openOrderDialog(in, m.termsFor(in.ticker()))
	}
	return m.send(in)
}

// needsConfirm applies the confirmation policy to placements.
func (m *Model) needsConfirm(in intent) bool {
	if in.kind != intentPlace {
		return m.opts.Confirm.Mode == ConfirmAlways
	}
	return m.opts.Confirm.needs(in.req.Count, orderCost(in.req))
}

// orderCost is what an order costs if it fills completely: YES price for a
// bid, NO price (1 − YES) for an ask.
func orderCost(req model.CreateOrderRequest) model.Money {
	if req.Side == model.Ask {
		return model.Notional(req.Price.Complement(), req.Count)
	}
	return model.Notional(req.Price, req.Count)
}

// send performs an intent that passed its checks (and confirmation).
func (m *Model) send(in intent) tea.Cmd {
	t := m.writer()
	if t == nil {
		m.say(lvlBad, "not sent: "+m.readOnlyWord())
		return nil
	}
	// Order entry runs under the entry generation's context, which the
	// kill switch cancels; cancels never do.
	ctx := m.entryContext()
	switch in.kind {
	case intentAmend:
		var before myOrder
		if o := m.store.get(in.orderID); o != nil {
			before = *o
		}
		m.store.setState([]string{in.orderID}, stateAmending)
		rem := in.amend.Count - before.Filled
		m.say(lvlInfo, amendVerbing(before, in.amend.Price, rem)+" "+m.amendWords(before, in.amend.Price, rem)+"…")
		return amendOrder(ctx, t, in.orderID, in.amend, before)
	default:
		// Projected before the order joins the in-flight ones it counts.
		m.sent[in.req.ClientOrderID] = sentOrder{crossed: in.cross != "", before: m.projectedPosition(in.req.Ticker)}
		m.store.addPending(in.req, m.now)
		what := describeOrder(in.req, m.termsFor(in.req.Ticker), m.priceFormatFor(in.req.Ticker))
		if in.cross != "" {
			m.sayHint(lvlWarn, "sending "+what+"…", "crossed: trades as taker")
		} else {
			m.say(lvlInfo, "sending "+what+"…")
		}
		return createOrder(ctx, t, in.req)
	}
}

// cancelAtLevel cancels my orders at the cursor price in this market: one
// cancel, or one batch when there are several.
func (m *Model) cancelAtLevel(lp *ladderPane) tea.Cmd {
	p := lp.yes(lp.cursorPrice())
	orders := m.store.atLevel(lp.ticker, p)
	inFlight := m.store.cancelPending(func(o *myOrder) bool { return o.Ticker == lp.ticker && o.Price == p })
	if len(orders) == 0 {
		if inFlight > 0 {
			m.say(lvlInfo, "will cancel the order in flight at "+lp.pf.text(lp.cursorPrice())+" when it lands")
			return nil
		}
		m.say(lvlWarn, "no order of yours at "+lp.pf.text(lp.cursorPrice()))
		return nil
	}
	return m.cancelOrders(orders, cancelLevel)
}

// cancelMarket cancels all my orders in the ladder's market as one batch
// cancel (split only if it exceeds the exchange's batch maximum).
func (m *Model) cancelMarket(lp *ladderPane) tea.Cmd {
	orders := m.store.working(lp.ticker)
	inFlight := m.store.cancelPending(func(o *myOrder) bool { return o.Ticker == lp.ticker })
	if len(orders) == 0 {
		if inFlight > 0 {
			m.say(lvlInfo, fmt.Sprintf("will cancel %d order(s) in flight when they land", inFlight))
			return nil
		}
		m.say(lvlWarn, "no working orders in "+lp.ticker)
		return nil
	}
	return m.cancelOrders(orders, cancelMarket)
}

// cancelOrders cancels a set of my orders: a single cancel for one order,
// batch cancels otherwise. Cancels are never blocked: they only reduce risk.
func (m *Model) cancelOrders(orders []*myOrder, why cancelReason) tea.Cmd {
	t := m.writer()
	if t == nil {
		m.say(lvlBad, m.readOnlyWord()+": cannot cancel")
		return nil
	}
	var list []string
	for _, o := range orders {
		if o.ID != "" && o.State != stateCancelling {
			list = append(list, o.ID)
		}
	}
	if len(list) == 0 {
		m.say(lvlInfo, "already cancelling")
		return nil
	}
	m.store.setState(list, stateCancelling)
	if len(list) == 1 && why != cancelMarket {
		o := m.store.get(list[0])
		m.say(lvlInfo, "cancelling "+m.orderWords(o)+"…")
		return cancelOrder(m.ctx, t, list[0], o.Ticker)
	}
	var cmds []tea.Cmd
	for _, chunk := range chunks(list, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, t, chunk, why))
	}
	m.say(lvlInfo, fmt.Sprintf("%s: cancelling %d…", reasonWord(why), len(list)))
	return tea.Batch(cmds...)
}

// moveKey picks up my order at the cursor, or drops the picked-up order at
// the cursor price (an amend).
func (m *Model) moveKey(lp *ladderPane) tea.Cmd {
	p := lp.yes(lp.cursorPrice())
	if m.moving == "" {
		orders := m.store.atLevel(lp.ticker, p)
		if len(orders) == 0 {
			m.say(lvlWarn, "no order of yours at "+lp.pf.text(lp.cursorPrice())+" to pick up")
			return nil
		}
		m.moving = orders[0].ID
		m.sayHint(lvlInfo, "picked up "+m.orderWords(orders[0]),
			"move the cursor, "+firstKey(m.keys.Ladder.Move)+" again places it")
		return nil
	}
	o := m.store.get(m.moving)
	m.moving = ""
	if o == nil || o.Ticker != lp.ticker {
		m.say(lvlWarn, "the picked-up order is gone")
		return nil
	}
	if o.Price == p {
		m.say(lvlInfo, "put back at "+lp.pf.text(lp.cursorPrice()))
		return nil
	}
	return m.submit(intent{kind: intentAmend, orderID: o.ID, amend: model.AmendOrderRequest{
		Ticker: o.Ticker, Side: o.Side, Price: p, Count: o.Filled + o.Remaining,
	}})
}

package ui

import (
	"strings"

	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/ladder"
	"ladder/ui/text"
)

// ladderKey handles the focused ladder: navigation and order entry.
func (m *Model) ladderKey(msg tea.KeyPressMsg) tea.Cmd {
	lp := m.activeLadder()
	if lp == nil {
		return nil
	}
	k := m.keys.Ladder
	if key.Matches(msg, k.Count) {
		m.setCount(msg)
		return nil
	}
	count := m.takeCount() // for the next key only
	for i, b := range k.Presets() {
		if key.Matches(msg, b) {
			if i < len(m.opts.QtyPresets) {
				m.qty = m.opts.QtyPresets[i]
				m.say(lvlInfo, "quantity "+m.qty.Short())
			}
			return nil
		}
	}
	if lp.HandleKey(msg) { // the pane's own navigation: the ladder is in use
		lp.Touch(m.now)
		return nil
	}
	switch {
	case key.Matches(msg, k.ToggleTerms):
		lp.ToggleTerms()
		m.sayTerms(lp)
	case key.Matches(msg, k.Bid):
		return m.placeAtCursor(lp, true)
	case key.Matches(msg, k.Ask):
		return m.placeAtCursor(lp, false)
	case key.Matches(msg, k.BuyNow):
		return m.takeLevels(lp, true, count)
	case key.Matches(msg, k.SellNow):
		return m.takeLevels(lp, false, count)
	case key.Matches(msg, k.JoinBid):
		return m.join(lp, true)
	case key.Matches(msg, k.JoinAsk):
		return m.join(lp, false)
	case key.Matches(msg, k.Zoom):
		m.zoom(lp)
	case key.Matches(msg, k.PnL):
		m.togglePnL(lp)
	case key.Matches(msg, k.CancelLevel):
		return m.cancelAtLevel(lp)
	case key.Matches(msg, k.CancelAll):
		return m.cancelMarket(lp)
	case key.Matches(msg, k.Flatten):
		return m.flatten(lp)
	case key.Matches(msg, k.Move):
		return m.moveKey(lp)
	case key.Matches(msg, k.Ticket):
		m.openTicket(lp)
	case key.Matches(msg, k.QtyUp):
		m.stepQuantity(1)
	case key.Matches(msg, k.QtyDown):
		m.stepQuantity(-1)
	case key.Matches(msg, k.Close):
		m.closeLadder()
	}
	return nil
}

// stepQuantity moves the order quantity one step and says the new one.
func (m *Model) stepQuantity(dir int) {
	m.qty = stepQty(m.qty, dir)
	m.say(lvlInfo, "quantity "+m.qty.Short())
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
func (m *Model) orderFor(lp entryMarket, buy bool, p model.Price, tif model.TimeInForce) model.CreateOrderRequest {
	side := model.Bid
	if !buy {
		side = model.Ask
	}
	if lp.Terms() == model.NoTerms {
		side = side.Opposite()
	}
	return model.CreateOrderRequest{
		Ticker:      lp.Ticker(),
		Side:        side,
		Count:       m.qty,
		Price:       lp.Yes(p),
		TimeInForce: tif,
		STP:         model.STPTakerAtCross,
		Subaccount:  m.sub,
	}
}

// describeOrder puts a request in words in the ladder's terms:
// "BUY 10 YES @ 56¢ GTC", or in NO terms "BUY 10 NO @ 44¢ GTC".
func (m *Model) describeOrder(req model.CreateOrderRequest, terms model.Terms, pf text.PriceFormat) string {
	verb, outcome, p := text.SideWord(req.Side), "YES", req.Price
	if terms == model.NoTerms {
		verb, outcome, p = text.SideWord(req.Side.Opposite()), "NO", req.Price.Complement()
	}
	s := fmt.Sprintf("%s %s %s @ %s %s", verb, req.Count.Short(), outcome, pf.Format(p), req.TimeInForce.Short())
	if req.PostOnly {
		s += " post-only"
	}
	if req.ReduceOnly {
		s += " reduce-only"
	}
	return s + " " + m.names.Short(req.Ticker)
}

// sayTerms says which terms the ladder shows now and what the keys do in
// them: pressing the terms key by mistake (a second n after a dialog's
// dismiss) must not silently turn the next b into a NO buy.
func (m *Model) sayTerms(lp *ladder.Pane) {
	b, s := keys.First(m.keys.Ladder.Bid), keys.First(m.keys.Ladder.Ask)
	if lp.Terms() == model.NoTerms {
		m.sayHint(lvlWarn, "now in NO terms: "+b+" buys NO, "+s+" sells NO", keys.First(m.keys.Ladder.ToggleTerms)+" goes back to YES")
		return
	}
	m.sayHint(lvlInfo, "now in YES terms: "+b+" buys YES, "+s+" sells YES", keys.First(m.keys.Ladder.ToggleTerms)+" for NO terms")
}

// intentKind says what an intent will send.
type intentKind int

const (
	intentPlace intentKind = iota // CreateOrder
	intentAmend                   // AmendOrder (move, resize)
)

// intent is an order action on its way through the one order-entry path:
// the same entry blocks, desk checks, confirmations and words whether it
// came from a key, the ticket or a later input method.
type intent struct {
	kind    intentKind
	req     model.CreateOrderRequest // place
	orderID string                   // amend
	amend   model.AmendOrderRequest  // amend
	// take marks an explicit take (the buy-now and sell-now keys): it
	// crosses by design, so crossing needs no confirmation of its own.
	take    bool
	verdict desk.Verdict // what the desk's checks say it does
	warn    string       // far-from-market and similar warnings
	cross   string       // marketable: what it trades at once
}

func (in intent) ticker() string {
	if in.kind == intentAmend {
		return in.amend.Ticker
	}
	return in.req.Ticker
}

func (in intent) deskIntent() desk.Intent {
	if in.kind == intentAmend {
		return desk.Intent{AmendID: in.orderID, Amend: in.amend}
	}
	return desk.Intent{Req: in.req}
}

// entryBlocked says why no new order may be sent in this market right now
// ("" when entry is open), with a hint on how the block ends. Cancels are
// never blocked.
func (m *Model) entryBlocked(lp entryMarket) (why, hint string) {
	_, why, hint = m.blockReason(lp)
	return why, hint
}

// staleWordsMax is the longest stale reason the ladder header shows.
const staleWordsMax = 20

// blockReason is entryBlocked in two lengths: a few words for the ladder
// header and a short sentence for the message line, plus its hint.
func (m *Model) blockReason(lp entryMarket) (short, long, hint string) {
	unlock := keys.First(m.keys.Global.Unlock) + " unlocks"
	switch l := m.desk.View().Lock; {
	case m.opts.ReadOnly:
		word := m.readOnlyWord()
		return strings.ToUpper(word) + " " + m.opts.Env, word + " " + m.opts.Env + ": order entry is disabled", ""
	case l.Reason == desk.LockKill && l.By != "":
		return "LOCKED by " + l.By, "entry LOCKED by the kill switch (" + l.By + ")", unlock
	case l.Reason == desk.LockKill:
		return "LOCKED by kill switch", "entry LOCKED by the kill switch", unlock
	case l.Reason == desk.LockLoss:
		return "LOCKED by daily loss limit", "entry LOCKED: session P&L " + text.SignedMoney(l.PnL) + " is below -" + text.Money(l.Limit), unlock
	case l.Reason == desk.LockGuard:
		return "LOCKED by exchange guard", "entry LOCKED: the exchange's order-group guard tripped", unlock
	case m.quitting:
		return "quitting", "quitting", ""
	}
	if id := m.desk.UnknownIn(lp.Ticker()); id != "" {
		return "UNKNOWN order, reconciling", "UNKNOWN outcome in " + m.names.Short(lp.Ticker()) + ", reconciling", "entry resumes when it is found"
	}
	if stale, why := lp.Stale(); stale {
		// The ladder header has room for a short reason only: a long one
		// ("no answer from the exchange") would be cut mid-word there, so
		// it is left to the message line and the status bar.
		short := "STALE"
		if len(why) <= staleWordsMax {
			short += ": " + why
		}
		return short, "book stale (" + why + ")", ""
	}
	if mk := lp.Market(); mk.Status != "" && !mk.Open() {
		s := mk.Status
		return "market " + s, "market " + s, ""
	}
	return "", "", ""
}

// marketFor is what the desk's checks need to know of a ladder's market.
func marketFor(lp entryMarket) desk.Market {
	mk := desk.Market{Grid: lp.Grid()}
	if lp.HasBook() {
		mk.Book = lp.Book()
	}
	return mk
}

// placeAtCursor bids (buy) or offers (sell) the current quantity at the
// cursor price, good till cancelled. A price at or through the opposite
// best price is marketable: it trades at once as taker, which the one-key
// entry must not do silently (the checks find it, the dialog asks).
func (m *Model) placeAtCursor(lp *ladder.Pane, buy bool) tea.Cmd {
	if lp.Zoom() > 1 {
		// A zoomed row is several prices: the ticket asks which.
		m.placeZoomed(lp, buy)
		return nil
	}
	return m.submit(intent{kind: intentPlace, req: m.orderFor(lp, buy, lp.CursorPrice(), model.GTC)})
}

// crossWords says what a marketable order does, in the shown terms:
// "takes the best offer 57¢ ×80, limit 70¢" (a taker trade, at once).
func crossWords(lp entryMarket, side model.BookSide, best model.Level, limit model.Price) string {
	buy := (side == model.Bid) != (lp.Terms() == model.NoTerms)
	where := "best offer"
	if !buy {
		where = "best bid"
	}
	bp, lim := lp.InTerms(best.Price), lp.InTerms(limit)
	s := "takes the " + where + " " + lp.PriceFormat().Format(bp) + " ×" + text.Qty(best.Qty)
	if lim != bp {
		s += ", limit " + lp.PriceFormat().Format(lim)
	}
	return s
}

// bestLevel is the ladder's best bid (bid true) or best offer, in its terms.
func bestLevel(lp *ladder.Pane, bid bool) (model.Level, bool) {
	if bid {
		return lp.Book().BestBid(lp.Terms())
	}
	return lp.Book().BestAsk(lp.Terms())
}

// takeBest crosses the spread with an immediate-or-cancel limit at the best
// offer (buy) or best bid (sell): Kalshi has no market orders.
func (m *Model) takeBest(lp *ladder.Pane, buy bool) tea.Cmd {
	if why, hint := m.entryBlocked(lp); why != "" {
		m.sayHint(lvlBad, "not sent: "+why, hint)
		return nil
	}
	lvl, ok := bestLevel(lp, !buy)
	if !ok {
		if buy {
			m.say(lvlWarn, "not sent: nothing offered to buy from")
		} else {
			m.say(lvlWarn, "not sent: no bid to sell to")
		}
		return nil
	}
	return m.submit(intent{kind: intentPlace, req: m.orderFor(lp, buy, lvl.Price, model.IOC), take: true})
}

// submit runs the entry blocks and the desk's checks on an intent, then
// either asks for confirmation or sends it. A refusal explains itself on
// the message line.
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

// prepare applies the entry blocks and the desk's checks, words what the
// checks found (far from the market, marketable), names a new order and
// puts it in the session's order group.
func (m *Model) prepare(in intent) (intent, error) {
	lp := m.entryMarketFor(in.ticker())
	if lp == nil {
		return in, errors.New("unknown market " + in.ticker())
	}
	if why, hint := m.entryBlocked(lp); why != "" {
		return in, blockedError{why: why, hint: hint}
	}
	if in.kind == intentPlace && in.req.Subaccount == 0 {
		// The session's order group is the primary's: the exchange refuses
		// another subaccount's order in it.
		in.req.OrderGroupID = m.desk.OrderGroup()
	}
	v, err := m.desk.Check(in.deskIntent(), marketFor(lp))
	if err != nil {
		return in, err
	}
	in.verdict = v
	side, price := in.req.Side, in.req.Price
	if in.kind == intentAmend {
		side, price = in.amend.Side, in.amend.Price
	}
	in.warn = farWords(v.Far, side, price, lp.Terms(), lp.PriceFormat())
	if v.Marketable && !in.take {
		in.cross = crossWords(lp, side, v.Best, price)
	}
	if in.kind == intentPlace && in.req.ClientOrderID == "" {
		// Named before the first attempt, so the confirmation shows the
		// exact body and a retry can never place it twice.
		in.req.ClientOrderID = m.opts.NewClientOrderID()
	}
	return in, nil
}

// dispatch confirms a prepared intent when the policy, a warning or a
// marketable price asks for it, and sends it otherwise.
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
	return m.opts.Confirm.needs(in.req.Count, desk.OrderCost(in.req))
}

// send performs an intent that passed its checks (and confirmation). A
// create is reserved with the desk first, which checks it once more under
// its lock against everything else in flight, so two orders that each fit
// a limit alone can never both leave.
func (m *Model) send(in intent) tea.Cmd {
	t := m.writer()
	if t == nil {
		m.say(lvlBad, "not sent: "+m.readOnlyWord())
		return nil
	}
	// Order entry runs under the entry generation's context, which a lock
	// cancels; cancels never do.
	ctx := m.entryContext()
	switch in.kind {
	case intentAmend:
		before, ok := m.desk.BeginAmend(in.orderID)
		if !ok {
			m.say(lvlWarn, "not sent: the order is no longer working")
			return nil
		}
		rem := in.amend.Count - before.Filled
		m.say(lvlInfo, amendVerbing(before, in.amend.Price, rem)+" "+m.amendWords(before, in.amend.Price, rem)+"…")
		m.sentOrder = true
		return amendOrder(ctx, t, in.orderID, in.amend, before)
	default:
		var mk desk.Market
		if lp := m.entryMarketFor(in.req.Ticker); lp != nil {
			mk = marketFor(lp)
		}
		before, err := m.desk.Reserve(in.req, mk, desk.ReserveOptions{})
		if err != nil {
			m.say(lvlBad, "not sent: "+err.Error())
			return nil
		}
		m.sent[in.req.ClientOrderID] = sentOrder{crossed: in.cross != "", before: before}
		what := m.describeOrder(in.req, m.termsFor(in.req.Ticker), m.priceFormatFor(in.req.Ticker))
		if in.cross != "" {
			m.sayHint(lvlWarn, "sending "+what+"…", "crossed: trades as taker")
		} else {
			m.say(lvlInfo, "sending "+what+"…")
		}
		m.sentOrder = true
		return createOrder(ctx, t, in.req)
	}
}

// cancelAtLevel cancels my orders at the cursor price in this market: one
// cancel, or one batch when there are several.
func (m *Model) cancelAtLevel(lp *ladder.Pane) tea.Cmd {
	lo, hi := lp.CursorRange()
	where := lp.RowLabel(lo, hi)
	var orders []desk.Order
	inFlight := 0
	for p := lo; ; {
		yes := lp.Yes(p)
		orders = append(orders, m.view().AtLevel(lp.Ticker(), yes)...)
		inFlight += m.desk.FlagInFlight(lp.Ticker(), yes)
		next, ok := lp.Grid().Next(p)
		if !ok || next > hi {
			break
		}
		p = next
	}
	if len(orders) == 0 {
		if inFlight > 0 {
			m.say(lvlInfo, "will cancel the order in flight at "+where+" when it lands")
			return nil
		}
		m.say(lvlWarn, "no order of yours at "+where)
		return nil
	}
	return m.cancelOrders(orders, cancelLevel)
}

// cancelMarket cancels all my orders in the ladder's market as one batch
// cancel (split only if it exceeds the exchange's batch maximum).
func (m *Model) cancelMarket(lp entryMarket) tea.Cmd {
	orders := m.view().WorkingIn(lp.Ticker())
	inFlight := m.desk.FlagInFlight(lp.Ticker(), 0)
	if len(orders) == 0 {
		if inFlight > 0 {
			m.say(lvlInfo, fmt.Sprintf("will cancel %d order(s) in flight when they land", inFlight))
			return nil
		}
		m.say(lvlWarn, "no working orders in "+lp.Ticker())
		return nil
	}
	return m.cancelOrders(orders, cancelMarket)
}

// cancelOrders cancels a set of my orders: a single cancel for one order,
// batch cancels otherwise, counted in a tally that tells cancelled,
// already filled and already gone apart. Cancels are never blocked: they
// only reduce risk.
func (m *Model) cancelOrders(orders []desk.Order, why cancelReason) tea.Cmd {
	t := m.writer()
	if t == nil {
		m.say(lvlBad, m.readOnlyWord()+": cannot cancel")
		return nil
	}
	ids := make([]string, 0, len(orders))
	for _, o := range orders {
		if o.ID != "" {
			ids = append(ids, o.ID)
		}
	}
	list := m.desk.StartCancel(ids)
	if len(list) == 0 {
		m.say(lvlInfo, "already cancelling")
		return nil
	}
	m.sentOrder = true
	if len(list) == 1 && why != cancelMarket && why != cancelFlatten {
		o, _ := m.desk.View().Order(list[0])
		m.say(lvlInfo, "cancelling "+m.orderWords(o)+"…")
		return cancelOrder(m.ctx, t, list[0], o.Ticker, 0)
	}
	ticker := ""
	if len(orders) > 0 {
		ticker = orders[0].Ticker
	}
	tally := m.desk.BeginTally(tallyKind(why), ticker, list)
	var cmds []tea.Cmd
	for _, chunk := range chunks(list, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, t, chunk, why, tally))
	}
	if tl, ok := m.desk.Tally(tally); ok {
		m.sayTally(tl)
	}
	return tea.Batch(cmds...)
}

// moveKey picks up my order at the cursor, or drops the picked-up order at
// the cursor price (an amend).
func (m *Model) moveKey(lp *ladder.Pane) tea.Cmd {
	p := lp.Yes(lp.CursorPrice())
	v := m.view()
	if lo, hi := lp.CursorRange(); lo != hi {
		m.sayHint(lvlWarn, "a zoomed row is "+lp.RowLabel(lo, hi), keys.First(m.keys.Ladder.Zoom)+" back to one tick per row to pick up or place at a price")
		return nil
	}
	if m.moving == "" {
		orders := v.AtLevel(lp.Ticker(), p)
		if len(orders) == 0 {
			m.say(lvlWarn, "no order of yours at "+lp.PriceFormat().Format(lp.CursorPrice())+" to pick up")
			return nil
		}
		m.moving = orders[0].ID
		m.sayHint(lvlInfo, "picked up "+m.orderWords(orders[0]),
			"move the cursor, "+keys.First(m.keys.Ladder.Move)+" again places it")
		return nil
	}
	o, ok := v.Order(m.moving)
	m.moving = ""
	if !ok || o.Ticker != lp.Ticker() {
		m.say(lvlWarn, "the picked-up order is gone")
		return nil
	}
	if o.Price == p {
		m.say(lvlInfo, "put back at "+lp.PriceFormat().Format(lp.CursorPrice()))
		return nil
	}
	return m.submit(intent{kind: intentAmend, orderID: o.ID, amend: model.AmendOrderRequest{
		Ticker: o.Ticker, Side: o.Side, Price: p, Count: o.Filled + o.Remaining,
	}})
}

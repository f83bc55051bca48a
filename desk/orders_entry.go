package desk

import (
	"slices"
	"time"

	"ladder/model"
)

// The answers to a dashboard's own order commands: creates, cancels and
// amends. Each is applied by the dashboard that sent the command, in its
// Update; the feed may have said more since, which versions sort out.

// Reserve records a create about to be sent, after checking it again
// under the desk's lock: the entry lock, an unknown outcome in its
// market, and every limit, counting the creates already in flight. So two
// dashboards (or two quick keys in one) can never both pass a limit only
// one of them fits. The create stays in flight, counted by every check,
// until its answer (Acknowledge, Rejected, Withdrawn or Unknown). It
// returns the projected position before the order, for the flip words.
func (d *Desk) Reserve(req model.CreateOrderRequest, mk Market, opt ReserveOptions) (model.Qty, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if req.ClientOrderID == "" {
		return 0, refuse(RuleInvalid, "order has no client_order_id")
	}
	if _, dup := d.pending[req.ClientOrderID]; dup {
		return 0, refuse(RuleInvalid, "order %s is already in flight", req.ClientOrderID)
	}
	if !opt.Flatten {
		if err := d.blockedLocked(req.Ticker); err != nil {
			return 0, err
		}
	}
	if _, err := d.checkLocked(Intent{Req: req}, mk, !opt.Flatten); err != nil {
		return 0, err
	}
	before := d.projectedLocked(req.Subaccount, req.Ticker)
	o := &order{Order: Order{
		ClientID: req.ClientOrderID, Ticker: req.Ticker, Side: req.Side, Price: req.Price,
		Remaining: req.Count, TIF: req.TimeInForce, Created: d.cfg.Now(), State: Pending, GroupID: req.OrderGroupID,
		Subaccount: req.Subaccount,
	}, before: before}
	if req.ExpirationTime > 0 {
		o.Expires = time.Unix(req.ExpirationTime, 0)
	}
	d.pending[req.ClientOrderID] = o
	d.changed()
	return before, nil
}

// ReserveOptions qualify a Reserve.
type ReserveOptions struct {
	// Flatten is the closing order of a flatten: reduce-only, so it is
	// allowed while entry is locked and outside the exposure limits.
	Flatten bool
}

// Ack is what the desk made of a create's successful answer.
type Ack struct {
	Rests bool // part of the order rests on the book
	// Before is the projected position when the order was sent.
	Before model.Qty
}

// Acknowledge applies a create's successful answer. The feed may have
// reported the order first (its state is newer and kept) or even its end
// (then nothing rests). An order that rests although a cancel covering it
// was asked for while it was in flight, or that lands while entry is
// locked, is queued for TakeCancelsDue.
func (d *Desk) Acknowledge(clientID string, resp model.CreateOrderResponse) Ack {
	d.mu.Lock()
	defer d.mu.Unlock()
	defer d.changed()
	p := d.pending[clientID]
	delete(d.pending, clientID)
	id := resp.OrderID
	if p == nil {
		// Reconciled by the feed already.
		_, rests := d.orders[id]
		return Ack{Rests: rests}
	}
	ack := Ack{Before: p.before}
	if c := resp.FillCount - p.filledSeen; c > 0 && id != "" {
		d.addCredit(id, p.Subaccount, p.Ticker, p.Side, p.Price, c)
	}
	if id == "" {
		return ack
	}
	if tb, ended := d.gone.get(id); ended && !tb.revives(&exState{o: Order{Remaining: resp.RemainingCount, Version: resp.TsMs}}) {
		return ack
	}
	if cur := d.orders[id]; cur != nil {
		ack.Rests = true
		if p.cancelOnAck || d.lockCovers(p.Subaccount) {
			d.markDue(id)
		}
		return ack
	}
	if resp.RemainingCount <= 0 || p.TIF == model.IOC || p.TIF == model.FOK {
		return ack
	}
	if resp.TsMs > 0 && resp.TsMs < d.snapTs {
		// A resting-orders snapshot served after this order was created
		// did not list it: it no longer rests (its end was missed while
		// the feed was down). Never a guess: both times are the exchange's.
		return ack
	}
	rec := &order{Order: p.Order}
	rec.ID, rec.Remaining, rec.Filled, rec.State = id, resp.RemainingCount, resp.FillCount, Working
	rec.Version = resp.TsMs
	rec.Unconfirmed = d.sync.reconciling
	d.orders[id] = rec
	ack.Rests = true
	if p.cancelOnAck || d.lockCovers(p.Subaccount) {
		d.markDue(id)
	}
	return ack
}

// Rejected forgets a create the exchange refused.
func (d *Desk) Rejected(clientID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.pending, clientID)
	d.changed()
}

// Withdrawn forgets a create stopped before it was sent (an entry lock
// ended its entry generation while it waited for rate-limit tokens) and,
// when the kill switch locked entry, counts it in the kill switch's tally.
func (d *Desk) Withdrawn(clientID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.pending, clientID)
	if d.lock.Reason == LockKill {
		if t := d.tallies.get(d.tallies.kill); t != nil {
			t.withdrawn++
			t.touch()
		}
	}
	d.changed()
}

// CreateUnknown marks a create whose outcome is unknown: its market's
// entry is blocked until a lookup (ApplyOrderLookup) or the feed says
// what happened. It is never resent.
func (d *Desk) CreateUnknown(clientID string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if p := d.pending[clientID]; p != nil {
		p.State = Unknown
	}
	d.changed()
}

// UnknownIn names an order of unknown outcome in a market (its
// client_order_id or order_id), or "".
func (d *Desk) UnknownIn(ticker string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.unknownInLocked(ticker)
}

func (d *Desk) unknownInLocked(ticker string) string {
	var ids []string
	for cid, p := range d.pending {
		if p.Ticker == ticker && p.State == Unknown {
			ids = append(ids, cid)
		}
	}
	for id, o := range d.orders {
		if o.Ticker == ticker && o.State == Unknown {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	slices.Sort(ids)
	return ids[0]
}

// addCredit counts fills an answer reported that the desk has not seen.
func (d *Desk) addCredit(orderID string, sub int, ticker string, side model.BookSide, price model.Price, qty model.Qty) {
	c := d.credits[orderID]
	if c == nil {
		c = &credit{sub: sub, ticker: ticker, side: side, price: price}
		d.credits[orderID] = c
	}
	c.qty += qty
}

// markDue queues an order for TakeCancelsDue once.
func (d *Desk) markDue(id string) {
	if o := d.orders[id]; o != nil && o.State == Cancelling {
		return
	}
	if !slices.Contains(d.due, id) {
		d.due = append(d.due, id)
	}
}

// Due is an order to cancel now, and the tally its cancel counts in (0:
// none).
type Due struct {
	Order Order
	Tally TallyID
}

// TakeCancelsDue returns the orders that landed after a cancel covering
// them was asked for (cancel all, kill switch, quit, flatten) or while
// entry was locked, marked cancelling. Each is returned once, to whichever
// dashboard asks first; while the kill switch holds, they count in its
// tally.
func (d *Desk) TakeCancelsDue() []Due {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.due) == 0 {
		return nil
	}
	var out []Due
	for _, id := range d.due {
		o := d.orders[id]
		if o == nil || o.State == Cancelling {
			continue
		}
		o.State = Cancelling
		due := Due{Order: o.Order}
		if d.lock.Reason == LockKill {
			if t := d.tallies.get(d.tallies.kill); t != nil {
				t.add(id)
				t.touch()
				due.Tally = t.id
			}
		}
		out = append(out, due)
	}
	d.due = d.due[:0]
	d.changed()
	return out
}

// FlagInFlight marks the creates in flight that match (by market, and by
// YES price when price is non-zero) to be cancelled as soon as they are
// known to rest. It returns how many it marked.
func (d *Desk) FlagInFlight(ticker string, price model.Price) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := d.flagInFlightLocked(ticker, price)
	d.changed()
	return n
}

func (d *Desk) flagInFlightLocked(ticker string, price model.Price) int {
	n := 0
	for _, p := range d.pending {
		if (ticker == "" || p.Ticker == ticker) && (price == 0 || p.Price == price) {
			p.cancelOnAck = true
			n++
		}
	}
	return n
}

// StartCancel marks acknowledged orders cancelling and returns the ids of
// those that were not already being cancelled, in the given order.
func (d *Desk) StartCancel(ids []string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, id := range ids {
		if o := d.orders[id]; o != nil && o.State != Cancelling {
			o.State = Cancelling
			out = append(out, id)
		}
	}
	d.changed()
	return out
}

// CancelOutcome is the exchange's answer about one cancelled order.
type CancelOutcome uint8

// Cancel outcomes.
const (
	CancelDone   CancelOutcome = iota // the exchange cancelled it
	CancelGone                        // the exchange no longer has it: filled, cancelled or expired before
	CancelFailed                      // the cancel failed: the order still works
)

// CancelAnswered applies the answer to a cancel of one order, counting it
// in tally t (0: none). errWords explains a failure.
func (d *Desk) CancelAnswered(t TallyID, id string, out CancelOutcome, errWords string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.cancelAnsweredLocked(t, id, out, errWords)
	d.changed()
}

func (d *Desk) cancelAnsweredLocked(t TallyID, id string, out CancelOutcome, errWords string) {
	switch out {
	case CancelFailed:
		if o := d.orders[id]; o != nil {
			o.State = Working
		}
	case CancelDone:
		delete(d.orders, id)
		d.gone.add(id, tomb{status: model.Canceled})
	case CancelGone:
		delete(d.orders, id)
		d.gone.add(id, tomb{})
	}
	if tl := d.tallies.get(t); tl != nil {
		tl.answer(d, id, out, errWords)
		tl.touch()
	}
}

// BatchFailed applies the failure of a whole batch cancel: the orders
// still work.
func (d *Desk) BatchFailed(t TallyID, ids []string, errWords string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, id := range ids {
		d.cancelAnsweredLocked(t, id, CancelFailed, errWords)
	}
	d.changed()
}

// BeginAmend marks an order amending and returns it as it stands.
func (d *Desk) BeginAmend(id string) (Order, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	o := d.orders[id]
	if o == nil {
		return Order{}, false
	}
	before := o.Order
	o.State = Amending
	d.changed()
	return before, true
}

// AmendAnswered applies an amend's successful answer.
func (d *Desk) AmendAnswered(id string, req model.AmendOrderRequest, resp model.AmendOrderResponse) {
	d.mu.Lock()
	defer d.mu.Unlock()
	defer d.changed()
	o := d.orders[id]
	if o == nil {
		return // the feed said it ended meanwhile
	}
	if resp.TsMs != 0 && resp.TsMs < o.Version {
		o.State = Working // the feed already holds something newer
		return
	}
	o.Price = req.Price
	if resp.RemainingCount != nil {
		o.Remaining = *resp.RemainingCount
	}
	if resp.FillCount != nil {
		o.Filled = *resp.FillCount
	}
	o.State = Working
	if resp.TsMs != 0 {
		o.Version = resp.TsMs
	}
	if nid := resp.OrderID; nid != "" && nid != id {
		delete(d.orders, id)
		o.ID = nid
		d.orders[nid] = o
		id = nid
	}
	if o.Remaining <= 0 {
		d.endLocked(id, model.Executed, o.Filled)
	}
}

// AmendFailed applies an amend's failure: the order works as before, or,
// when the outcome is unknown, its market is blocked until reconciled.
func (d *Desk) AmendFailed(id string, unknown bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if o := d.orders[id]; o != nil {
		o.State = Working
		if unknown {
			o.State = Unknown
		}
	}
	d.changed()
}

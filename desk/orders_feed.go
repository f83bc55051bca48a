package desk

import (
	"time"

	"ladder/model"
)

// The exchange's word on my orders: user_order feed updates, the resting
// orders snapshot the stream fetches on every connect, and a market's
// orders looked up to reconcile an unknown outcome.

// exState is one order state as the exchange reported it.
type exState struct {
	o      Order
	status model.OrderStatus
	feed   bool // from the ordered feed (a REST answer may be stale)
}

// resting reports whether the state rests on the book.
func (s *exState) resting() bool {
	return (s.status == model.Resting || s.status == "") && s.o.Remaining > 0
}

func fromUserOrder(u model.UserOrderMsg) exState {
	o := Order{
		ID: u.OrderID, ClientID: u.ClientOrderID, Ticker: u.Ticker, Side: u.BookSide, Price: u.YesPrice,
		Remaining: u.RemainingCount, Filled: u.FillCount, TIF: model.GTC, GroupID: u.OrderGroupID,
		Version: u.LastUpdatedTsMs, Subaccount: subOf(u.SubaccountNumber),
	}
	if u.CreatedTsMs > 0 {
		o.Created = time.UnixMilli(u.CreatedTsMs)
	}
	if u.ExpirationTsMs > 0 {
		o.Expires = time.UnixMilli(u.ExpirationTsMs)
	}
	return exState{o: o, status: u.Status, feed: true}
}

func fromRESTOrder(r model.Order) exState {
	o := Order{
		ID: r.OrderID, ClientID: r.ClientOrderID, Ticker: r.Ticker, Side: r.BookSide, Price: r.YesPrice,
		Remaining: r.RemainingCount, Filled: r.FillCount, TIF: model.GTC, GroupID: r.OrderGroupID,
		Subaccount: subOf(r.SubaccountNumber),
	}
	if r.CreatedTime != nil {
		o.Created = *r.CreatedTime
	}
	if r.ExpirationTime != nil {
		o.Expires = *r.ExpirationTime
	}
	if r.LastUpdateTime != nil {
		o.Version = r.LastUpdateTime.UnixMilli()
	}
	return exState{o: o, status: r.Status}
}

// newer reports whether s may replace the desk's current state cur. A
// later exchange time always wins; at the same millisecond, more filled
// wins, and the ordered feed wins over a REST answer.
func newer(s *exState, cur *order) bool {
	switch {
	case s.o.Version > cur.Version:
		return true
	case s.o.Version < cur.Version:
		return false
	case s.o.Filled != cur.Filled:
		return s.o.Filled > cur.Filled
	}
	return s.feed || cur.Version == 0
}

// applyExchangeLocked applies one exchange state of an order.
func (d *Desk) applyExchangeLocked(s exState) {
	id := s.o.ID
	// A create in flight or of unknown outcome is identified by its
	// client_order_id: this state is its answer.
	if cid := s.o.ClientID; cid != "" {
		if p := d.pending[cid]; p != nil {
			delete(d.pending, cid)
			if p.Ticker == "" {
				p.Ticker = s.o.Ticker
			}
			if p.State == Unknown && s.feed {
				// A lookup's answer is said by whoever asked for it.
				d.note(Note{Kind: NoteReconciled, Order: s.o, Resting: s.resting()})
			}
			if (p.cancelOnAck || d.lockCovers(p.Subaccount)) && s.resting() {
				d.markDue(id)
			}
			if c := s.o.Filled - p.filledSeen; c > 0 && id != "" {
				// Fills the desk has not seen yet will move the position.
				d.addCredit(id, p.Subaccount, p.Ticker, p.Side, p.Price, c)
			}
		}
	}
	if id == "" {
		return
	}
	if tb, ended := d.gone.get(id); ended {
		if !tb.revives(&s) {
			// An ended order never comes back; a later ending only adds detail.
			if !s.resting() {
				d.endLocked(id, s.status, s.o.Filled)
			}
			return
		}
		d.gone.drop(id)
	}
	if !s.resting() {
		if cur := d.orders[id]; cur != nil && !s.feed && s.o.Version != 0 && s.o.Version < cur.Version {
			return // a REST answer older than what the feed said since
		}
		d.endLocked(id, s.status, s.o.Filled)
		return
	}
	cur := d.orders[id]
	if cur == nil {
		rec := &order{Order: s.o}
		rec.State = Working
		d.orders[id] = rec
		return
	}
	if !newer(&s, cur) {
		if s.feed {
			cur.Unconfirmed = false
		}
		return
	}
	state := cur.State
	switch state {
	case Amending:
		if cur.Price != s.o.Price || cur.Remaining != s.o.Remaining {
			state = Working // the amend has landed
		}
	case Unknown:
		state = Working // an amend of unknown outcome, now known
	}
	created, expires, tif, group := cur.Created, cur.Expires, cur.TIF, cur.GroupID
	cur.Order = s.o
	cur.State = state
	if cur.Created.IsZero() {
		cur.Created = created
	}
	if cur.Expires.IsZero() {
		cur.Expires = expires
	}
	if cur.GroupID == "" {
		cur.GroupID = group
	}
	cur.TIF = tif
}

// endLocked forgets an order that no longer rests and tells the tallies.
func (d *Desk) endLocked(id string, status model.OrderStatus, filled model.Qty) {
	delete(d.orders, id)
	d.gone.add(id, tomb{status: status, filled: filled})
	d.tallies.ended(d, id, status)
}

// ApplyOrder applies a user_order update from the feed.
func (d *Desk) ApplyOrder(u model.UserOrderMsg) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.applyExchangeLocked(fromUserOrder(u))
	d.changed()
}

// ApplyRestingOrders applies the full list of resting orders fetched over
// REST after a (re)connect: orders in it are confirmed, acknowledged
// orders missing from it no longer rest. The stream follows it with the
// newest update of every order that changed while it was fetched, which
// restores anything it missed; an order that ended never comes back from
// it. Creates still in flight are kept.
func (d *Desk) ApplyRestingOrders(list []model.Order) {
	d.mu.Lock()
	defer d.mu.Unlock()
	seen := make(map[string]bool, len(list))
	d.snapTs = 0
	for _, r := range list {
		s := fromRESTOrder(r)
		if !s.resting() {
			continue
		}
		d.snapTs = max(d.snapTs, s.o.Version, s.o.Created.UnixMilli())
		seen[s.o.ID] = true
		d.applyExchangeLocked(s)
		if o := d.orders[s.o.ID]; o != nil {
			o.Unconfirmed = false
		}
	}
	for id, o := range d.orders {
		if !seen[id] {
			delete(d.orders, id)
			// Any REST state no newer than the snapshot's newest time is
			// older than the snapshot: it cannot bring the order back.
			d.gone.add(id, tomb{absent: true, ver: max(o.Version, d.snapTs)})
			d.tallies.ended(d, id, "")
		}
	}
	d.sync.reconciling = false
	d.changed()
}

// ApplyOrderLookup applies every order of one market, fetched over REST to
// reconcile an order of unknown outcome there. A create of unknown outcome
// the exchange does not list never happened; an amend of unknown outcome
// whose order is gone leaves nothing. It reports how many unknown
// outcomes were resolved.
func (d *Desk) ApplyOrderLookup(ticker string, list []model.Order) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	before := d.unknownCountLocked(ticker)
	for _, r := range list {
		d.applyExchangeLocked(fromRESTOrder(r))
	}
	for cid, p := range d.pending {
		if p.Ticker == ticker && p.State == Unknown {
			delete(d.pending, cid)
		}
	}
	for id, o := range d.orders {
		if o.Ticker == ticker && o.State == Unknown {
			delete(d.orders, id)
			d.gone.add(id, tomb{})
		}
	}
	d.changed()
	return before - d.unknownCountLocked(ticker)
}

func (d *Desk) unknownCountLocked(ticker string) int {
	n := 0
	for _, p := range d.pending {
		if p.Ticker == ticker && p.State == Unknown {
			n++
		}
	}
	for _, o := range d.orders {
		if o.Ticker == ticker && o.State == Unknown {
			n++
		}
	}
	return n
}

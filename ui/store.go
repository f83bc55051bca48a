package ui

import (
	"slices"
	"strings"
	"time"

	"ladder/model"
)

// orderState is what the dashboard knows about one of my orders.
type orderState int

const (
	stateWorking    orderState = iota // resting on the exchange
	statePending                      // sent, not yet acknowledged
	stateCancelling                   // cancel sent
	stateAmending                     // amend sent
	stateUnknown                      // create outcome unknown: reconciling
)

// myOrder is one of my orders as the dashboard tracks it. Prices are YES
// prices and sides are V2 book sides, whatever terms the ladder shows.
type myOrder struct {
	ID, ClientID string
	Ticker       string
	Side         model.BookSide
	Price        model.Price
	Remaining    model.Qty
	Filled       model.Qty
	TIF          model.TimeInForce
	Created      time.Time
	Expires      time.Time // zero: good till cancelled
	State        orderState
	// CancelOnAck marks an order that was still in flight when a cancel
	// covering it was asked for (cancel all, kill switch, quit): it is
	// cancelled as soon as it is known to rest.
	CancelOnAck bool
}

// orderStore holds my working, pending and unknown orders. It is owned by
// the root model and only touched from Update.
type orderStore struct {
	byID    map[string]*myOrder // acknowledged orders by order_id
	pending map[string]*myOrder // sent or unknown orders by client_order_id
}

func newOrderStore() orderStore {
	return orderStore{byID: map[string]*myOrder{}, pending: map[string]*myOrder{}}
}

// addPending records an order that is about to be sent.
func (s *orderStore) addPending(req model.CreateOrderRequest, now time.Time) {
	o := &myOrder{
		ClientID: req.ClientOrderID, Ticker: req.Ticker, Side: req.Side, Price: req.Price,
		Remaining: req.Count, TIF: req.TimeInForce, Created: now, State: statePending,
	}
	if req.ExpirationTime > 0 {
		o.Expires = time.Unix(req.ExpirationTime, 0)
	}
	s.pending[req.ClientOrderID] = o
}

// acknowledge turns a pending order into a working one after the create
// succeeded. It reports whether anything rests, and whether a cancel was
// asked for while the order was in flight.
func (s *orderStore) acknowledge(clientID, orderID string, remaining, filled model.Qty) (rests, cancel bool) {
	o := s.pending[clientID]
	delete(s.pending, clientID)
	if o == nil || orderID == "" {
		return false, false
	}
	if cur := s.byID[orderID]; cur != nil {
		// A user_order event got here first; it is the fresher state.
		return cur.Remaining > 0, o.CancelOnAck
	}
	o.ID, o.Remaining, o.Filled, o.State = orderID, remaining, filled, stateWorking
	if remaining <= 0 || o.TIF == model.IOC || o.TIF == model.FOK {
		return false, false
	}
	s.byID[orderID] = o
	return true, o.CancelOnAck
}

// cancelPending flags in-flight orders that match, so they are cancelled
// when acknowledged; it returns how many it flagged.
func (s *orderStore) cancelPending(match func(*myOrder) bool) int {
	n := 0
	for _, o := range s.pending {
		if match(o) {
			o.CancelOnAck = true
			n++
		}
	}
	return n
}

// markUnknown flags a pending order whose create outcome is unknown.
func (s *orderStore) markUnknown(clientID string) {
	if o := s.pending[clientID]; o != nil {
		o.State = stateUnknown
	}
}

// drop forgets a pending order (rejected, or reconciled as never placed).
func (s *orderStore) drop(clientID string) { delete(s.pending, clientID) }

// unknownIn returns the client_order_id of an order with an unknown outcome
// in the market, or "".
func (s *orderStore) unknownIn(ticker string) string {
	var ids []string
	for id, o := range s.pending {
		if o.Ticker == ticker && o.State == stateUnknown {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	slices.Sort(ids)
	return ids[0]
}

// apply updates the store from an exchange order state (REST or feed).
// Orders that no longer rest are removed. A pending or unknown order with
// the same client_order_id is reconciled by it; the result reports that,
// and whether a cancel was asked for while it was in flight.
func (s *orderStore) apply(o myOrder, resting bool) (reconciled, cancel bool) {
	if o.ClientID != "" {
		if p, ok := s.pending[o.ClientID]; ok {
			delete(s.pending, o.ClientID)
			reconciled, cancel = true, p.CancelOnAck
		}
	}
	if !resting || o.Remaining <= 0 {
		delete(s.byID, o.ID)
		return reconciled, cancel
	}
	cur := s.byID[o.ID]
	if cur == nil {
		o.State = stateWorking
		s.byID[o.ID] = &o
		return reconciled, cancel
	}
	state := cur.State
	if state == stateAmending && (cur.Price != o.Price || cur.Remaining != o.Remaining) {
		state = stateWorking // the amend has landed
	}
	created, expires := cur.Created, cur.Expires
	*cur = o
	cur.State = state
	if cur.Created.IsZero() {
		cur.Created = created
	}
	if cur.Expires.IsZero() {
		cur.Expires = expires
	}
	return reconciled, cancel
}

// replaceResting makes the store's working orders exactly the given list
// (a full REST reconciliation); pending orders are kept.
func (s *orderStore) replaceResting(orders []myOrder) {
	clear(s.byID)
	for _, o := range orders {
		s.apply(o, true)
	}
}

// setState changes the state of acknowledged orders.
func (s *orderStore) setState(ids []string, st orderState) {
	for _, id := range ids {
		if o := s.byID[id]; o != nil {
			o.State = st
		}
	}
}

// remove forgets acknowledged orders (cancelled).
func (s *orderStore) remove(ids ...string) {
	for _, id := range ids {
		delete(s.byID, id)
	}
}

// get returns an acknowledged order.
func (s *orderStore) get(id string) *myOrder { return s.byID[id] }

// working returns my acknowledged orders, optionally in one market, sorted
// by market, then side (bids first), then price from the top.
func (s *orderStore) working(ticker string) []*myOrder {
	out := make([]*myOrder, 0, len(s.byID))
	for _, o := range s.byID {
		if ticker == "" || o.Ticker == ticker {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, compareOrders)
	return out
}

// pendingList returns sent and unknown orders, sorted like working.
func (s *orderStore) pendingList() []*myOrder {
	out := make([]*myOrder, 0, len(s.pending))
	for _, o := range s.pending {
		out = append(out, o)
	}
	slices.SortFunc(out, compareOrders)
	return out
}

func compareOrders(a, b *myOrder) int {
	if c := strings.Compare(a.Ticker, b.Ticker); c != 0 {
		return c
	}
	if a.Side != b.Side {
		if a.Side == model.Bid {
			return -1
		}
		return 1
	}
	if a.Price != b.Price {
		if a.Price > b.Price {
			return -1
		}
		return 1
	}
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return strings.Compare(a.ClientID, b.ClientID)
}

// atLevel returns my acknowledged orders in a market at a YES price on
// either side.
func (s *orderStore) atLevel(ticker string, price model.Price) []*myOrder {
	var out []*myOrder
	for _, o := range s.byID {
		if o.Ticker == ticker && o.Price == price {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, compareOrders)
	return out
}

// ids returns the order ids of a list.
func ids(orders []*myOrder) []string {
	out := make([]string, len(orders))
	for i, o := range orders {
		out[i] = o.ID
	}
	return out
}

// levelSums adds up my remaining size per YES price in one market, by side,
// counting pending orders separately so the ladder can show them as such.
type levelSums struct {
	bids, asks               map[model.Price]model.Qty
	pendingBids, pendingAsks map[model.Price]model.Qty
}

func (s *orderStore) sums(ticker string) levelSums {
	ls := levelSums{
		bids: map[model.Price]model.Qty{}, asks: map[model.Price]model.Qty{},
		pendingBids: map[model.Price]model.Qty{}, pendingAsks: map[model.Price]model.Qty{},
	}
	for _, o := range s.byID {
		if o.Ticker != ticker {
			continue
		}
		if o.Side == model.Ask {
			ls.asks[o.Price] += o.Remaining
		} else {
			ls.bids[o.Price] += o.Remaining
		}
	}
	for _, o := range s.pending {
		if o.Ticker != ticker {
			continue
		}
		if o.Side == model.Ask {
			ls.pendingAsks[o.Price] += o.Remaining
		} else {
			ls.pendingBids[o.Price] += o.Remaining
		}
	}
	return ls
}

// fromOrder converts a REST order.
func fromOrder(o model.Order) myOrder {
	mo := myOrder{
		ID: o.OrderID, ClientID: o.ClientOrderID, Ticker: o.Ticker, Side: o.BookSide,
		Price: o.YesPrice, Remaining: o.RemainingCount, Filled: o.FillCount, TIF: model.GTC,
	}
	if o.CreatedTime != nil {
		mo.Created = *o.CreatedTime
	}
	if o.ExpirationTime != nil {
		mo.Expires = *o.ExpirationTime
	}
	return mo
}

// fromUserOrder converts a user_order feed message.
func fromUserOrder(o model.UserOrderMsg) myOrder {
	mo := myOrder{
		ID: o.OrderID, ClientID: o.ClientOrderID, Ticker: o.Ticker, Side: o.BookSide,
		Price: o.YesPrice, Remaining: o.RemainingCount, Filled: o.FillCount, TIF: model.GTC,
	}
	if o.CreatedTsMs > 0 {
		mo.Created = time.UnixMilli(o.CreatedTsMs)
	}
	if o.ExpirationTsMs > 0 {
		mo.Expires = time.UnixMilli(o.ExpirationTsMs)
	}
	return mo
}

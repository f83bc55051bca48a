package desk

import (
	"slices"
	"strings"
	"time"

	"ladder/model"
)

// OrderState is what the desk knows about one of my orders.
type OrderState uint8

// Order states.
const (
	Working    OrderState = iota // resting on the exchange
	Pending                      // sent (or queued for tokens), not yet acknowledged
	Cancelling                   // cancel sent
	Amending                     // amend sent
	Unknown                      // the create or amend outcome is unknown: reconciling
)

// String names the state.
func (s OrderState) String() string {
	switch s {
	case Pending:
		return "pending"
	case Cancelling:
		return "cancelling"
	case Amending:
		return "amending"
	case Unknown:
		return "unknown"
	}
	return "working"
}

// Order is one of my orders. Prices are YES prices and sides V2 book
// sides, exactly as sent and as the exchange reports them.
type Order struct {
	ID, ClientID string // ID is empty while a create is in flight
	Ticker       string
	Side         model.BookSide
	Price        model.Price
	Remaining    model.Qty
	Filled       model.Qty
	TIF          model.TimeInForce
	Created      time.Time
	Expires      time.Time // zero: good till cancelled
	State        OrderState
	// Unconfirmed marks a working order shown from before the feed was
	// lost: it may have filled or gone since, until the reconciliation
	// after the reconnect says otherwise.
	Unconfirmed bool
	GroupID     string
	// Subaccount is the subaccount the order trades in (0: the primary).
	Subaccount int
	// Version is the exchange's time (Unix ms) of the state shown; 0 when
	// it never said.
	Version int64
}

// InFlight reports whether the order is a create not yet acknowledged.
func (o *Order) InFlight() bool { return o.State == Pending || (o.ID == "" && o.State == Unknown) }

// order is the desk's record of an Order.
type order struct {
	Order
	// cancelOnAck marks a create that was in flight when a cancel
	// covering it (cancel all, kill switch, quit, flatten) was asked for:
	// it is cancelled as soon as it is known to rest.
	cancelOnAck bool
	// filledSeen counts fills of a create in flight that arrived before
	// its acknowledgement (fills name the client_order_id).
	filledSeen model.Qty
	// before is the projected position when the create was sent.
	before model.Qty
}

// credit is the part of an acknowledged create's fills that the fills
// seen so far do not cover: the position will move by it, so exposure
// counts it until the fills arrive.
type credit struct {
	sub    int
	ticker string
	side   model.BookSide
	price  model.Price
	qty    model.Qty
}

// compareOrders sorts by market, then side (bids first), then price from
// the top, then id.
func compareOrders(a, b *Order) int {
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

// tomb is what the desk remembers of an order that ended.
type tomb struct {
	status model.OrderStatus // canceled, executed, or "" when only known gone
	filled model.Qty
	// absent marks an order a resting-orders snapshot did not list: it may
	// still have been created after the snapshot was served, so the feed
	// may bring it back, and so may a REST answer newer than ver (the
	// version the desk knew when the snapshot removed it). An older REST
	// answer never does.
	absent bool
	ver    int64
}

// revives reports whether an exchange state may bring back an order this
// tombstone marks.
func (tb tomb) revives(s *exState) bool {
	return tb.absent && s.resting() && (s.feed || s.o.Version > tb.ver)
}

// maxTombstones bounds the memory of ended orders; an order older than
// the last maxTombstones endings cannot plausibly reappear in a snapshot.
const maxTombstones = 16384

// tombstones remember ended orders in a bounded FIFO.
type tombstones struct{ boundedMap[string, tomb] }

func newTombstones(n int) tombstones { return tombstones{newBoundedMap[string, tomb](n)} }

// add remembers an ended order; a later, more precise ending (executed
// after "gone") replaces an earlier one.
func (t *tombstones) add(id string, tb tomb) {
	if id == "" {
		return
	}
	if cur, ok := t.get(id); ok && !cur.absent && (cur.status != "" || tb.status == "") {
		return
	}
	t.put(id, tb)
}

// sortedOrders copies records into a sorted slice.
func sortedOrders(m map[string]*order) []Order {
	out := make([]Order, 0, len(m))
	for _, o := range m {
		out = append(out, o.Order)
	}
	slices.SortFunc(out, func(a, b Order) int { return compareOrders(&a, &b) })
	return out
}

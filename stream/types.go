// Package stream is ladder's WebSocket client: one signed connection to
// Kalshi's /trade-api/ws/v2 multiplexing every subscription, sequence-checked
// order books with resync, reconnect with backoff and REST reconciliation,
// a health snapshot, and record/replay of raw frames.
package stream

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"ladder/model"
)

// Authenticator signs the WebSocket upgrade request. *api.Signer satisfies
// it. A nil Authenticator connects unsigned.
type Authenticator interface {
	Sign(method, path string) (http.Header, error)
}

// Reconciler fetches private state over REST after a reconnect so nothing
// that happened while the socket was down is lost. *api.Client satisfies it
// through a small adapter.
type Reconciler interface {
	RestingOrders(ctx context.Context) ([]model.Order, error)
	FillsSince(ctx context.Context, sinceTs int64) ([]model.Fill, error)
	Positions(ctx context.Context) ([]model.MarketPosition, error)
}

// Feed is what a screen reads from the feed: *Client itself, or a view of
// one shared by several screens (hub.View). Books, Tickers, Trades and
// Health are copies or immutable views; must-deliver events are drained
// in order once PrivateReady fires; Changes counts what changed so a
// reader draws at its own pace. SetMarkets never blocks.
type Feed interface {
	SetMarkets(books []string, tickers []string)
	Changes() uint64
	PrivateReady() <-chan struct{}
	DrainPrivate(dst []Delivered) []Delivered
	Books(dst map[string]BookView)
	Tickers(dst map[string]model.TickerMsg)
	Trades(cursor uint64, max int, dst []model.TradeMsg) ([]model.TradeMsg, uint64, uint64)
	Health() Health
}

var _ Feed = (*Client)(nil)

// BookView is a private copy of one subscribed book, handed to the UI by
// Client.Books. Stale books must not be trusted for order entry.
type BookView struct {
	Ticker      string
	Book        *model.OrderBook // private copy; reused across Books calls
	Stale       bool
	StaleReason string
	Version     uint64 // increases whenever the book, its trades or its stale flag change
	// Volume is the contracts traded at each price since the book was
	// subscribed, indexed like Book.Grid().Levels() (YES prices). It is
	// aggregated from every trade the feed delivered, however many the
	// tape skipped, so it is exact.
	Volume []model.Qty
	Last   LastTrade // the newest trade in this market (zero At: none yet)
}

// LastTrade is the newest public trade of a market with its direction
// against the one before it.
type LastTrade struct {
	Price model.Price    // YES price
	Qty   model.Qty      // contracts
	Taker model.BookSide // the side that took liquidity
	Dir   int8           // +1 up, -1 down, 0 unchanged (then the taker's side decides)
	At    time.Time      // receive time
}

// State is the connection state shown in the status bar.
type State int

// Connection states.
const (
	Connecting State = iota // dialling or waiting for the first subscription replies
	Live                    // connected and every book is fresh
	Resyncing               // connected, but at least one book is stale and awaiting a snapshot
	BackingOff              // disconnected, waiting until Health.BackoffUntil to redial
	Down                    // stopped (context done or permanent failure)
	Replaying               // fed from a recording, read-only
	Stalled                 // connected, but the exchange has not answered a ping in time: books are stale
)

// String names the state for the status bar.
func (s State) String() string {
	switch s {
	case Connecting:
		return "connecting"
	case Live:
		return "live"
	case Resyncing:
		return "resyncing"
	case BackingOff:
		return "backing off"
	case Down:
		return "down"
	case Replaying:
		return "replay"
	case Stalled:
		return "stalled"
	}
	return fmt.Sprintf("state(%d)", int(s))
}

// Health is a snapshot of the connection's condition. Every field reflects
// the moment Client.Health was called.
type Health struct {
	State        State
	BackoffUntil time.Time     // when State is BackingOff: the next dial
	LastFrame    time.Time     // receive time of the latest frame (zero before the first)
	MessageAge   time.Duration // local now − ts_ms of the latest timestamped message
	// ReadLag is how far the reader is behind the exchange: the receive
	// time of the newest timestamped frame minus its exchange time, less
	// the smallest such difference seen on this connection (the network
	// and any clock offset). It grows when frames queue in the socket or
	// at the exchange, and is the public data's lag when the copy is taken.
	ReadLag time.Duration
	// Ping is the liveness probe: LastPong is when the exchange last
	// answered, PingDue is how long the current ping has waited (zero when
	// none is outstanding).
	LastPong time.Time
	PingDue  time.Duration
	// PrivatePending counts must-deliver events not yet drained;
	// PrivateOldest is the exchange time of the oldest of them.
	PrivatePending int
	PrivateOldest  time.Time
	MsgsPerSec     float64 // frames per second over a short sliding window
	Gaps           int     // sequence gaps detected
	Resyncs        int     // snapshot requests and resubscriptions issued for stale books
	Reconnects     int     // connections re-established after a disconnect
	Malformed      int     // frames that could not be decoded or made no sense
	Overflows      int     // times the private queue overflowed and was replaced by a REST reconciliation
	BytesReceived  int64
	LastError      string
	LastErrorAt    time.Time
	// ConnectedAt is when the current connection opened (zero while
	// disconnected): an error older than it is one the feed has recovered
	// from by reconnecting.
	ConnectedAt time.Time
	// Refused names the markets in view that the exchange refused to
	// subscribe (unknown markets), with its reason; empty once they leave
	// the view or the exchange accepts them.
	Refused map[string]string
}

// Event is a must-deliver notification, taken with Client.DrainPrivate.
type Event interface{ isEvent() }

// Delivered is one must-deliver event with its timing, so the receiver can
// say how far behind the exchange it is when it applies the event.
type Delivered struct {
	Event Event
	// At is when the exchange produced the event, on the local clock: its
	// timestamp corrected by the connection's offset (see Health.ReadLag),
	// or the receive time when it carries none.
	At time.Time
}

// FillEvent is one of the account's fills, delivered exactly once whether it
// came from the feed or from REST reconciliation (Reconciled true).
type FillEvent struct {
	Fill       model.FillMsg
	Reconciled bool
}

// OrderEvent is a user_order update.
type OrderEvent struct{ Order model.UserOrderMsg }

// RestingOrdersEvent is the full list of resting orders fetched over REST
// after a reconnect; it replaces whatever the UI believed. The list may
// predate user_order updates the feed sent while it was being fetched, so
// it is followed by the newest OrderEvent of each order updated meanwhile.
type RestingOrdersEvent struct{ Orders []model.Order }

// PositionEvent is a market_position update.
type PositionEvent struct{ Position model.PositionMsg }

// PositionsEvent is the full list of positions fetched over REST after a
// reconnect. Like RestingOrdersEvent it is followed by the newest
// PositionEvent of each market updated while it was being fetched.
type PositionsEvent struct{ Positions []model.MarketPosition }

// LifecycleEvent is a market_lifecycle_v2 message.
type LifecycleEvent struct{ Lifecycle model.LifecycleMsg }

// StateEvent reports a change of connection state.
type StateEvent struct{ Health Health }

// ErrorEvent reports a problem the user should see: an error reply to a
// command (*CommandError), a failed dial, a failed reconciliation.
type ErrorEvent struct{ Err error }

// RewoundEvent says a replay is read again from its start (a seek
// backwards): my orders, fills and positions are played again from the
// beginning, so whatever holds them starts empty.
type RewoundEvent struct{}

func (FillEvent) isEvent()          {}
func (OrderEvent) isEvent()         {}
func (RestingOrdersEvent) isEvent() {}
func (PositionEvent) isEvent()      {}
func (PositionsEvent) isEvent()     {}
func (LifecycleEvent) isEvent()     {}
func (StateEvent) isEvent()         {}
func (ErrorEvent) isEvent()         {}
func (RewoundEvent) isEvent()       {}

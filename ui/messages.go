package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
)

// BooksMsg is the feed bridge's lossy, coalesced frame: at most one per
// frame, carrying immutable views of the subscribed books, the latest
// tickers, the public trades since the last frame and the connection
// health. Coalesced counts the notifications folded into it, so saturation
// is visible.
type BooksMsg struct {
	Books   map[string]stream.BookView
	Tickers map[string]model.TickerMsg
	// Trades are the newest public trades since the previous frame, newest
	// first; TradesSkipped counts those that arrived too fast to carry.
	Trades        []model.TradeMsg
	TradesSkipped uint64
	Health        stream.Health
	Coalesced     int
	// CopiedAt is when the bridge took the copy: with Health.ReadLag it
	// says how far behind the exchange the frame is when it is applied.
	CopiedAt time.Time
}

// FeedEventMsg carries one must-deliver stream event (fill, order update,
// position, lifecycle, state change, error) with the time the exchange
// produced it on the local clock (zero: unknown).
type FeedEventMsg struct {
	Event stream.Event
	At    time.Time
}

// FeedBatchMsg is several must-deliver events drained together, in order.
type FeedBatchMsg []FeedEventMsg

// tickMsg refreshes the clock-driven parts of the screen (status bar,
// flashes, dialog arming) several times a second.
type tickMsg struct{}

// marketsLoadedMsg answers the markets loader.
type marketsLoadedMsg struct {
	events []model.Event
	err    error
}

// ordersLoadedMsg answers GetOrders for the market whose unknown order
// prompted the lookup. (My resting orders at start-up come from the
// feed's reconciliation on connect, in order with its events.)
type ordersLoadedMsg struct {
	orders    []model.Order
	reconcile string
	err       error
}

// fillsLoadedMsg answers the start-up GetFills: the fill history listed
// in the fills pane (positions come from the feed's reconciliation).
type fillsLoadedMsg struct {
	fills []model.Fill
	err   error
}

// balanceMsg answers GetBalance.
type balanceMsg struct {
	balance model.Balance
	err     error
}

// orderPlacedMsg answers CreateOrder, tagged with the request.
type orderPlacedMsg struct {
	req  model.CreateOrderRequest
	resp model.CreateOrderResponse
	err  error
}

// orderCanceledMsg answers CancelOrder. tally is the multi-order cancel
// it counts in (a late landing after the kill switch), or 0.
type orderCanceledMsg struct {
	orderID, ticker string
	tally           desk.TallyID
	resp            model.CancelOrderResponse
	err             error
}

// batchCanceledMsg answers BatchCancelOrders. why says what asked for it
// (kill switch, cancel all in a market, quit...), tally counts it.
type batchCanceledMsg struct {
	why   cancelReason
	tally desk.TallyID
	ids   []string
	resp  model.BatchCancelResponse
	err   error
}

// cancelReason tags batch cancels so their results are reported in words.
type cancelReason int

const (
	cancelLevel cancelReason = iota
	cancelMarket
	cancelSelected
	cancelKill
	cancelQuit
	cancelFlatten
)

// amendedMsg answers AmendOrder.
type amendedMsg struct {
	orderID string
	req     model.AmendOrderRequest
	before  desk.Order // the order when the amend was sent
	resp    model.AmendOrderResponse
	err     error
}

// groupMsg answers an order-group call: creating the session's group,
// triggering it (kill switch) or resetting it (unlock).
type groupMsg struct {
	action groupAction
	id     string
	limit  model.Qty
	err    error
}

// groupAction names an order-group call.
type groupAction int

const (
	groupCreate groupAction = iota
	groupTrigger
	groupReset
)

// settlementsMsg answers GetSettlements for one market.
type settlementsMsg struct {
	ticker string
	retry  int
	list   []model.Settlement
	err    error
}

// favouritesSavedMsg reports the outcome of SaveFavourites.
type favouritesSavedMsg struct{ err error }

// reconcileMsg asks for another lookup of a market's unknown order.
type reconcileMsg struct{ ticker string }

// dialogArmMsg re-renders a dialog when its grace period ends.
type dialogArmMsg struct{ id int }

// quitNowMsg ends the program once quitting's cancels are answered or timed out.
type quitNowMsg struct{}

// Compile-time check that the root model is a tea.Model.
var _ tea.Model = Model{}

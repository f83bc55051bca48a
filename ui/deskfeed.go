package ui

import (
	"ladder/desk"
	"ladder/stream"
)

// DeskApplier is the hub's Apply hook (hub.Config.Apply): the one ordered
// path from the feed into the desk. The hub calls it for every private
// event, in the feed's order, before any dashboard hears of the event, so
// the desk sees each event exactly once however many dashboards share it,
// and a dashboard reacting to an event already finds it applied.
func DeskApplier(d *desk.Desk) func(stream.Delivered) {
	return func(ev stream.Delivered) { applyToDesk(d, ev.Event) }
}

// applyToDesk applies one must-deliver feed event to the desk. Events that
// are not trading state (errors) pass through untouched.
func applyToDesk(d *desk.Desk, ev stream.Event) {
	switch ev := ev.(type) {
	case stream.OrderEvent:
		d.ApplyOrder(ev.Order)
	case stream.RestingOrdersEvent:
		d.ApplyRestingOrders(ev.Orders)
	case stream.FillEvent:
		// A malformed fill is refused by the desk; the dashboard says so
		// when it sees the event (desk.ValidFill).
		_, _ = d.ApplyFill(ev.Fill, ev.Reconciled)
	case stream.PositionEvent:
		d.ApplyPosition(ev.Position)
	case stream.PositionsEvent:
		d.ApplyPositions(ev.Positions)
	case stream.LifecycleEvent:
		d.ApplyLifecycle(ev.Lifecycle)
	case stream.StateEvent:
		d.SetFeedConnected(feedConnected(ev.Health.State))
	case stream.RewoundEvent:
		d.Rewind()
	}
}

// feedConnected says whether the feed's state means a live connection:
// while it is not, the desk's working orders are unconfirmed.
func feedConnected(s stream.State) bool {
	switch s {
	case stream.Live, stream.Resyncing, stream.Replaying, stream.Stalled:
		// A stall ends with the pong, by when everything the exchange sent
		// meanwhile has been read in order, or with a reconnect, which
		// reconciles: either way the order stream has no hole.
		return true
	}
	return false
}

package ui

import (
	"ladder/desk"
	"ladder/stream"
)

// applyToDesk applies one must-deliver feed event to the desk. The feed
// bridge calls it for every event, in the feed's order, before the
// dashboard hears of the event: the desk sees each event exactly once
// however many dashboards share it, and a dashboard reacting to an event
// already finds it applied. Events that are not trading state (trades,
// errors) pass through untouched.
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
	}
}

// feedConnected says whether the feed's state means a live connection:
// while it is not, the desk's working orders are unconfirmed.
func feedConnected(s stream.State) bool {
	switch s {
	case stream.Live, stream.Resyncing, stream.Replaying:
		return true
	}
	return false
}

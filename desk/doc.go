// Package desk owns my trading state: orders, positions, P&L, pre-trade
// risk and the kill tally. It has no Bubble Tea in it, no goroutines and no
// I/O; it imports only model.
//
// The rules this package keeps:
//
//   - One ordered input. Feed events (user_order, fills, market_position,
//     lifecycle, the REST reconciliation the stream delivers on every
//     connect) are applied exactly once, by the single feed-bridge
//     goroutine, before any dashboard hears of them. The answers to a
//     dashboard's own commands (create, cancel, amend) are applied by that
//     dashboard. Every entry point takes one mutex.
//   - Versioned orders. An order's state carries the exchange's time of
//     that state; an older state never replaces a newer one, and an order
//     that has ended (cancelled, executed, not found) never comes back,
//     whatever order REST answers and feed events arrive in.
//   - Exposure counts everything that may fill: the position, orders
//     resting, orders in flight or queued for rate-limit tokens, and the
//     fills an acknowledgement reported that the position has not shown
//     yet. Position and money-at-risk limits use it.
//   - P&L never forgets a market: a position that leaves the exchange's
//     list (settled, closed) keeps its realized P&L, and a settlement pays
//     out from the market's result, confirmed by the exchange's
//     settlement record when it offers one.
//   - Readers get an immutable View, rebuilt only when something changed,
//     so several dashboards can draw at frame rate without copying.
package desk

package api

import (
	"context"

	"ladder/model"
)

// The three methods below make *Client satisfy stream.Reconciler directly:
// after a WebSocket reconnect the stream client re-reads what it may have
// missed.

// RestingOrders lists every resting order of the account.
func (c *Client) RestingOrders(ctx context.Context) ([]model.Order, error) {
	return c.GetOrders(ctx, OrdersQuery{Status: string(model.Resting)})
}

// msThreshold separates millisecond from second timestamps: 1e11 seconds
// is the year 5138, 1e11 milliseconds is 1973.
const msThreshold = 100_000_000_000

// FillsSince lists fills at or after sinceTs. REST filters in Unix
// seconds; because the WebSocket speaks milliseconds (ts_ms), a value that
// can only be milliseconds is converted rather than silently matching
// nothing. sinceTs <= 0 lists every fill.
func (c *Client) FillsSince(ctx context.Context, sinceTs int64) ([]model.Fill, error) {
	if sinceTs >= msThreshold {
		sinceTs /= 1000
	}
	return c.GetFills(ctx, FillsQuery{MinTs: max(sinceTs, 0)})
}

// Positions lists every unsettled market position.
func (c *Client) Positions(ctx context.Context) ([]model.MarketPosition, error) {
	return c.GetPositions(ctx, PositionsQuery{})
}

package api

import (
	"context"

	"ladder/limiter"
	"ladder/model"
)

// OrdersQuery filters GET /portfolio/orders.
type OrdersQuery struct {
	Ticker       string
	EventTickers []string // at most 10
	Status       string   // resting | canceled | executed (model.OrderStatus values); empty means all
	MinTs        int64    // Unix seconds
	MaxTs        int64
	Limit        int // page size; 0 means the maximum (1000)
	MaxPages     int // 0 follows every cursor
}

// FillsQuery filters GET /portfolio/fills.
type FillsQuery struct {
	Ticker   string
	OrderID  string
	MinTs    int64 // Unix seconds
	MaxTs    int64
	Limit    int
	MaxPages int
}

// PositionsQuery filters GET /portfolio/positions.
type PositionsQuery struct {
	Ticker      string
	EventTicker string
	CountFilter string // e.g. "position" or "position,total_traded"
	Limit       int
	MaxPages    int
}

// GetBalance reads GET /portfolio/balance.
func (c *Client) GetBalance(ctx context.Context) (model.Balance, error) {
	var out model.Balance
	cl := readCall("/portfolio/balance", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

// GetPositions lists market positions (unsettled only), following cursors.
func (c *Client) GetPositions(ctx context.Context, q PositionsQuery) ([]model.MarketPosition, error) {
	qb := newQuery().str("ticker", q.Ticker).str("event_ticker", q.EventTicker).
		str("count_filter", q.CountFilter).limit(q.Limit, maxPageDefault)
	type page struct {
		MarketPositions []model.MarketPosition `json:"market_positions"`
		Cursor          string                 `json:"cursor"`
	}
	return collect(ctx, c, readCall("/portfolio/positions", qb), q.MaxPages, func(p *page) ([]model.MarketPosition, string) {
		return p.MarketPositions, p.Cursor
	})
}

// GetFills lists the account's fills, following cursors.
func (c *Client) GetFills(ctx context.Context, q FillsQuery) ([]model.Fill, error) {
	qb := newQuery().str("ticker", q.Ticker).str("order_id", q.OrderID).
		i64("min_ts", q.MinTs).i64("max_ts", q.MaxTs).limit(q.Limit, maxPageDefault)
	type page struct {
		Fills  []model.Fill `json:"fills"`
		Cursor string       `json:"cursor"`
	}
	return collect(ctx, c, readCall("/portfolio/fills", qb), q.MaxPages, func(p *page) ([]model.Fill, string) {
		return p.Fills, p.Cursor
	})
}

// GetOrders lists the account's orders, following cursors.
func (c *Client) GetOrders(ctx context.Context, q OrdersQuery) ([]model.Order, error) {
	return c.listOrders(ctx, q, limiter.PriorityRead)
}

// listOrders lets the create path look its order up at its own priority.
func (c *Client) listOrders(ctx context.Context, q OrdersQuery, prio limiter.Priority) ([]model.Order, error) {
	qb := newQuery().str("ticker", q.Ticker).list("event_ticker", q.EventTickers).
		str("status", q.Status).i64("min_ts", q.MinTs).i64("max_ts", q.MaxTs).
		limit(q.Limit, maxPageDefault)
	cl := readCall("/portfolio/orders", qb)
	cl.prio = prio
	type page struct {
		Orders []model.Order `json:"orders"`
		Cursor string        `json:"cursor"`
	}
	return collect(ctx, c, cl, q.MaxPages, func(p *page) ([]model.Order, string) {
		return p.Orders, p.Cursor
	})
}

// GetOrder reads one order. An unknown id gives an error matching
// ErrOrderGone.
func (c *Client) GetOrder(ctx context.Context, orderID string) (model.Order, error) {
	var out struct {
		Order model.Order `json:"order"`
	}
	if err := requireID("order id", orderID); err != nil {
		return out.Order, err
	}
	cl := readCall(endpoint("portfolio", "orders", orderID), newQuery())
	if err := c.do(ctx, &cl, retryTransient, &out); err != nil {
		return model.Order{}, goneError(err, orderID)
	}
	return out.Order, nil
}

// GetQueuePositions reads the queue position (0-based, contracts ahead) of
// every resting order in the given markets.
func (c *Client) GetQueuePositions(ctx context.Context, marketTickers []string) ([]model.QueuePosition, error) {
	var out struct {
		QueuePositions []model.QueuePosition `json:"queue_positions"`
	}
	cl := readCall("/portfolio/orders/queue_positions", newQuery().list("market_tickers", marketTickers))
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.QueuePositions, err
}

// GetQueuePosition reads one order's queue position: the contracts resting
// ahead of it at its price.
func (c *Client) GetQueuePosition(ctx context.Context, orderID string) (model.Qty, error) {
	var out struct {
		QueuePosition model.Qty `json:"queue_position_fp"`
	}
	if err := requireID("order id", orderID); err != nil {
		return 0, err
	}
	cl := readCall(endpoint("portfolio", "orders", orderID, "queue_position"), newQuery())
	if err := c.do(ctx, &cl, retryTransient, &out); err != nil {
		return 0, goneError(err, orderID)
	}
	return out.QueuePosition, nil
}

package api

import (
	"context"

	"ladder/limiter"
	"ladder/model"
)

// OrdersQuery filters GET /portfolio/orders.
type OrdersQuery struct {
	Subaccount   *int // nil means every subaccount (the exchange's default)
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
	Subaccount *int // nil means every subaccount (the exchange's default)
	Ticker     string
	OrderID    string
	MinTs      int64 // Unix seconds
	MaxTs      int64
	Limit      int
	MaxPages   int
}

// PositionsQuery filters GET /portfolio/positions.
type PositionsQuery struct {
	Subaccount  int // positions are per subaccount; 0, the primary, by default
	Ticker      string
	EventTicker string
	CountFilter string // e.g. "position" or "position,total_traded"
	Limit       int
	MaxPages    int
}

// GetBalance reads GET /portfolio/balance for the primary subaccount.
func (c *Client) GetBalance(ctx context.Context) (model.Balance, error) {
	return c.GetBalanceIn(ctx, 0)
}

// GetBalanceIn reads one subaccount's balance (integer cents, unlike
// GetSubaccountBalances' dollars).
func (c *Client) GetBalanceIn(ctx context.Context, subaccount int) (model.Balance, error) {
	var out model.Balance
	if err := checkSubaccount(subaccount); err != nil {
		return out, err
	}
	cl := readCall("/portfolio/balance", subaccountQuery(subaccount))
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

// GetPositions lists market positions (unsettled only), following cursors.
func (c *Client) GetPositions(ctx context.Context, q PositionsQuery) ([]model.MarketPosition, error) {
	if err := checkSubaccount(q.Subaccount); err != nil {
		return nil, err
	}
	qb := subaccountQuery(q.Subaccount).str("ticker", q.Ticker).str("event_ticker", q.EventTicker).
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
		i64("min_ts", q.MinTs).i64("max_ts", q.MaxTs).opt("subaccount", q.Subaccount).
		limit(q.Limit, maxPageDefault)
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
		opt("subaccount", q.Subaccount).limit(q.Limit, maxPageDefault)
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

// QueuePositionsQuery selects the resting orders GetQueuePositions reports
// on. With both MarketTickers and EventTicker set, a market must match both.
type QueuePositionsQuery struct {
	MarketTickers []string
	EventTicker   string
	Subaccount    int // 0, the primary, by default (not every subaccount)
}

// GetQueuePositions reads the queue position of every resting order of one
// subaccount in the selected markets: the contracts resting ahead of it at
// its price, "0.00" at the front.
func (c *Client) GetQueuePositions(ctx context.Context, q QueuePositionsQuery) ([]model.QueuePosition, error) {
	var out struct {
		QueuePositions []model.QueuePosition `json:"queue_positions"`
	}
	if err := checkSubaccount(q.Subaccount); err != nil {
		return nil, err
	}
	qb := subaccountQuery(q.Subaccount).list("market_tickers", q.MarketTickers).str("event_ticker", q.EventTicker)
	cl := readCall("/portfolio/orders/queue_positions", qb)
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.QueuePositions, err
}

// GetQueuePosition reads one order's queue position: the contracts resting
// ahead of it at its price. An order that is unknown or no longer resting
// gives an error matching ErrOrderGone.
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

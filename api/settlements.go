package api

import (
	"context"

	"ladder/model"
)

// SettlementsQuery filters GET /portfolio/settlements.
type SettlementsQuery struct {
	Ticker      string
	EventTicker string
	MinTs       int64 // settled_time bounds, Unix seconds
	MaxTs       int64
	Subaccount  *int // nil means every subaccount (the exchange's default)
	Limit       int  // page size; 0 means the maximum (1000)
	MaxPages    int  // 0 follows every cursor
}

// GetSettlements lists settled positions, newest first, following cursors.
// Revenue and Value are integer cents; the costs and FeeCost are dollars.
func (c *Client) GetSettlements(ctx context.Context, q SettlementsQuery) ([]model.Settlement, error) {
	qb := newQuery().str("ticker", q.Ticker).str("event_ticker", q.EventTicker).
		i64("min_ts", q.MinTs).i64("max_ts", q.MaxTs).opt("subaccount", q.Subaccount).
		limit(q.Limit, maxPageDefault)
	type page struct {
		Settlements []model.Settlement `json:"settlements"`
		Cursor      string             `json:"cursor"`
	}
	return collect(ctx, c, readCall("/portfolio/settlements", qb), q.MaxPages, func(p *page) ([]model.Settlement, string) {
		return p.Settlements, p.Cursor
	})
}

// GetRestingOrderValue reads GET /portfolio/summary/total_resting_order_value:
// what every resting order would cost if it filled, in cents and per shard.
func (c *Client) GetRestingOrderValue(ctx context.Context) (model.RestingOrderValue, error) {
	var out model.RestingOrderValue
	cl := readCall("/portfolio/summary/total_resting_order_value", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

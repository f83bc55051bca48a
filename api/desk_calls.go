package api

import (
	"context"
	"time"

	"ladder/model"
)

// Calls the desk needs that the client did not have yet. Kept in a file
// of their own so they merge cleanly with the typed account calls being
// added elsewhere; fold them in when those land.

// SettlementsQuery filters GET /portfolio/settlements.
type SettlementsQuery struct {
	Ticker      string
	EventTicker string
	MinTs       int64 // Unix seconds
	MaxTs       int64
	Limit       int
	MaxPages    int
}

// Settlement is one market's settlement record (kalshi-api.md §11).
type Settlement struct {
	Ticker       string      `json:"ticker"`
	EventTicker  string      `json:"event_ticker"`
	MarketResult string      `json:"market_result"` // yes | no | scalar
	YesCount     model.Qty   `json:"yes_count_fp"`
	NoCount      model.Qty   `json:"no_count_fp"`
	YesTotalCost model.Money `json:"yes_total_cost_dollars"`
	NoTotalCost  model.Money `json:"no_total_cost_dollars"`
	Revenue      int64       `json:"revenue"` // cents
	Value        *int64      `json:"value"`   // cents per YES contract; nil when not reported
	FeeCost      model.Money `json:"fee_cost"`
	SettledTime  time.Time   `json:"settled_time"`
}

// RevenueMoney is what the settlement paid, as Money.
func (s Settlement) RevenueMoney() model.Money { return model.MoneyFromCents(s.Revenue) }

// GetSettlements lists the account's settlements, following cursors. An
// exchange without the endpoint answers 404 (an *Error with Status 404).
func (c *Client) GetSettlements(ctx context.Context, q SettlementsQuery) ([]Settlement, error) {
	qb := newQuery().str("ticker", q.Ticker).str("event_ticker", q.EventTicker).
		i64("min_ts", q.MinTs).i64("max_ts", q.MaxTs).limit(q.Limit, maxPageDefault)
	type page struct {
		Settlements []Settlement `json:"settlements"`
		Cursor      string       `json:"cursor"`
	}
	return collect(ctx, c, readCall("/portfolio/settlements", qb), q.MaxPages, func(p *page) ([]Settlement, string) {
		return p.Settlements, p.Cursor
	})
}

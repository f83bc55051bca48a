package api

import (
	"context"
	"net/http"
	"strconv"

	"ladder/limiter"
	"ladder/model"
)

// maxOrderbooksPerRequest is the documented cap on GET /markets/orderbooks.
const maxOrderbooksPerRequest = 100

// MarketsQuery filters GET /markets. Zero fields are not sent. The
// timestamp families (created, close, settled, updated) are mutually
// exclusive on the exchange's side.
type MarketsQuery struct {
	EventTicker  string
	SeriesTicker string
	Tickers      []string
	Status       string // unopened | open | paused | closed | settled
	MVEFilter    string // only | exclude
	MinCreatedTs int64  // Unix seconds, like every REST query timestamp
	MaxCreatedTs int64
	MinCloseTs   int64
	MaxCloseTs   int64
	MinSettledTs int64
	MaxSettledTs int64
	MinUpdatedTs int64
	Limit        int // page size; 0 means the maximum (1000)
	MaxPages     int // 0 follows every cursor
}

// EventsQuery filters GET /events.
type EventsQuery struct {
	Status            string
	SeriesTicker      string
	Tickers           []string
	WithNestedMarkets bool
	MinCloseTs        int64
	Limit             int // page size; 0 means the maximum (200)
	MaxPages          int
}

// SeriesQuery filters GET /series.
type SeriesQuery struct {
	Category string
	Tags     []string
}

// TradesQuery filters GET /markets/trades.
type TradesQuery struct {
	Ticker   string
	MinTs    int64
	MaxTs    int64
	Limit    int // page size; 0 means the maximum (1000)
	MaxPages int
}

// TickerOrderbook is one entry of GET /markets/orderbooks.
type TickerOrderbook struct {
	Ticker    string            `json:"ticker"`
	Orderbook model.OrderbookFP `json:"orderbook_fp"`
}

func readCall(path string, q queryBuilder) call {
	return call{method: http.MethodGet, path: path, query: q.v, prio: limiter.PriorityRead}
}

// GetExchangeStatus reads GET /exchange/status.
func (c *Client) GetExchangeStatus(ctx context.Context) (model.ExchangeStatus, error) {
	var out model.ExchangeStatus
	cl := readCall("/exchange/status", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

// GetMarkets lists markets, following cursors.
func (c *Client) GetMarkets(ctx context.Context, q MarketsQuery) ([]model.Market, error) {
	qb := newQuery().
		str("event_ticker", q.EventTicker).str("series_ticker", q.SeriesTicker).
		list("tickers", q.Tickers).str("status", q.Status).str("mve_filter", q.MVEFilter).
		i64("min_created_ts", q.MinCreatedTs).i64("max_created_ts", q.MaxCreatedTs).
		i64("min_close_ts", q.MinCloseTs).i64("max_close_ts", q.MaxCloseTs).
		i64("min_settled_ts", q.MinSettledTs).i64("max_settled_ts", q.MaxSettledTs).
		i64("min_updated_ts", q.MinUpdatedTs).limit(q.Limit, maxPageDefault)
	type page struct {
		Markets []model.Market `json:"markets"`
		Cursor  string         `json:"cursor"`
	}
	return collect(ctx, c, readCall("/markets", qb), q.MaxPages, func(p *page) ([]model.Market, string) {
		return p.Markets, p.Cursor
	})
}

// GetMarket reads one market.
func (c *Client) GetMarket(ctx context.Context, ticker string) (model.Market, error) {
	var out struct {
		Market model.Market `json:"market"`
	}
	if err := requireID("market ticker", ticker); err != nil {
		return out.Market, err
	}
	cl := readCall(endpoint("markets", ticker), newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Market, err
}

// GetEvents lists events, following cursors; q.WithNestedMarkets fills
// each event's Markets.
func (c *Client) GetEvents(ctx context.Context, q EventsQuery) ([]model.Event, error) {
	qb := newQuery().str("status", q.Status).str("series_ticker", q.SeriesTicker).
		list("tickers", q.Tickers).flag("with_nested_markets", q.WithNestedMarkets).
		i64("min_close_ts", q.MinCloseTs).limit(q.Limit, maxPageEvents)
	type page struct {
		Events []model.Event `json:"events"`
		Cursor string        `json:"cursor"`
	}
	return collect(ctx, c, readCall("/events", qb), q.MaxPages, func(p *page) ([]model.Event, string) {
		return p.Events, p.Cursor
	})
}

// GetEvent reads one event with its markets. The exchange returns the
// markets beside the event (or nested, with withNestedMarkets); either
// way they end up in Event.Markets.
func (c *Client) GetEvent(ctx context.Context, eventTicker string, withNestedMarkets bool) (model.Event, error) {
	var out struct {
		Event   model.Event    `json:"event"`
		Markets []model.Market `json:"markets"`
	}
	if err := requireID("event ticker", eventTicker); err != nil {
		return out.Event, err
	}
	cl := readCall(endpoint("events", eventTicker), newQuery().flag("with_nested_markets", withNestedMarkets))
	if err := c.do(ctx, &cl, retryTransient, &out); err != nil {
		return model.Event{}, err
	}
	if len(out.Event.Markets) == 0 {
		out.Event.Markets = out.Markets
	}
	return out.Event, nil
}

// GetSeriesList lists series (the endpoint is not paginated).
func (c *Client) GetSeriesList(ctx context.Context, q SeriesQuery) ([]model.Series, error) {
	var out struct {
		Series []model.Series `json:"series"`
	}
	cl := readCall("/series", newQuery().str("category", q.Category).list("tags", q.Tags))
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Series, err
}

// GetSeries reads one series.
func (c *Client) GetSeries(ctx context.Context, seriesTicker string) (model.Series, error) {
	var out struct {
		Series model.Series `json:"series"`
	}
	if err := requireID("series ticker", seriesTicker); err != nil {
		return out.Series, err
	}
	cl := readCall(endpoint("series", seriesTicker), newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Series, err
}

// GetOrderbook reads one market's book: bids on YES and on NO, ascending.
// depth 0 means every level.
func (c *Client) GetOrderbook(ctx context.Context, ticker string, depth int) (model.OrderbookFP, error) {
	var out struct {
		Orderbook model.OrderbookFP `json:"orderbook_fp"`
	}
	if err := requireID("market ticker", ticker); err != nil {
		return out.Orderbook, err
	}
	q := newQuery()
	if depth > 0 {
		q = q.str("depth", strconv.Itoa(depth))
	}
	cl := readCall(endpoint("markets", ticker, "orderbook"), q)
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Orderbook, err
}

// GetOrderbooks reads several books, 100 tickers per request.
func (c *Client) GetOrderbooks(ctx context.Context, tickers []string) ([]TickerOrderbook, error) {
	var all []TickerOrderbook
	for start := 0; start < len(tickers); start += maxOrderbooksPerRequest {
		chunk := tickers[start:min(start+maxOrderbooksPerRequest, len(tickers))]
		var out struct {
			Orderbooks []TickerOrderbook `json:"orderbooks"`
		}
		cl := readCall("/markets/orderbooks", newQuery().list("tickers", chunk))
		if err := c.do(ctx, &cl, retryTransient, &out); err != nil {
			return nil, err
		}
		all = append(all, out.Orderbooks...)
	}
	return all, nil
}

// GetTrades lists public trades, following cursors.
func (c *Client) GetTrades(ctx context.Context, q TradesQuery) ([]model.Trade, error) {
	qb := newQuery().str("ticker", q.Ticker).i64("min_ts", q.MinTs).i64("max_ts", q.MaxTs).
		limit(q.Limit, maxPageDefault)
	type page struct {
		Trades []model.Trade `json:"trades"`
		Cursor string        `json:"cursor"`
	}
	return collect(ctx, c, readCall("/markets/trades", qb), q.MaxPages, func(p *page) ([]model.Trade, string) {
		return p.Trades, p.Cursor
	})
}

package api

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"ladder/model"
)

// Limits of the candlestick endpoints (kalshi-api.md §11).
const (
	maxCandleMarkets = 100
	maxCandles       = 10_000
)

// CandlesQuery selects candlesticks: those whose period ends within
// [StartTs, EndTs] (Unix seconds, inclusive), PeriodMinutes long (1, 60 or
// 1440; model.CandleMinute, CandleHour, CandleDay). A period still running
// ends after now, so a window ending at now leaves it out: end the window
// one period later to get it.
type CandlesQuery struct {
	StartTs, EndTs int64
	PeriodMinutes  int
	// IncludeLatestBeforeStart asks for the last period before the window
	// too, with its trade prices null and Previous set: a starting price for
	// a chart whose window begins before the first trade.
	IncludeLatestBeforeStart bool
}

func (q CandlesQuery) check(markets int) error {
	switch q.PeriodMinutes {
	case model.CandleMinute, model.CandleHour, model.CandleDay:
	default:
		return fmt.Errorf("api: candlesticks: period %d minutes; want 1, 60 or 1440", q.PeriodMinutes)
	}
	if q.StartTs <= 0 || q.EndTs < q.StartTs {
		return fmt.Errorf("api: candlesticks: window %d–%d; want 0 < start ≤ end", q.StartTs, q.EndTs)
	}
	secs := int64(q.PeriodMinutes) * 60
	if n := (q.EndTs/secs - (q.StartTs+secs-1)/secs + 1) * int64(markets); n > maxCandles {
		return fmt.Errorf("api: candlesticks: %d candles asked for; at most %d per request", n, maxCandles)
	}
	return nil
}

func (q CandlesQuery) values() queryBuilder {
	return newQuery().i64("start_ts", q.StartTs).i64("end_ts", q.EndTs).
		str("period_interval", strconv.Itoa(q.PeriodMinutes)).flag("include_latest_before_start", q.IncludeLatestBeforeStart)
}

// GetCandlesticks reads one market's candles, oldest first. The path names
// the market's series as well as its ticker.
func (c *Client) GetCandlesticks(ctx context.Context, seriesTicker, ticker string, q CandlesQuery) ([]model.Candlestick, error) {
	if err := requireID("series ticker", seriesTicker); err != nil {
		return nil, err
	}
	if err := requireID("market ticker", ticker); err != nil {
		return nil, err
	}
	if err := q.check(1); err != nil {
		return nil, err
	}
	var out struct {
		Candlesticks []model.Candlestick `json:"candlesticks"`
	}
	cl := readCall(endpoint("series", seriesTicker, "markets", ticker, "candlesticks"), q.values())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Candlesticks, err
}

// GetBatchCandlesticks reads the candles of up to 100 markets at once (at
// most 10,000 candles in all), in the order the tickers are given.
func (c *Client) GetBatchCandlesticks(ctx context.Context, tickers []string, q CandlesQuery) ([]model.MarketCandlesticks, error) {
	switch {
	case len(tickers) == 0:
		return nil, errors.New("api: batch candlesticks: no market tickers")
	case len(tickers) > maxCandleMarkets:
		return nil, fmt.Errorf("api: batch candlesticks: %d markets; at most %d per request", len(tickers), maxCandleMarkets)
	}
	for _, t := range tickers {
		if err := requireID("market ticker", t); err != nil {
			return nil, err
		}
	}
	if err := q.check(len(tickers)); err != nil {
		return nil, err
	}
	var out struct {
		Markets []model.MarketCandlesticks `json:"markets"`
	}
	cl := readCall("/markets/candlesticks", q.values().list("market_tickers", tickers))
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Markets, err
}

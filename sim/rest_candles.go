package sim

import (
	"net/http"
	"net/url"
	"strconv"

	"ladder/model"
)

// Candlesticks (kalshi-api.md §4 and §11), both public.

// maxCandleMarkets is the batch endpoint's cap on market_tickers.
const maxCandleMarkets = 100

// candleQuery reads start_ts, end_ts, period_interval (all required) and
// include_latest_before_start.
func candleQuery(q url.Values) (CandleQuery, error) {
	var cq CandleQuery
	for _, name := range []string{"start_ts", "end_ts", "period_interval"} {
		if q.Get(name) == "" {
			return cq, badRequest(name + " is required")
		}
	}
	var err error
	if cq.StartTs, cq.EndTs, err = queryRange(q, "start_ts", "end_ts"); err != nil {
		return cq, err
	}
	p, err := strconv.Atoi(q.Get("period_interval"))
	if err != nil {
		return cq, badRequest("period_interval must be 1, 60 or 1440")
	}
	cq.PeriodMinutes = p
	if cq.IncludeLatestBeforeStart, err = queryBool(q, "include_latest_before_start"); err != nil {
		return cq, err
	}
	if _, _, _, err := cq.span(); err != nil {
		return cq, err
	}
	return cq, nil
}

// getCandlesticks serves one market's candles; the market must belong to
// the series in the path.
func (s *Server) getCandlesticks(r *http.Request, _ *caller) (int, any, error) {
	ticker, series := r.PathValue("ticker"), r.PathValue("series_ticker")
	m, ok := s.engine.Market(ticker)
	if !ok {
		return 0, nil, errNotFound("market " + ticker)
	}
	if s.eventSeries()[m.EventTicker] != series {
		return 0, nil, errNotFound("market " + ticker + " is not in series " + series)
	}
	cq, err := candleQuery(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	candles, err := s.engine.Candlesticks(ticker, cq)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct {
		Ticker       string              `json:"ticker"`
		Candlesticks []model.Candlestick `json:"candlesticks"`
	}{ticker, candles}, nil
}

// getBatchCandlesticks serves up to 100 markets' candles, at most 10,000
// candles in all.
func (s *Server) getBatchCandlesticks(r *http.Request, _ *caller) (int, any, error) {
	q := r.URL.Query()
	tickers := queryList(q, "market_tickers")
	switch {
	case len(tickers) == 0:
		return 0, nil, badRequest("market_tickers is required")
	case len(tickers) > maxCandleMarkets:
		return 0, nil, badRequest("market_tickers lists at most " + strconv.Itoa(maxCandleMarkets) + " markets")
	}
	cq, err := candleQuery(q)
	if err != nil {
		return 0, nil, err
	}
	if err := checkCandleBudget(cq, len(tickers)); err != nil {
		return 0, nil, err
	}
	out := make([]model.MarketCandlesticks, 0, len(tickers))
	for _, t := range tickers {
		candles, err := s.engine.Candlesticks(t, cq)
		if err != nil {
			return 0, nil, err
		}
		out = append(out, model.MarketCandlesticks{MarketTicker: t, Candlesticks: candles})
	}
	return http.StatusOK, struct {
		Markets []model.MarketCandlesticks `json:"markets"`
	}{out}, nil
}

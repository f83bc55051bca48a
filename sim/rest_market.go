package sim

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ladder/model"
)

// Public market-data endpoints (kalshi-api.md §4, "Market data").

type exchangeIndexStatus struct {
	ExchangeIndex                int    `json:"exchange_index"`
	Description                  string `json:"description"`
	ExchangeActive               bool   `json:"exchange_active"`
	TradingActive                bool   `json:"trading_active"`
	IntraExchangeTransfersActive bool   `json:"intra_exchange_transfers_active"`
}

type exchangeStatusBody struct {
	ExchangeActive              bool                  `json:"exchange_active"`
	TradingActive               bool                  `json:"trading_active"`
	ExchangeEstimatedResumeTime *string               `json:"exchange_estimated_resume_time"`
	ExchangeIndexStatuses       []exchangeIndexStatus `json:"exchange_index_statuses"`
}

func (s *Server) getExchangeStatus(*http.Request, *caller) (int, any, error) {
	return http.StatusOK, exchangeStatusBody{
		ExchangeActive: true, TradingActive: true,
		ExchangeIndexStatuses: []exchangeIndexStatus{{Description: "default", ExchangeActive: true, TradingActive: true}},
	}, nil
}

// marketStatusesFor maps a status filter value to the response statuses it
// selects: Kalshi filters with unopened|open|paused|closed|settled but
// reports initialized|inactive|active|closed|determined|… on the objects.
// The filter words themselves are accepted too, in case the engine uses them.
func marketStatusesFor(filter string) ([]string, bool) {
	switch filter {
	case "unopened":
		return []string{"unopened", "initialized"}, true
	case "open":
		return []string{"open", "active"}, true
	case "paused":
		return []string{"paused", "inactive"}, true
	case "closed":
		return []string{"closed"}, true
	case "settled":
		return []string{"settled", "determined", "disputed", "amended", "finalized"}, true
	}
	return nil, false
}

// parseStatusFilter reads a (comma-separated) status parameter into the set
// of response statuses it selects; nil means no filter.
func parseStatusFilter(q url.Values) (map[string]bool, error) {
	filters := queryList(q, "status")
	if len(filters) == 0 {
		return nil, nil
	}
	set := make(map[string]bool)
	for _, f := range filters {
		sts, ok := marketStatusesFor(f)
		if !ok {
			return nil, badRequest("status " + strconv.Quote(f) + " is not one of unopened, open, paused, closed, settled")
		}
		for _, st := range sts {
			set[st] = true
		}
	}
	return set, nil
}

type marketsPage struct {
	Markets []model.Market `json:"markets"`
	Cursor  string         `json:"cursor"`
}

func (s *Server) getMarkets(r *http.Request, _ *caller) (int, any, error) {
	q := r.URL.Query()
	statuses, err := parseStatusFilter(q)
	if err != nil {
		return 0, nil, err
	}
	minClose, maxClose, err := queryRange(q, "min_close_ts", "max_close_ts")
	if err != nil {
		return 0, nil, err
	}
	eventTicker, seriesTicker := q.Get("event_ticker"), q.Get("series_ticker")
	tickers := toSet(queryList(q, "tickers"))
	var seriesOf map[string]string
	if seriesTicker != "" {
		seriesOf = s.eventSeries()
	}
	var out []model.Market
	for _, m := range s.engine.Markets() {
		switch {
		case eventTicker != "" && m.EventTicker != eventTicker,
			seriesTicker != "" && seriesOf[m.EventTicker] != seriesTicker,
			tickers != nil && !tickers[m.Ticker],
			statuses != nil && !statuses[m.Status],
			outsideRange(m.CloseTime.Unix(), minClose, maxClose):
			continue
		}
		out = append(out, m)
	}
	pg, cursor, err := page(out, q, defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, marketsPage{Markets: pg, Cursor: cursor}, nil
}

// eventSeries maps event tickers to their series tickers.
func (s *Server) eventSeries() map[string]string {
	m := make(map[string]string)
	for _, e := range s.engine.Events() {
		m[e.EventTicker] = e.SeriesTicker
	}
	return m
}

func (s *Server) getMarket(r *http.Request, _ *caller) (int, any, error) {
	ticker := r.PathValue("ticker")
	m, ok := s.engine.Market(ticker)
	if !ok {
		return 0, nil, marketNotFound(ticker)
	}
	return http.StatusOK, struct {
		Market model.Market `json:"market"`
	}{m}, nil
}

func marketNotFound(ticker string) *APIError {
	return apiErr(http.StatusNotFound, CodeNotFound, "market not found", "no market "+strconv.Quote(ticker))
}

type orderbookBody struct {
	OrderbookFP model.OrderbookFP `json:"orderbook_fp"`
}

// parseDepth reads depth: 0 (default) means every level, else 1–100.
func parseDepth(q url.Values) (int, error) {
	s := q.Get("depth")
	if s == "" {
		return 0, nil
	}
	d, err := strconv.Atoi(s)
	if err != nil || d < 0 || d > 100 {
		return 0, badRequest("depth must be an integer between 0 and 100")
	}
	return d, nil
}

func (s *Server) orderbook(ticker string, depth int) (model.OrderbookFP, error) {
	if _, ok := s.engine.Market(ticker); !ok {
		return model.OrderbookFP{}, marketNotFound(ticker)
	}
	ob, err := s.engine.Orderbook(ticker, depth)
	if err != nil {
		return model.OrderbookFP{}, err
	}
	ob.Yes, ob.No = orEmpty(ob.Yes), orEmpty(ob.No)
	return ob, nil
}

func (s *Server) getOrderbook(r *http.Request, _ *caller) (int, any, error) {
	depth, err := parseDepth(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	ob, err := s.orderbook(r.PathValue("ticker"), depth)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, orderbookBody{ob}, nil
}

type tickerOrderbook struct {
	Ticker      string            `json:"ticker"`
	OrderbookFP model.OrderbookFP `json:"orderbook_fp"`
}

func (s *Server) getOrderbooks(r *http.Request, _ *caller) (int, any, error) {
	q := r.URL.Query()
	tickers := queryList(q, "tickers")
	if len(tickers) == 0 || len(tickers) > 100 {
		return 0, nil, badRequest("tickers must list between 1 and 100 market tickers")
	}
	depth, err := parseDepth(q)
	if err != nil {
		return 0, nil, err
	}
	out := make([]tickerOrderbook, 0, len(tickers))
	for _, t := range tickers {
		ob, err := s.orderbook(t, depth)
		if err != nil {
			return 0, nil, err
		}
		out = append(out, tickerOrderbook{Ticker: t, OrderbookFP: ob})
	}
	return http.StatusOK, struct {
		Orderbooks []tickerOrderbook `json:"orderbooks"`
	}{out}, nil
}

type tradesPage struct {
	Trades []model.Trade `json:"trades"`
	Cursor string        `json:"cursor"`
}

func (s *Server) getTrades(r *http.Request, _ *caller) (int, any, error) {
	q := r.URL.Query()
	minTs, maxTs, err := queryRange(q, "min_ts", "max_ts")
	if err != nil {
		return 0, nil, err
	}
	block, err := queryBool(q, "is_block_trade")
	if err != nil {
		return 0, nil, err
	}
	trades := s.engine.Trades(q.Get("ticker"), minTs, maxTs)
	if block { // the simulator has no block trades
		trades = nil
	}
	pg, cursor, err := page(trades, q, defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, tradesPage{Trades: pg, Cursor: cursor}, nil
}

type eventsPage struct {
	Events []model.Event `json:"events"`
	Cursor string        `json:"cursor"`
}

// marketsByEvent groups the catalogue by event ticker.
func (s *Server) marketsByEvent() map[string][]model.Market {
	m := make(map[string][]model.Market)
	for _, mk := range s.engine.Markets() {
		m[mk.EventTicker] = append(m[mk.EventTicker], mk)
	}
	return m
}

func (s *Server) getEvents(r *http.Request, _ *caller) (int, any, error) {
	q := r.URL.Query()
	statuses, err := parseStatusFilter(q)
	if err != nil {
		return 0, nil, err
	}
	nested, err := queryBool(q, "with_nested_markets")
	if err != nil {
		return 0, nil, err
	}
	minClose, err := queryInt64(q, "min_close_ts")
	if err != nil {
		return 0, nil, err
	}
	series := q.Get("series_ticker")
	tickers := toSet(queryList(q, "tickers"))
	byEvent := s.marketsByEvent()
	var out []model.Event
	for _, e := range s.engine.Events() {
		if (series != "" && e.SeriesTicker != series) || (tickers != nil && !tickers[e.EventTicker]) {
			continue
		}
		markets := byEvent[e.EventTicker]
		if statuses != nil && !anyMarket(markets, func(m model.Market) bool { return statuses[m.Status] }) {
			continue
		}
		if minClose > 0 && !anyMarket(markets, func(m model.Market) bool { return m.CloseTime.Unix() >= minClose }) {
			continue
		}
		e.Markets = nil
		if nested {
			e.Markets = orEmpty(markets)
		}
		out = append(out, e)
	}
	pg, cursor, err := page(out, q, eventsPageLimit, eventsPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, eventsPage{Events: pg, Cursor: cursor}, nil
}

func anyMarket(ms []model.Market, pred func(model.Market) bool) bool {
	for _, m := range ms {
		if pred(m) {
			return true
		}
	}
	return false
}

func (s *Server) getEvent(r *http.Request, _ *caller) (int, any, error) {
	ticker := r.PathValue("event_ticker")
	nested, err := queryBool(r.URL.Query(), "with_nested_markets")
	if err != nil {
		return 0, nil, err
	}
	for _, e := range s.engine.Events() {
		if e.EventTicker != ticker {
			continue
		}
		markets := orEmpty(s.marketsByEvent()[ticker])
		e.Markets = nil
		if nested {
			e.Markets = markets
		}
		return http.StatusOK, struct {
			Event   model.Event    `json:"event"`
			Markets []model.Market `json:"markets"`
		}{e, markets}, nil
	}
	return 0, nil, apiErr(http.StatusNotFound, CodeNotFound, "event not found", "no event "+strconv.Quote(ticker))
}

func (s *Server) getSeriesList(r *http.Request, _ *caller) (int, any, error) {
	q := r.URL.Query()
	category := q.Get("category")
	tags := toSet(queryList(q, "tags"))
	out := []model.Series{}
	for _, se := range s.engine.Series() {
		if category != "" && !strings.EqualFold(se.Category, category) && !containsFold(se.Categories, category) {
			continue
		}
		if tags != nil && !anyTag(se.Tags, tags) {
			continue
		}
		out = append(out, se)
	}
	return http.StatusOK, struct {
		Series []model.Series `json:"series"`
	}{out}, nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func anyTag(tags []string, want map[string]bool) bool {
	for _, t := range tags {
		if want[t] {
			return true
		}
	}
	return false
}

func (s *Server) getSeries(r *http.Request, _ *caller) (int, any, error) {
	ticker := r.PathValue("series_ticker")
	for _, se := range s.engine.Series() {
		if se.Ticker == ticker {
			return http.StatusOK, struct {
				Series model.Series `json:"series"`
			}{se}, nil
		}
	}
	return 0, nil, apiErr(http.StatusNotFound, CodeNotFound, "series not found", "no series "+strconv.Quote(ticker))
}

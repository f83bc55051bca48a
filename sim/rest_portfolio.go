package sim

import (
	"net/http"
	"strconv"

	"ladder/model"
)

// Authenticated portfolio reads (kalshi-api.md §4, "Portfolio").

func (s *Server) getBalance(_ *http.Request, c *caller) (int, any, error) {
	return http.StatusOK, s.engine.Balance(c.account), nil
}

// eventPosition is one entry of event_positions: the event's market
// positions summed.
type eventPosition struct {
	EventTicker     string      `json:"event_ticker"`
	TotalCost       model.Money `json:"total_cost_dollars"`
	TotalCostShares model.Qty   `json:"total_cost_shares_fp"`
	EventExposure   model.Money `json:"event_exposure_dollars"`
	RealizedPnL     model.Money `json:"realized_pnl_dollars"`
	FeesPaid        model.Money `json:"fees_paid_dollars"`
	ExchangeIndex   int         `json:"exchange_index"`
}

type positionsPage struct {
	MarketPositions []model.MarketPosition `json:"market_positions"`
	EventPositions  []eventPosition        `json:"event_positions"`
	Cursor          string                 `json:"cursor"`
}

func (s *Server) getPositions(r *http.Request, c *caller) (int, any, error) {
	q := r.URL.Query()
	var wantPosition, wantTraded bool
	for _, f := range queryList(q, "count_filter") {
		switch f {
		case "position":
			wantPosition = true
		case "total_traded":
			wantTraded = true
		default:
			return 0, nil, badRequest("count_filter " + strconv.Quote(f) + " is not position or total_traded")
		}
	}
	var kept []model.MarketPosition
	for _, p := range s.engine.Positions(c.account, q.Get("ticker"), q.Get("event_ticker")) {
		if (wantPosition || wantTraded) && !(wantPosition && p.Position != 0) && !(wantTraded && p.TotalTraded != 0) {
			continue
		}
		kept = append(kept, p)
	}
	events := s.eventPositions(kept)
	pg, cursor, err := page(kept, q, defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, positionsPage{MarketPositions: pg, EventPositions: events, Cursor: cursor}, nil
}

// eventPositions sums market positions per event, in first-seen order.
func (s *Server) eventPositions(ps []model.MarketPosition) []eventPosition {
	out := []eventPosition{}
	index := make(map[string]int)
	for _, p := range ps {
		m, ok := s.engine.Market(p.Ticker)
		if !ok {
			continue
		}
		i, seen := index[m.EventTicker]
		if !seen {
			i = len(out)
			index[m.EventTicker] = i
			out = append(out, eventPosition{EventTicker: m.EventTicker})
		}
		e := &out[i]
		e.TotalCost += p.MarketExposure
		e.TotalCostShares += p.Position.Abs()
		e.EventExposure += p.MarketExposure
		e.RealizedPnL += p.RealizedPnL
		e.FeesPaid += p.FeesPaid
	}
	return out
}

type fillsPage struct {
	Fills  []model.Fill `json:"fills"`
	Cursor string       `json:"cursor"`
}

func (s *Server) getFills(r *http.Request, c *caller) (int, any, error) {
	q := r.URL.Query()
	minTs, maxTs, err := queryRange(q, "min_ts", "max_ts")
	if err != nil {
		return 0, nil, err
	}
	fills := s.engine.Fills(c.account, FillFilter{Ticker: q.Get("ticker"), OrderID: q.Get("order_id"), MinTs: minTs, MaxTs: maxTs})
	pg, cursor, err := page(fills, q, defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, fillsPage{Fills: pg, Cursor: cursor}, nil
}

type ordersPage struct {
	Orders []model.Order `json:"orders"`
	Cursor string        `json:"cursor"`
}

func (s *Server) getOrders(r *http.Request, c *caller) (int, any, error) {
	q := r.URL.Query()
	status := q.Get("status")
	switch model.OrderStatus(status) {
	case "", model.Resting, model.Canceled, model.Executed:
	default:
		return 0, nil, badRequest("status " + strconv.Quote(status) + " is not one of resting, canceled, executed")
	}
	events := queryList(q, "event_ticker")
	if len(events) > 10 {
		return 0, nil, badRequest("event_ticker lists at most 10 events")
	}
	minTs, maxTs, err := queryRange(q, "min_ts", "max_ts")
	if err != nil {
		return 0, nil, err
	}
	f := OrderFilter{Ticker: q.Get("ticker"), Status: status, MinTs: minTs, MaxTs: maxTs}
	var orders []model.Order
	if len(events) == 0 {
		orders = s.engine.Orders(c.account, f)
	} else {
		for _, ev := range events {
			f.EventTicker = ev
			orders = append(orders, s.engine.Orders(c.account, f)...)
		}
	}
	pg, cursor, err := page(orders, q, defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, ordersPage{Orders: pg, Cursor: cursor}, nil
}

func (s *Server) getOrder(r *http.Request, c *caller) (int, any, error) {
	o, err := s.engine.Order(c.account, r.PathValue("order_id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct {
		Order model.Order `json:"order"`
	}{o}, nil
}

func (s *Server) getQueuePosition(r *http.Request, c *caller) (int, any, error) {
	id := r.PathValue("order_id")
	o, err := s.engine.Order(c.account, id)
	if err != nil {
		return 0, nil, err
	}
	qps := s.engine.QueuePositions(c.account, o.Ticker, []string{id})
	if len(qps) == 0 {
		return 0, nil, apiErr(http.StatusNotFound, CodeNotFound, "order not resting",
			"order "+id+" is "+string(o.Status)+"; only resting orders have a queue position")
	}
	return http.StatusOK, struct {
		QueuePosition model.Qty `json:"queue_position_fp"`
	}{qps[0].QueuePosition}, nil
}

func (s *Server) getQueuePositions(r *http.Request, c *caller) (int, any, error) {
	q := r.URL.Query()
	tickers := queryList(q, "market_tickers")
	if ev := q.Get("event_ticker"); ev != "" {
		for _, m := range s.marketsByEvent()[ev] {
			tickers = append(tickers, m.Ticker)
		}
	}
	restingByTicker := make(map[string][]string)
	var order []string
	for _, o := range s.engine.Orders(c.account, OrderFilter{Status: string(model.Resting)}) {
		if _, seen := restingByTicker[o.Ticker]; !seen {
			order = append(order, o.Ticker)
		}
		restingByTicker[o.Ticker] = append(restingByTicker[o.Ticker], o.OrderID)
	}
	if len(tickers) > 0 || q.Get("event_ticker") != "" {
		order = tickers
	}
	out := []model.QueuePosition{}
	seen := make(map[string]bool)
	for _, t := range order {
		if seen[t] || len(restingByTicker[t]) == 0 {
			continue
		}
		seen[t] = true
		out = append(out, s.engine.QueuePositions(c.account, t, restingByTicker[t])...)
	}
	return http.StatusOK, struct {
		QueuePositions []model.QueuePosition `json:"queue_positions"`
	}{out}, nil
}

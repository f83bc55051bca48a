package sim

import (
	"net/http"
	"net/url"
	"strconv"

	"ladder/model"
)

// Authenticated portfolio reads (kalshi-api.md §4, "Portfolio").

// getBalance answers for one subaccount (default the primary), in cents.
func (s *Server) getBalance(r *http.Request, c *caller) (int, any, error) {
	sub, err := querySubaccountOr0(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	b, err := s.engine.SubaccountBalance(c.account, sub)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, b, nil
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
	sub, err := querySubaccountOr0(q)
	if err != nil {
		return 0, nil, err
	}
	all, err := s.engine.PositionsIn(c.account, PositionFilter{Subaccount: sub, Ticker: q.Get("ticker"), EventTicker: q.Get("event_ticker")})
	if err != nil {
		return 0, nil, err
	}
	var kept []model.MarketPosition
	for _, p := range all {
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
	sub, err := s.knownSubaccount(c, q)
	if err != nil {
		return 0, nil, err
	}
	fills := s.engine.Fills(c.account, FillFilter{Subaccount: sub, Ticker: q.Get("ticker"), OrderID: q.Get("order_id"), MinTs: minTs, MaxTs: maxTs})
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
	sub, err := s.knownSubaccount(c, q)
	if err != nil {
		return 0, nil, err
	}
	f := OrderFilter{Subaccount: sub, Ticker: q.Get("ticker"), Status: status, MinTs: minTs, MaxTs: maxTs}
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

// knownSubaccount reads an optional subaccount filter (nil = every
// subaccount) and refuses one the account has not created.
func (s *Server) knownSubaccount(c *caller, q url.Values) (*int, error) {
	sub, err := querySubaccount(q)
	if err != nil || sub == nil {
		return nil, err
	}
	if err := s.engine.CheckSubaccount(c.account, *sub); err != nil {
		return nil, err
	}
	return sub, nil
}

// getQueuePosition answers one resting order's queue position: contracts
// ahead of it at its price on its book, 0 at the front.
func (s *Server) getQueuePosition(r *http.Request, c *caller) (int, any, error) {
	qp, err := s.engine.QueuePosition(c.account, r.PathValue("order_id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct {
		QueuePosition model.Qty `json:"queue_position_fp"`
	}{qp}, nil
}

// getQueuePositions answers for every resting order of one subaccount
// (default the primary), optionally only in market_tickers and/or
// event_ticker.
func (s *Server) getQueuePositions(r *http.Request, c *caller) (int, any, error) {
	q := r.URL.Query()
	sub, err := querySubaccountOr0(q)
	if err != nil {
		return 0, nil, err
	}
	qps, err := s.engine.QueuePositionsIn(c.account, QueueFilter{Subaccount: sub, Tickers: queryList(q, "market_tickers"), EventTicker: q.Get("event_ticker")})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct {
		QueuePositions []model.QueuePosition `json:"queue_positions"`
	}{qps}, nil
}

package sim

import (
	"net/http"

	"ladder/model"
)

// Account-level reads (kalshi-api.md §11): the exchange schedule,
// settlements, the resting-order summary and usage-level volume progress.

func (s *Server) getExchangeSchedule(*http.Request, *caller) (int, any, error) {
	return http.StatusOK, struct {
		Schedule model.ExchangeSchedule `json:"schedule"`
	}{s.engine.Schedule()}, nil
}

type settlementsPage struct {
	Settlements []model.Settlement `json:"settlements"`
	Cursor      string             `json:"cursor"`
}

// getSettlements lists settled positions of one subaccount, or of every
// subaccount when none is named, newest first.
func (s *Server) getSettlements(r *http.Request, c *caller) (int, any, error) {
	q := r.URL.Query()
	minTs, maxTs, err := queryRange(q, "min_ts", "max_ts")
	if err != nil {
		return 0, nil, err
	}
	sub, err := querySubaccount(q)
	if err != nil {
		return 0, nil, err
	}
	list, err := s.engine.Settlements(c.account, SettlementFilter{
		Subaccount: sub, Ticker: q.Get("ticker"), EventTicker: q.Get("event_ticker"), MinTs: minTs, MaxTs: maxTs,
	})
	if err != nil {
		return 0, nil, err
	}
	pg, cursor, err := page(list, q, defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, settlementsPage{Settlements: pg, Cursor: cursor}, nil
}

// getRestingOrderValue totals the resting orders in cents (floored, like
// balances) and, per shard, in dollars.
func (s *Server) getRestingOrderValue(_ *http.Request, c *caller) (int, any, error) {
	v := s.engine.RestingOrderValue(c.account)
	return http.StatusOK, model.RestingOrderValue{
		TotalRestingOrderValue: int64(floorDiv(v, model.MoneyPerCent)),
		Breakdown:              []model.IndexedBalance{{ExchangeIndex: 0, Balance: v}},
	}, nil
}

func (s *Server) getVolumeProgress(_ *http.Request, c *caller) (int, any, error) {
	return http.StatusOK, struct {
		VolumeProgress []model.VolumeProgress `json:"volume_progress"`
	}{[]model.VolumeProgress{s.engine.VolumeProgress(c.account)}}, nil
}

package sim

import (
	"net/http"

	"ladder/model"
)

// Subaccount endpoints (kalshi-api.md §11). Kalshi lets only Advanced and
// higher tiers create subaccounts; the simulator lets every tier, so the
// default Basic-tier exchange can show them.

func (s *Server) createSubaccount(r *http.Request, c *caller) (int, any, error) {
	var req struct {
		ExchangeIndex int `json:"exchange_index"`
	}
	if err := decodeOptionalBody(r, &req); err != nil {
		return 0, nil, err
	}
	if req.ExchangeIndex != 0 {
		return 0, nil, apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "the simulator has one exchange shard, 0")
	}
	n, err := s.engine.CreateSubaccount(c.account)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, struct {
		SubaccountNumber int `json:"subaccount_number"`
	}{n}, nil
}

// getSubaccountBalances lists every subaccount's balance as a dollars
// string (where /portfolio/balance uses integer cents).
func (s *Server) getSubaccountBalances(_ *http.Request, c *caller) (int, any, error) {
	return http.StatusOK, struct {
		SubaccountBalances []model.SubaccountBalance `json:"subaccount_balances"`
	}{s.engine.SubaccountBalances(c.account)}, nil
}

func (s *Server) transferSubaccountCash(r *http.Request, c *caller) (int, any, error) {
	var req model.SubaccountTransferRequest
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	if err := s.engine.TransferCash(c.account, req); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct{}{}, nil
}

type transfersPage struct {
	Transfers []model.SubaccountTransfer `json:"transfers"`
	Cursor    string                     `json:"cursor"`
}

func (s *Server) getSubaccountTransfers(r *http.Request, c *caller) (int, any, error) {
	pg, cursor, err := page(s.engine.SubaccountTransfers(c.account), r.URL.Query(), defaultPageLimit, maxPageLimit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, transfersPage{Transfers: pg, Cursor: cursor}, nil
}

func (s *Server) getSubaccountNetting(_ *http.Request, c *caller) (int, any, error) {
	return http.StatusOK, struct {
		NettingConfigs []model.NettingConfig `json:"netting_configs"`
	}{s.engine.Netting(c.account)}, nil
}

func (s *Server) putSubaccountNetting(r *http.Request, c *caller) (int, any, error) {
	var req struct {
		SubaccountNumber *int  `json:"subaccount_number"`
		Enabled          *bool `json:"enabled"`
	}
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	if req.SubaccountNumber == nil || req.Enabled == nil {
		return 0, nil, badRequest("subaccount_number and enabled are required")
	}
	if err := s.engine.SetNetting(c.account, *req.SubaccountNumber, *req.Enabled); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct{}{}, nil
}

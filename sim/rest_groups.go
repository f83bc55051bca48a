package sim

import (
	"net/http"

	"ladder/model"
)

// Order groups (kalshi-api.md §4, "Order groups").

// createGroupBody accepts contracts_limit_fp (current) or contracts_limit
// (whole contracts, older clients).
type createGroupBody struct {
	ContractsLimitFP *model.Qty `json:"contracts_limit_fp"`
	ContractsLimit   *int64     `json:"contracts_limit"`
}

func (s *Server) createOrderGroup(r *http.Request, c *caller) (int, any, error) {
	var req createGroupBody
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	var limit model.Qty
	switch {
	case req.ContractsLimitFP != nil:
		limit = *req.ContractsLimitFP
	case req.ContractsLimit != nil:
		if *req.ContractsLimit > 1<<40 {
			return 0, nil, badRequest("contracts_limit is too large")
		}
		limit = model.Contracts(*req.ContractsLimit)
	default:
		return 0, nil, badRequest("contracts_limit_fp is required")
	}
	if limit <= 0 {
		return 0, nil, badRequest("contracts_limit_fp must be positive")
	}
	id, err := s.engine.CreateOrderGroup(c.account, limit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, struct {
		OrderGroupID  string `json:"order_group_id"`
		Subaccount    int    `json:"subaccount"`
		ExchangeIndex int    `json:"exchange_index"`
	}{OrderGroupID: id}, nil
}

func (s *Server) getOrderGroups(_ *http.Request, c *caller) (int, any, error) {
	groups := orEmpty(s.engine.OrderGroups(c.account))
	for i := range groups {
		groups[i].Orders = nil // the list form carries no order ids
	}
	return http.StatusOK, struct {
		OrderGroups []model.OrderGroup `json:"order_groups"`
	}{groups}, nil
}

// getOrderGroup answers with the group's fields at the top level, as
// Kalshi's GetOrderGroupResponse does.
func (s *Server) getOrderGroup(r *http.Request, c *caller) (int, any, error) {
	g, err := s.engine.OrderGroup(c.account, r.PathValue("order_group_id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct {
		IsAutoCancelEnabled bool      `json:"is_auto_cancel_enabled"`
		ContractsLimit      model.Qty `json:"contracts_limit_fp"`
		Orders              []string  `json:"orders"`
		ExchangeIndex       int       `json:"exchange_index"`
	}{g.IsAutoCancelEnabled, g.ContractsLimit, orEmpty(g.Orders), 0}, nil
}

func (s *Server) deleteOrderGroup(r *http.Request, c *caller) (int, any, error) {
	if err := s.engine.DeleteOrderGroup(c.account, r.PathValue("order_group_id")); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct{}{}, nil
}

func (s *Server) triggerOrderGroup(r *http.Request, c *caller) (int, any, error) {
	if err := s.engine.TriggerOrderGroup(c.account, r.PathValue("order_group_id")); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct{}{}, nil
}

func (s *Server) resetOrderGroup(r *http.Request, c *caller) (int, any, error) {
	if err := s.engine.ResetOrderGroup(c.account, r.PathValue("order_group_id")); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct{}{}, nil
}

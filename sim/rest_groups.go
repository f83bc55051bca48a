package sim

import (
	"net/http"

	"ladder/model"
)

// Order groups (kalshi-api.md §4, "Order groups"; subaccounts §11). Create
// takes the subaccount in its body; get and list filter by the subaccount
// query parameter (absent = every subaccount); delete, trigger, reset and
// limit act within one subaccount (absent = 0).

// groupLimitBody accepts contracts_limit_fp (current) or contracts_limit
// (whole contracts); when both are given they must agree.
type groupLimitBody struct {
	ContractsLimitFP *model.Qty `json:"contracts_limit_fp"`
	ContractsLimit   *int64     `json:"contracts_limit"`
}

func (b groupLimitBody) limit() (model.Qty, error) {
	var whole model.Qty
	if b.ContractsLimit != nil {
		if *b.ContractsLimit <= 0 || *b.ContractsLimit > 1<<40 {
			return 0, badRequest("contracts_limit must be a positive whole number of contracts")
		}
		whole = model.Contracts(*b.ContractsLimit)
	}
	switch {
	case b.ContractsLimitFP != nil && b.ContractsLimit != nil && *b.ContractsLimitFP != whole:
		return 0, badRequest("contracts_limit and contracts_limit_fp disagree")
	case b.ContractsLimitFP != nil:
		if *b.ContractsLimitFP <= 0 {
			return 0, badRequest("contracts_limit_fp must be positive")
		}
		return *b.ContractsLimitFP, nil
	case b.ContractsLimit != nil:
		return whole, nil
	}
	return 0, badRequest("contracts_limit_fp is required")
}

type createGroupBody struct {
	groupLimitBody
	Subaccount int `json:"subaccount"`
}

func (s *Server) createOrderGroup(r *http.Request, c *caller) (int, any, error) {
	var req createGroupBody
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	limit, err := req.limit()
	if err != nil {
		return 0, nil, err
	}
	id, err := s.engine.CreateOrderGroupIn(c.account, req.Subaccount, limit)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, struct {
		OrderGroupID  string `json:"order_group_id"`
		Subaccount    int    `json:"subaccount"`
		ExchangeIndex int    `json:"exchange_index"`
	}{OrderGroupID: id, Subaccount: req.Subaccount}, nil
}

func (s *Server) getOrderGroups(r *http.Request, c *caller) (int, any, error) {
	sub, err := querySubaccount(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	groups, err := s.engine.OrderGroupsIn(c.account, sub)
	if err != nil {
		return 0, nil, err
	}
	groups = orEmpty(groups)
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
	sub, err := querySubaccount(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	g, err := s.engine.OrderGroupIn(c.account, sub, r.PathValue("order_group_id"))
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

// groupAction runs one of the subaccount-scoped group actions and answers
// with an empty object.
func (s *Server) groupAction(r *http.Request, c *caller, act func(AccountID, int, string) error) (int, any, error) {
	sub, err := querySubaccountOr0(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	if err := act(c.account, sub, r.PathValue("order_group_id")); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct{}{}, nil
}

func (s *Server) deleteOrderGroup(r *http.Request, c *caller) (int, any, error) {
	return s.groupAction(r, c, s.engine.DeleteOrderGroupIn)
}

func (s *Server) triggerOrderGroup(r *http.Request, c *caller) (int, any, error) {
	return s.groupAction(r, c, s.engine.TriggerOrderGroupIn)
}

func (s *Server) resetOrderGroup(r *http.Request, c *caller) (int, any, error) {
	return s.groupAction(r, c, s.engine.ResetOrderGroupIn)
}

func (s *Server) updateOrderGroupLimit(r *http.Request, c *caller) (int, any, error) {
	var req groupLimitBody
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	limit, err := req.limit()
	if err != nil {
		return 0, nil, err
	}
	return s.groupAction(r, c, func(acct AccountID, sub int, id string) error {
		return s.engine.UpdateOrderGroupLimit(acct, sub, id, limit)
	})
}

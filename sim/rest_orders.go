package sim

import (
	"net/http"

	"ladder/model"
)

// V2 order entry under /portfolio/events/orders (kalshi-api.md §4).

func (s *Server) createOrder(r *http.Request, c *caller) (int, any, error) {
	var req model.CreateOrderRequest
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	resp, err := s.engine.CreateOrder(c.account, req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, resp, nil
}

func (s *Server) cancelOrder(r *http.Request, c *caller) (int, any, error) {
	sub, err := querySubaccountOr0(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	resp, err := s.engine.CancelOrderIn(c.account, sub, r.PathValue("order_id"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, resp, nil
}

func (s *Server) amendOrder(r *http.Request, c *caller) (int, any, error) {
	sub, err := querySubaccountOr0(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	var req model.AmendOrderRequest
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	resp, err := s.engine.AmendOrderIn(c.account, sub, r.PathValue("order_id"), req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, resp, nil
}

func (s *Server) decreaseOrder(r *http.Request, c *caller) (int, any, error) {
	sub, err := querySubaccountOr0(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	var req model.DecreaseOrderRequest
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	if (req.ReduceBy == nil) == (req.ReduceTo == nil) {
		return 0, nil, apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters",
			"exactly one of reduce_by and reduce_to is required")
	}
	resp, err := s.engine.DecreaseOrderIn(c.account, sub, r.PathValue("order_id"), req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, resp, nil
}

// Per-order costs of the batch endpoints (kalshi-api.md §5).
const (
	batchCreateCostPerOrder = 10
	batchCancelCostPerOrder = 2
)

func (s *Server) batchCreate(r *http.Request, c *caller) (int, any, error) {
	var req model.BatchCreateRequest
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	if len(req.Orders) == 0 {
		return 0, nil, badRequest("orders must list at least one order")
	}
	if err := c.charge(int64(len(req.Orders)) * batchCreateCostPerOrder); err != nil {
		return 0, nil, err
	}
	resp := s.engine.BatchCreate(c.account, req.Orders)
	resp.Orders = orEmpty(resp.Orders)
	return http.StatusCreated, resp, nil
}

// batchCancelBody accepts the V2 form {orders:[{order_id}]} and, for older
// clients, the v1 form {ids:[…]}.
type batchCancelBody struct {
	Orders []model.BatchCancelOrder `json:"orders"`
	IDs    []string                 `json:"ids"`
}

func (s *Server) batchCancel(r *http.Request, c *caller) (int, any, error) {
	var req batchCancelBody
	if err := decodeBody(r, &req); err != nil {
		return 0, nil, err
	}
	orders := req.Orders
	for _, id := range req.IDs {
		orders = append(orders, model.BatchCancelOrder{OrderID: id})
	}
	if len(orders) == 0 {
		return 0, nil, badRequest("orders must list at least one order")
	}
	if err := c.charge(int64(len(orders)) * batchCancelCostPerOrder); err != nil {
		return 0, nil, err
	}
	resp := s.engine.BatchCancel(c.account, orders)
	resp.Orders = orEmpty(resp.Orders)
	return http.StatusOK, resp, nil
}

// cancelAll cancels the resting orders of one subaccount, or of every
// subaccount when none is named. It answers 200 with the per-order results
// rather than Kalshi's documented empty 204: generated clients accept any
// 2xx, and the body tells ours exactly what was cancelled.
func (s *Server) cancelAll(r *http.Request, c *caller) (int, any, error) {
	sub, err := querySubaccount(r.URL.Query())
	if err != nil {
		return 0, nil, err
	}
	resp, err := s.engine.CancelAllIn(c.account, sub)
	if err != nil {
		return 0, nil, err
	}
	resp.Orders = orEmpty(resp.Orders)
	return http.StatusOK, resp, nil
}

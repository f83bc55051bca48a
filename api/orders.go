package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"ladder/limiter"
	"ladder/model"
)

func writeCall(method, path string, body any, items int, prio limiter.Priority) (call, error) {
	cl := call{method: method, path: path, items: items, prio: prio}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return cl, fmt.Errorf("api: %s %s: %w", method, path, err)
		}
		cl.body = b
	}
	return cl, nil
}

// ambiguous reports whether a failed write may nevertheless have been
// processed: the request was sent and no definite refusal (4xx) came back.
func ambiguous(err error) bool {
	if err == nil || notSent(err) {
		return false
	}
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Status >= 500 || ae.Code == CodeMalformedResponse
	}
	return true // network error, timeout, or the caller cancelled mid-flight
}

// CancelOrder cancels one order of the primary subaccount (V2, 2 write
// tokens, highest priority). Cancels are idempotent, so transient failures
// are retried. An order that is already gone yields the response for
// orderID and an error matching ErrOrderGone: the order is not resting,
// which is what the caller wanted.
func (c *Client) CancelOrder(ctx context.Context, orderID string) (model.CancelOrderResponse, error) {
	return c.CancelOrderIn(ctx, 0, orderID)
}

// CancelOrderIn is CancelOrder for an order of the given subaccount. The
// exchange finds an order only under its own subaccount: cancelling a
// subaccount's order without naming it answers ErrOrderGone.
func (c *Client) CancelOrderIn(ctx context.Context, subaccount int, orderID string) (model.CancelOrderResponse, error) {
	if err := requireID("order id", orderID); err != nil {
		return model.CancelOrderResponse{}, err
	}
	if err := checkSubaccount(subaccount); err != nil {
		return model.CancelOrderResponse{}, err
	}
	cl, _ := writeCall(http.MethodDelete, endpoint("portfolio", "events", "orders", orderID), nil, 0, limiter.PriorityCancel)
	cl.query = subaccountQuery(subaccount).v
	var out model.CancelOrderResponse
	if err := c.do(ctx, &cl, retryTransient, &out); err != nil {
		return model.CancelOrderResponse{OrderID: orderID}, goneError(err, orderID)
	}
	return out, nil
}

// AmendOrder changes an order's price and/or total count (filled +
// resting). An amend is not idempotent, so it is retried only after a 429;
// after a 5xx or timeout the error matches ErrUnknownOutcome.
func (c *Client) AmendOrder(ctx context.Context, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	return c.AmendOrderIn(ctx, 0, orderID, req)
}

// AmendOrderIn is AmendOrder for an order of the given subaccount.
func (c *Client) AmendOrderIn(ctx context.Context, subaccount int, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	var out model.AmendOrderResponse
	if err := requireID("order id", orderID); err != nil {
		return out, err
	}
	if err := checkSubaccount(subaccount); err != nil {
		return out, err
	}
	cl, err := writeCall(http.MethodPost, endpoint("portfolio", "events", "orders", orderID, "amend"), req, 0, limiter.PriorityAmend)
	if err != nil {
		return out, err
	}
	cl.query = subaccountQuery(subaccount).v
	if err := c.do(ctx, &cl, retry429Only, &out); err != nil {
		return out, c.writeFailure("amend", orderID, req.ClientOrderID, req.Ticker, err)
	}
	return out, nil
}

// DecreaseOrder reduces an order's resting count (set exactly one of
// ReduceBy and ReduceTo). Retried only after a 429, like AmendOrder.
func (c *Client) DecreaseOrder(ctx context.Context, orderID string, req model.DecreaseOrderRequest) (model.DecreaseOrderResponse, error) {
	return c.DecreaseOrderIn(ctx, 0, orderID, req)
}

// DecreaseOrderIn is DecreaseOrder for an order of the given subaccount.
func (c *Client) DecreaseOrderIn(ctx context.Context, subaccount int, orderID string, req model.DecreaseOrderRequest) (model.DecreaseOrderResponse, error) {
	var out model.DecreaseOrderResponse
	if err := requireID("order id", orderID); err != nil {
		return out, err
	}
	if err := checkSubaccount(subaccount); err != nil {
		return out, err
	}
	if (req.ReduceBy == nil) == (req.ReduceTo == nil) {
		return out, errors.New("api: decrease order: set exactly one of reduce_by and reduce_to")
	}
	cl, err := writeCall(http.MethodPost, endpoint("portfolio", "events", "orders", orderID, "decrease"), req, 0, limiter.PriorityAmend)
	if err != nil {
		return out, err
	}
	cl.query = subaccountQuery(subaccount).v
	if err := c.do(ctx, &cl, retry429Only, &out); err != nil {
		return out, c.writeFailure("decrease", orderID, "", "", err)
	}
	return out, nil
}

// writeFailure classifies the failure of a non-idempotent order change.
func (c *Client) writeFailure(op, orderID, clientOrderID, ticker string, err error) error {
	if ambiguous(err) {
		return &UnknownOutcomeError{Op: op, OrderID: orderID, ClientOrderID: clientOrderID, Ticker: ticker, Err: err}
	}
	return goneError(err, orderID)
}

// BatchCreateOrders places several orders in one request (10 write tokens
// per order). Each order gets a client_order_id before sending. Items
// succeed or fail on their own (see each item's Error). The whole batch is
// retried only after a 429; after a 5xx or timeout the error is an
// *UnknownOutcomeError listing every client_order_id, because some items
// may have landed and some not.
func (c *Client) BatchCreateOrders(ctx context.Context, reqs []model.CreateOrderRequest) (model.BatchCreateResponse, error) {
	var out model.BatchCreateResponse
	if len(reqs) == 0 {
		return out, nil
	}
	orders := make([]model.CreateOrderRequest, len(reqs))
	ids := make([]string, len(reqs))
	for i, r := range reqs {
		if r.ClientOrderID == "" {
			r.ClientOrderID = NewClientOrderID()
		}
		if err := r.Validate(); err != nil {
			return out, fmt.Errorf("api: batch create, order %d: %w", i, err)
		}
		orders[i], ids[i] = r, r.ClientOrderID
	}
	cl, err := writeCall(http.MethodPost, "/portfolio/events/orders/batched", model.BatchCreateRequest{Orders: orders}, len(orders), limiter.PriorityNew)
	if err != nil {
		return out, err
	}
	if err := c.do(ctx, &cl, retry429Only, &out); err != nil {
		if ambiguous(err) {
			return out, &UnknownOutcomeError{Op: "batch create", ClientOrderIDs: ids, Ticker: orders[0].Ticker, Err: err}
		}
		return out, err
	}
	return out, nil
}

// BatchCancelOrders cancels several orders in one request (2 write tokens
// per order). Retried on transient failures like a single cancel; items for
// orders already gone carry an error that ItemGone recognises.
func (c *Client) BatchCancelOrders(ctx context.Context, orderIDs []string) (model.BatchCancelResponse, error) {
	orders := make([]model.BatchCancelOrder, len(orderIDs))
	for i, id := range orderIDs {
		if err := requireID("order id", id); err != nil {
			return model.BatchCancelResponse{}, err
		}
		orders[i] = model.BatchCancelOrder{OrderID: id}
	}
	return c.BatchCancel(ctx, orders)
}

// BatchCancel is BatchCancelOrders with per-order subaccount and market
// ticker: an order of a subaccount must name it.
func (c *Client) BatchCancel(ctx context.Context, orders []model.BatchCancelOrder) (model.BatchCancelResponse, error) {
	var out model.BatchCancelResponse
	if len(orders) == 0 {
		return out, nil
	}
	cl, err := writeCall(http.MethodDelete, "/portfolio/events/orders/batched", model.BatchCancelRequest{Orders: orders}, len(orders), limiter.PriorityCancel)
	if err != nil {
		return out, err
	}
	err = c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

// CancelAllOrders cancels every resting order of the account, in every
// subaccount (DELETE /portfolio/events/orders). The exchange may answer
// with per-order results or with an empty body; the latter gives an empty
// response.
func (c *Client) CancelAllOrders(ctx context.Context) (model.BatchCancelResponse, error) {
	return c.cancelAll(ctx, newQuery())
}

// CancelAllOrdersIn cancels every resting order of one subaccount and
// leaves the others' resting.
func (c *Client) CancelAllOrdersIn(ctx context.Context, subaccount int) (model.BatchCancelResponse, error) {
	if err := checkSubaccount(subaccount); err != nil {
		return model.BatchCancelResponse{}, err
	}
	return c.cancelAll(ctx, newQuery().opt("subaccount", &subaccount))
}

func (c *Client) cancelAll(ctx context.Context, q queryBuilder) (model.BatchCancelResponse, error) {
	var out model.BatchCancelResponse
	cl, _ := writeCall(http.MethodDelete, "/portfolio/events/orders", nil, 0, limiter.PriorityCancel)
	cl.query = q.v
	cl.emptyOK = true
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

package api

import (
	"context"
	"net/http"

	"ladder/limiter"
	"ladder/model"
)

// CreateOrderGroup creates an order group: if more than limit contracts
// fill within a rolling 15 s, the exchange cancels every order in the group
// and blocks new ones until ResetOrderGroup. Creating is not idempotent, so
// it is retried only after a 429.
func (c *Client) CreateOrderGroup(ctx context.Context, limit model.Qty) (string, error) {
	body := struct {
		ContractsLimit model.Qty `json:"contracts_limit_fp"`
	}{limit}
	cl, err := writeCall(http.MethodPost, "/portfolio/order_groups/create", body, 0, limiter.PriorityNew)
	if err != nil {
		return "", err
	}
	var out struct {
		OrderGroupID string `json:"order_group_id"`
	}
	if err := c.do(ctx, &cl, retry429Only, &out); err != nil {
		return "", err
	}
	if out.OrderGroupID == "" {
		return "", &Error{Status: http.StatusOK, Code: CodeMalformedResponse, Message: "response has no order_group_id", Method: cl.method, Path: cl.path}
	}
	return out.OrderGroupID, nil
}

// GetOrderGroup reads one order group; ID is set from the argument because
// the response does not repeat it.
func (c *Client) GetOrderGroup(ctx context.Context, id string) (model.OrderGroup, error) {
	var out model.OrderGroup
	if err := requireID("order group id", id); err != nil {
		return out, err
	}
	cl := readCall(endpoint("portfolio", "order_groups", id), newQuery())
	if err := c.do(ctx, &cl, retryTransient, &out); err != nil {
		return model.OrderGroup{}, err
	}
	out.ID = id
	return out, nil
}

// GetOrderGroups lists the account's order groups.
func (c *Client) GetOrderGroups(ctx context.Context) ([]model.OrderGroup, error) {
	var out struct {
		OrderGroups []model.OrderGroup `json:"order_groups"`
	}
	cl := readCall("/portfolio/order_groups", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.OrderGroups, err
}

// TriggerOrderGroup fires the group's kill switch: every order in it is
// cancelled. It ranks with cancels and is retried like one (triggering
// twice is harmless).
func (c *Client) TriggerOrderGroup(ctx context.Context, id string) error {
	return c.groupAction(ctx, http.MethodPut, id, "trigger", limiter.PriorityCancel)
}

// ResetOrderGroup re-enables new orders in a triggered group.
func (c *Client) ResetOrderGroup(ctx context.Context, id string) error {
	return c.groupAction(ctx, http.MethodPut, id, "reset", limiter.PriorityNew)
}

// DeleteOrderGroup deletes the group, cancelling its orders. A 404 means it
// is already gone.
func (c *Client) DeleteOrderGroup(ctx context.Context, id string) error {
	return c.groupAction(ctx, http.MethodDelete, id, "", limiter.PriorityCancel)
}

func (c *Client) groupAction(ctx context.Context, method, id, action string, prio limiter.Priority) error {
	if err := requireID("order group id", id); err != nil {
		return err
	}
	path := endpoint("portfolio", "order_groups", id)
	if action != "" {
		path = endpoint("portfolio", "order_groups", id, action)
	}
	cl, _ := writeCall(method, path, nil, 0, prio)
	return c.do(ctx, &cl, retryTransient, nil)
}

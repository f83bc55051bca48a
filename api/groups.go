package api

import (
	"context"
	"net/http"

	"ladder/limiter"
	"ladder/model"
)

// Order groups (kalshi-api.md §4): if more than a group's limit fills
// within a rolling 15 s, the exchange cancels every order in it and refuses
// new ones until a reset. A group belongs to one subaccount; the methods
// without In act on the primary's groups, as the exchange does when the
// subaccount is left out.

// CreateOrderGroup creates a group in the primary subaccount; see
// CreateOrderGroupIn.
func (c *Client) CreateOrderGroup(ctx context.Context, limit model.Qty) (string, error) {
	return c.CreateOrderGroupIn(ctx, 0, limit)
}

// CreateOrderGroupIn creates a group for the given subaccount's orders with
// a contracts limit per 15 s. Creating is not idempotent, so it is retried
// only after a 429.
func (c *Client) CreateOrderGroupIn(ctx context.Context, subaccount int, limit model.Qty) (string, error) {
	if err := checkSubaccount(subaccount); err != nil {
		return "", err
	}
	cl, err := writeCall(http.MethodPost, "/portfolio/order_groups/create",
		model.CreateOrderGroupRequest{ContractsLimit: limit, Subaccount: subaccount}, 0, limiter.PriorityNew)
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

// GetOrderGroup reads one order group, of whichever subaccount; ID is set
// from the argument because the response does not repeat it.
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

// GetOrderGroups lists the account's order groups of every subaccount.
func (c *Client) GetOrderGroups(ctx context.Context) ([]model.OrderGroup, error) {
	return c.listGroups(ctx, newQuery())
}

// GetOrderGroupsIn lists one subaccount's order groups.
func (c *Client) GetOrderGroupsIn(ctx context.Context, subaccount int) ([]model.OrderGroup, error) {
	if err := checkSubaccount(subaccount); err != nil {
		return nil, err
	}
	return c.listGroups(ctx, newQuery().opt("subaccount", &subaccount))
}

func (c *Client) listGroups(ctx context.Context, q queryBuilder) ([]model.OrderGroup, error) {
	var out struct {
		OrderGroups []model.OrderGroup `json:"order_groups"`
	}
	cl := readCall("/portfolio/order_groups", q)
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.OrderGroups, err
}

// TriggerOrderGroup fires a primary-subaccount group's kill switch; see
// TriggerOrderGroupIn.
func (c *Client) TriggerOrderGroup(ctx context.Context, id string) error {
	return c.TriggerOrderGroupIn(ctx, 0, id)
}

// TriggerOrderGroupIn fires the group's kill switch: every order in it is
// cancelled. It ranks with cancels and is retried like one (triggering
// twice is harmless).
func (c *Client) TriggerOrderGroupIn(ctx context.Context, subaccount int, id string) error {
	return c.groupAction(ctx, http.MethodPut, subaccount, id, "trigger", nil, limiter.PriorityCancel)
}

// ResetOrderGroup re-enables a primary-subaccount group.
func (c *Client) ResetOrderGroup(ctx context.Context, id string) error {
	return c.ResetOrderGroupIn(ctx, 0, id)
}

// ResetOrderGroupIn re-enables new orders in a triggered group.
func (c *Client) ResetOrderGroupIn(ctx context.Context, subaccount int, id string) error {
	return c.groupAction(ctx, http.MethodPut, subaccount, id, "reset", nil, limiter.PriorityNew)
}

// DeleteOrderGroup deletes a primary-subaccount group.
func (c *Client) DeleteOrderGroup(ctx context.Context, id string) error {
	return c.DeleteOrderGroupIn(ctx, 0, id)
}

// DeleteOrderGroupIn deletes the group, cancelling its orders. A 404 means
// it is already gone.
func (c *Client) DeleteOrderGroupIn(ctx context.Context, subaccount int, id string) error {
	return c.groupAction(ctx, http.MethodDelete, subaccount, id, "", nil, limiter.PriorityCancel)
}

// UpdateOrderGroupLimit sets a group's contracts limit per 15 s. Setting a
// value is idempotent, so it is retried like a read. A limit below what
// already filled within the window triggers the group.
func (c *Client) UpdateOrderGroupLimit(ctx context.Context, subaccount int, id string, limit model.Qty) error {
	body := struct {
		ContractsLimit model.Qty `json:"contracts_limit_fp"`
	}{limit}
	return c.groupAction(ctx, http.MethodPut, subaccount, id, "limit", body, limiter.PriorityNew)
}

func (c *Client) groupAction(ctx context.Context, method string, subaccount int, id, action string, body any, prio limiter.Priority) error {
	if err := requireID("order group id", id); err != nil {
		return err
	}
	if err := checkSubaccount(subaccount); err != nil {
		return err
	}
	path := endpoint("portfolio", "order_groups", id)
	if action != "" {
		path = endpoint("portfolio", "order_groups", id, action)
	}
	cl, err := writeCall(method, path, body, 0, prio)
	if err != nil {
		return err
	}
	cl.query = subaccountQuery(subaccount).v
	return c.do(ctx, &cl, retryTransient, nil)
}

package api

import (
	"context"

	"ladder/model"
)

// GetExchangeSchedule reads GET /exchange/schedule: the weekly trading
// hours (US Eastern) and scheduled maintenance windows.
func (c *Client) GetExchangeSchedule(ctx context.Context) (model.ExchangeSchedule, error) {
	var out struct {
		Schedule model.ExchangeSchedule `json:"schedule"`
	}
	cl := readCall("/exchange/schedule", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.Schedule, err
}

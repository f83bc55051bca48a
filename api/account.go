package api

import (
	"context"
	"errors"
	"fmt"

	"ladder/limiter"
	"ladder/model"
)

// GetAccountLimits reads GET /account/limits: the usage tier and the read
// and write buckets' refill rates and capacities.
func (c *Client) GetAccountLimits(ctx context.Context) (limiter.Limits, error) {
	var out limiter.Limits
	cl := readCall("/account/limits", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

// GetEndpointCosts reads GET /account/endpoint_costs: the default token
// cost and per-endpoint overrides.
func (c *Client) GetEndpointCosts(ctx context.Context) (limiter.EndpointCosts, error) {
	var out limiter.EndpointCosts
	cl := readCall("/account/endpoint_costs", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out, err
}

// GetVolumeProgress reads GET /account/api_usage_level/volume_progress: the
// trailing 30-day volume and each volume-earned usage level's goals (one
// entry per exchange lane).
func (c *Client) GetVolumeProgress(ctx context.Context) ([]model.VolumeProgress, error) {
	var out struct {
		VolumeProgress []model.VolumeProgress `json:"volume_progress"`
	}
	cl := readCall("/account/api_usage_level/volume_progress", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.VolumeProgress, err
}

// LoadRateLimits fetches the account's limits and endpoint costs and
// applies them to the limiter, so that it meters against the real budget
// instead of the --tier guess. Whatever could be fetched is applied even if
// the other request failed; the errors are joined.
func (c *Client) LoadRateLimits(ctx context.Context) error {
	if c.signer == nil {
		return errors.New("api: rate limits are per account; sign in first")
	}
	var errs []error
	if lim, err := c.GetAccountLimits(ctx); err != nil {
		errs = append(errs, fmt.Errorf("account limits: %w", err))
	} else if err := c.lim.SetLimits(lim); err != nil {
		errs = append(errs, fmt.Errorf("account limits: %w", err))
	}
	if costs, err := c.GetEndpointCosts(ctx); err != nil {
		errs = append(errs, fmt.Errorf("endpoint costs: %w", err))
	} else if err := c.lim.SetEndpointCosts(costs); err != nil {
		errs = append(errs, fmt.Errorf("endpoint costs: %w", err))
	}
	return errors.Join(errs...)
}

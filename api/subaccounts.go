package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"ladder/limiter"
	"ladder/model"
)

// Subaccounts (kalshi-api.md §11): 0 is the primary, 1–63 are created on
// demand. Each holds its own cash and positions; GetBalanceIn and
// GetPositions (PositionsQuery.Subaccount) read one of them, and the order
// methods ending in In act within one.

// TransfersQuery pages GET /portfolio/subaccounts/transfers.
type TransfersQuery struct {
	Limit    int // page size; 0 means the maximum (1000)
	MaxPages int // 0 follows every cursor
}

// CreateSubaccount opens the next numbered subaccount and returns its
// number. Creating is not idempotent, so it is retried only after a 429;
// after a 5xx or a timeout the error is an *UnknownOutcomeError: list the
// balances to see whether a subaccount appeared.
func (c *Client) CreateSubaccount(ctx context.Context) (int, error) {
	cl, err := writeCall(http.MethodPost, "/portfolio/subaccounts", struct{}{}, 0, limiter.PriorityRead)
	if err != nil {
		return 0, err
	}
	var out struct {
		SubaccountNumber *int `json:"subaccount_number"`
	}
	if err := c.do(ctx, &cl, retry429Only, &out); err != nil {
		if ambiguous(err) {
			return 0, &UnknownOutcomeError{Op: "create subaccount", Err: err}
		}
		return 0, err
	}
	if out.SubaccountNumber == nil {
		return 0, &Error{Status: http.StatusCreated, Code: CodeMalformedResponse, Message: "response has no subaccount_number", Method: cl.method, Path: cl.path}
	}
	return *out.SubaccountNumber, nil
}

// GetSubaccountBalances lists every subaccount's available cash.
func (c *Client) GetSubaccountBalances(ctx context.Context) ([]model.SubaccountBalance, error) {
	var out struct {
		SubaccountBalances []model.SubaccountBalance `json:"subaccount_balances"`
	}
	cl := readCall("/portfolio/subaccounts/balances", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.SubaccountBalances, err
}

// TransferCash moves req.AmountCents from one subaccount to another and
// returns the client_transfer_id it was sent under (a fresh UUID when req
// leaves it empty). The id makes the transfer idempotent, so every attempt
// resends the same one and transient failures are retried; the exchange
// answers a reused id with 409 and moves nothing, so a 409 means the
// transfer is already done. To retry later (after an error), pass the
// returned id back in req.
func (c *Client) TransferCash(ctx context.Context, req model.SubaccountTransferRequest) (string, error) {
	if req.ClientTransferID == "" {
		req.ClientTransferID = NewClientOrderID()
	}
	for _, n := range []int{req.FromSubaccount, req.ToSubaccount} {
		if err := checkSubaccount(n); err != nil {
			return req.ClientTransferID, err
		}
	}
	switch {
	case !model.ValidUUID(req.ClientTransferID):
		return req.ClientTransferID, fmt.Errorf("api: transfer: client_transfer_id %q is not a UUID", req.ClientTransferID)
	case req.AmountCents <= 0:
		return req.ClientTransferID, fmt.Errorf("api: transfer: amount_cents %d must be positive", req.AmountCents)
	case req.FromSubaccount == req.ToSubaccount:
		return req.ClientTransferID, errors.New("api: transfer: from and to are the same subaccount")
	}
	cl, err := writeCall(http.MethodPost, "/portfolio/subaccounts/transfer", req, 0, limiter.PriorityRead)
	if err != nil {
		return req.ClientTransferID, err
	}
	cl.emptyOK = true
	err = c.do(ctx, &cl, retryTransient, new(struct{}))
	var ae *Error
	if errors.As(err, &ae) && ae.Status == http.StatusConflict {
		return req.ClientTransferID, nil
	}
	return req.ClientTransferID, err
}

// GetSubaccountTransfers lists the transfers between subaccounts, newest
// first, following cursors.
func (c *Client) GetSubaccountTransfers(ctx context.Context, q TransfersQuery) ([]model.SubaccountTransfer, error) {
	type page struct {
		Transfers []model.SubaccountTransfer `json:"transfers"`
		Cursor    string                     `json:"cursor"`
	}
	cl := readCall("/portfolio/subaccounts/transfers", newQuery().limit(q.Limit, maxPageDefault))
	return collect(ctx, c, cl, q.MaxPages, func(p *page) ([]model.SubaccountTransfer, string) {
		return p.Transfers, p.Cursor
	})
}

// GetSubaccountNetting lists every subaccount's netting flag.
func (c *Client) GetSubaccountNetting(ctx context.Context) ([]model.NettingConfig, error) {
	var out struct {
		NettingConfigs []model.NettingConfig `json:"netting_configs"`
	}
	cl := readCall("/portfolio/subaccounts/netting", newQuery())
	err := c.do(ctx, &cl, retryTransient, &out)
	return out.NettingConfigs, err
}

// SetSubaccountNetting sets one subaccount's netting flag. Setting a flag
// is idempotent, so transient failures are retried.
func (c *Client) SetSubaccountNetting(ctx context.Context, subaccount int, enabled bool) error {
	if err := checkSubaccount(subaccount); err != nil {
		return err
	}
	body := struct {
		SubaccountNumber int  `json:"subaccount_number"`
		Enabled          bool `json:"enabled"`
	}{subaccount, enabled}
	cl, err := writeCall(http.MethodPut, "/portfolio/subaccounts/netting", body, 0, limiter.PriorityRead)
	if err != nil {
		return err
	}
	cl.emptyOK = true
	return c.do(ctx, &cl, retryTransient, new(struct{}))
}

// checkSubaccount refuses a number outside 0–63 before it is sent.
func checkSubaccount(n int) error {
	if n < 0 || n > model.MaxSubaccount {
		return fmt.Errorf("api: subaccount %d is outside 0–%d", n, model.MaxSubaccount)
	}
	return nil
}

// subaccountQuery is the query of the endpoints taking a subaccount
// parameter whose default is the primary: 0 is left out.
func subaccountQuery(subaccount int) queryBuilder {
	return newQuery().i64("subaccount", int64(subaccount))
}

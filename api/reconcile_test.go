package api

import (
	"context"
	"net/http"

	"ladder/model"
)

// Compile-time checks that *Client and *Signer satisfy the stream
// package's Reconciler and Authenticator contracts (contracts.md) without
// importing it.
var (
	_ interface {
		RestingOrders(context.Context) ([]model.Order, error)
		FillsSince(context.Context, int64) ([]model.Fill, error)
		Positions(context.Context) ([]model.MarketPosition, error)
	} = (*Client)(nil)
	_ interface {
		Sign(method, path string) (http.Header, error)
	} = (*Signer)(nil)
)

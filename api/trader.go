package api

import (
	"context"

	"ladder/model"
)

// Trader is the order-entry and account surface of *Client that a trading
// front end needs. The dashboard takes one, the audit journal wraps one,
// and tests fake one; *Client satisfies it.
type Trader interface {
	CreateOrder(ctx context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error)
	CancelOrder(ctx context.Context, orderID string) (model.CancelOrderResponse, error)
	AmendOrder(ctx context.Context, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error)
	BatchCancelOrders(ctx context.Context, orderIDs []string) (model.BatchCancelResponse, error)
	CancelAllOrders(ctx context.Context) (model.BatchCancelResponse, error)
	GetOrders(ctx context.Context, q OrdersQuery) ([]model.Order, error)
	GetFills(ctx context.Context, q FillsQuery) ([]model.Fill, error)
	// GetPositions is the exchange's record of every position, including
	// those opened before this session.
	GetPositions(ctx context.Context, q PositionsQuery) ([]model.MarketPosition, error)
	GetBalance(ctx context.Context) (model.Balance, error)
}

var _ Trader = (*Client)(nil)

package journal

import (
	"context"

	"ladder/model"
)

// The subaccount variants of the order actions (kalshi-api.md §11): an
// order of a subaccount other than the primary is found only when the call
// names its subaccount. They are journalled like the plain calls, with the
// subaccount in the entry; a wrapped trader without them answers
// ErrNotOffered.

// subaccountTrader is the optional subaccount surface of the wrapped trader.
type subaccountTrader interface {
	CancelOrderIn(ctx context.Context, subaccount int, orderID string) (model.CancelOrderResponse, error)
	AmendOrderIn(ctx context.Context, subaccount int, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error)
	BatchCancel(ctx context.Context, orders []model.BatchCancelOrder) (model.BatchCancelResponse, error)
}

// CancelOrderIn cancels an order of a subaccount, journalled.
func (r *recorder) CancelOrderIn(ctx context.Context, subaccount int, orderID string) (model.CancelOrderResponse, error) {
	s, ok := r.next.(subaccountTrader)
	if !ok {
		return model.CancelOrderResponse{}, ErrNotOffered
	}
	e := Entry{Action: ActionCancel, OrderID: orderID, Subaccount: subaccount}
	start := r.begin(e)
	resp, err := s.CancelOrderIn(ctx, subaccount, orderID)
	e.ClientOrderID, e.ReducedBy = resp.ClientOrderID, resp.ReducedBy
	r.end(e, start, err)
	return resp, err
}

// AmendOrderIn amends an order of a subaccount, journalled.
func (r *recorder) AmendOrderIn(ctx context.Context, subaccount int, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	s, ok := r.next.(subaccountTrader)
	if !ok {
		return model.AmendOrderResponse{}, ErrNotOffered
	}
	return r.amend(orderID, req, subaccount, func() (model.AmendOrderResponse, error) {
		return s.AmendOrderIn(ctx, subaccount, orderID, req)
	})
}

// BatchCancel cancels orders naming each one's subaccount, journalled as a
// batch cancel.
func (r *recorder) BatchCancel(ctx context.Context, orders []model.BatchCancelOrder) (model.BatchCancelResponse, error) {
	s, ok := r.next.(subaccountTrader)
	if !ok {
		return model.BatchCancelResponse{}, ErrNotOffered
	}
	ids := make([]string, len(orders))
	for i, o := range orders {
		ids[i] = o.OrderID
	}
	e := Entry{Action: ActionBatchCancel, OrderIDs: ids}
	start := r.begin(e)
	resp, err := s.BatchCancel(ctx, orders)
	r.endBatch(e, start, resp, err)
	return resp, err
}

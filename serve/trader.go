package serve

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/singleflight"

	"ladder/api"
	"ladder/model"
)

// errViewOnly is what a view key's Trader answers to any order action.
var errViewOnly = errors.New("view only: this SSH key may not trade")

// viewOnly is a view key's Trader: it reads (so the screen shows orders,
// positions and the balance) and refuses every order action before it
// leaves the process. The dashboard already sends none (ui
// Options.ViewOnly); this is the second lock on the same door.
type viewOnly struct{ api.Trader }

func (viewOnly) CreateOrder(context.Context, model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	return model.CreateOrderResponse{}, errViewOnly
}

func (viewOnly) CancelOrder(context.Context, string) (model.CancelOrderResponse, error) {
	return model.CancelOrderResponse{}, errViewOnly
}

func (viewOnly) AmendOrder(context.Context, string, model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	return model.AmendOrderResponse{}, errViewOnly
}

func (viewOnly) BatchCancelOrders(context.Context, []string) (model.BatchCancelResponse, error) {
	return model.BatchCancelResponse{}, errViewOnly
}

func (viewOnly) CancelAllOrders(context.Context) (model.BatchCancelResponse, error) {
	return model.BatchCancelResponse{}, errViewOnly
}

// sharedReads is the Trader all sessions share: identical reads made
// while one is in flight wait for it and share its answer, so a fill that
// makes twenty screens ask for the balance at once costs one request.
// Nothing is cached beyond the call in flight, so no answer is older than
// the question. Order actions pass straight through.
type sharedReads struct {
	api.Trader
	g singleflight.Group
}

func shareReads(t api.Trader) api.Trader { return &sharedReads{Trader: t} }

func (s *sharedReads) GetOrders(ctx context.Context, q api.OrdersQuery) ([]model.Order, error) {
	return shared(s, ctx, fmt.Sprintf("orders %#v", q), func(ctx context.Context) ([]model.Order, error) { return s.Trader.GetOrders(ctx, q) })
}

func (s *sharedReads) GetFills(ctx context.Context, q api.FillsQuery) ([]model.Fill, error) {
	return shared(s, ctx, fmt.Sprintf("fills %#v", q), func(ctx context.Context) ([]model.Fill, error) { return s.Trader.GetFills(ctx, q) })
}

func (s *sharedReads) GetPositions(ctx context.Context, q api.PositionsQuery) ([]model.MarketPosition, error) {
	return shared(s, ctx, fmt.Sprintf("positions %#v", q), func(ctx context.Context) ([]model.MarketPosition, error) {
		return s.Trader.GetPositions(ctx, q)
	})
}

func (s *sharedReads) GetBalance(ctx context.Context) (model.Balance, error) {
	return shared(s, ctx, "balance", s.Trader.GetBalance)
}

// shared runs read once for every caller asking key at the same time. The
// request runs detached from the first caller's context (one session
// leaving must not fail the others' read) but bounded by the client's own
// timeouts; each caller still stops waiting when its own context ends.
// Callers get copies of slices, since each screen keeps and may sort what
// it is given.
func shared[T any](s *sharedReads, ctx context.Context, key string, read func(context.Context) (T, error)) (T, error) {
	ch := s.g.DoChan(key, func() (any, error) { return read(context.WithoutCancel(ctx)) })
	select {
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	case r := <-ch:
		v, _ := r.Val.(T)
		return cloneSlice(v), r.Err
	}
}

// cloneSlice copies v when it is a slice of values the screens may change.
func cloneSlice[T any](v T) T {
	switch s := any(v).(type) {
	case []model.Order:
		return any(append([]model.Order(nil), s...)).(T)
	case []model.Fill:
		return any(append([]model.Fill(nil), s...)).(T)
	case []model.MarketPosition:
		return any(append([]model.MarketPosition(nil), s...)).(T)
	}
	return v
}

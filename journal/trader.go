package journal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"ladder/api"
	"ladder/model"
)

// Trader is api.Trader: the wrapper satisfies it too, so it can stand
// wherever the client does.
type Trader = api.Trader

// Wrap returns t with every write action journalled: a request entry
// before it is sent and a result entry (or one per item of a batch) after.
// Reads pass straight through. A journal failure never fails or delays the
// trade beyond the write itself: it is logged to log (nil: discarded) and
// counted by j.Failures. A nil t stays nil, so a read-only session stays
// read-only.
func Wrap(t Trader, j *Journal, log *slog.Logger) Trader {
	if t == nil {
		return nil
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &recorder{next: t, j: j, log: log}
}

type recorder struct {
	next  Trader
	j     *Journal
	log   *slog.Logger
	actor *Actor // stamped on every entry (WrapAs); nil: the local user
}

// CreateOrder names the order (client_order_id) before journalling it, so
// every request entry can be matched with the exchange's order.
func (r *recorder) CreateOrder(ctx context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	if req.ClientOrderID == "" {
		req.ClientOrderID = api.NewClientOrderID()
	}
	e := Entry{Action: ActionCreate, Ticker: req.Ticker, Side: req.Side, Price: req.Price, Count: req.Count,
		TimeInForce: req.TimeInForce, PostOnly: req.PostOnly, ReduceOnly: req.ReduceOnly, ClientOrderID: req.ClientOrderID,
		OrderGroupID: req.OrderGroupID, Subaccount: req.Subaccount}
	start := r.begin(e)
	resp, err := r.next.CreateOrder(ctx, req)
	e.OrderID, e.FillCount, e.RemainingCount = resp.OrderID, resp.FillCount, resp.RemainingCount
	r.end(e, start, err)
	return resp, err
}

func (r *recorder) CancelOrder(ctx context.Context, orderID string) (model.CancelOrderResponse, error) {
	e := Entry{Action: ActionCancel, OrderID: orderID}
	start := r.begin(e)
	resp, err := r.next.CancelOrder(ctx, orderID)
	e.ClientOrderID, e.ReducedBy = resp.ClientOrderID, resp.ReducedBy
	r.end(e, start, err)
	return resp, err
}

func (r *recorder) AmendOrder(ctx context.Context, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	return r.amend(orderID, req, 0, func() (model.AmendOrderResponse, error) {
		return r.next.AmendOrder(ctx, orderID, req)
	})
}

// amend journals one amend of an order of subaccount, sent by send (the
// plain call or the subaccount's): the request, then what it left filled
// and remaining.
func (r *recorder) amend(orderID string, req model.AmendOrderRequest, subaccount int,
	send func() (model.AmendOrderResponse, error)) (model.AmendOrderResponse, error) {
	e := Entry{Action: ActionAmend, OrderID: orderID, Ticker: req.Ticker, Side: req.Side, Price: req.Price,
		Count: req.Count, ClientOrderID: req.ClientOrderID, UpdatedClientOrderID: req.UpdatedClientOrderID, Subaccount: subaccount}
	start := r.begin(e)
	resp, err := send()
	if resp.FillCount != nil {
		e.FillCount = *resp.FillCount
	}
	if resp.RemainingCount != nil {
		e.RemainingCount = *resp.RemainingCount
	}
	r.end(e, start, err)
	return resp, err
}

func (r *recorder) BatchCancelOrders(ctx context.Context, orderIDs []string) (model.BatchCancelResponse, error) {
	e := Entry{Action: ActionBatchCancel, OrderIDs: orderIDs}
	start := r.begin(e)
	resp, err := r.next.BatchCancelOrders(ctx, orderIDs)
	r.endBatch(e, start, resp, err)
	return resp, err
}

func (r *recorder) CancelAllOrders(ctx context.Context) (model.BatchCancelResponse, error) {
	e := Entry{Action: ActionCancelAll}
	start := r.begin(e)
	resp, err := r.next.CancelAllOrders(ctx)
	r.endBatch(e, start, resp, err)
	return resp, err
}

func (r *recorder) GetOrders(ctx context.Context, q api.OrdersQuery) ([]model.Order, error) {
	return r.next.GetOrders(ctx, q)
}

func (r *recorder) GetFills(ctx context.Context, q api.FillsQuery) ([]model.Fill, error) {
	return r.next.GetFills(ctx, q)
}

func (r *recorder) GetPositions(ctx context.Context, q api.PositionsQuery) ([]model.MarketPosition, error) {
	return r.next.GetPositions(ctx, q)
}

func (r *recorder) GetBalance(ctx context.Context) (model.Balance, error) {
	return r.next.GetBalance(ctx)
}

// ErrNotOffered is the answer of an optional call (order groups,
// settlements) the wrapped trader does not offer.
var ErrNotOffered = fmt.Errorf("journal: the exchange client does not offer this call (%w)", errors.ErrUnsupported)

// groupTrader is the optional order-group surface of the wrapped trader.
type groupTrader interface {
	CreateOrderGroup(ctx context.Context, limit model.Qty) (string, error)
	TriggerOrderGroup(ctx context.Context, id string) error
	ResetOrderGroup(ctx context.Context, id string) error
}

// CreateOrderGroup creates the session's order group, journalled.
func (r *recorder) CreateOrderGroup(ctx context.Context, limit model.Qty) (string, error) {
	g, ok := r.next.(groupTrader)
	if !ok {
		return "", ErrNotOffered
	}
	e := Entry{Action: ActionGroupCreate, Count: limit}
	start := r.begin(e)
	id, err := g.CreateOrderGroup(ctx, limit)
	e.OrderGroupID = id
	r.end(e, start, err)
	return id, err
}

// TriggerOrderGroup triggers the group (the kill switch), journalled.
func (r *recorder) TriggerOrderGroup(ctx context.Context, id string) error {
	g, ok := r.next.(groupTrader)
	if !ok {
		return ErrNotOffered
	}
	e := Entry{Action: ActionGroupTrigger, OrderGroupID: id}
	start := r.begin(e)
	err := g.TriggerOrderGroup(ctx, id)
	r.end(e, start, err)
	return err
}

// ResetOrderGroup resets the group (unlock), journalled.
func (r *recorder) ResetOrderGroup(ctx context.Context, id string) error {
	g, ok := r.next.(groupTrader)
	if !ok {
		return ErrNotOffered
	}
	e := Entry{Action: ActionGroupReset, OrderGroupID: id}
	start := r.begin(e)
	err := g.ResetOrderGroup(ctx, id)
	r.end(e, start, err)
	return err
}

// GetQueuePositions passes through to the wrapped trader when it offers
// it: a read, never journalled.
func (r *recorder) GetQueuePositions(ctx context.Context, q api.QueuePositionsQuery) ([]model.QueuePosition, error) {
	s, ok := r.next.(interface {
		GetQueuePositions(ctx context.Context, q api.QueuePositionsQuery) ([]model.QueuePosition, error)
	})
	if !ok {
		return nil, ErrNotOffered
	}
	return s.GetQueuePositions(ctx, q)
}

// GetSettlements passes through to the wrapped trader when it offers it.
func (r *recorder) GetSettlements(ctx context.Context, q api.SettlementsQuery) ([]model.Settlement, error) {
	s, ok := r.next.(interface {
		GetSettlements(ctx context.Context, q api.SettlementsQuery) ([]model.Settlement, error)
	})
	if !ok {
		return nil, ErrNotOffered
	}
	return s.GetSettlements(ctx, q)
}

// begin writes e as a request entry and returns the start time.
func (r *recorder) begin(e Entry) time.Time {
	start := time.Now()
	e.Time, e.Phase = start, PhaseRequest
	r.write(e)
	return start
}

// end writes e as the result of a call that started at start.
func (r *recorder) end(e Entry, start time.Time, err error) {
	e.Time, e.Phase, e.LatencyMs = time.Time{}, PhaseResult, millis(time.Since(start))
	e.setOutcome(err)
	r.write(e)
}

// endBatch writes one result entry per cancelled order, or a single entry
// for the whole call when it failed or named no orders.
func (r *recorder) endBatch(e Entry, start time.Time, resp model.BatchCancelResponse, err error) {
	if err != nil || len(resp.Orders) == 0 {
		r.end(e, start, err)
		return
	}
	latency := millis(time.Since(start))
	for _, item := range resp.Orders {
		ie := Entry{Action: e.Action, Phase: PhaseResult, OrderID: item.OrderID, ClientOrderID: item.ClientOrderID,
			ReducedBy: item.ReducedBy, LatencyMs: latency}
		ie.setItemOutcome(item)
		r.write(ie)
	}
}

func (r *recorder) write(e Entry) {
	e.Actor = r.actor
	if err := r.j.Write(e); err != nil {
		r.log.Warn("journal write failed", "action", e.Action, "phase", e.Phase,
			"client_order_id", e.ClientOrderID, "order_id", e.OrderID, "err", err)
	}
}

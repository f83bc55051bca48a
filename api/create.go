package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"ladder/limiter"
	"ladder/model"
)

// lookupSlack widens the time window of the post-failure order lookup, for
// clock skew between this machine and the exchange.
const lookupSlack = 5 * time.Minute

// CreateOrder places a V2 limit order. An empty req.ClientOrderID is filled
// with a fresh UUID before the first attempt, and every retry resends the
// same id, so the exchange can refuse a duplicate rather than place it.
//
// Retries happen on 429 (nothing was processed), 5xx, network errors and
// per-attempt timeouts (the order may have landed). After such an
// ambiguous failure:
//   - a 409 on a retry means the first attempt landed: the order is looked
//     up by client_order_id and returned as success;
//   - the exchange refuses a reused client_order_id only while that order
//     rests: an IOC or FOK order never rests, and a GTC order that filled
//     at once (or was cancelled) no longer does, so before resending the
//     client looks for the order among those the exchange could not
//     recognise as a duplicate;
//   - if the outcome still cannot be established the error is an
//     *UnknownOutcomeError (errors.Is(err, ErrUnknownOutcome)).
func (c *Client) CreateOrder(ctx context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	if req.ClientOrderID == "" {
		req.ClientOrderID = NewClientOrderID()
	}
	if err := req.Validate(); err != nil {
		return model.CreateOrderResponse{}, fmt.Errorf("api: create order: %w", err)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return model.CreateOrderResponse{}, fmt.Errorf("api: create order: %w", err)
	}
	cr := creation{c: c, req: req, since: c.clock.Now(),
		cl: call{method: http.MethodPost, path: "/portfolio/events/orders", body: body, prio: limiter.PriorityNew}}
	return cr.run(ctx)
}

// creation is the state of one CreateOrder across its attempts.
type creation struct {
	c     *Client
	req   model.CreateOrderRequest
	cl    call
	since time.Time // first attempt, lower bound of the lookup window
	// maybeLanded: an earlier attempt may have reached the exchange, so a
	// failure from here on cannot be reported as "no order".
	maybeLanded bool
	lastErr     error
}

func (cr *creation) run(ctx context.Context) (model.CreateOrderResponse, error) {
	c := cr.c
	for attempt := 0; attempt < c.attempts; attempt++ {
		if attempt > 0 {
			if err := c.pause(ctx, attempt-1); err != nil {
				return cr.fail(errors.Join(err, cr.lastErr))
			}
			if cr.maybeLanded {
				if o, found, err := cr.find(ctx, cr.unprotected()...); err != nil {
					return cr.fail(errors.Join(cr.lastErr, err))
				} else if found {
					return createResponseFromOrder(o), nil
				}
			}
		}
		res, err := c.roundTrip(ctx, &cr.cl)
		if err != nil {
			if notSent(err) {
				return cr.fail(err)
			}
			cr.maybeLanded, cr.lastErr = true, err
			if ctx.Err() != nil {
				return cr.fail(err) // sent, then the caller gave up
			}
			continue
		}
		if res.status >= 200 && res.status < 300 {
			var out model.CreateOrderResponse
			derr := decodeBody(res, &cr.cl, &out)
			if derr == nil && out.OrderID != "" {
				if out.ClientOrderID == "" {
					out.ClientOrderID = cr.req.ClientOrderID
				}
				return out, nil
			}
			if derr == nil {
				derr = malformed(res.status, cr.cl.method, cr.cl.path, res.body, errors.New("no order_id"))
			}
			// Accepted, but the answer is unreadable: find the order.
			cr.maybeLanded = true
			return cr.resolve(ctx, derr)
		}
		apiErr := decodeError(res.status, cr.cl.method, cr.cl.path, res.body)
		switch {
		case res.status == http.StatusTooManyRequests:
			cr.lastErr = apiErr
		case res.status >= 500:
			cr.maybeLanded, cr.lastErr = true, apiErr
		case res.status == http.StatusConflict || cr.maybeLanded:
			// A 409 is the exchange recognising this client_order_id; any
			// other refusal after an ambiguous attempt may be a reaction to
			// that attempt (the balance it used, say). Either way: look.
			return cr.resolve(ctx, apiErr)
		default:
			return model.CreateOrderResponse{}, apiErr
		}
	}
	if cr.maybeLanded {
		return cr.resolve(ctx, cr.lastErr)
	}
	return model.CreateOrderResponse{}, cr.lastErr
}

// resolve looks the order up after cause; found means the create worked.
func (cr *creation) resolve(ctx context.Context, cause error) (model.CreateOrderResponse, error) {
	o, found, err := cr.find(ctx)
	switch {
	case err != nil:
		return cr.fail(errors.Join(cause, err))
	case found:
		return createResponseFromOrder(o), nil
	}
	var ae *Error
	if !cr.maybeLanded && errors.As(cause, &ae) {
		// A 409 on the first attempt for an id that is nowhere to be seen:
		// the exchange's answer stands.
		return model.CreateOrderResponse{}, cause
	}
	return cr.fail(cause)
}

// fail reports err, as an unknown outcome if an attempt may have landed.
func (cr *creation) fail(err error) (model.CreateOrderResponse, error) {
	if !cr.maybeLanded {
		return model.CreateOrderResponse{}, err
	}
	return model.CreateOrderResponse{}, &UnknownOutcomeError{
		Op: "create", ClientOrderID: cr.req.ClientOrderID, Ticker: cr.req.Ticker, Err: err,
	}
}

// unprotected lists the statuses in which an order landed by an earlier
// attempt would not make the exchange refuse a resend with 409: every one
// for IOC and FOK (they never rest), the finished ones for GTC.
func (cr *creation) unprotected() []model.OrderStatus {
	if cr.req.TimeInForce == model.GTC {
		return []model.OrderStatus{model.Executed, model.Canceled}
	}
	return []model.OrderStatus{model.Resting, model.Executed, model.Canceled}
}

// find looks for the order by client_order_id among the orders of the
// given statuses; with none given, among resting orders first (the common
// case, and resting orders never move to the historical archive), then
// among orders executed or cancelled, always within the order's
// subaccount. Finished orders are searched from just before the first
// attempt. It runs at new-order priority, since it
// completes one.
func (cr *creation) find(ctx context.Context, statuses ...model.OrderStatus) (model.Order, bool, error) {
	if len(statuses) == 0 {
		statuses = []model.OrderStatus{model.Resting, model.Executed, model.Canceled}
	}
	minTs := cr.since.Add(-lookupSlack).Unix()
	for _, st := range statuses {
		sub := cr.req.Subaccount
		q := OrdersQuery{Ticker: cr.req.Ticker, Status: string(st), Subaccount: &sub}
		if st != model.Resting {
			q.MinTs = minTs
		}
		orders, err := cr.c.listOrders(ctx, q, limiter.PriorityNew)
		if err != nil {
			return model.Order{}, false, fmt.Errorf("looking up client_order_id %s: %w", cr.req.ClientOrderID, err)
		}
		for _, o := range orders {
			if o.ClientOrderID == cr.req.ClientOrderID && o.Ticker == cr.req.Ticker &&
				(o.SubaccountNumber == nil || *o.SubaccountNumber == cr.req.Subaccount) {
				return o, true, nil
			}
		}
	}
	return model.Order{}, false, nil
}

// createResponseFromOrder describes an order found by lookup the way the
// create call would have. Averages are per contract, like the exchange's,
// and the average fill price is in YES terms whatever the side.
func createResponseFromOrder(o model.Order) model.CreateOrderResponse {
	r := model.CreateOrderResponse{
		OrderID:        o.OrderID,
		ClientOrderID:  o.ClientOrderID,
		FillCount:      o.FillCount,
		RemainingCount: o.RemainingCount,
	}
	if o.FillCount > 0 {
		avg := perContract(o.TakerFillCost+o.MakerFillCost, o.FillCount)
		if o.BookSide == model.Ask {
			// The fill costs of an ask (a NO purchase) are in NO terms;
			// the create response's average is a YES price, like the
			// order's own.
			avg = model.Dollar - avg
		}
		fee := perContract(o.TakerFees+o.MakerFees, o.FillCount)
		r.AverageFillPrice, r.AverageFeePaid = &avg, &fee
	}
	switch {
	case o.LastUpdateTime != nil:
		r.TsMs = o.LastUpdateTime.UnixMilli()
	case o.CreatedTime != nil:
		r.TsMs = o.CreatedTime.UnixMilli()
	}
	return r
}

// perContract divides an amount over a count (in 0.01 contracts).
func perContract(m model.Money, q model.Qty) model.Money {
	return m * model.Money(model.Contract) / model.Money(q)
}

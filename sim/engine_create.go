package sim

import (
	"fmt"
	"net/http"
	"time"

	"ladder/model"
)

// Order limits the engine enforces beyond Kalshi's documented rules.
const (
	maxOrderCount  = model.Qty(10_000_000) * model.Contract // keeps every notional far from overflow
	maxClientIDLen = 64
	maxOpenPerAcct = 200_000
	feePerContract = 100 // average_* fields are per contract: Money × 100 / Qty
)

// CreateOrder places a V2 order. Errors are *APIError.
func (e *Engine) CreateOrder(acct AccountID, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	e.begin()
	defer e.end()
	resp, err := e.createLocked(acct, req)
	if err != nil {
		return model.CreateOrderResponse{}, err
	}
	return resp, nil
}

// BatchCreate places each order on its own: one item's failure does not
// affect the others. The batch runs under one lock, so it is atomic with
// respect to other callers.
func (e *Engine) BatchCreate(acct AccountID, reqs []model.CreateOrderRequest) model.BatchCreateResponse {
	e.begin()
	defer e.end()
	out := model.BatchCreateResponse{Orders: make([]model.BatchCreateItem, 0, len(reqs))}
	for _, req := range reqs {
		resp, err := e.createLocked(acct, req)
		if err != nil {
			body := err.ErrorBody
			out.Orders = append(out.Orders, model.BatchCreateItem{ClientOrderID: req.ClientOrderID, Error: &body, TsMs: e.now.UnixMilli()})
			continue
		}
		out.Orders = append(out.Orders, model.BatchCreateItem{
			OrderID: resp.OrderID, ClientOrderID: resp.ClientOrderID,
			FillCount: resp.FillCount, RemainingCount: resp.RemainingCount,
			AverageFillPrice: resp.AverageFillPrice, AverageFeePaid: resp.AverageFeePaid,
			TsMs: resp.TsMs,
		})
	}
	return out
}

// validateCreate checks a request against the market, mapping each problem
// to Kalshi's error codes.
func (e *Engine) validateCreate(req *model.CreateOrderRequest) (*market, *APIError) {
	if req.Ticker == "" {
		return nil, errInvalidOrder("ticker is required")
	}
	m := e.markets[req.Ticker]
	if m == nil {
		return nil, apiErr(http.StatusNotFound, CodeNotFound, "market not found", "no market "+req.Ticker)
	}
	switch {
	case !req.Side.Valid():
		return nil, errInvalidOrder(fmt.Sprintf("side %q must be bid or ask", req.Side))
	case req.Count <= 0:
		return nil, errInvalidOrderSize(fmt.Sprintf("count %s must be positive", req.Count))
	case req.Count > maxOrderCount:
		return nil, errInvalidOrderSize(fmt.Sprintf("count %s exceeds the maximum %s", req.Count, maxOrderCount))
	case !req.Price.InOpenRange():
		return nil, errInvalidPrice(fmt.Sprintf("price %s must be strictly between 0 and 1", req.Price))
	case !m.grid.Valid(req.Price):
		return nil, errInvalidPrice(m.grid.Check(req.Price).Error())
	case !req.TimeInForce.Valid():
		return nil, errInvalidOrder(fmt.Sprintf("time_in_force %q is not one of good_till_canceled, immediate_or_cancel, fill_or_kill", req.TimeInForce))
	case !req.STP.Valid():
		return nil, errInvalidOrder(fmt.Sprintf("self_trade_prevention_type %q must be taker_at_cross or maker", req.STP))
	case req.ExpirationTime != 0 && req.TimeInForce != model.GTC:
		return nil, errInvalidOrder("expiration_time is only allowed with good_till_canceled")
	case req.ExpirationTime != 0 && req.ExpirationTime <= e.now.Unix():
		return nil, errInvalidOrder("expiration_time is in the past")
	case req.PostOnly && req.TimeInForce != model.GTC:
		return nil, errInvalidOrder("post_only requires good_till_canceled")
	}
	if err := checkClientID(req.ClientOrderID); err != nil {
		return nil, err
	}
	if m.info.Status != "active" {
		return nil, errMarketClosed(m.info.Ticker, m.info.Status)
	}
	return m, nil
}

// checkClientID applies FIX's client-id rule: ≤64 of [A-Za-z0-9_:+=/-].
func checkClientID(id string) *APIError {
	if len(id) > maxClientIDLen {
		return errInvalidOrder("client_order_id longer than 64 characters")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '_' || c == ':' || c == '+' || c == '=' || c == '/' || c == '-'
		if !ok {
			return errInvalidOrder(fmt.Sprintf("client_order_id has a character outside [A-Za-z0-9_:+=/-] at position %d", i))
		}
	}
	return nil
}

// createLocked is CreateOrder with the lock held.
func (e *Engine) createLocked(acct AccountID, req model.CreateOrderRequest) (model.CreateOrderResponse, *APIError) {
	a, aerr := e.account(acct)
	if aerr != nil {
		return model.CreateOrderResponse{}, aerr
	}
	m, aerr := e.validateCreate(&req)
	if aerr != nil {
		return model.CreateOrderResponse{}, aerr
	}
	l, aerr := a.ledger(req.Subaccount)
	if aerr != nil {
		return model.CreateOrderResponse{}, aerr
	}
	if req.ClientOrderID != "" && a.openByClient[req.ClientOrderID] != nil {
		return model.CreateOrderResponse{}, errOrderExists(req.ClientOrderID)
	}
	if a.resting >= maxOpenPerAcct {
		return model.CreateOrderResponse{}, errInvalidOrder("too many open orders")
	}
	var group *orderGroup
	if req.OrderGroupID != "" {
		group = e.groups[req.OrderGroupID]
		if group == nil || group.acct != a {
			return model.CreateOrderResponse{}, errInvalidOrder("order group " + req.OrderGroupID + " not found")
		}
		if group.sub != l.num {
			return model.CreateOrderResponse{}, errInvalidOrder(fmt.Sprintf("order group %s belongs to subaccount %d, the order to %d", group.id, group.sub, l.num))
		}
		if group.blocked {
			return model.CreateOrderResponse{}, apiErr(http.StatusBadRequest, CodeOrderGroupBlocked, "order group limit reached",
				"order group "+group.id+" was triggered; reset it before placing orders in it")
		}
	}
	count := req.Count
	if req.ReduceOnly {
		// Reduce-only orders are trimmed to the position they can close.
		closable := l.closable(m.info.Ticker, req.Side)
		if closable == 0 {
			return model.CreateOrderResponse{}, errInvalidOrder("reduce_only order would not reduce the position")
		}
		count = min(count, closable)
	}
	o := &order{
		clientID: req.ClientOrderID, acct: a, led: l, mkt: m,
		side: req.Side, outcome: req.Side.Outcome(), yesPrice: req.Price,
		initial: count, remaining: count,
		tif: req.TimeInForce, stp: req.STP, postOnly: req.PostOnly, reduceOnly: req.ReduceOnly,
		cancelOnPause: req.CancelOnPause, subaccount: req.Subaccount, group: group,
		status: model.Resting, created: e.now, updated: e.now,
	}
	o.price = ownPrice(o.outcome, req.Price)
	if req.ExpirationTime != 0 {
		o.expiration = time.Unix(req.ExpirationTime, 0).UTC()
	}
	if o.postOnly && m.book.crosses(o.outcome, o.price) {
		return model.CreateOrderResponse{}, errInvalidOrder("post only cross")
	}
	if need := e.reservation(o.price, count); l.available() < need {
		return model.CreateOrderResponse{}, errBalanceTooLow(fmt.Sprintf("order needs %s, available %s", need.Dollars(), l.available().Dollars()))
	}

	o.id = e.ids.next()
	e.orderSeq++
	o.seq = e.orderSeq
	a.addOrder(o)
	if o.tif == model.FOK && e.fillable(m, o) < o.remaining {
		o.remaining = 0
		o.status = model.Canceled
		a.orderClosed(o) // its client_order_id is free again, as for any finished order
	} else {
		stop := e.match(m, o)
		e.rest(o, stop)
	}
	e.emitOrder(o)
	return e.createResponse(o), nil
}

// ownPrice converts a V2 YES price to the order's own outcome terms.
func ownPrice(s model.Side, yes model.Price) model.Price {
	if s == model.No {
		return yes.Complement()
	}
	return yes
}

// rest decides what happens to an order's remainder after matching: a GTC
// order that was not stopped joins the book, anything else is canceled.
func (e *Engine) rest(o *order, stop stopReason) {
	o.updated = e.now
	switch {
	case o.remaining == 0:
		o.status = model.Executed
	case o.tif == model.GTC && stop == stopNone:
		m := o.mkt
		m.book.push(o)
		e.rereserve(o)
		e.emitDelta(m, o, o.outcome, o.price, o.remaining)
		if !o.expiration.IsZero() && !o.watched {
			o.watched = true
			e.expiring = append(e.expiring, o)
		}
		if o.group != nil {
			o.group.add(o)
		}
		return
	default:
		o.remaining = 0
		o.status = model.Canceled
	}
	o.acct.orderClosed(o)
	if o.group != nil {
		o.group.remove(o)
	}
}

// createResponse renders the 201 body of a create.
func (e *Engine) createResponse(o *order) model.CreateOrderResponse {
	resp := model.CreateOrderResponse{
		OrderID: o.id, ClientOrderID: o.clientID,
		FillCount: o.filled, RemainingCount: o.remaining, TsMs: e.now.UnixMilli(),
	}
	resp.AverageFillPrice, resp.AverageFeePaid = averages(o)
	return resp
}

// averages are the average fill price (in YES terms, like the V2 request
// price) and the average fee per contract; nil when nothing filled.
func averages(o *order) (price, fee *model.Money) {
	if o.filled <= 0 {
		return nil, nil
	}
	cost := (o.takerCost + o.makerCost) * feePerContract / model.Money(o.filled)
	if o.outcome == model.No {
		cost = model.Dollar - cost
	}
	f := (o.takerFees + o.makerFees) * feePerContract / model.Money(o.filled)
	return &cost, &f
}

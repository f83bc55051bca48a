package sim

import (
	"fmt"
	"net/http"

	"ladder/model"
)

// openOrder finds one of the account's open orders in subaccount sub, or
// a 404 for unknown, foreign and finished orders and for orders of another
// subaccount alike (Kalshi's cancel, amend and decrease take the
// subaccount as a query parameter defaulting to 0).
func (e *Engine) openOrder(acct AccountID, sub int, orderID string) (*order, *APIError) {
	a, err := e.account(acct)
	if err != nil {
		return nil, err
	}
	if _, err := a.ledger(sub); err != nil {
		return nil, err
	}
	o := a.orders[orderID]
	if o == nil || !o.open() {
		return nil, errNotFound("no open order " + orderID)
	}
	if o.subaccount != sub {
		return nil, errNotFound(fmt.Sprintf("no open order %s in subaccount %d", orderID, sub))
	}
	return o, nil
}

// CancelOrder cancels a resting order of the primary subaccount.
func (e *Engine) CancelOrder(acct AccountID, orderID string) (model.CancelOrderResponse, error) {
	return e.CancelOrderIn(acct, 0, orderID)
}

// CancelOrderIn cancels a resting order of subaccount sub; ReducedBy is
// the size it removed.
func (e *Engine) CancelOrderIn(acct AccountID, sub int, orderID string) (model.CancelOrderResponse, error) {
	e.begin()
	defer e.end()
	o, err := e.openOrder(acct, sub, orderID)
	if err != nil {
		return model.CancelOrderResponse{}, err
	}
	reduced := e.cancelResting(o)
	return model.CancelOrderResponse{OrderID: o.id, ClientOrderID: o.clientID, ReducedBy: reduced, TsMs: e.now.UnixMilli()}, nil
}

// BatchCancel cancels each order on its own, in the item's subaccount
// (default 0); unknown ones get a per-item error. A market_ticker that does
// not match the order is an error too.
func (e *Engine) BatchCancel(acct AccountID, orders []model.BatchCancelOrder) model.BatchCancelResponse {
	e.begin()
	defer e.end()
	out := model.BatchCancelResponse{Orders: make([]model.BatchCancelItem, 0, len(orders))}
	for _, req := range orders {
		item := model.BatchCancelItem{OrderID: req.OrderID, TsMs: e.now.UnixMilli()}
		o, err := e.openOrder(acct, req.Subaccount, req.OrderID)
		if err == nil && req.MarketTicker != "" && req.MarketTicker != o.mkt.info.Ticker {
			err = apiErr(http.StatusBadRequest, CodeTickerMismatch, "order ticker mismatch",
				fmt.Sprintf("order %s is in %s, not %s", o.id, o.mkt.info.Ticker, req.MarketTicker))
		}
		if err != nil {
			body := err.ErrorBody
			item.Error = &body
		} else {
			item.ClientOrderID = o.clientID
			item.ReducedBy = e.cancelResting(o)
		}
		out.Orders = append(out.Orders, item)
	}
	return out
}

// CancelAll cancels every resting order of the account, in every
// subaccount, oldest first.
func (e *Engine) CancelAll(acct AccountID) model.BatchCancelResponse {
	resp, _ := e.CancelAllIn(acct, nil)
	return resp
}

// CancelAllIn cancels every resting order of one subaccount (nil = all of
// them), oldest first.
func (e *Engine) CancelAllIn(acct AccountID, sub *int) (model.BatchCancelResponse, error) {
	e.begin()
	defer e.end()
	out := model.BatchCancelResponse{Orders: []model.BatchCancelItem{}}
	a := e.accounts[acct]
	if a == nil {
		return out, nil
	}
	if sub != nil {
		if _, err := a.ledger(*sub); err != nil {
			return out, err
		}
	}
	var open []*order
	for _, o := range a.history {
		if o.open() && (sub == nil || o.subaccount == *sub) {
			open = append(open, o)
		}
	}
	for _, o := range open {
		reduced := e.cancelResting(o)
		out.Orders = append(out.Orders, model.BatchCancelItem{OrderID: o.id, ClientOrderID: o.clientID, ReducedBy: reduced, TsMs: e.now.UnixMilli()})
	}
	return out, nil
}

// DecreaseOrder decreases an order of the primary subaccount.
func (e *Engine) DecreaseOrder(acct AccountID, orderID string, req model.DecreaseOrderRequest) (model.DecreaseOrderResponse, error) {
	return e.DecreaseOrderIn(acct, 0, orderID, req)
}

// DecreaseOrderIn shrinks a resting order of subaccount sub by reduce_by
// or to reduce_to (exactly one), keeping its queue priority; reducing to
// zero cancels it.
func (e *Engine) DecreaseOrderIn(acct AccountID, sub int, orderID string, req model.DecreaseOrderRequest) (model.DecreaseOrderResponse, error) {
	e.begin()
	defer e.end()
	o, err := e.openOrder(acct, sub, orderID)
	if err != nil {
		return model.DecreaseOrderResponse{}, err
	}
	var by model.Qty
	switch {
	case (req.ReduceBy == nil) == (req.ReduceTo == nil):
		return model.DecreaseOrderResponse{}, errInvalidOrder("exactly one of reduce_by and reduce_to is required")
	case req.ReduceBy != nil:
		if *req.ReduceBy <= 0 {
			return model.DecreaseOrderResponse{}, errInvalidOrderSize("reduce_by must be positive")
		}
		by = min(*req.ReduceBy, o.remaining)
	default:
		if *req.ReduceTo < 0 || *req.ReduceTo >= o.remaining {
			return model.DecreaseOrderResponse{}, errInvalidOrderSize(fmt.Sprintf("reduce_to must be below the remaining count %s and not negative", o.remaining))
		}
		by = o.remaining - *req.ReduceTo
	}
	if by == o.remaining {
		e.cancelResting(o)
	} else {
		e.shrink(o, by)
		e.emitOrder(o)
	}
	return model.DecreaseOrderResponse{OrderID: o.id, ClientOrderID: o.clientID, RemainingCount: o.remaining, TsMs: e.now.UnixMilli()}, nil
}

// shrink takes by (< remaining) off a resting order in place.
func (e *Engine) shrink(o *order, by model.Qty) {
	o.mkt.book.adjust(o.outcome, o.price, -by)
	o.remaining -= by
	o.initial -= by
	o.updated = e.now
	e.rereserve(o)
	e.emitDelta(o.mkt, o, o.outcome, o.price, -by)
}

// AmendOrder changes a resting order's price and/or total count (filled +
// resting). A lower count keeps queue priority; a new price or a larger
// count re-queues the order at the back, and a new price that crosses
// trades at once like a fresh order.
func (e *Engine) AmendOrder(acct AccountID, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	return e.AmendOrderIn(acct, 0, orderID, req)
}

// AmendOrderIn is AmendOrder for an order of subaccount sub.
func (e *Engine) AmendOrderIn(acct AccountID, sub int, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	e.begin()
	defer e.end()
	resp, err := e.amendLocked(acct, sub, orderID, req)
	if err != nil {
		return model.AmendOrderResponse{}, err
	}
	return resp, nil
}

func (e *Engine) amendLocked(acct AccountID, sub int, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, *APIError) {
	o, err := e.openOrder(acct, sub, orderID)
	if err != nil {
		return model.AmendOrderResponse{}, err
	}
	m, a := o.mkt, o.acct
	switch {
	case req.Ticker != "" && req.Ticker != m.info.Ticker:
		return model.AmendOrderResponse{}, apiErr(http.StatusBadRequest, CodeTickerMismatch, "order ticker mismatch", "order "+o.id+" is in "+m.info.Ticker)
	case req.Side != "" && req.Side != o.side:
		return model.AmendOrderResponse{}, apiErr(http.StatusBadRequest, CodeSideMismatch, "order side mismatch", "order "+o.id+" is a "+string(o.side))
	case req.ClientOrderID != "" && req.ClientOrderID != o.clientID:
		return model.AmendOrderResponse{}, apiErr(http.StatusBadRequest, CodeClientIDMismatch, "order id and client order id mismatch", "order "+o.id+" has another client_order_id")
	case m.info.Status != "active":
		return model.AmendOrderResponse{}, errMarketClosed(m.info.Ticker, m.info.Status)
	}
	yes := o.yesPrice
	if req.Price != 0 {
		if !req.Price.InOpenRange() {
			return model.AmendOrderResponse{}, errInvalidPrice(fmt.Sprintf("price %s must be strictly between 0 and 1", req.Price))
		}
		if !m.grid.Valid(req.Price) {
			return model.AmendOrderResponse{}, errInvalidPrice(m.grid.Check(req.Price).Error())
		}
		yes = req.Price
	}
	total := o.filled + o.remaining
	if req.Count != 0 {
		total = req.Count
	}
	if total <= o.filled || total > maxOrderCount {
		return model.AmendOrderResponse{}, errInvalidOrderSize(fmt.Sprintf("count %s must exceed the filled count %s", total, o.filled))
	}
	remaining := total - o.filled
	if o.reduceOnly && remaining > o.remaining {
		if c := o.led.closable(m.info.Ticker, o.side); remaining > c {
			return model.AmendOrderResponse{}, errInvalidOrder("reduce_only order would exceed the position")
		}
	}
	newClient := o.clientID
	if req.UpdatedClientOrderID != "" && req.UpdatedClientOrderID != o.clientID {
		if err := checkClientID(req.UpdatedClientOrderID); err != nil {
			return model.AmendOrderResponse{}, err
		}
		if a.openByClient[req.UpdatedClientOrderID] != nil {
			return model.AmendOrderResponse{}, errOrderExists(req.UpdatedClientOrderID)
		}
		newClient = req.UpdatedClientOrderID
	}
	price := ownPrice(o.outcome, yes)
	repriced := price != o.price
	if repriced && o.postOnly && m.book.crosses(o.outcome, price) {
		return model.AmendOrderResponse{}, errInvalidOrder("post only cross")
	}
	if need := e.reservation(price, remaining) - o.reserved; need > 0 && o.led.available() < need {
		return model.AmendOrderResponse{}, errBalanceTooLow(fmt.Sprintf("amend needs %s more, available %s", need.Dollars(), o.led.available().Dollars()))
	}

	if newClient != o.clientID {
		a.orderClosed(o)
		o.clientID = newClient
		a.openByClient[newClient] = o
	}
	filledBefore := o.filled
	costBefore, feesBefore := o.takerCost, o.takerFees
	switch {
	case !repriced && remaining <= o.remaining:
		if by := o.remaining - remaining; by > 0 {
			e.shrink(o, by)
			o.initial = total
		}
	default:
		// Lose priority: leave the book, then come back as a fresh order.
		e.emitDelta(m, o, o.outcome, o.price, -o.remaining)
		m.book.remove(o)
		if o.group != nil {
			o.group.remove(o)
		}
		o.price, o.yesPrice = price, yes
		o.remaining = remaining
		o.initial = total
		stop := e.match(m, o)
		e.rest(o, stop)
		e.rereserve(o)
	}
	o.updated = e.now
	e.emitOrder(o)

	rem, fc := o.remaining, o.filled
	resp := model.AmendOrderResponse{OrderID: o.id, ClientOrderID: o.clientID, RemainingCount: &rem, FillCount: &fc, TsMs: e.now.UnixMilli()}
	if n := o.filled - filledBefore; n > 0 {
		avg := (o.takerCost - costBefore) * feePerContract / model.Money(n)
		if o.outcome == model.No {
			avg = model.Dollar - avg
		}
		fee := (o.takerFees - feesBefore) * feePerContract / model.Money(n)
		resp.AverageFillPrice, resp.AverageFeePaid = &avg, &fee
	}
	return resp, nil
}

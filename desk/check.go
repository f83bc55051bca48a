package desk

import (
	"errors"
	"fmt"

	"ladder/model"
)

// Pre-trade checks. Every order-entry path (one-key orders, the ticket,
// moves, flatten) runs the same Check before it asks for a confirmation,
// and Reserve runs it again under the lock just before the order leaves.

// Rule names the check that refused an order.
type Rule uint8

// Rules.
const (
	RuleInvalid     Rule = iota // the request itself is malformed
	RuleGrid                    // the price is off the market's grid or outside (0, 1)
	RuleSize                    // quantity not positive or above the per-order maximum
	RuleCombination             // a combination the exchange refuses
	RulePosition                // the position limit, counting working and in-flight orders
	RuleNotional                // the money-at-risk limit, counted the same way
	RuleLocked                  // entry is locked
	RuleUnknown                 // an outcome in the market is unknown
	RuleGone                    // the order to amend no longer works
)

// Refusal is a check's refusal, in words for the message line.
type Refusal struct {
	Rule Rule
	Text string
}

func (r *Refusal) Error() string { return r.Text }

func refuse(rule Rule, format string, args ...any) *Refusal {
	return &Refusal{Rule: rule, Text: fmt.Sprintf(format, args...)}
}

// RefusedBy reports the rule of a refusal (false for other errors).
func RefusedBy(err error) (Rule, bool) {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Rule, true
	}
	return 0, false
}

// Intent is an order action to check: a create (Req), or an amend of
// AmendID (Amend).
type Intent struct {
	Req     model.CreateOrderRequest
	AmendID string
	Amend   model.AmendOrderRequest
}

func (in Intent) ticker() string {
	if in.AmendID != "" {
		return in.Amend.Ticker
	}
	return in.Req.Ticker
}

// Market is what the checks need to know of the order's market.
type Market struct {
	Grid *model.Grid      // nil: the grid is not checked
	Book *model.OrderBook // nil: no marketability, far-from-market or post-only-cross check
}

// Verdict is what an order that passed the checks would do.
type Verdict struct {
	// Marketable says the order trades at once against Best, the
	// opposite side's best level (YES terms); Take estimates what it takes.
	Marketable bool
	Best       model.Level
	Take       Take
	// Far is set when the price is at least FarFromMarket from the market.
	Far *Far
	// Before and After are the projected position before the order and
	// after it if it fills completely (creates only).
	Before, After model.Qty
	// Flow is the cash the order moves if it fills completely, at its limit.
	Flow Flow
}

// Flips reports whether filling the order takes the position through zero.
func (v Verdict) Flips() bool { return Flips(v.Before, v.After) }

// Far describes a price far from the market, in YES terms.
type Far struct {
	Through bool        // through the opposite best price (else away from the same side's)
	Ref     model.Price // the best price it is measured from
	RefBid  bool        // Ref is the best bid (else the best offer)
	Dist    model.Price
}

// Check runs the pre-trade checks on an intent. An error (a *Refusal)
// refuses it and says why; the Verdict says what it would do.
func (d *Desk) Check(in Intent, mk Market) (Verdict, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.checkLocked(in, mk, true)
}

// checkLocked is Check; limits false skips the exposure limits (a
// flatten's reduce-only order).
func (d *Desk) checkLocked(in Intent, mk Market, limits bool) (Verdict, error) {
	var v Verdict
	var side model.BookSide
	var price model.Price
	var count, adds model.Qty
	var except string // an amended order is replaced, not added to
	if in.AmendID != "" {
		o := d.orders[in.AmendID]
		if o == nil {
			return v, refuse(RuleGone, "order %s is no longer working", in.AmendID)
		}
		side, price, count = in.Amend.Side, in.Amend.Price, in.Amend.Count-o.Filled
		adds, except = count, o.ID
		if in.Amend.Count <= o.Filled {
			return v, refuse(RuleSize, "quantity must be above the %s already filled", o.Filled.Short())
		}
	} else {
		req := in.Req
		if err := req.Validate(); err != nil {
			return v, refuse(RuleInvalid, "%s", err.Error())
		}
		side, price, count, adds = req.Side, req.Price, req.Count, req.Count
	}
	l := d.cfg.Limits
	switch {
	case !price.InOpenRange():
		return v, refuse(RuleGrid, "price %s is outside (0¢, 100¢)", price.Cents())
	case count <= 0:
		return v, refuse(RuleSize, "quantity must be positive")
	case l.MaxOrderQty > 0 && count > l.MaxOrderQty:
		return v, refuse(RuleSize, "quantity %s is above the limit of %s per order", count.Short(), l.MaxOrderQty.Short())
	}
	if mk.Grid != nil {
		if err := mk.Grid.Check(price); err != nil {
			return v, refuse(RuleGrid, "%s", err.Error())
		}
	}
	ticker, sub := in.ticker(), in.Req.Subaccount
	if in.AmendID != "" {
		sub = d.orders[in.AmendID].Subaccount
	}
	v.Before = d.projectedLocked(sub, ticker)
	v.After = v.Before + side.Sign()*count
	if in.AmendID == "" {
		if err := d.combinationLocked(in.Req, v.Before, mk.Book); err != nil {
			return v, err
		}
		v.Flow = FlowOf(v.Before, side, price, count)
	}
	if limits {
		if err := d.limitsLocked(sub, ticker, side, price, adds, except); err != nil {
			return v, err
		}
	}
	if mk.Book != nil {
		v.Best, v.Marketable = marketable(mk.Book, side, price)
		if v.Marketable {
			req := in.Req
			if in.AmendID != "" {
				req = model.CreateOrderRequest{Side: side, Price: price, Count: count}
			}
			v.Take = EstimateTake(mk.Book, req)
		}
		v.Far = farFrom(mk.Book, side, price, l.FarFromMarket)
	}
	return v, nil
}

// combinationLocked refuses what the exchange would refuse, in its words.
func (d *Desk) combinationLocked(req model.CreateOrderRequest, pos model.Qty, book *model.OrderBook) error {
	if req.PostOnly && req.TimeInForce != model.GTC {
		return refuse(RuleCombination, "post-only needs good-till-cancelled: the exchange refuses post-only with %s (post_only requires good_till_canceled)", req.TimeInForce.Short())
	}
	if req.ReduceOnly {
		grows := (req.Side == model.Bid && pos >= 0) || (req.Side == model.Ask && pos <= 0)
		if grows {
			return refuse(RuleCombination, "reduce-only would grow the position (%s): the exchange refuses it (reduce_only order would not reduce the position)", model.PositionWords(pos))
		}
	}
	if req.PostOnly && book != nil {
		if best, ok := marketable(book, req.Side, req.Price); ok {
			where := "offer"
			if req.Side == model.Ask {
				where = "bid"
			}
			return refuse(RuleCombination, "post-only at %s would cross the best %s %s: the exchange refuses it (post only cross)", req.Price.Cents(), where, best.Price.Cents())
		}
	}
	return nil
}

// limitsLocked applies the position and money-at-risk limits to an order
// adding adds contracts on side at price in ticker, counting the position,
// the fills acknowledged but not yet seen, and every same-side order
// resting, in flight or queued (except the amended one).
func (d *Desk) limitsLocked(sub int, ticker string, side model.BookSide, price model.Price, adds model.Qty, except string) error {
	l := d.cfg.Limits
	if adds <= 0 || (l.MaxPosition <= 0 && l.MaxNotional <= 0) {
		return nil
	}
	e := d.exposureLocked(sub, ticker, side, except)
	orderCost := costOf(side, price, adds)
	// Contracts in the order's direction if everything on its side fills.
	worst := e.held + e.working + adds
	if l.MaxPosition > 0 && worst > l.MaxPosition {
		return refuse(RulePosition, "position would reach %s counting working and in-flight orders (limit %s)", (side.Sign() * worst).Signed(), l.MaxPosition.Short())
	}
	if l.MaxNotional > 0 {
		// What the order alone opens (beyond closing what is held the
		// other way).
		if opens := FlowOf(side.Sign()*e.held, side, price, adds).Cost; opens > l.MaxNotional {
			return refuse(RuleNotional, "cost %s is above the limit of %s at risk in one market", opens.Dollars(), l.MaxNotional.Dollars())
		}
		without := e.atRisk(0, 0)
		with := e.atRisk(adds, orderCost)
		if with > l.MaxNotional && with > without {
			return refuse(RuleNotional, "money at risk in %s would reach %s counting working and in-flight orders (limit %s)", ticker, with.Dollars(), l.MaxNotional.Dollars())
		}
	}
	return nil
}

// exposure is one market's exposure in one direction (the direction of a
// bid is long YES, of an ask long NO).
type exposure struct {
	held       model.Qty   // the position in this direction (negative: the other way)
	heldCost   model.Money // what the held contracts cost, when held > 0
	working    model.Qty   // same-side orders resting, in flight or queued
	workingCst model.Money // what they cost to open, at their limits
}

// exposureLocked is one subaccount's exposure: the exchange nets a
// position within its subaccount only, so the limits apply per
// subaccount and market.
func (d *Desk) exposureLocked(sub int, ticker string, side model.BookSide, except string) exposure {
	var e exposure
	sign := side.Sign()
	if m := d.markets[posKey{sub, ticker}]; m != nil {
		e.held = sign * m.pos.Size
		if e.held > 0 {
			e.heldCost = m.pos.Exposure()
		}
	}
	for _, c := range d.credits {
		if c.sub == sub && c.ticker == ticker {
			e.held += sign * c.side.Sign() * c.qty
			if c.side == side {
				e.heldCost += costOf(c.side, c.price, c.qty)
			}
		}
	}
	add := func(o *order, qty model.Qty) {
		if o.Ticker == ticker && o.Subaccount == sub && o.Side == side && qty > 0 {
			e.working += qty
			e.workingCst += costOf(o.Side, o.Price, qty)
		}
	}
	for id, o := range d.orders {
		if id != except {
			add(o, o.Remaining)
		}
	}
	for _, p := range d.pending {
		add(p, p.Remaining)
	}
	return e
}

// atRisk is the money at risk if every same-side order, plus adds
// contracts costing cost, fills: what the held contracts cost, plus what
// the orders open beyond closing an opposite position. The opening part
// is valued at the orders' average cost, rounded up.
func (e exposure) atRisk(adds model.Qty, cost model.Money) model.Money {
	q := e.working + adds
	c := e.workingCst + cost
	risk := max(e.heldCost, 0)
	opened := max(e.held+q, 0) - max(e.held, 0)
	if opened > 0 && q > 0 {
		risk += model.Money(ceilDiv(int64(c)*int64(opened), int64(q)))
	}
	return risk
}

func ceilDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a > 0) == (b > 0) {
		q++
	}
	return q
}

// costOf is what opening qty contracts on side at a YES price costs: the
// YES price for a bid, the NO price for an ask.
func costOf(side model.BookSide, price model.Price, qty model.Qty) model.Money {
	if side == model.Ask {
		return model.Notional(price.Complement(), qty)
	}
	return model.Notional(price, qty)
}

// OrderCost is what a create costs if it fills completely and opens every
// contract: YES price for a bid, NO price for an ask.
func OrderCost(req model.CreateOrderRequest) model.Money {
	return costOf(req.Side, req.Price, req.Count)
}

// marketable reports whether an order at price on side trades at once,
// with the opposite side's best level (YES terms).
func marketable(b *model.OrderBook, side model.BookSide, price model.Price) (model.Level, bool) {
	if side == model.Bid {
		ask, ok := b.BestAsk(model.YesTerms)
		return ask, ok && price >= ask.Price
	}
	bid, ok := b.BestBid(model.YesTerms)
	return bid, ok && price <= bid.Price
}

// farFrom reports a price at least far through the opposite best price or
// away from the same side's best price.
func farFrom(b *model.OrderBook, side model.BookSide, price, far model.Price) *Far {
	if far <= 0 {
		return nil
	}
	bid, hasBid := b.BestBid(model.YesTerms)
	ask, hasAsk := b.BestAsk(model.YesTerms)
	switch side {
	case model.Bid:
		if hasAsk && price-ask.Price >= far {
			return &Far{Through: true, Ref: ask.Price, Dist: price - ask.Price}
		}
		if hasBid && bid.Price-price >= far {
			return &Far{Ref: bid.Price, RefBid: true, Dist: bid.Price - price}
		}
	case model.Ask:
		if hasBid && bid.Price-price >= far {
			return &Far{Through: true, Ref: bid.Price, RefBid: true, Dist: bid.Price - price}
		}
		if hasAsk && price-ask.Price >= far {
			return &Far{Ref: ask.Price, Dist: price - ask.Price}
		}
	}
	return nil
}

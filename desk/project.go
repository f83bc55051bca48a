package desk

import (
	"errors"

	"ladder/model"
)

// Projections: what an order would do to the position and the cash before
// it is sent, and what a flatten would lock in.

// Projected is my position in a market as a new order will find it: the
// exchange's position, plus fills acknowledged but not yet seen, plus the
// immediate orders (IOC, FOK) in flight there counted as if they fill. A
// repeated sell-now thus sees the sells sent before it.
func (d *Desk) Projected(ticker string) model.Qty { return d.ProjectedIn(0, ticker) }

// ProjectedIn is Projected in one subaccount: positions are per subaccount.
func (d *Desk) ProjectedIn(sub int, ticker string) model.Qty {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.projectedLocked(sub, ticker)
}

func (d *Desk) projectedLocked(sub int, ticker string) model.Qty {
	var pos model.Qty
	if m := d.markets[posKey{sub, ticker}]; m != nil {
		pos = m.pos.Size
	}
	for _, c := range d.credits {
		if c.sub == sub && c.ticker == ticker {
			pos += c.side.Sign() * c.qty
		}
	}
	for _, p := range d.pending {
		if p.Subaccount == sub && p.Ticker == ticker && (p.TIF == model.IOC || p.TIF == model.FOK) {
			pos += p.Side.Sign() * p.Remaining
		}
	}
	return pos
}

// Flips reports whether going from before to after crosses zero. Going
// flat, or starting flat, is no flip.
func Flips(before, after model.Qty) bool {
	return (before > 0 && after < 0) || (before < 0 && after > 0)
}

// Flow is the cash an order moves if it fills completely at its limit,
// given the position it starts from. Closing contracts pays out: selling
// YES I hold brings its price, buying YES against NO I hold brings the NO
// side's price, because a YES/NO pair is worth $1. Opening contracts
// costs: the YES price for a bid, the NO price for an ask.
type Flow struct {
	Closes, Opens  model.Qty
	Proceeds, Cost model.Money
}

// FlowOf splits an order of count on side at a YES price against a
// position pos (YES terms) into what it closes and what it opens.
func FlowOf(pos model.Qty, side model.BookSide, price model.Price, count model.Qty) Flow {
	var f Flow
	opposite := -side.Sign() * pos // contracts held the other way
	f.Closes = max(min(count, opposite), 0)
	f.Opens = count - f.Closes
	if side == model.Ask {
		f.Proceeds = model.Notional(price, f.Closes)
		f.Cost = model.Notional(price.Complement(), f.Opens)
	} else {
		f.Proceeds = model.Notional(price.Complement(), f.Closes)
		f.Cost = model.Notional(price, f.Opens)
	}
	return f
}

// Take is an order's expected cost by the visible book: the levels it
// would take, best first, and the rest resting at the limit.
type Take struct {
	Cost        model.Money // taken at the book's prices plus the rest at the limit
	Took        model.Qty   // contracts the visible book fills at once
	First, Last model.Price // YES prices of the first and last level taken
}

// EstimateTake walks the opposite side of book from the best price up to
// req's limit. A YES bid takes offers and pays their price; a YES offer
// takes bids and pays their complement (the NO side's cost).
func EstimateTake(book *model.OrderBook, req model.CreateOrderRequest) Take {
	const all = 1 << 30
	var e Take
	buy := req.Side == model.Bid
	var levels []model.Level
	if buy {
		levels = book.TopAsks(model.YesTerms, all, nil)
	} else {
		levels = book.TopBids(model.YesTerms, all, nil)
	}
	left := req.Count
	for _, lv := range levels {
		if left <= 0 || (buy && lv.Price > req.Price) || (!buy && lv.Price < req.Price) {
			break
		}
		take := min(lv.Qty, left)
		pays := lv.Price
		if !buy {
			pays = lv.Price.Complement()
		}
		e.Cost += model.Notional(pays, take)
		if e.Took == 0 {
			e.First = lv.Price
		}
		e.Took += take
		e.Last = lv.Price
		left -= take
	}
	if left > 0 {
		e.Cost += costOf(req.Side, req.Price, left)
	}
	return e
}

// FlattenPlan is what flattening a market does: cancel my orders there,
// then close the position with one crossing immediate-or-cancel order,
// reduce-only so it can never open the other way.
type FlattenPlan struct {
	Req      model.CreateOrderRequest // the closing order (ClientOrderID left to the caller)
	Cancel   []string                 // my working orders in the market
	InFlight int                      // my creates in flight there
	Take     Take                     // what the closing order takes from the visible book
	// Locks is the realized P&L the closing order locks in if it fills as
	// the book stands, before fees; Short counts contracts the visible
	// book cannot take.
	Locks model.Money
	Short model.Qty
}

// ErrFlat is PlanFlatten's answer when there is no position to close.
var ErrFlat = errors.New("no position to flatten")

// PlanFlatten plans closing my position in a market against book: the
// closing order's limit is the level of the visible book deep enough to
// take the whole position (the worst visible level when it is not).
func (d *Desk) PlanFlatten(ticker string, book *model.OrderBook) (FlattenPlan, error) {
	return d.PlanFlattenIn(0, ticker, book)
}

// PlanFlattenIn is PlanFlatten for the position of one subaccount: the
// closing order trades in it, and only its orders are cancelled.
func (d *Desk) PlanFlattenIn(sub int, ticker string, book *model.OrderBook) (FlattenPlan, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var plan FlattenPlan
	m := d.markets[posKey{sub, ticker}]
	if m == nil || m.pos.Size == 0 {
		return plan, ErrFlat
	}
	pos := m.pos
	side, count := model.Ask, pos.Size
	if pos.Size < 0 {
		side, count = model.Bid, -pos.Size
	}
	var levels []model.Level
	if side == model.Ask {
		levels = book.TopBids(model.YesTerms, 1<<30, nil)
	} else {
		levels = book.TopAsks(model.YesTerms, 1<<30, nil)
	}
	if len(levels) == 0 {
		if side == model.Ask {
			return plan, errors.New("no bid to sell to")
		}
		return plan, errors.New("nothing offered to buy from")
	}
	left := count
	limit := levels[len(levels)-1].Price
	closing := pos
	for _, lv := range levels {
		take := min(lv.Qty, left)
		closing.ApplyExecution(side.Sign()*take, lv.Price, 0)
		left -= take
		if left <= 0 {
			limit = lv.Price
			break
		}
	}
	plan.Req = model.CreateOrderRequest{
		Ticker: ticker, Side: side, Count: count, Price: limit,
		TimeInForce: model.IOC, ReduceOnly: true, STP: model.STPTakerAtCross, Subaccount: sub,
	}
	plan.Take = EstimateTake(book, plan.Req)
	plan.Locks = closing.Realized - pos.Realized
	plan.Short = max(left, 0)
	for _, o := range sortedOrders(d.orders) {
		if o.Ticker == ticker && o.Subaccount == sub {
			plan.Cancel = append(plan.Cancel, o.ID)
		}
	}
	for _, p := range d.pending {
		if p.Ticker == ticker && p.Subaccount == sub {
			plan.InFlight++
		}
	}
	return plan, nil
}

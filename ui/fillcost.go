package ui

import "ladder/model"

// What a marketable order costs: it trades at the resting prices it
// takes, not at its limit, so the confirm dialog gives the expected cost
// from the visible book and the limit's cost as the worst case.

// takeEstimate is an order's expected cost by the visible book: the
// levels it would take, best first, and the rest resting at the limit.
type takeEstimate struct {
	cost        model.Money // taken at the book's prices plus the rest at the limit
	took        model.Qty   // contracts the visible book fills at once
	first, last model.Price // YES prices of the first and last level taken
}

// estimateTake walks the opposite side of book from the best price up to
// req's limit. A YES bid takes offers and pays their price; a YES offer
// takes bids and pays their complement (the NO side's cost).
func estimateTake(book *model.OrderBook, req model.CreateOrderRequest) takeEstimate {
	const all = 1 << 30
	var e takeEstimate
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
		e.cost += model.Notional(pays, take)
		if e.took == 0 {
			e.first = lv.Price
		}
		e.took += take
		e.last = lv.Price
		left -= take
	}
	if left > 0 {
		limit := req.Price
		if !buy {
			limit = limit.Complement()
		}
		e.cost += model.Notional(limit, left)
	}
	return e
}

// words says what the estimate takes, in the shown terms: "1 @ 64¢",
// "30 @ 64¢–65¢, 20 rest".
func (e takeEstimate) words(req model.CreateOrderRequest, terms model.Terms, pf priceFormat) string {
	s := qtyText(e.took) + " @ " + pf.text(inTerms(e.first, terms))
	if e.last != e.first {
		s += "–" + pf.text(inTerms(e.last, terms))
	}
	if rest := req.Count - e.took; rest > 0 {
		s += ", " + qtyText(rest) + " rest"
	}
	return s
}

package sim

import "ladder/model"

// fillQuotes places every maker slot of a newly seen market, so books are
// deep from the first second instead of filling in slowly at calm rates.
func (b *bots) fillQuotes(m *botMarket) {
	for k := range botMakers {
		for side := range 2 {
			for slot := range b.prof.depth {
				b.place(m, k, side, slot)
			}
		}
	}
}

// quotePrice is a maker's target YES price for one slot: makers further
// down the list quote wider, deeper slots sit further from the fair value.
// Targets beyond the grid stack on its outermost price, so a market priced
// near 0 or $1 still has a two-sided book; a side that cannot stay on its
// side of the fair value has no target.
func (b *bots) quotePrice(m *botMarket, maker, side, slot int) (model.Price, bool) {
	tick := max(m.grid.Level(0), 50) // coarse enough to build visible depth on fine grids
	if m.grid.Len() > 1 {
		tick = max(m.grid.Level(1)-m.grid.Level(0), 50)
	}
	off := tick*model.Price(maker+1) + tick*model.Price(slot)
	lowest, highest := m.grid.Level(0), m.grid.Level(m.grid.Len()-1)
	if side == 0 {
		target := max(m.fair-off, lowest)
		if target > m.fair {
			return 0, false
		}
		return m.grid.Snap(target, model.Down)
	}
	target := min(m.fair+off, highest)
	if target < m.fair {
		return 0, false
	}
	return m.grid.Snap(target, model.Up)
}

// Priorities of a slot needing a requote, above any price distance.
const (
	slotEmpty     = 2 * model.Cent      // a hole in the ladder
	slotWrongSide = 2 * model.OneDollar // a bid above the fair value or an ask below it
)

// slotError is how badly a slot needs requoting: a quote on the wrong
// side of the fair value first, then an empty slot, then the distance
// from its target.
func (b *bots) slotError(m *botMarket, k, side, slot int) model.Price {
	q := m.quotes[k][side][slot]
	target, ok := b.quotePrice(m, k, side, slot)
	switch {
	case q.id == "" && !ok:
		return 0
	case q.id == "":
		return slotEmpty
	case !ok, side == 0 && q.price > m.fair, side == 1 && q.price < m.fair:
		return slotWrongSide
	}
	if q.price > target {
		return q.price - target
	}
	return target - q.price
}

// worstSlot is the maker slot furthest from where it should be.
func (b *bots) worstSlot(m *botMarket) (maker, side, slot int) {
	worst := model.Price(-1)
	for k := range botMakers {
		for s := range 2 {
			for i := range b.prof.depth {
				if d := b.slotError(m, k, s, i); d > worst {
					worst, maker, side, slot = d, k, s, i
				}
			}
		}
	}
	return maker, side, slot
}

// repair requotes every slot of m on the wrong side of the fair value and
// returns how many it touched.
func (b *bots) repair(m *botMarket) int {
	n := 0
	for k := range botMakers {
		for s := range 2 {
			for i := range b.prof.depth {
				if b.slotError(m, k, s, i) == slotWrongSide {
					b.place(m, k, s, i)
					n++
				}
			}
		}
	}
	return n
}

// quote moves a maker slot to its target: mostly the slot furthest from
// it, so books track the fair value, sometimes a random one; now and then
// it pulls a random quote instead.
func (b *bots) quote(m *botMarket) {
	k := b.rng.IntN(botMakers)
	side := b.rng.IntN(2)
	slot := b.rng.IntN(b.prof.depth)
	if q := &m.quotes[k][side][slot]; q.id != "" && b.rng.IntN(8) == 0 {
		_, _ = b.e.CancelOrder(b.makers[k], q.id)
		*q = quoteSlot{}
		return
	}
	if b.rng.IntN(4) != 0 {
		k, side, slot = b.worstSlot(m)
	}
	b.place(m, k, side, slot)
}

// place puts maker k's slot at its target price with a fresh random size,
// or pulls it when the slot has no target (fair value too near the edge).
func (b *bots) place(m *botMarket, k, side, slot int) {
	q := &m.quotes[k][side][slot]
	acct := b.makers[k]
	price, ok := b.quotePrice(m, k, side, slot)
	if !ok {
		if q.id != "" {
			_, _ = b.e.CancelOrder(acct, q.id)
			*q = quoteSlot{}
		}
		return
	}
	size := model.Contracts(1 + b.rng.Int64N(b.prof.maxSize))
	if b.rng.IntN(10) == 0 {
		size += 50 // a few fractional quotes, as on the real exchange
	}
	if q.id != "" {
		resp, err := b.e.AmendOrder(acct, q.id, model.AmendOrderRequest{Ticker: m.ticker, Price: price, Count: size})
		if err == nil && resp.RemainingCount != nil && *resp.RemainingCount > 0 {
			q.price = price
			return
		}
		if err != nil {
			// Refused (e.g. the new size is below what already filled):
			// pull the old quote rather than leave it stale and forgotten.
			_, _ = b.e.CancelOrder(acct, q.id)
		}
		*q = quoteSlot{}
	}
	bs := model.Bid
	if side == 1 {
		bs = model.Ask
	}
	resp, err := b.create(acct, model.CreateOrderRequest{
		Ticker: m.ticker, Side: bs, Count: size, Price: price,
		TimeInForce: model.GTC, STP: model.STPMaker,
	})
	if err == nil && resp.RemainingCount > 0 {
		*q = quoteSlot{id: resp.OrderID, price: price}
	}
}

// take sends an IOC that crosses the spread by a couple of ticks. A quote
// left on the wrong side of the fair value is picked off; otherwise the
// taker leans with the fair value.
func (b *bots) take(m *botMarket, contracts int64) {
	acct := b.takers[b.rng.IntN(len(b.takers))]
	b.e.mu.Lock()
	mk := b.e.markets[m.ticker]
	var bid, ask model.Price
	var bidSize, askSize model.Qty
	if mk != nil {
		bid, bidSize, ask, askSize = mk.top()
	}
	b.e.mu.Unlock()
	var buyYes bool
	switch {
	case askSize > 0 && ask < m.fair:
		buyYes = true
	case bidSize > 0 && bid > m.fair:
		buyYes = false
	default:
		buyYes = b.rng.IntN(2) == 0
		if m.fair > 6000 && b.rng.IntN(3) == 0 {
			buyYes = true
		} else if m.fair < 4000 && b.rng.IntN(3) == 0 {
			buyYes = false
		}
	}
	// Buy by lifting the ask or sell by hitting the bid, priced two ticks
	// through the touch.
	req := model.CreateOrderRequest{Ticker: m.ticker, Side: model.Bid, Price: ask,
		Count: model.Contracts(contracts), TimeInForce: model.IOC, STP: model.STPTakerAtCross}
	touchSize, through := askSize, m.grid.Next
	if !buyYes {
		req.Side, req.Price, touchSize, through = model.Ask, bid, bidSize, m.grid.Prev
	}
	if touchSize == 0 {
		return
	}
	for range 2 {
		if p, ok := through(req.Price); ok {
			req.Price = p
		}
	}
	_, _ = b.create(acct, req)
}

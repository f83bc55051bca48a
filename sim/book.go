package sim

import "ladder/model"

// book is one market's resting orders: a FIFO queue per grid level on each
// of the two bid books (YES bids at YES prices, NO bids at NO prices), plus
// the aggregated level sizes in a model.OrderBook, which also tracks the
// best price of each side.
type book struct {
	grid   *model.Grid
	agg    *model.OrderBook
	queues [2][]queue // [model.Yes|model.No][grid index of the side's own price]
}

// queue is one price level's orders in time priority, linked through the
// orders themselves so a cancel anywhere in the queue is O(1).
type queue struct{ head, tail *order }

func newBook(ticker string, g *model.Grid) *book {
	return &book{
		grid: g,
		agg:  model.NewOrderBook(ticker, g, model.BookOptions{}),
		queues: [2][]queue{
			make([]queue, g.Len()),
			make([]queue, g.Len()),
		},
	}
}

// push appends o at the back of its level. The caller has checked that the
// price is on the grid.
func (b *book) push(o *order) {
	i, _ := b.grid.Index(o.price)
	q := &b.queues[o.outcome][i]
	o.prev, o.next = q.tail, nil
	if q.tail != nil {
		q.tail.next = o
	} else {
		q.head = o
	}
	q.tail = o
	o.onBook = true
	if o.acct != nil {
		o.acct.resting++
	}
	b.adjust(o.outcome, o.price, o.remaining)
}

// remove unlinks o from its level and takes its remaining size off the
// aggregate.
func (b *book) remove(o *order) {
	if !o.onBook {
		return
	}
	i, _ := b.grid.Index(o.price)
	q := &b.queues[o.outcome][i]
	if o.prev != nil {
		o.prev.next = o.next
	} else {
		q.head = o.next
	}
	if o.next != nil {
		o.next.prev = o.prev
	} else {
		q.tail = o.prev
	}
	o.prev, o.next, o.onBook = nil, nil, false
	if o.acct != nil {
		o.acct.resting--
	}
	b.adjust(o.outcome, o.price, -o.remaining)
}

// adjust changes the aggregate size of one level; the queues are the truth,
// so a refusal here would be an engine bug and is ignored rather than
// allowed to panic.
func (b *book) adjust(side model.Side, p model.Price, delta model.Qty) {
	_ = b.agg.ApplyDelta(side, p, delta)
}

// best returns the best (highest) bid of one side in that side's own terms.
func (b *book) best(side model.Side) (model.Level, bool) {
	t := model.YesTerms
	if side == model.No {
		t = model.NoTerms
	}
	return b.agg.BestBid(t)
}

// head returns the first order in time priority at price p on a side.
func (b *book) head(side model.Side, p model.Price) *order {
	i, ok := b.grid.Index(p)
	if !ok {
		return nil
	}
	return b.queues[side][i].head
}

// crosses reports whether a bid on side at price p (own terms) would trade
// against the other side: p + best opposite bid ≥ $1.
func (b *book) crosses(side model.Side, p model.Price) bool {
	opp, ok := b.best(other(side))
	return ok && p+opp.Price >= model.OneDollar
}

// ahead is the resting size queued in front of o at its level.
func (b *book) ahead(o *order) model.Qty {
	var n model.Qty
	for x := o.prev; x != nil; x = x.prev {
		n += x.remaining
	}
	return n
}

// levels returns a side's non-empty levels ascending, at most depth of the
// best ones (0 = all), in the side's own terms.
func (b *book) levels(side model.Side, depth int) []model.Level {
	all := b.agg.Levels(side, nil)
	if depth > 0 && len(all) > depth {
		all = all[len(all)-depth:]
	}
	return all
}

// other returns the opposite contract side.
func other(s model.Side) model.Side {
	if s == model.Yes {
		return model.No
	}
	return model.Yes
}

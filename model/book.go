package model

import (
	"fmt"
	"math/bits"
	"slices"
)

// Side names one of the two bid books Kalshi publishes.
type Side uint8

// Book sides. The wire form is "yes" / "no".
const (
	Yes Side = iota
	No
)

func (s Side) String() string {
	if s == No {
		return "no"
	}
	return "yes"
}

// ParseSide reads "yes" / "no".
func ParseSide(s string) (Side, error) {
	switch s {
	case "yes":
		return Yes, nil
	case "no":
		return No, nil
	}
	return 0, fmt.Errorf("book side %q: want yes or no", s)
}

// Terms selects the price convention a query answers in: YES terms (the
// default ladder) or NO terms (the ladder flipped with `n`).
type Terms uint8

// Price conventions.
const (
	YesTerms Terms = iota
	NoTerms
)

// Level is one price level: a price and the resting quantity there.
type Level struct {
	Price Price
	Qty   Qty
}

// BookOptions are the explicit conventions a feed uses; nothing is guessed.
type BookOptions struct {
	// NoInYesTerms is Kalshi's use_yes_price: NO levels arrive priced in YES
	// terms (a NO bid at 30¢ is sent as 0.70).
	NoInYesTerms bool
}

// OrderBook is the resting bids on YES and on NO for one market, stored
// densely by grid level. It is not safe for concurrent use: the feed
// goroutine owns it and hands the UI a Clone.
type OrderBook struct {
	Ticker  string
	grid    *Grid
	opts    BookOptions
	yes, no []Qty // indexed by grid level of each side's own price
	// occYes/occNo have bit i set when level i is non-empty, so finding the
	// next best level after the best one empties skips 64 empty levels per
	// step instead of one (a 0.01¢-edge grid has 1,899 levels).
	occYes, occNo []uint64
	bestYes       int // index of best YES bid, -1 when empty
	bestNo        int // index of best NO bid, -1 when empty
	totYes        Qty
	totNo         Qty
	version       uint64
}

// NewOrderBook returns an empty book for a market on grid g.
func NewOrderBook(ticker string, g *Grid, opts BookOptions) *OrderBook {
	return &OrderBook{
		Ticker: ticker, grid: g, opts: opts,
		yes: make([]Qty, g.Len()), no: make([]Qty, g.Len()),
		occYes: make([]uint64, occWords(g.Len())), occNo: make([]uint64, occWords(g.Len())),
		bestYes: -1, bestNo: -1,
	}
}

// Grid returns the market's price grid.
func (b *OrderBook) Grid() *Grid { return b.grid }

// Version increases on every successful change; the UI uses it to skip
// redraws of books that did not move.
func (b *OrderBook) Version() uint64 { return b.version }

// BookError is returned for input the book refuses. The book is unchanged
// when it is returned; the stream treats it as a reason to resync.
type BookError struct {
	Ticker string
	Reason string
}

func (e *BookError) Error() string { return "book " + e.Ticker + ": " + e.Reason }

// ownIndex converts a wire price on a side to the index of that side's own
// price, honouring NoInYesTerms.
func (b *OrderBook) ownIndex(side Side, p Price) (int, bool) {
	if side == No && b.opts.NoInYesTerms {
		p = p.Complement()
	}
	return b.grid.Index(p)
}

// ApplySnapshot replaces the whole book. Levels are in wire terms (NO levels
// in YES terms when NoInYesTerms); zero-size levels are ignored.
func (b *OrderBook) ApplySnapshot(yes, no []Level) error {
	for s, levels := range [2][]Level{yes, no} {
		for _, l := range levels {
			if _, ok := b.ownIndex(Side(s), l.Price); !ok {
				return &BookError{b.Ticker, fmt.Sprintf("snapshot %s level %s off the grid", Side(s), l.Price)}
			}
			if l.Qty < 0 {
				return &BookError{b.Ticker, fmt.Sprintf("snapshot %s level %s has negative size %s", Side(s), l.Price, l.Qty)}
			}
		}
	}
	clear(b.yes)
	clear(b.no)
	clear(b.occYes)
	clear(b.occNo)
	b.totYes, b.totNo = 0, 0
	for _, l := range yes {
		i, _ := b.ownIndex(Yes, l.Price)
		b.yes[i] += l.Qty
		b.totYes += l.Qty
		if b.yes[i] > 0 {
			setBit(b.occYes, i)
		}
	}
	for _, l := range no {
		i, _ := b.ownIndex(No, l.Price)
		b.no[i] += l.Qty
		b.totNo += l.Qty
		if b.no[i] > 0 {
			setBit(b.occNo, i)
		}
	}
	b.bestYes = scanDown(b.occYes, len(b.yes)-1)
	b.bestNo = scanDown(b.occNo, len(b.no)-1)
	b.version++
	return nil
}

// ApplyDelta adds a signed delta to one level (Kalshi orderbook_delta). A
// level that reaches zero is removed; one that would go negative, or a price
// off the grid, is refused with a *BookError and the book is left unchanged.
func (b *OrderBook) ApplyDelta(side Side, p Price, delta Qty) error {
	i, ok := b.ownIndex(side, p)
	if !ok {
		return &BookError{b.Ticker, "delta at off-grid price " + p.String()}
	}
	levels, occ, best, tot := b.yes, b.occYes, &b.bestYes, &b.totYes
	if side == No {
		levels, occ, best, tot = b.no, b.occNo, &b.bestNo, &b.totNo
	}
	n := levels[i] + delta
	if n < 0 {
		return &BookError{b.Ticker, "delta " + delta.String() + " drives " + side.String() + " " + p.String() + " below zero"}
	}
	levels[i] = n
	*tot += delta
	if n > 0 {
		setBit(occ, i)
	} else {
		occ[i>>6] &^= 1 << (i & 63)
	}
	switch {
	case n > 0 && i > *best:
		*best = i
	case n == 0 && i == *best:
		*best = scanDown(occ, i-1)
	}
	b.version++
	return nil
}

// occWords is the number of bitmap words for n levels.
func occWords(n int) int { return (n + 63) / 64 }

func setBit(occ []uint64, i int) { occ[i>>6] |= 1 << (i & 63) }

// scanDown finds the highest non-empty level at or below from, or -1.
func scanDown(occ []uint64, from int) int {
	if from < 0 {
		return -1
	}
	w := from >> 6
	word := occ[w] & (^uint64(0) >> (63 - from&63)) // bits 0..from%64
	for {
		if word != 0 {
			return w<<6 + 63 - bits.LeadingZeros64(word)
		}
		if w == 0 {
			return -1
		}
		w--
		word = occ[w]
	}
}

// sides returns the arrays for the bid and ask books in the given terms:
// in YES terms bids are YES bids and asks come from NO bids, and vice versa.
func (b *OrderBook) sides(t Terms) (bids []Qty, bestBid int, asks []Qty, bestAsk int) {
	if t == NoTerms {
		return b.no, b.bestNo, b.yes, b.bestYes
	}
	return b.yes, b.bestYes, b.no, b.bestNo
}

// BestBid is the highest bid in the given terms.
func (b *OrderBook) BestBid(t Terms) (Level, bool) {
	bids, i, _, _ := b.sides(t)
	if i < 0 {
		return Level{}, false
	}
	return Level{b.grid.levels[i], bids[i]}, true
}

// BestAsk is the lowest offer in the given terms: 1 − the best bid of the
// other side.
func (b *OrderBook) BestAsk(t Terms) (Level, bool) {
	_, _, asks, i := b.sides(t)
	if i < 0 {
		return Level{}, false
	}
	return Level{b.grid.levels[i].Complement(), asks[i]}, true
}

// Spread is best ask − best bid; false when either side is empty.
func (b *OrderBook) Spread(t Terms) (Price, bool) {
	bid, ok1 := b.BestBid(t)
	ask, ok2 := b.BestAsk(t)
	if !ok1 || !ok2 {
		return 0, false
	}
	return ask.Price - bid.Price, true
}

// Mid is the midpoint of best bid and ask, rounded down to $0.0001.
func (b *OrderBook) Mid(t Terms) (Price, bool) {
	bid, ok1 := b.BestBid(t)
	ask, ok2 := b.BestAsk(t)
	if !ok1 || !ok2 {
		return 0, false
	}
	return (bid.Price + ask.Price) / 2, true
}

// BidSize is the bid quantity at price p in the given terms.
func (b *OrderBook) BidSize(t Terms, p Price) Qty {
	bids, _, _, _ := b.sides(t)
	if i, ok := b.grid.Index(p); ok {
		return bids[i]
	}
	return 0
}

// AskSize is the offered quantity at price p in the given terms (the other
// side's bids at 1 − p).
func (b *OrderBook) AskSize(t Terms, p Price) Qty {
	_, _, asks, _ := b.sides(t)
	if i, ok := b.grid.Index(p.Complement()); ok {
		return asks[i]
	}
	return 0
}

// SideSize is the size of the raw bid book of one side at that side's own
// price, as the exchange publishes it.
func (b *OrderBook) SideSize(s Side, p Price) Qty {
	levels := b.yes
	if s == No {
		levels = b.no
	}
	if i, ok := b.grid.Index(p); ok {
		return levels[i]
	}
	return 0
}

// TopBids appends up to n bids, best first, in the given terms to dst.
func (b *OrderBook) TopBids(t Terms, n int, dst []Level) []Level {
	bids, i, _, _ := b.sides(t)
	for ; i >= 0 && n > 0; i-- {
		if bids[i] > 0 {
			dst = append(dst, Level{b.grid.levels[i], bids[i]})
			n--
		}
	}
	return dst
}

// TopAsks appends up to n offers, best (lowest) first, in the given terms.
func (b *OrderBook) TopAsks(t Terms, n int, dst []Level) []Level {
	_, _, asks, i := b.sides(t)
	for ; i >= 0 && n > 0; i-- {
		if asks[i] > 0 {
			dst = append(dst, Level{b.grid.levels[i].Complement(), asks[i]})
			n--
		}
	}
	return dst
}

// Levels appends every non-empty level of one side's own bid book in
// ascending price order, the REST orderbook_fp shape.
func (b *OrderBook) Levels(s Side, dst []Level) []Level {
	levels := b.yes
	if s == No {
		levels = b.no
	}
	for i, q := range levels {
		if q > 0 {
			dst = append(dst, Level{b.grid.levels[i], q})
		}
	}
	return dst
}

// Totals is the total resting quantity on the YES and the NO bid books.
func (b *OrderBook) Totals() (yes, no Qty) { return b.totYes, b.totNo }

// Empty reports whether both sides are empty.
func (b *OrderBook) Empty() bool { return b.bestYes < 0 && b.bestNo < 0 }

// Equal reports whether two books hold the same levels. Books on different
// grids are equal only when the grids have the same prices.
func (b *OrderBook) Equal(o *OrderBook) bool {
	if b.grid != o.grid && !slices.Equal(b.grid.levels, o.grid.levels) {
		return false
	}
	for i := range b.yes {
		if b.yes[i] != o.yes[i] || b.no[i] != o.no[i] {
			return false
		}
	}
	return true
}

// Clone returns a deep copy that another goroutine may read freely.
func (b *OrderBook) Clone() *OrderBook {
	c := *b
	c.yes = append([]Qty(nil), b.yes...)
	c.no = append([]Qty(nil), b.no...)
	c.occYes = append([]uint64(nil), b.occYes...)
	c.occNo = append([]uint64(nil), b.occNo...)
	return &c
}

// CopyFrom makes b equal to o, reusing b's storage (no allocation when both
// are on the same grid).
func (b *OrderBook) CopyFrom(o *OrderBook) {
	yes, no, occYes, occNo := b.yes, b.no, b.occYes, b.occNo
	*b = *o
	if len(yes) == len(o.yes) {
		copy(yes, o.yes)
		copy(no, o.no)
		copy(occYes, o.occYes)
		copy(occNo, o.occNo)
		b.yes, b.no, b.occYes, b.occNo = yes, no, occYes, occNo
		return
	}
	b.yes = append([]Qty(nil), o.yes...)
	b.no = append([]Qty(nil), o.no...)
	b.occYes = append([]uint64(nil), o.occYes...)
	b.occNo = append([]uint64(nil), o.occNo...)
}

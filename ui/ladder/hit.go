package ladder

// Hit-testing for the mouse. It uses the same column widths (ColsFor of
// the same Ctx) and the same row → bucket mapping (top − row) that View
// draws with, so a click lands on exactly the cell under the pointer.

// Zone is the part of a ladder row a point falls in.
type Zone int

const (
	ZoneNone  Zone = iota // the border, the header lines, the volume or P&L
	ZoneBid               // left of the price: Σbids, my bids, the bid size
	ZonePrice             // the price and the last-trade mark
	ZoneAsk               // right of the price: the ask size, my asks, Σasks
	ZoneRow               // a price row outside the three above
)

// Hit is what a point of the pane is over.
type Hit struct {
	Zone  Zone
	Index int // grid index the cursor goes to for that row (Zone ≠ ZoneNone)
}

// HitTest finds what the cell at (x, y), relative to the pane's top-left
// corner, is over, drawn from cx.
func (lp *Pane) HitTest(cx Ctx, x, y int) Hit {
	r := y - 1 - HeaderLines
	ix := x - 1
	if r < 0 || r >= lp.rows || ix < 0 || ix >= lp.w-2 || lp.top-r < 0 {
		return Hit{}
	}
	h := Hit{Zone: ZoneRow, Index: lp.bucketIndex(lp.top - r)}
	bidEnd, priceEnd, askEnd := ColsFor(lp.w-2, lp.Want(cx)).spans()
	switch {
	case ix < bidEnd:
		h.Zone = ZoneBid
	case ix < priceEnd:
		h.Zone = ZonePrice
	case ix < askEnd:
		h.Zone = ZoneAsk
	}
	return h
}

// CursorToIndex puts the cursor on grid index i, scrolling as little as
// needed.
func (lp *Pane) CursorToIndex(i int) {
	lp.cursor = min(max(i, 0), lp.grid.Len()-1)
	lp.keepCursorVisible()
}

// spans are where a row's bid side (Σbids, mine, bids, the entry mark),
// its price column (with the last-trade mark) and its ask side end, in
// cells from the pane's inner left edge, the cursor mark first. The row
// (view.go) draws its cells in this order; hit-testing and the dialogs'
// placement read it from here.
func (c Cols) spans() (bidEnd, priceEnd, askEnd int) {
	bidEnd = 1 + c.mineW() + 1 + c.Size + 1
	if c.Cum > 0 {
		bidEnd += c.Cum + 1
	}
	priceEnd = bidEnd + c.Price + 1
	askEnd = priceEnd + 1 + c.Size + 1 + c.mineW() + 1
	if c.Cum > 0 {
		askEnd += c.Cum + 1
	}
	return bidEnd, priceEnd, askEnd
}

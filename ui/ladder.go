package ui

import (
	"time"

	"ladder/model"
	"ladder/stream"
)

// ladderHeaderLines is the number of lines above the price rows: the market
// line, the state line (terms, quantity, position or a block) and the
// column headers.
const ladderHeaderLines = 3

// ladderPane is one price ladder: a fixed price column on the market's grid
// with one row per grid level. The column never scrolls by itself when the
// market moves; only the cursor (and recentering) moves the window.
type ladderPane struct {
	ticker string
	market model.Market
	// missing says the exchange answered "market not found" for it (an
	// exchange restarted without it); the header says so until a market
	// list that has it again.
	missing bool
	grid    *model.Grid
	terms   model.Terms

	cursor     int // grid index of the cursor row's price (in the shown terms)
	top        int // grid index of the top row
	rows       int // price rows that fit
	w, h       int
	needCenter bool // center once the first book arrives

	book stream.BookView // zero until the first frame (hasBook)

	pf     priceFormat // how this market's prices are written everywhere
	labels []string    // price labels by grid index, in pf

	last    model.Price // YES price of the last trade
	lastDir int         // +1 up, -1 down, 0 unchanged (YES terms)
	lastAt  time.Time
	hasLast bool
	// lastSeen is the feed's last trade as last applied, so a frame that
	// carries the same one again does not restart its flash.
	lastSeen stream.LastTrade

	// Scratch space for drawing, reused every frame.
	cumBid, cumAsk []model.Qty
	scratch        []model.Level
}

// newLadder opens a ladder on a market; it fails only when the market's
// price grid is unusable.
func newLadder(m model.Market) (*ladderPane, error) {
	g, err := m.Grid()
	if err != nil {
		return nil, err
	}
	lp := &ladderPane{
		ticker: m.Ticker, market: m, grid: g, needCenter: true,
	}
	lp.pf = formatFor(g.Ranges())
	lp.labels = priceLabels(g, lp.pf)
	lp.cursor = lp.indexNear(model.OneDollar / 2)
	if m.LastPrice.InOpenRange() {
		lp.last, lp.hasLast = m.LastPrice, true
		lp.cursor = lp.indexNear(m.LastPrice)
	}
	lp.top = lp.cursor
	return lp, nil
}

// priceLabels formats every grid price once, all with the decimals of
// the grid's finest step, so the column lines up on the decimal point.
func priceLabels(g *model.Grid, f priceFormat) []string {
	levels := g.Levels()
	out := make([]string, len(levels))
	for i, p := range levels {
		out[i] = f.text(p)
	}
	return out
}

// label is the price label of grid row i in the shown terms.
func (lp *ladderPane) label(i int) string {
	// Grid levels are the same prices in both terms (Kalshi grids are
	// symmetric), so one table serves both.
	return lp.labels[i]
}

// SetSize gives the pane its rectangle and keeps the cursor in view. When
// the number of rows changes (the terminal was resized) the window is
// centred on the market again: keeping the old top row would leave the
// market at an edge or off screen.
func (lp *ladderPane) SetSize(w, h int) {
	rows := max(h-2-ladderHeaderLines, 1)
	resized := lp.h > 0 && rows != lp.rows
	lp.w, lp.h, lp.rows = w, h, rows
	switch {
	case lp.needCenter:
		lp.centerWhenReady()
	case resized:
		lp.recenterKeepingCursor()
	default:
		lp.keepCursorVisible()
	}
}

// recenterKeepingCursor centres the window on the market; the cursor keeps
// its price when that is still in the window, else it goes to the market.
func (lp *ladderPane) recenterKeepingCursor() {
	was := lp.cursor
	lp.recenter()
	if was <= lp.top && was > lp.top-lp.rows {
		lp.cursor = was
	}
}

// indexNear is the grid index of the level nearest p.
func (lp *ladderPane) indexNear(p model.Price) int {
	s, ok := lp.grid.Snap(p, model.Nearest)
	if !ok {
		return lp.grid.Len() / 2
	}
	i, _ := lp.grid.Index(s)
	return i
}

// priceAt is the price (in the shown terms) of grid row i.
func (lp *ladderPane) priceAt(i int) model.Price { return lp.grid.Level(i) }

// yes converts a price in the shown terms to the YES price.
func (lp *ladderPane) yes(p model.Price) model.Price {
	if lp.terms == model.NoTerms {
		return p.Complement()
	}
	return p
}

// cursorPrice is the cursor's price in the shown terms.
func (lp *ladderPane) cursorPrice() model.Price { return lp.priceAt(lp.cursor) }

// setBook takes the latest copy of the book and centers the first time
// there is something to center on.
func (lp *ladderPane) setBook(v stream.BookView) {
	lp.book = v
	if l := v.Last; !l.At.IsZero() && l != lp.lastSeen {
		lp.lastSeen = l
		lp.last, lp.hasLast, lp.lastAt = l.Price, true, l.At
		lp.lastDir = int(l.Dir)
		if l.Dir == 0 {
			// Unchanged price: the side that took liquidity gives the colour.
			switch l.Taker {
			case model.Bid:
				lp.lastDir = 1
			case model.Ask:
				lp.lastDir = -1
			}
		}
	}
	if lp.needCenter {
		lp.centerWhenReady()
	}
}

// hasBook reports whether a book has arrived for this market.
func (lp *ladderPane) hasBook() bool { return lp.book.Book != nil }

// centerWhenReady centers the window on the market once both the size and
// a non-empty book are known; until then it centers on the cursor.
func (lp *ladderPane) centerWhenReady() {
	if lp.rows <= 1 && lp.h == 0 {
		return
	}
	if lp.hasBook() && !lp.book.Book.Empty() {
		lp.recenter()
		lp.needCenter = false
		return
	}
	lp.centerOn(lp.cursor)
}

// move moves the cursor by delta levels (positive = higher price), scrolling
// only as far as needed to keep it visible.
func (lp *ladderPane) move(delta int) {
	lp.cursor = clamp(lp.cursor+delta, 0, lp.grid.Len()-1)
	lp.keepCursorVisible()
}

// page moves the cursor by a screen of rows.
func (lp *ladderPane) page(dir int) { lp.move(dir * max(lp.rows-1, 1)) }

// keepCursorVisible scrolls the window minimally around the cursor.
func (lp *ladderPane) keepCursorVisible() {
	n := lp.rows
	if lp.cursor > lp.top {
		lp.top = lp.cursor
	}
	if lp.cursor < lp.top-n+1 {
		lp.top = lp.cursor + n - 1
	}
	lp.clampTop()
}

func (lp *ladderPane) clampTop() {
	last := lp.grid.Len() - 1
	lp.top = clamp(lp.top, min(lp.rows-1, last), last)
}

// recenter puts the market in the middle of the window and the cursor on
// it: the mid if both sides quote, else the last trade, else one side.
func (lp *ladderPane) recenter() {
	lp.cursor = lp.indexNear(lp.marketPrice())
	lp.centerOn(lp.cursor)
}

// centerOn scrolls so that grid index i sits in the middle row.
func (lp *ladderPane) centerOn(i int) {
	lp.top = i + lp.rows/2
	lp.clampTop()
}

// marketPrice is where the market is, in the shown terms.
func (lp *ladderPane) marketPrice() model.Price {
	if lp.hasBook() {
		b := lp.book.Book
		if mid, ok := b.Mid(lp.terms); ok {
			return mid
		}
		if lp.hasLast {
			return lp.inTerms(lp.last)
		}
		if bid, ok := b.BestBid(lp.terms); ok {
			return bid.Price
		}
		if ask, ok := b.BestAsk(lp.terms); ok {
			return ask.Price
		}
	}
	if lp.hasLast {
		return lp.inTerms(lp.last)
	}
	return model.OneDollar / 2
}

// inTerms converts a YES price to the shown terms.
func (lp *ladderPane) inTerms(yes model.Price) model.Price {
	if lp.terms == model.NoTerms {
		return yes.Complement()
	}
	return yes
}

// toggleTerms flips between YES and NO terms, keeping the cursor on the
// same economic level (p in YES terms is 1−p in NO terms).
func (lp *ladderPane) toggleTerms() {
	p := lp.cursorPrice().Complement()
	rowFromTop := lp.top - lp.cursor
	if lp.terms == model.YesTerms {
		lp.terms = model.NoTerms
	} else {
		lp.terms = model.YesTerms
	}
	lp.cursor = lp.indexNear(p)
	lp.top = lp.cursor + rowFromTop
	lp.clampTop()
	lp.keepCursorVisible()
}

// volumeAt is the contracts traded at a YES price since the ladder's book
// was subscribed (aggregated by the feed from every trade, so exact).
func (lp *ladderPane) volumeAt(yes model.Price) model.Qty {
	vol := lp.book.Volume
	if lp.book.Book == nil || len(vol) == 0 {
		return 0
	}
	if i, ok := lp.book.Book.Grid().Index(yes); ok && i < len(vol) {
		return vol[i]
	}
	return 0
}

// stale reports whether the book may not be trusted, and why.
func (lp *ladderPane) stale() (bool, string) {
	if !lp.hasBook() {
		return true, "waiting for the order book"
	}
	if lp.book.Stale {
		reason := lp.book.StaleReason
		if reason == "" {
			reason = "resyncing"
		}
		return true, reason
	}
	return false, ""
}

package ladder

import (
	"time"

	"ladder/model"
	"ladder/stream"
	"ladder/ui/keys"
	"ladder/ui/text"
)

// HeaderLines is the number of lines above the price rows: the market
// line, the state line (terms, quantity, position or a block) and the
// column headers.
const HeaderLines = 3

// flashFor is how long the last-trade marker shows the trade's direction.
const flashFor = 2 * time.Second

// Pane is one price ladder: a fixed price column on the market's grid
// with one row per grid level. The column never scrolls by itself when the
// market moves; only the cursor (and recentering) moves the window.
type Pane struct {
	keys   *keys.KeyMap // read only: the ladder's keys, named in hints and the help
	ticker string
	market model.Market
	// missing says the exchange answered "market not found" for it (an
	// exchange restarted without it); the header says so until a market
	// list that has it again.
	missing bool
	grid    *model.Grid
	terms   model.Terms

	cursor int // grid index of the cursor row's price (in the shown terms)
	top    int // bucket (zoom.go) of the top row: its grid index at zoom 1
	zoom   int // index into zoomSteps
	pnl    pnlMode
	// touched is when the cursor or the window was last moved by hand:
	// auto-recentering leaves a ladder in use alone (recenter.go).
	touched    time.Time
	rows       int // price rows that fit
	w, h       int
	needCenter bool // center once the first book arrives

	book stream.BookView // zero until the first frame (hasBook)

	pf     text.PriceFormat // how this market's prices are written everywhere
	labels []string         // price labels by grid index, in pf

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

// New opens a ladder on a market; it fails only when the market's price
// grid is unusable. km is the dashboard's keymap, which the ladder only
// reads (its hints and its help name its keys).
func New(m model.Market, km *keys.KeyMap) (*Pane, error) {
	g, err := m.Grid()
	if err != nil {
		return nil, err
	}
	lp := &Pane{
		keys: km, ticker: m.Ticker, market: m, grid: g, needCenter: true,
	}
	lp.pf = text.PriceFormatOf(g.Ranges())
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
func priceLabels(g *model.Grid, f text.PriceFormat) []string {
	levels := g.Levels()
	out := make([]string, len(levels))
	for i, p := range levels {
		out[i] = f.Format(p)
	}
	return out
}

// Label is the price label of grid row i in the shown terms.
func (lp *Pane) Label(i int) string {
	// Grid levels are the same prices in both terms (Kalshi grids are
	// symmetric), so one table serves both.
	return lp.labels[i]
}

// SetSize gives the pane its rectangle and keeps the cursor in view. When
// the number of rows changes (the terminal was resized) the window is
// centred on the market again: keeping the old top row would leave the
// market at an edge or off screen.
func (lp *Pane) SetSize(w, h int) {
	rows := max(h-2-HeaderLines, 1)
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
func (lp *Pane) recenterKeepingCursor() {
	was := lp.cursor
	lp.Recenter()
	if _, in := lp.rowOf(was); in {
		lp.cursor = was
	}
}

// indexNear is the grid index of the level nearest p.
func (lp *Pane) indexNear(p model.Price) int {
	s, ok := lp.grid.Snap(p, model.Nearest)
	if !ok {
		return lp.grid.Len() / 2
	}
	i, _ := lp.grid.Index(s)
	return i
}

// priceAt is the price (in the shown terms) of grid row i.
func (lp *Pane) priceAt(i int) model.Price { return lp.grid.Level(i) }

// Yes converts a price in the shown terms to the YES price.
func (lp *Pane) Yes(p model.Price) model.Price {
	if lp.terms == model.NoTerms {
		return p.Complement()
	}
	return p
}

// CursorPrice is the cursor's price in the shown terms.
func (lp *Pane) CursorPrice() model.Price { return lp.priceAt(lp.cursor) }

// SetBook takes the latest copy of the book and centers the first time
// there is something to center on.
func (lp *Pane) SetBook(v stream.BookView) {
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

// HasBook reports whether a book has arrived for this market.
func (lp *Pane) HasBook() bool { return lp.book.Book != nil }

// centerWhenReady centers the window on the market once both the size and
// a non-empty book are known; until then it centers on the cursor.
func (lp *Pane) centerWhenReady() {
	if lp.rows <= 1 && lp.h == 0 {
		return
	}
	if lp.HasBook() && !lp.book.Book.Empty() {
		lp.Recenter()
		lp.needCenter = false
		return
	}
	lp.centerOn(lp.cursor)
}

// Move moves the cursor by delta rows (positive = higher price; a row is
// Zoom ticks), scrolling only as far as needed to keep it visible.
func (lp *Pane) Move(delta int) {
	lp.cursor = text.Clamp(lp.cursor+delta*lp.Zoom(), 0, lp.grid.Len()-1)
	lp.keepCursorVisible()
}

// Page moves the cursor by a screen of rows.
func (lp *Pane) Page(dir int) { lp.Move(dir * max(lp.rows-1, 1)) }

// keepCursorVisible scrolls the window minimally around the cursor.
func (lp *Pane) keepCursorVisible() {
	n := lp.rows
	c := lp.bucket(lp.cursor)
	if c > lp.top {
		lp.top = c
	}
	if c < lp.top-n+1 {
		lp.top = c + n - 1
	}
	lp.clampTop()
}

func (lp *Pane) clampTop() {
	last := lp.buckets() - 1
	lp.top = text.Clamp(lp.top, min(lp.rows-1, last), last)
}

// Recenter puts the market in the middle of the window and the cursor on
// it: the mid if both sides quote, else the last trade, else one side.
func (lp *Pane) Recenter() {
	lp.cursor = lp.indexNear(lp.marketPrice())
	lp.centerOn(lp.cursor)
}

// centerOn scrolls so that grid index i sits in the middle row.
func (lp *Pane) centerOn(i int) {
	lp.top = lp.bucket(i) + lp.rows/2
	lp.clampTop()
}

// marketPrice is where the market is, in the shown terms.
func (lp *Pane) marketPrice() model.Price {
	if lp.HasBook() {
		b := lp.book.Book
		if mid, ok := b.Mid(lp.terms); ok {
			return mid
		}
		if lp.hasLast {
			return lp.InTerms(lp.last)
		}
		if bid, ok := b.BestBid(lp.terms); ok {
			return bid.Price
		}
		if ask, ok := b.BestAsk(lp.terms); ok {
			return ask.Price
		}
	}
	if lp.hasLast {
		return lp.InTerms(lp.last)
	}
	return model.OneDollar / 2
}

// InTerms converts a YES price to the shown terms.
func (lp *Pane) InTerms(yes model.Price) model.Price {
	if lp.terms == model.NoTerms {
		return yes.Complement()
	}
	return yes
}

// ToggleTerms flips between YES and NO terms, keeping the cursor on the
// same economic level (p in YES terms is 1−p in NO terms).
func (lp *Pane) ToggleTerms() {
	p := lp.CursorPrice().Complement()
	rowFromTop := lp.top - lp.bucket(lp.cursor)
	if lp.terms == model.YesTerms {
		lp.terms = model.NoTerms
	} else {
		lp.terms = model.YesTerms
	}
	lp.cursor = lp.indexNear(p)
	lp.top = lp.bucket(lp.cursor) + rowFromTop
	lp.clampTop()
	lp.keepCursorVisible()
}

// VolumeAt is the contracts traded at a YES price since the ladder's book
// was subscribed (aggregated by the feed from every trade, so exact).
func (lp *Pane) VolumeAt(yes model.Price) model.Qty {
	vol := lp.book.Volume
	if lp.book.Book == nil || len(vol) == 0 {
		return 0
	}
	if i, ok := lp.book.Book.Grid().Index(yes); ok && i < len(vol) {
		return vol[i]
	}
	return 0
}

// Stale reports whether the book may not be trusted, and why.
func (lp *Pane) Stale() (bool, string) {
	if !lp.HasBook() {
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

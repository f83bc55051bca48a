package ladder

import (
	"ladder/model"
	"ladder/ui/text"
)

// What the root reads of a ladder, and the few things it may change: the
// market as the catalogue and the lifecycle feed describe it.

// Ticker is the ladder's market.
func (lp *Pane) Ticker() string { return lp.ticker }

// Market is the ladder's market as last described.
func (lp *Pane) Market() model.Market { return lp.market }

// SetMarket takes a fresh description of the market (a reloaded market
// list): the exchange has it, so it is no longer missing.
func (lp *Pane) SetMarket(m model.Market) {
	lp.market = m
	lp.missing = false
}

// SetStatus records a lifecycle change of the market (closed, determined...).
func (lp *Pane) SetStatus(status string) { lp.market.Status = status }

// Missing reports whether the exchange said it has no such market.
func (lp *Pane) Missing() bool { return lp.missing }

// SetMissing marks the market as one the exchange says it does not have
// (an exchange restarted without it); the header says so.
func (lp *Pane) SetMissing(missing bool) { lp.missing = missing }

// Grid is the market's price grid: the ladder's rows.
func (lp *Pane) Grid() *model.Grid { return lp.grid }

// Terms is YES or NO: the terms prices and sides are shown in.
func (lp *Pane) Terms() model.Terms { return lp.terms }

// PriceFormat is how this market's prices are written everywhere.
func (lp *Pane) PriceFormat() text.PriceFormat { return lp.pf }

// Book is the latest copy of the market's book (nil before the first).
func (lp *Pane) Book() *model.OrderBook { return lp.book.Book }

// Size is the pane's width and height in cells.
func (lp *Pane) Size() (w, h int) { return lp.w, lp.h }

// Window is the grid index of the top row and the number of price rows.
func (lp *Pane) Window() (top, rows int) { return lp.top, lp.rows }

// LastTrade is the YES price of the last trade and its direction (+1 up,
// −1 down, 0 unchanged), in YES terms; ok is false before any trade.
func (lp *Pane) LastTrade() (price model.Price, dir int, ok bool) {
	return lp.last, lp.lastDir, lp.hasLast
}

// CursorTo puts the cursor on a price of the grid (in the shown terms),
// scrolling as little as needed; it reports false for a price off the grid.
func (lp *Pane) CursorTo(p model.Price) bool {
	i, ok := lp.grid.Index(p)
	if !ok {
		return false
	}
	lp.cursor = i
	lp.keepCursorVisible()
	return true
}

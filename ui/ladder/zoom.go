package ladder

import (
	"ladder/model"
	"ladder/ui/text"
)

// Zoom: on a fine grid (0.1¢ ticks, a thousand rows) one row may stand for
// several ticks. Rows are buckets of z consecutive grid levels, aligned on
// multiples of z, so a row always covers the same prices however the
// window scrolls. lp.top counts rows in buckets; lp.cursor stays a grid
// index, so zooming back in finds the price the cursor was on.

// Buckets are aligned so that each starts on a round price where the
// grid allows: Kalshi grids start one tick above zero, so grid index i is
// price (i+1)·tick in the first range, and bucket b of z rows starts at
// index b·z − 1 (4.0¢ to 4.9¢ at ×10 on a 0.1¢ grid, not 4.1¢ to 5.0¢).

// zoomSteps are the ticks per row that the zoom key cycles through.
var zoomSteps = [...]int{1, 5, 10, 25}

// Zoom is the number of grid ticks one row covers.
func (lp *Pane) Zoom() int { return zoomSteps[lp.zoom] }

// CycleZoom steps to the next zoom (1, 5, 10, 25 ticks per row, then 1
// again), keeping the cursor's row where it was on screen.
func (lp *Pane) CycleZoom() int {
	fromTop := lp.top - lp.bucket(lp.cursor)
	lp.zoom = (lp.zoom + 1) % len(zoomSteps)
	lp.top = lp.bucket(lp.cursor) + fromTop
	lp.clampTop()
	lp.keepCursorVisible()
	return lp.Zoom()
}

// bucket is the row (in buckets from the bottom of the grid) holding grid
// index i.
func (lp *Pane) bucket(i int) int { return (i + lp.offset()) / lp.Zoom() }

// offset is the number of grid indexes the first bucket lacks, so that
// buckets start on round prices; none at zoom 1, where a bucket is a level.
func (lp *Pane) offset() int {
	z := lp.Zoom()
	if z == 1 || lp.grid.Len() < 2 {
		return 0
	}
	tick := lp.grid.Level(1) - lp.grid.Level(0)
	if tick <= 0 {
		return 0
	}
	return int(lp.grid.Level(0)/tick) % z
}

// buckets is the number of rows the whole grid takes at this zoom.
func (lp *Pane) buckets() int { return lp.bucket(lp.grid.Len()-1) + 1 }

// span is the grid indexes [lo, hi] of bucket b.
func (lp *Pane) span(b int) (lo, hi int) {
	z := lp.Zoom()
	lo = b*z - lp.offset()
	return max(lo, 0), min(lo+z-1, lp.grid.Len()-1)
}

// CursorRange is the prices (in the shown terms) the cursor's row covers:
// one price at zoom 1.
func (lp *Pane) CursorRange() (lo, hi model.Price) {
	a, b := lp.span(lp.bucket(lp.cursor))
	return lp.priceAt(a), lp.priceAt(b)
}

// RowLabel names the row's prices: one price, or "lo–hi" when zoomed.
func (lp *Pane) RowLabel(lo, hi model.Price) string {
	if lo == hi {
		return lp.pf.Format(lo)
	}
	return lp.pf.Format(lo) + "–" + lp.pf.Format(hi)
}

// rowOf is the row on screen (0 at the top) of grid index i, and whether
// it is in the window.
func (lp *Pane) rowOf(i int) (int, bool) {
	r := lp.top - lp.bucket(i)
	return r, r >= 0 && r < lp.rows
}

// Scroll moves the window by delta rows (positive = higher prices)
// without moving the cursor unless it would leave the window (the mouse
// wheel): the cursor then stays on the edge row.
func (lp *Pane) Scroll(delta int) {
	lp.top += delta
	lp.clampTop()
	c := lp.bucket(lp.cursor)
	switch {
	case c > lp.top:
		lp.cursor = lp.bucketIndex(lp.top)
	case c < lp.top-lp.rows+1:
		lp.cursor = lp.bucketIndex(lp.top - lp.rows + 1)
	}
}

// bucketIndex is a grid index inside bucket b: the cursor's place in its
// own bucket, so scrolling by whole rows keeps its offset.
func (lp *Pane) bucketIndex(b int) int {
	lo, hi := lp.span(max(b, 0))
	first := b*lp.Zoom() - lp.offset() // lo before clamping to the grid
	return text.Clamp(first+(lp.cursor+lp.offset())%lp.Zoom(), lo, hi)
}

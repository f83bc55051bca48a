package ladder

import "time"

// Auto-recentering (the auto_recenter setting) keeps the inside market in
// view, but never moves a ladder that is in use: one whose cursor or
// window was moved by hand (keys, clicks, the wheel) within inUseFor. A
// trader working a level does not want it pulled away; a ladder left
// alone follows the market.

// inUseFor is how long after the last hand movement a ladder counts as in
// use.
const inUseFor = 5 * time.Second

// Touch records a hand movement of the cursor or the window.
func (lp *Pane) Touch(now time.Time) { lp.touched = now }

// InUse reports whether the ladder was moved by hand within inUseFor.
func (lp *Pane) InUse(now time.Time) bool {
	return !lp.touched.IsZero() && now.Sub(lp.touched) < inUseFor
}

// FollowMarket recentres the window, cursor included, when the inside
// market has left it or sits within a row or two of its edge, unless the
// ladder is in use. It reports whether it moved.
func (lp *Pane) FollowMarket(now time.Time) bool {
	if lp.InUse(now) || !lp.HasBook() || lp.needCenter {
		return false
	}
	b := lp.book.Book
	margin := min(2, lp.rows/4)
	inView := func(ok bool, i int) bool {
		if !ok {
			return true // nothing there to keep in view
		}
		bk := lp.bucket(i)
		return bk <= lp.top-margin && bk >= lp.top-lp.rows+1+margin
	}
	bidIn, askIn := true, true
	if bb, ok := b.BestBid(lp.terms); ok {
		i, on := lp.grid.Index(bb.Price)
		bidIn = inView(on, i)
	}
	if ba, ok := b.BestAsk(lp.terms); ok {
		i, on := lp.grid.Index(ba.Price)
		askIn = inView(on, i)
	}
	if bidIn && askIn {
		return false
	}
	lp.Recenter()
	return true
}

package ui

// Focus is the pane that receives keys.
type Focus int

// Focusable panes, in tab order.
const (
	FocusMarkets Focus = iota
	FocusLadder
	FocusOrders
	numFocus
)

// String names the focus for help and logs.
func (f Focus) String() string {
	switch f {
	case FocusLadder:
		return "ladder"
	case FocusOrders:
		return "orders"
	}
	return "markets"
}

// Rect is a screen rectangle in cells. A zero-sized Rect is a hidden pane.
type Rect struct{ X, Y, W, H int }

// Visible reports whether the rectangle has room for a framed pane.
func (r Rect) Visible() bool { return r.W >= 3 && r.H >= 3 }

// Layout holds the named rectangles of one screen. It is a pure function of
// the terminal size and a little state (ComputeLayout), computed on resize
// and on focus or ladder changes, then pushed down to the panes.
type Layout struct {
	Width, Height int
	TooSmall      bool

	Markets Rect
	Ladders []Rect // one slot per visible ladder, left to right
	Account Rect   // balance and positions
	Orders  Rect
	Fills   Rect
	Tape    Rect
	Message Rect // one line: the last message or rejection
	Status  Rect // one line: environment, connection, budget
}

// LayoutInput is the state the layout depends on.
type LayoutInput struct {
	Width, Height int
	Focus         Focus
	Ladders       int // open ladders
}

// Layout constants, in cells.
const (
	MinWidth  = 60
	MinHeight = 16

	// ladderMin is a ladder with every column at its base width; ladderMax
	// is where a ladder stops gaining anything useful from more width (the
	// depth bars are long and cumulative depth is shown), so the spare
	// width goes to the other panes first.
	ladderMin = 48
	ladderMax = 100

	narrowBelow = 110 // below: one column of panes at a time beside the ladder
	wideFrom    = 160 // from: several ladders side by side

	// The side column (account, orders, fills, tape) has fixed columns and
	// a ticker column that only needs so much; beyond its cap the width is
	// better spent on the ladders.
	sideMin       = 26
	sideNarrowMax = 44 // narrow layout: keeps 80 columns as before, caps 100+
	sideMediumMax = 56
	sideWide      = 56 // wide layout: what the side column gets first
	sideWideMax   = 72

	marketsWide    = 40
	marketsWideMax = 56
)

// ComputeLayout places every pane for a terminal of the given size.
//
//   - narrow (< 110 columns, e.g. 80×24): the markets list full screen while
//     it has focus; otherwise the ladder with a side column (account,
//     orders, tape) when there is room.
//   - medium (110–159): markets | ladder | side column.
//   - wide (≥ 160, e.g. 200×60): markets | as many ladders as fit | side
//     column with fills as well.
//   - with no ladder open (medium and wide): markets | side column.
//
// In every layout the side column is capped and the ladders take the rest,
// up to ladderMax each; only past that do the side column and the market
// list grow again. The bottom two lines are always the message line and
// the status bar.
func ComputeLayout(in LayoutInput) Layout {
	l := Layout{Width: in.Width, Height: in.Height}
	if in.Width < MinWidth || in.Height < MinHeight {
		l.TooSmall = true
		return l
	}
	mainH := in.Height - 2
	l.Message = Rect{0, mainH, in.Width, 1}
	l.Status = Rect{0, mainH + 1, in.Width, 1}
	w := in.Width

	switch {
	case w < narrowBelow:
		if in.Focus == FocusMarkets || in.Ladders == 0 {
			l.Markets = Rect{0, 0, w, mainH}
			return l
		}
		side := min(w-ladderMin, sideNarrowMax)
		if side < sideMin {
			side = 0
		}
		lw := w - side
		l.Ladders = []Rect{{0, 0, lw, mainH}}
		if side > 0 {
			l.stackSide(Rect{lw, 0, side, mainH}, in.Focus, false)
		}
	case in.Ladders == 0:
		// Nothing to trade yet: the market list takes the ladders' room,
		// with every column (last, volume, close time).
		side := clamp(w/4, 36, sideMediumMax)
		l.Markets = Rect{0, 0, w - side, mainH}
		l.stackSide(Rect{w - side, 0, side, mainH}, in.Focus, w >= wideFrom)
	case w < wideFrom:
		mw := clamp(w-ladderMin-36, 30, 40)
		side := clamp(w-mw-ladderMin, sideMin, sideMediumMax)
		lw := w - mw - side
		l.Markets = Rect{0, 0, mw, mainH}
		l.Ladders = []Rect{{mw, 0, lw, mainH}}
		l.stackSide(Rect{mw + lw, 0, side, mainH}, in.Focus, mainH >= 34)
	default:
		mw, side := marketsWide, sideWide
		room := w - mw - side
		n := clamp(room/ladderMin, 1, max(in.Ladders, 1))
		lw := room / n
		if spare := (lw - ladderMax) * n; spare > 0 {
			// Ladders at their useful maximum: widen the side column, then
			// the market list; anything beyond goes back to the ladders.
			grow := min(spare, sideWideMax-side)
			side += grow
			spare -= grow
			grow = min(spare, marketsWideMax-mw)
			mw += grow
			spare -= grow
			lw = ladderMax + spare/n
		}
		side = w - mw - n*lw // the division's remainder
		l.Markets = Rect{0, 0, mw, mainH}
		for i := range n {
			l.Ladders = append(l.Ladders, Rect{mw + i*lw, 0, lw, mainH})
		}
		l.stackSide(Rect{mw + n*lw, 0, side, mainH}, in.Focus, true)
	}
	return l
}

// stackSide divides the side column between account, orders, fills (when
// withFills and tall enough) and the tape. The orders pane grows while it
// has focus.
func (l *Layout) stackSide(r Rect, focus Focus, withFills bool) {
	h := r.H
	var acct, orders, fills int
	switch {
	case h >= 34 && withFills:
		acct = clamp(h/5, 7, 12)
		orders = clamp(h*3/10, 7, 18)
		fills = clamp(h/5, 6, 14)
	case h >= 18:
		acct = 6
		orders = (h - acct) / 2
	default:
		orders = h / 2
	}
	if focus == FocusOrders {
		orders = max(orders, (h-acct-fills)*2/3)
	}
	tape := h - acct - orders - fills
	if tape < 3 { // no room for a tape: give the rest to orders
		orders += tape
		tape = 0
	}
	y := r.Y
	take := func(n int) Rect {
		rect := Rect{r.X, y, r.W, n}
		y += n
		return rect
	}
	l.Account = take(acct)
	l.Orders = take(orders)
	l.Fills = take(fills)
	l.Tape = take(tape)
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

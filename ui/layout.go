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
	MinWidth    = 60
	MinHeight   = 16
	ladderWidth = 48
	narrowBelow = 110 // below: one column of panes at a time beside the ladder
	wideFrom    = 160 // from: several ladders side by side
	sideMin     = 26
)

// ComputeLayout places every pane for a terminal of the given size.
//
//   - narrow (< 110 columns, e.g. 80×24): the markets list full screen while
//     it has focus; otherwise the ladder with a side column (account,
//     orders, tape) when there is room.
//   - medium (110–159): markets | ladder | side column.
//   - wide (≥ 160, e.g. 200×60): markets | as many ladders as fit | side
//     column with fills as well.
//
// The bottom two lines are always the message line and the status bar.
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
		lw := ladderWidth
		if w-lw < sideMin {
			lw = w
		}
		l.Ladders = []Rect{{0, 0, lw, mainH}}
		if lw < w {
			l.stackSide(Rect{lw, 0, w - lw, mainH}, in.Focus, false)
		}
	case w < wideFrom:
		mw := clamp(w-ladderWidth-36, 30, 40)
		l.Markets = Rect{0, 0, mw, mainH}
		l.Ladders = []Rect{{mw, 0, ladderWidth, mainH}}
		l.stackSide(Rect{mw + ladderWidth, 0, w - mw - ladderWidth, mainH}, in.Focus, mainH >= 34)
	default:
		const sideWant = 56
		mw := 40
		n := clamp((w-mw-sideWant)/ladderWidth, 1, max(in.Ladders, 1))
		side := w - mw - n*ladderWidth
		// Spare room beyond a comfortable side column widens the market list.
		if extra := side - 2*sideWant; extra > 0 {
			grow := min(extra, 16)
			mw += grow
			side -= grow
		}
		l.Markets = Rect{0, 0, mw, mainH}
		for i := range n {
			l.Ladders = append(l.Ladders, Rect{mw + i*ladderWidth, 0, ladderWidth, mainH})
		}
		l.stackSide(Rect{mw + n*ladderWidth, 0, side, mainH}, in.Focus, true)
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

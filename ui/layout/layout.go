// Package layout places the dashboard's panes: a pure function from the
// terminal's size, the focus and the number of open ladders to named
// rectangles, computed on resize and on focus or ladder changes, then
// pushed down to the panes as sizes. No pane hard-codes a width.
package layout

import "ladder/ui/text"

// Focus is the pane that receives keys.
type Focus int

// Focusable panes, in tab order.
const (
	FocusMarkets Focus = iota
	FocusLadder
	FocusOrders
	FocusFills
	// NumFocus counts the focusable panes, for cycling through them.
	NumFocus
)

// String names the focus for help and logs.
func (f Focus) String() string {
	switch f {
	case FocusLadder:
		return "ladder"
	case FocusOrders:
		return "orders"
	case FocusFills:
		return "fills"
	}
	return "markets"
}

// Rect is a screen rectangle in cells. A zero-sized Rect is a hidden pane.
type Rect struct{ X, Y, W, H int }

// Visible reports whether the rectangle has room for a framed pane.
func (r Rect) Visible() bool { return r.W >= 3 && r.H >= 3 }

// Layout holds the named rectangles of one screen. It is a pure function of
// the terminal size and a little state (Compute), computed on resize
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

// Input is the state the layout depends on.
type Input struct {
	Width, Height int
	Focus         Focus
	Ladders       int // open ladders
	// LadderMax is the widest the open ladders have any use for (their
	// columns, ladder.MaxWidth); 0 means ladderMax.
	LadderMax int
}

// Layout constants, in cells.
const (
	MinWidth  = 60
	MinHeight = 16

	// LadderMin is a ladder with every column at its base width; ladderMax
	// is where a ladder stops gaining anything useful from more width (the
	// depth bars are long and cumulative depth is shown), so the spare
	// width goes to the other panes first.
	LadderMin = 48
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

// Compute places every pane for a terminal of the given size.
//
//   - narrow (< 110 columns, e.g. 80×24): one main slot beside a side
//     column (account, orders, tape) when there is room. Every pane keeps
//     its size whatever has focus: the main slot shows the ladder, or the
//     market list while it has focus (or no ladder is open), or the fills
//     while they have focus, so moving focus swaps what is in the slot and
//     nothing jumps.
//   - medium (110–159): markets | ladder | side column.
//   - wide (≥ 160, e.g. 200×60): markets | as many ladders as fit | side
//     column with fills as well.
//   - with no ladder open (medium and wide): markets | side column.
//   - wherever the side column is too short for the fills, they take the
//     tape's place while they have focus.
//
// So every pane is on screen while it has focus, and tab reaches them all.
//
// In every layout the side column is capped and the ladders take the rest,
// up to ladderMax each; only past that do the side column and the market
// list grow again. The bottom two lines are always the message line and
// the status bar.
func Compute(in Input) Layout {
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
		side := min(w-LadderMin, sideNarrowMax)
		if side < sideMin {
			side = 0
		}
		lw := w - side
		main := Rect{0, 0, lw, mainH}
		if side > 0 {
			l.stackSide(Rect{lw, 0, side, mainH}, false, fillsNever)
		}
		switch {
		case in.Focus == FocusFills:
			l.Fills = main
		case in.Focus == FocusMarkets || in.Ladders == 0:
			l.Markets = main // the list in the ladder's slot
		default:
			l.Ladders = []Rect{main}
		}
		if side == 0 && in.Focus == FocusOrders {
			l.Orders, l.Ladders, l.Markets = main, nil, Rect{}
		}
	case in.Ladders == 0:
		// Nothing to trade yet: the market list takes the ladders' room,
		// with every column (last, volume, close time).
		side := text.Clamp(w/4, 36, sideMediumMax)
		l.Markets = Rect{0, 0, w - side, mainH}
		l.stackSide(Rect{w - side, 0, side, mainH}, false, fillsRoom(w >= wideFrom, in.Focus))
	case w < wideFrom:
		mw := text.Clamp(w-LadderMin-36, 30, 40)
		side := text.Clamp(w-mw-LadderMin, sideMin, sideMediumMax)
		lw := w - mw - side
		l.Markets = Rect{0, 0, mw, mainH}
		l.Ladders = []Rect{{mw, 0, lw, mainH}}
		l.stackSide(Rect{mw + lw, 0, side, mainH}, false, fillsRoom(true, in.Focus))
	default:
		mw, side := marketsWide, sideWide
		room := w - mw - side
		n := text.Clamp(room/LadderMin, 1, max(in.Ladders, 1))
		lw := room / n
		lmax := ladderMax
		if in.LadderMax > 0 {
			lmax = max(in.LadderMax, LadderMin)
		}
		if spare := (lw - lmax) * n; spare > 0 {
			// Ladders at their useful maximum: widen the side column, then
			// the market list; anything beyond goes back to the ladders.
			grow := min(spare, sideWideMax-side)
			side += grow
			spare -= grow
			grow = min(spare, marketsWideMax-mw)
			mw += grow
			spare -= grow
			lw = lmax + spare/n
		}
		side = w - mw - n*lw // the division's remainder
		l.Markets = Rect{0, 0, mw, mainH}
		for i := range n {
			l.Ladders = append(l.Ladders, Rect{mw + i*lw, 0, lw, mainH})
		}
		l.stackSide(Rect{mw + n*lw, 0, side, mainH}, false, fillsRoom(true, in.Focus))
	}
	return l
}

// sideFills says whether the side column holds the fills.
type sideFills int

const (
	fillsNever  sideFills = iota // the fills are elsewhere or nowhere
	fillsIfTall                  // a fills pane when the column is tall enough
	fillsAlways                  // also when it is not: in the tape's place
)

// fillsRoom is the side column's fills policy: a pane of their own when
// wanted and tall enough, and the tape's place while they have focus.
func fillsRoom(want bool, focus Focus) sideFills {
	switch {
	case focus == FocusFills:
		return fillsAlways
	case want:
		return fillsIfTall
	}
	return fillsNever
}

// stackSide divides the side column between account, orders, fills (by
// the fills policy) and the tape. The orders pane grows while growOrders;
// Compute never asks for it any more, so that no pane changes size when
// focus moves.
func (l *Layout) stackSide(r Rect, growOrders bool, withFills sideFills) {
	h := r.H
	var acct, orders, fills int
	switch {
	case h >= 34 && withFills != fillsNever:
		acct = text.Clamp(h/5, 7, 12)
		orders = text.Clamp(h*3/10, 7, 18)
		fills = text.Clamp(h/5, 6, 14)
	case h >= 18:
		acct = 6
		orders = (h - acct) / 2
	default:
		orders = h / 2
	}
	if growOrders {
		orders = max(orders, (h-acct-fills)*2/3)
	}
	tape := h - acct - orders - fills
	if withFills == fillsAlways && fills == 0 {
		// Too short for both: the fills take the tape's place.
		fills, tape = tape, 0
	}
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

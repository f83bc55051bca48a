package layout

import "testing"

func TestLayoutTilesTheScreen(t *testing.T) {
	for _, sz := range [][2]int{{60, 16}, {80, 24}, {100, 30}, {120, 40}, {160, 48}, {200, 60}, {300, 80}} {
		for _, f := range []Focus{FocusMarkets, FocusLadder, FocusOrders} {
			for _, n := range []int{0, 1, 3} {
				l := Compute(Input{Width: sz[0], Height: sz[1], Focus: f, Ladders: n})
				rects := append([]Rect{l.Markets, l.Account, l.Orders, l.Fills, l.Tape, l.Message, l.Status}, l.Ladders...)
				area := 0
				for i, r := range rects {
					if r.W == 0 || r.H == 0 {
						continue
					}
					if r.X < 0 || r.Y < 0 || r.X+r.W > sz[0] || r.Y+r.H > sz[1] {
						t.Fatalf("%v focus %v ladders %d: rect %+v out of bounds", sz, f, n, r)
					}
					for _, o := range rects[i+1:] {
						if o.W > 0 && o.H > 0 && r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H {
							t.Fatalf("%v focus %v ladders %d: %+v overlaps %+v", sz, f, n, r, o)
						}
					}
					area += r.W * r.H
				}
				if area != sz[0]*sz[1] {
					t.Errorf("%v focus %v ladders %d: panes cover %d of %d cells", sz, f, n, area, sz[0]*sz[1])
				}
			}
		}
	}
}

func TestWideTerminalGivesTheWidthToTheLadders(t *testing.T) {
	one := Compute(Input{Width: 200, Height: 60, Focus: FocusLadder, Ladders: 1})
	if w := one.Ladders[0].W; w < 90 {
		t.Errorf("200×60, one ladder: ladder is %d wide, want ≥ 90", w)
	}
	if w := one.Account.W; w > sideWideMax {
		t.Errorf("200×60: side column %d wide, want ≤ %d", w, sideWideMax)
	}
	two := Compute(Input{Width: 200, Height: 60, Focus: FocusLadder, Ladders: 2})
	if len(two.Ladders) != 2 || two.Ladders[0].W < LadderMin || two.Account.W > sideWideMax {
		t.Errorf("200×60, two ladders: %+v, side %d", two.Ladders, two.Account.W)
	}
	// The sizes the dashboard was tuned at keep their ladder.
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		l := Compute(Input{Width: sz[0], Height: sz[1], Focus: FocusLadder, Ladders: 1})
		if l.Ladders[0].W != LadderMin {
			t.Errorf("%v: ladder %d wide, want %d", sz, l.Ladders[0].W, LadderMin)
		}
	}
	// Before any ladder is open the market list takes the room.
	for _, w := range []int{120, 200} {
		none := Compute(Input{Width: w, Height: 40, Focus: FocusMarkets})
		if len(none.Ladders) != 0 || none.Markets.W < w*2/3 {
			t.Errorf("%d wide, no ladder: markets %d wide, %d ladder slots", w, none.Markets.W, len(none.Ladders))
		}
	}
	// Past the useful maximum the side column and the market list grow
	// (to their caps) before the ladder does.
	huge := Compute(Input{Width: 260, Height: 60, Focus: FocusLadder, Ladders: 1})
	if huge.Account.W != sideWideMax || huge.Markets.W <= marketsWide {
		t.Errorf("260 wide: side %d, markets %d", huge.Account.W, huge.Markets.W)
	}
}

// TestFocusedPaneIsAlwaysOnScreen covers every size and focus, before and
// after a ladder opens (80×24 used to focus a hidden orders pane before
// any ladder was open).
func TestFocusedPaneIsAlwaysOnScreen(t *testing.T) {
	for _, sz := range [][2]int{{60, 16}, {70, 24}, {80, 24}, {109, 30}, {120, 30}, {120, 40}, {200, 30}, {200, 60}} {
		for ladders := 0; ladders <= 2; ladders++ {
			for f := range NumFocus {
				if f == FocusLadder && ladders == 0 {
					continue
				}
				l := Compute(Input{Width: sz[0], Height: sz[1], Focus: f, Ladders: ladders})
				var r Rect
				switch f {
				case FocusMarkets:
					r = l.Markets
				case FocusLadder:
					if len(l.Ladders) > 0 {
						r = l.Ladders[0]
					}
				case FocusOrders:
					r = l.Orders
				case FocusFills:
					r = l.Fills
				}
				if !r.Visible() {
					t.Errorf("%dx%d, %d ladders, focus %v: pane not on screen (%+v)", sz[0], sz[1], ladders, f, l)
				}
			}
		}
	}
}

// Regression: at 80×24 the market list took the whole screen while it had
// focus, and the layout jumped when the ladder took it. The side column's
// panes keep their rectangles whatever has focus, and the main slot only
// changes what it shows.
func TestPaneSizesStayWhenFocusMoves(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {200, 60}} {
		var first Layout
		for f := range NumFocus {
			l := Compute(Input{Width: sz[0], Height: sz[1], Focus: f, Ladders: 1})
			if f == 0 {
				first = l
				continue
			}
			if l.Account != first.Account || l.Orders != first.Orders {
				t.Errorf("%dx%d focus %v: account %v orders %v, with markets focused %v %v",
					sz[0], sz[1], f, l.Account, l.Orders, first.Account, first.Orders)
			}
			if sz[0] < narrowBelow {
				main := func(l Layout) Rect {
					switch {
					case l.Markets.Visible():
						return l.Markets
					case l.Fills.Visible() && l.Fills.X == 0:
						return l.Fills
					}
					return l.Ladders[0]
				}
				if main(l) != main(first) {
					t.Errorf("%dx%d focus %v: the main slot is %v, was %v", sz[0], sz[1], f, main(l), main(first))
				}
			}
		}
	}
}

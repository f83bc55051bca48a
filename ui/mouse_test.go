package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/ui/ladder"
)

// cellOf finds where a price's label is drawn in the active ladder, on
// the screen as rendered: the row, and the column of its first cell. Tests
// click relative to it, so they check the hit-testing against what is
// really on the screen.
func cellOf(t *testing.T, hs *harness, price string) (x, y int) {
	t.Helper()
	r := hs.m.layout.Ladders[slices.Index(hs.m.visibleLadders(), hs.m.active)]
	label := hs.m.activeLadder().PriceFormat().Format(model.MustPrice(price))
	for y, line := range strings.Split(hs.screen(), "\n") {
		if y < r.Y+1+ladder.HeaderLines || y >= r.Y+r.H-1 {
			continue
		}
		cells := []rune(line)[r.X : r.X+r.W]
		if i := strings.Index(string(cells), " "+label); i >= 0 {
			return r.X + len([]rune(string(cells)[:i])) + 1, y
		}
	}
	t.Fatalf("%s is not drawn", price)
	return 0, 0
}

func click(x, y int, b tea.MouseButton) tea.MouseClickMsg {
	return tea.MouseClickMsg{X: x, Y: y, Button: b}
}

// TestClickOnABidCellSendsWhatBSendsThere: a click on the bid side of a
// row creates exactly the request b creates with the cursor on that row,
// and a click on the ask side what s creates.
func TestClickOnABidCellSendsWhatBSendsThere(t *testing.T) {
	for _, tc := range []struct {
		key   string
		dx    int // from the price label's first cell
		price string
	}{{"b", -5, "0.53"}, {"s", 6, "0.58"}} {
		byKey := newHarness(t, 120, 40, nil)
		byKey.openFed()
		byKey.cursorTo(tc.price)
		byKey.press(tc.key)

		byClick := newHarness(t, 120, 40, nil)
		byClick.openFed()
		x, y := cellOf(t, byClick, tc.price)
		byClick.send(click(x+tc.dx, y, tea.MouseLeft))

		if len(byKey.trader.creates) != 1 || !reflect.DeepEqual(byKey.trader.creates, byClick.trader.creates) {
			t.Fatalf("%s: key sent %+v, click sent %+v", tc.key, byKey.trader.creates, byClick.trader.creates)
		}
	}
}

// TestRightClickCancelsMyOrdersAtThatRow.
func TestRightClickCancelsMyOrdersAtThatRow(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10), resting("o2", fedTicker, model.Bid, "0.52", 25))
	x, y := cellOf(t, hs, "0.54")
	hs.send(click(x, y, tea.MouseRight))
	if !slices.Equal(hs.trader.cancels, []string{"o1"}) {
		t.Fatalf("cancels %v, want o1", hs.trader.cancels)
	}
}

// TestAClickNeverConfirms: with a confirmation dialog open, armed, clicks
// anywhere (on the dialog, on a bid cell) send nothing and leave it open;
// its key still confirms.
func TestAClickNeverConfirms(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("5") // 100 contracts
	hs.press("+") // 110: above the confirmation threshold
	hs.cursorTo("0.53")
	hs.press("b")
	if _, ok := hs.m.topModal().(*dialog); !ok {
		t.Fatal("no confirmation dialog")
	}
	hs.advance(time.Second)
	hs.fire(dialogArmMsg{})
	for _, at := range [][2]int{{60, 20}, {30, 15}, {0, 0}} {
		for _, b := range []tea.MouseButton{tea.MouseLeft, tea.MouseRight} {
			hs.send(click(at[0], at[1], b))
		}
		hs.send(tea.MouseWheelMsg{X: at[0], Y: at[1], Button: tea.MouseWheelDown})
	}
	if len(hs.trader.creates) != 0 || len(hs.trader.cancels) != 0 {
		t.Fatalf("a click traded: %v", hs.calls())
	}
	if _, ok := hs.m.topModal().(*dialog); !ok {
		t.Fatal("a click closed the dialog")
	}
	hs.press("y")
	if len(hs.trader.creates) != 1 {
		t.Fatalf("the key did not confirm: %v", hs.calls())
	}
}

// TestMouseOffIgnoresClicks: with mouse = false the view asks for no
// mouse reports, and a click that reached the program anyway does nothing.
func TestMouseOffIgnoresClicks(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.NoMouse = true })
	hs.openFed()
	x, y := cellOf(t, hs, "0.53")
	hs.send(click(x-5, y, tea.MouseLeft))
	hs.send(click(x, y, tea.MouseRight))
	if len(hs.trader.creates) != 0 || len(hs.trader.cancels) != 0 {
		t.Fatalf("clicks traded with the mouse off: %v", hs.calls())
	}
	if mm := hs.m.View().MouseMode; mm != tea.MouseModeNone {
		t.Fatalf("mouse mode %v with the mouse off", mm)
	}
	on := newHarness(t, 120, 40, nil)
	if mm := on.m.View().MouseMode; mm != tea.MouseModeCellMotion {
		t.Fatalf("mouse mode %v by default", mm)
	}
}

// TestWheelScrollsTheLadderWithoutMovingTheCursor, and a click on the
// price only moves the cursor.
func TestWheelScrollsTheLadderWithoutMovingTheCursor(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	lp := hs.m.activeLadder()
	top, _ := lp.Window()
	cur := lp.CursorPrice()
	x, y := cellOf(t, hs, "0.55")
	hs.send(tea.MouseWheelMsg{X: x, Y: y, Button: tea.MouseWheelUp})
	if t2, _ := lp.Window(); t2 != top+3 || lp.CursorPrice() != cur {
		t.Fatalf("wheel up: top %d → %d, cursor %s → %s", top, t2, cur.Cents(), lp.CursorPrice().Cents())
	}
	x, y = cellOf(t, hs, "0.60")
	hs.send(click(x+1, y, tea.MouseLeft))
	if lp.CursorPrice() != model.MustPrice("0.60") || len(hs.trader.creates) != 0 {
		t.Fatalf("click on the price: cursor %s, calls %v", lp.CursorPrice().Cents(), hs.calls())
	}
}

// TestClickOnAMarketOpensItsLadder, and a click on a pane focuses it.
func TestClickOnAMarketOpensItsLadder(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	r := hs.m.layout.Markets
	for y, line := range strings.Split(hs.screen(), "\n") {
		if y >= r.Y && y < r.Y+r.H && strings.Contains(string([]rune(line)[r.X:r.X+r.W]), "Above 4.25%") {
			hs.send(click(r.X+5, y, tea.MouseLeft))
			break
		}
	}
	if lp := hs.m.activeLadder(); lp == nil || lp.Ticker() != fedTicker {
		t.Fatalf("no ladder for %s", fedTicker)
	}
	o := hs.m.layout.Orders
	hs.send(click(o.X+2, o.Y+1, tea.MouseLeft))
	if hs.m.focus.String() != "orders" {
		t.Fatalf("focus %v after a click on the orders", hs.m.focus)
	}
}

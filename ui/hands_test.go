package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
)

// alt is the key press a terminal's alt+digit gives (ESC then the digit):
// no text.
func alt(d rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: d, Mod: tea.ModAlt} }

// TestJoinBestBidAndOffer: J rests the quantity at the best bid, K at the
// best offer, good till cancelled, wherever the cursor is.
func TestJoinBestBidAndOffer(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.40")
	hs.press("J", "K")
	c := hs.trader.creates
	if len(c) != 2 || c[0].Side != model.Bid || c[0].Price != model.MustPrice("0.55") || c[0].TimeInForce != model.GTC ||
		c[1].Side != model.Ask || c[1].Price != model.MustPrice("0.57") {
		t.Fatalf("creates %+v", c)
	}
}

// TestCountedTakeReachesTheNthLevelWithinTheSlippage: alt+3 B is one IOC
// buy priced at the third offer; with max_slippage_ticks 1 it stops one
// tick beyond the best.
func TestCountedTakeReachesTheNthLevelWithinTheSlippage(t *testing.T) {
	for _, tc := range []struct {
		ticks int
		want  string
	}{{0, "0.59"}, {1, "0.58"}} {
		hs := newHarness(t, 120, 40, func(o *Options) { o.Risk.MaxSlippageTicks = tc.ticks })
		hs.openFed()
		hs.send(alt('3'))
		hs.press("B")
		c := hs.trader.creates
		if len(c) != 1 || c[0].TimeInForce != model.IOC || c[0].Side != model.Bid || c[0].Price != model.MustPrice(tc.want) {
			// A marketable IOC from the take key sends without a dialog.
			t.Fatalf("ticks %d: creates %+v (%s)", tc.ticks, c, hs.m.notice.text)
		}
	}
	// Selling three levels down: 55, 54, 53.
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.send(alt('3'))
	hs.press("S")
	if c := hs.trader.creates; len(c) != 1 || c[0].Side != model.Ask || c[0].Price != model.MustPrice("0.53") {
		t.Fatalf("sell 3 levels: %+v", c)
	}
}

// TestCountAppliesToTheNextKeyOnly: any other key drops it, and so does
// time.
func TestCountAppliesToTheNextKeyOnly(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.send(alt('3'))
	hs.press("k", "B")
	hs.send(alt('3'))
	hs.advance(5 * time.Second)
	hs.press("B")
	for _, c := range hs.trader.creates {
		if c.Price != model.MustPrice("0.57") {
			t.Fatalf("a dropped count still reached %s", c.Price.Cents())
		}
	}
	if len(hs.trader.creates) != 2 {
		t.Fatalf("creates %+v", hs.trader.creates)
	}
}

// TestZoomAggregatesRowsAndAsksForTheExactPrice: on the 0.1¢ grid, ×10
// rows add up sizes, my orders and volume; b at a zoomed row opens the
// ticket on the row's range instead of sending.
func TestZoomAggregatesRowsAndAsksForTheExactPrice(t *testing.T) {
	hs := richHarness(t, 120, 40, "dark")
	hs.openMarket(btcTicker)
	lp := hs.m.activeLadder()
	hs.press("z", "z") // ×10
	if lp.Zoom() != 10 {
		t.Fatalf("zoom %d", lp.Zoom())
	}
	// 4.0–4.9¢ holds bids 1500 + 200 + 800 = 2500.
	row := ladderRowLabel(t, hs, "4.0¢")
	if !strings.Contains(row, "2500") {
		t.Fatalf("the 4.0–4.9¢ row does not add up its bids: %q", row)
	}
	if !lp.CursorTo(model.MustPrice("0.041")) {
		t.Fatal("no 4.1¢")
	}
	hs.press("b")
	tk, ok := hs.m.topModal().(*ticket)
	if !ok || len(hs.trader.creates) != 0 {
		t.Fatalf("b at a zoomed row sent or opened no ticket: %v", hs.calls())
	}
	if !strings.Contains(tk.note, "4.0¢–4.9¢") || tk.price != model.MustPrice("0.049") {
		t.Fatalf("ticket note %q at %s", tk.note, tk.price.Cents())
	}
	hs.press("esc", "z", "z")
	if lp.Zoom() != 1 {
		t.Fatalf("zoom after four presses: %d", lp.Zoom())
	}
}

// ladderRowLabel is the active ladder's row (its cells only) whose price
// column reads label.
func ladderRowLabel(t *testing.T, hs *harness, label string) string {
	t.Helper()
	r := hs.m.layout.Ladders[slices.Index(hs.m.visibleLadders(), hs.m.active)]
	for _, line := range strings.Split(hs.screen(), "\n") {
		line = string([]rune(line)[r.X : r.X+r.W])
		if strings.Contains(line, " "+label+" ") || strings.Contains(line, " "+label+"◂") || strings.Contains(line, " "+label+"▲") {
			return line
		}
	}
	t.Fatalf("no row %s:\n%s", label, hs.screen())
	return ""
}

// TestAutoRecenterFollowsTheMarketUnlessTheLadderIsInUse.
func TestAutoRecenterFollowsTheMarketUnlessTheLadderIsInUse(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.AutoRecenter = true })
	hs.openFed()
	lp := hs.m.activeLadder()
	hs.press("pgup", "pgup") // in use: the market is out of view
	top, _ := lp.Window()
	hs.frame()
	if t2, _ := lp.Window(); t2 != top {
		t.Fatal("a ladder in use was recentred")
	}
	hs.advance(6 * time.Second)
	hs.frame()
	if t2, _ := lp.Window(); t2 == top || lp.CursorPrice() != model.MustPrice("0.56") {
		t.Fatalf("a ladder left alone did not follow the market: top %d, cursor %s", t2, lp.CursorPrice().Cents())
	}
}

// TestPnLColumnKeyTurnsItOnAndOff: the 48-column ladder at 120×40 has
// no room for the P&L beside the volume; its key puts it in the volume's
// place, and takes it away again.
func TestPnLColumnKeyTurnsItOnAndOff(t *testing.T) {
	hs := richHarness(t, 120, 40, "dark")
	if row := ladderRowLabel(t, hs, "53¢"); strings.Contains(row, "$") {
		t.Fatalf("a P&L column without room: %q", row)
	}
	hs.press("p")
	if row := ladderRowLabel(t, hs, "53¢"); !strings.Contains(row, "+$0.13") {
		t.Fatalf("no P&L column after p: %q", row)
	}
	hs.press("p")
	if row := ladderRowLabel(t, hs, "53¢"); strings.Contains(row, "$") {
		t.Fatalf("the P&L column stayed: %q", row)
	}
}

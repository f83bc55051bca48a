package ui

import (
	"fmt"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/layout"
	"strings"
	"testing"
	"time"
)

// TestTabReachesEveryPaneAt80x24: with a ladder open, 80×24 has no room
// for the market list or the fills; tab shows each in turn.
func TestTabReachesEveryPaneAt80x24(t *testing.T) {
	hs := richHarness(t, 80, 24, "dark")
	seen := map[string]bool{}
	titles := []string{"Markets", "KXFED-26DEC-T4.25", "Account", "Orders", "Fills", "Tape"}
	for range layout.NumFocus {
		hs.press("tab")
		scr := hs.screen()
		for _, title := range titles {
			if strings.Contains(scr, "─ "+title) || strings.Contains(scr, "◂1 "+title) {
				seen[title] = true
			}
		}
		// The focused pane is on screen.
		var r layout.Rect
		switch l := hs.m.layout; hs.m.focus {
		case layout.FocusMarkets:
			r = l.Markets
		case layout.FocusLadder:
			r = l.Ladders[0]
		case layout.FocusOrders:
			r = l.Orders
		case layout.FocusFills:
			r = l.Fills
		}
		if !r.Visible() {
			t.Errorf("focus %v: its pane is not on screen", hs.m.focus)
		}
	}
	for _, title := range titles {
		if !seen[title] {
			t.Errorf("tab never showed %s", title)
		}
	}
	if hs.m.focus != layout.FocusLadder {
		t.Errorf("tab did not come round to the ladder: %v", hs.m.focus)
	}
}

func TestFillsPaneScrollsWithFocus(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.openFed()
	for i := range 30 {
		hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: fmt.Sprintf("t%02d", i), OrderID: "o",
			MarketTicker: fedTicker, BookSide: model.Bid, YesPrice: model.MustPrice("0.50"), Count: model.Contracts(int64(i + 1)),
			PostPosition: model.Contracts(int64((i + 1) * (i + 2) / 2)), TsMs: t0.Add(time.Duration(i) * time.Second).UnixMilli()}}})
	}
	for hs.m.focus != layout.FocusFills {
		hs.press("tab")
	}
	scr := hs.screen()
	if !strings.Contains(scr, "14:30:29") || !strings.Contains(scr, "of 30") {
		t.Fatalf("fills pane does not show the newest fill and a counter:\n%s", scr)
	}
	hs.press("pgdown", "pgdown", "pgdown")
	scr = hs.screen()
	if strings.Contains(scr, "14:30:29") || !strings.Contains(scr, "14:30:00") {
		t.Fatalf("pgdown did not reach the oldest fills:\n%s", scr)
	}
	// A new fill does not move a scrolled view.
	off := hs.m.fills.Offset()
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "new", OrderID: "o",
		MarketTicker: fedTicker, BookSide: model.Ask, YesPrice: model.MustPrice("0.50"), Count: model.Contracts(1),
		PostPosition: model.Contracts(464), TsMs: t0.Add(time.Minute).UnixMilli()}}})
	if hs.m.fills.Offset() != off+1 || !strings.Contains(hs.screen(), "14:30:00") {
		t.Fatalf("a new fill moved the scrolled view (offset %d → %d)", off, hs.m.fills.Offset())
	}
	hs.press("k")
	if hs.m.fills.Offset() != off {
		t.Fatalf("k: offset %d, want %d", hs.m.fills.Offset(), off)
	}
}

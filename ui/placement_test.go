package ui

import (
	"strings"
	"testing"

	"ladder/stream"
	"ladder/ui/text"
)

// The order ticket, like a confirmation dialog, sits clear of the active
// ladder's price column when a side has room for it; it covered the
// column, and cut the side panes' titles, when centred.
func TestTicketSitsBesideThePriceColumn(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openFed()
	hs.press("enter")
	from, to, ok := hs.m.priceColumnOnScreen()
	if !ok {
		t.Fatal("no price column on screen")
	}
	found := false
	for _, line := range strings.Split(hs.screen(), "\n") {
		i := strings.Index(line, "╭─ Order ticket")
		if i < 0 {
			continue
		}
		found = true
		x := text.Width(line[:i])
		if x < to && x+20 > from {
			t.Fatalf("the ticket starts at column %d, over the price column [%d, %d):\n%s", x, from, to, hs.screen())
		}
	}
	if !found {
		t.Fatalf("no ticket on screen:\n%s", hs.screen())
	}
}

// Regression: a stale book's cursor row was grey with blue blocks in my
// columns and the gaps beside them: those cells kept the live cursor paint.
func TestStaleCursorRowIsOneColourAcross(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.feed.health.State = stream.BackingOff
	hs.feed.stale[fedTicker] = "disconnected"
	hs.frame()
	live := hs.m.st.Cursor.Prefix()
	for _, line := range strings.Split(hs.m.Render(), "\n") {
		if strings.Contains(line, "▶") && strings.Contains(line, live) {
			t.Fatalf("the stale cursor row keeps the live cursor's paint:\n%q", line)
		}
	}
}

package ui

import (
	"strings"
	"testing"

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

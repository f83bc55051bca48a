package ladder

import (
	"testing"

	"ladder/ui/layout"
)

func TestColumnsAlwaysFillTheLadder(t *testing.T) {
	for _, w := range []Want{{}, {Queue: true}, {PnL: true}, {Queue: true, PnL: true}, {PnL: true, ForcePnL: true}} {
		for inner := layout.LadderMin - 2; inner <= 200; inner++ {
			if c := ColsFor(inner, w); c.width() != inner {
				t.Fatalf("%+v inner %d: columns %+v take %d", w, inner, c, c.width())
			}
		}
	}
}

// TestWideLadderHasNoGapBetweenMineAndPrice: at 100 columns a ladder used
// to stretch its size columns to 24 cells, leaving 20 empty cells between
// my orders and the price. Width now goes to columns with something in
// them, and what none can use is a margin at the right edge.
func TestWideLadderHasNoGapBetweenMineAndPrice(t *testing.T) {
	for _, w := range []Want{{}, {Queue: true, PnL: true}} {
		c := ColsFor(98, w)
		if c.Size > sizeMax {
			t.Fatalf("%+v: size columns %d wide", w, c.Size)
		}
		if c.Cum == 0 {
			t.Fatalf("%+v: no cumulative depth at 100 columns: %+v", w, c)
		}
	}
	all := ColsFor(200, Want{Queue: true, PnL: true})
	if all.Queue == 0 || all.PnL == 0 || all.Cum == 0 {
		t.Fatalf("a wide ladder lacks a column: %+v", all)
	}
	if MaxWidth(Want{Queue: true, PnL: true}) != all.width()-all.Trail+2 || MaxWidth(Want{}) >= MaxWidth(Want{Queue: true}) {
		t.Fatal("MaxWidth does not follow the columns")
	}
}

// TestNarrowLadderKeepsItsBaseColumns: at 48 columns nothing optional fits,
// except the P&L in the volume's place when it is turned on by hand.
func TestNarrowLadderKeepsItsBaseColumns(t *testing.T) {
	inner := layout.LadderMin - 2
	if c := ColsFor(inner, Want{Queue: true, PnL: true}); c != (Cols{My: 5, Size: 8, Price: 6, Vol: 7}) {
		t.Fatalf("48-column ladder: %+v", c)
	}
	if c := ColsFor(inner, Want{PnL: true, ForcePnL: true}); c.Vol != 0 || c.PnL != 6 {
		t.Fatalf("forced P&L on a 48-column ladder: %+v", c)
	}
}

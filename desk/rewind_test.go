package desk

import (
	"testing"

	"ladder/model"
)

// A replay read again from its start plays its fills again: the desk
// empties first, so the same fill is not counted twice and the position
// is the recording's, not double it.
func TestRewindEmptiesPositionsFillsAndOrders(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyPositions(nil)
	d.ApplyOrder(userOrder("o1", model.Resting, model.Bid, "0.55", 5, 0, 1))
	mustApplyFill(t, d, fill("t1", "A", model.Bid, 2, "0.60", 2))
	if v := d.View(); len(v.Orders) != 1 || v.Position(mkt).Size != c(2) {
		t.Fatalf("before the rewind: %d orders, position %+v", len(v.Orders), v.Position(mkt))
	}
	before := d.View().Version
	d.Rewind()
	v := d.View()
	if v.Version == before {
		t.Fatal("a rewind left the view's version: the screen would not redraw")
	}
	if p := v.Position(mkt); p.Size != 0 || p.Cost != 0 || len(v.Fills) != 0 || len(v.Orders) != 0 {
		t.Fatalf("after the rewind: position %+v, %d fills, %d orders", p, len(v.Fills), len(v.Orders))
	}
	// Played again, the fill counts once.
	mustApplyFill(t, d, fill("t1", "A", model.Bid, 2, "0.60", 2))
	if p := d.View().Position(mkt); p.Size != c(2) || p.Cost != 120*model.MoneyPerCent {
		t.Fatalf("after the fill played again: %+v", p)
	}
}

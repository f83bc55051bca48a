package desk

import (
	"sync"
	"testing"

	"ladder/model"
)

// TestViewIsSharedUntilSomethingChanges: dashboards draw at frame rate;
// an unchanged desk hands back the same snapshot without allocating.
func TestViewIsSharedUntilSomethingChanges(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000))
	v := d.View()
	if allocs := testing.AllocsPerRun(100, func() {
		if d.View() != v {
			t.Fatal("a new view without a change")
		}
	}); allocs != 0 {
		t.Fatalf("View allocates %v times per call", allocs)
	}
	d.Mark(mkt, px("0.50")) // marks do not change what a View shows
	if d.View() != v {
		t.Fatal("a mark rebuilt the view")
	}
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.51", 5, 0, 2000))
	w := d.View()
	if w == v || w.Orders[0].Price != px("0.51") || v.Orders[0].Price != px("0.50") {
		t.Fatal("the old view changed or the new one is stale")
	}
	if ls := w.Mine(mkt); ls == nil || ls.Bids[px("0.51")] != c(5) {
		t.Fatalf("level sums %+v", ls)
	}
}

// TestConcurrentUse runs the feed path, a dashboard's answers and readers
// at once (meaningful under -race).
func TestConcurrentUse(t *testing.T) {
	d := newTestDesk(Limits{MaxPosition: c(1000)})
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := range 500 {
			d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, int64(1000+i)))
			d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(int64(i % 7))})
		}
	}()
	go func() {
		defer wg.Done()
		for range 500 {
			_, _ = d.Check(Intent{Req: bid("x", 1, "0.50")}, Market{})
			d.Mark(mkt, px("0.40"))
		}
	}()
	go func() {
		defer wg.Done()
		for range 500 {
			v := d.View()
			_ = v.Position(mkt)
			_ = v.WorkingIn(mkt)
		}
	}()
	wg.Wait()
}

package desk

import (
	"testing"

	"ladder/model"
)

// TestCancelAllCountsAFilledOrderAsFilled is defect 9: cancel-all and the
// kill switch reported an order that had already filled as "cancelled";
// the fill arrived a moment later.
func TestCancelAllCountsAFilledOrderAsFilled(t *testing.T) {
	for _, kind := range []TallyKind{TallyMarket, TallyKill} {
		d := newTestDesk(Limits{})
		for _, id := range []string{"A", "B", "C"} {
			d.ApplyOrder(userOrder(id, model.Resting, model.Bid, "0.50", 5, 0, 1000))
		}
		var tid TallyID
		if kind == TallyKill {
			tid = d.Kill("").Tally
		} else {
			ids := d.StartCancel([]string{"A", "B", "C"})
			tid = d.BeginTally(TallyMarket, mkt, ids)
		}
		// A is cancelled; B had filled (the exchange no longer has it) and
		// the feed has not said so yet; C is gone for another reason.
		d.CancelAnswered(tid, "A", CancelDone, "")
		d.CancelAnswered(tid, "B", CancelGone, "")
		d.CancelAnswered(tid, "C", CancelGone, "")
		got, _ := d.Tally(tid)
		if got.Cancelled != 1 || got.Gone != 2 || got.Filled != 0 || got.Cancelling != 0 {
			t.Fatalf("%v before the fill: %+v", kind, got)
		}
		v := got.Version
		d.ApplyOrder(userOrder("B", model.Executed, model.Bid, "0.50", 0, 5, 1500))
		got, _ = d.Tally(tid)
		if got.Cancelled != 1 || got.Filled != 1 || got.Gone != 1 || got.Version == v {
			t.Fatalf("%v after the fill: %+v", kind, got)
		}
		if len(working(d)) != 0 {
			t.Fatalf("orders left: %+v", working(d))
		}
	}
}

func TestTallyOfAFillSeenBeforeTheAnswer(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000))
	plan := d.Kill("")
	d.ApplyOrder(userOrder("A", model.Executed, model.Bid, "0.50", 0, 5, 1500))
	d.CancelAnswered(plan.Tally, "A", CancelGone, "")
	if got, _ := d.Tally(plan.Tally); got.Filled != 1 || got.Total() != 1 {
		t.Fatalf("%+v", got)
	}
}

func TestKillCountsLateLandingsAndWithdrawals(t *testing.T) {
	d := newTestDesk(Limits{})
	_, _ = d.Reserve(bid("c1", 5, "0.50"), Market{}, ReserveOptions{})
	_, _ = d.Reserve(bid("c2", 5, "0.49"), Market{}, ReserveOptions{})
	plan := d.Kill("")
	if plan.InFlight != 2 || len(plan.IDs) != 0 {
		t.Fatalf("plan %+v", plan)
	}
	d.Withdrawn("c2")
	d.Acknowledge("c1", model.CreateOrderResponse{OrderID: "A", RemainingCount: c(5), TsMs: 1})
	due := d.TakeCancelsDue()
	if len(due) != 1 || due[0].Tally != plan.Tally {
		t.Fatalf("due %+v", due)
	}
	d.CancelAnswered(due[0].Tally, "A", CancelDone, "")
	got, _ := d.Tally(plan.Tally)
	if got.Cancelled != 1 || got.Withdrawn != 1 || got.Cancelling != 0 {
		t.Fatalf("%+v", got)
	}
}

func TestFailedBatchRestoresOrders(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000))
	plan := d.Kill("")
	d.BatchFailed(plan.Tally, plan.IDs, "503")
	got, _ := d.Tally(plan.Tally)
	if got.Failed != 1 || got.FirstErr != "503" || working(d)["A"].State != Working {
		t.Fatalf("%+v %+v", got, working(d))
	}
}

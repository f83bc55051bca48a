package sim

import (
	"net/http"
	"testing"

	"ladder/model"
)

func qtyPtr(n int64) *model.Qty { q := model.Contracts(n); return &q }

func TestEngineAmendPriority(t *testing.T) {
	f := newEngFixture(t, 0)
	a := f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 5))
	f.create(engBob, engGTC(mktGame, model.Bid, "0.40", 5))
	queue := func() model.Qty {
		t.Helper()
		qp := f.e.QueuePositions(engAlice, mktGame, []string{a.OrderID})
		if len(qp) != 1 {
			t.Fatalf("queue %+v", qp)
		}
		return qp[0].QueuePosition
	}
	// Smaller count: keeps its place.
	r, err := f.e.AmendOrder(engAlice, a.OrderID, model.AmendOrderRequest{Ticker: mktGame, Side: model.Bid, Price: model.MustPrice("0.40"), Count: model.Contracts(3)})
	if err != nil || *r.RemainingCount != model.Contracts(3) || queue() != 0 {
		t.Fatalf("amend down: %+v %v queue %s", r, err, queue())
	}
	// Larger count: back of the queue.
	if _, err := f.e.AmendOrder(engAlice, a.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.40"), Count: model.Contracts(8)}); err != nil {
		t.Fatal(err)
	}
	if q := queue(); q != model.Contracts(5) {
		t.Fatalf("amend up kept priority: ahead %s", q)
	}
	ob, _ := f.e.Orderbook(mktGame, 0)
	if ob.Yes[0].Qty != model.Contracts(13) {
		t.Fatalf("level %+v", ob.Yes)
	}
	// New price: its own level, then a crossing amend trades at once.
	f.create(engCarol, engGTC(mktGame, model.Ask, "0.45", 2))
	r, err = f.e.AmendOrder(engAlice, a.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.46"), Count: model.Contracts(8)})
	if err != nil || *r.FillCount != model.Contracts(2) || *r.RemainingCount != model.Contracts(6) || r.AverageFillPrice == nil || *r.AverageFillPrice != 450_000 {
		t.Fatalf("crossing amend %+v %v", r, err)
	}
	o := f.order(engAlice, a.OrderID)
	if o.YesPrice != model.MustPrice("0.46") || o.InitialCount != model.Contracts(8) || o.TakerFillCost != model.Notional(model.MustPrice("0.45"), model.Contracts(2)) {
		t.Fatalf("amended order %+v", o)
	}
	f.check()
}

func TestEngineAmendErrors(t *testing.T) {
	f := newEngFixture(t, 0)
	a := f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 5))
	f.create(engBob, engGTC(mktGame, model.Ask, "0.40", 2)) // alice filled 2
	amend := func(req model.AmendOrderRequest, status int, code string) {
		t.Helper()
		_, err := f.e.AmendOrder(engAlice, a.OrderID, req)
		engExpectErr(t, err, status, code)
	}
	amend(model.AmendOrderRequest{Ticker: mktFed, Price: model.MustPrice("0.40"), Count: model.Contracts(5)}, 400, CodeTickerMismatch)
	amend(model.AmendOrderRequest{Side: model.Ask, Price: model.MustPrice("0.40"), Count: model.Contracts(5)}, 400, CodeSideMismatch)
	amend(model.AmendOrderRequest{ClientOrderID: "other", Price: model.MustPrice("0.40"), Count: model.Contracts(5)}, 400, CodeClientIDMismatch)
	amend(model.AmendOrderRequest{Price: model.MustPrice("0.405"), Count: model.Contracts(5)}, 400, CodeInvalidPrice)
	amend(model.AmendOrderRequest{Price: model.MustPrice("0.40"), Count: model.Contracts(2)}, 400, CodeInvalidOrderSize)
	_, err := f.e.AmendOrder(engAlice, "nope", model.AmendOrderRequest{Price: model.MustPrice("0.40"), Count: model.Contracts(5)})
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	// A post-only order may not be amended across the book.
	p := engGTC(mktGame, model.Ask, "0.60", 1)
	p.PostOnly = true
	po := f.create(engBob, p)
	_, err = f.e.AmendOrder(engBob, po.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.40"), Count: model.Contracts(1)})
	engExpectErr(t, err, http.StatusBadRequest, CodeInvalidOrder)
	// Updated client ids move the 409 index with them.
	c := engGTC(mktGame, model.Bid, "0.10", 1)
	c.ClientOrderID = "one"
	co := f.create(engAlice, c)
	c.ClientOrderID = "two"
	f.create(engAlice, c)
	_, err = f.e.AmendOrder(engAlice, co.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.10"), Count: model.Contracts(1), UpdatedClientOrderID: "two"})
	engExpectErr(t, err, http.StatusConflict, CodeOrderExists)
	r, err := f.e.AmendOrder(engAlice, co.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.10"), Count: model.Contracts(1), UpdatedClientOrderID: "three"})
	if err != nil || r.ClientOrderID != "three" {
		t.Fatalf("rename %+v %v", r, err)
	}
	c.ClientOrderID = "one"
	f.create(engAlice, c)
	f.check()
}

func TestEngineDecrease(t *testing.T) {
	f := newEngFixture(t, 0)
	a := f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 10))
	f.create(engBob, engGTC(mktGame, model.Bid, "0.40", 1))
	r, err := f.e.DecreaseOrder(engAlice, a.OrderID, model.DecreaseOrderRequest{ReduceBy: qtyPtr(3)})
	if err != nil || r.RemainingCount != model.Contracts(7) {
		t.Fatalf("reduce_by %+v %v", r, err)
	}
	if qp := f.e.QueuePositions(engAlice, mktGame, nil); qp[0].QueuePosition != 0 {
		t.Fatalf("decrease lost priority: %+v", qp)
	}
	r, err = f.e.DecreaseOrder(engAlice, a.OrderID, model.DecreaseOrderRequest{ReduceTo: qtyPtr(2)})
	if err != nil || r.RemainingCount != model.Contracts(2) {
		t.Fatalf("reduce_to %+v %v", r, err)
	}
	for _, req := range []model.DecreaseOrderRequest{{}, {ReduceBy: qtyPtr(1), ReduceTo: qtyPtr(1)}} {
		_, err = f.e.DecreaseOrder(engAlice, a.OrderID, req)
		engExpectErr(t, err, 400, CodeInvalidOrder)
	}
	_, err = f.e.DecreaseOrder(engAlice, a.OrderID, model.DecreaseOrderRequest{ReduceTo: qtyPtr(2)})
	engExpectErr(t, err, 400, CodeInvalidOrderSize)
	_, err = f.e.DecreaseOrder(engAlice, a.OrderID, model.DecreaseOrderRequest{ReduceBy: qtyPtr(0)})
	engExpectErr(t, err, 400, CodeInvalidOrderSize)
	r, err = f.e.DecreaseOrder(engAlice, a.OrderID, model.DecreaseOrderRequest{ReduceTo: qtyPtr(0)})
	if err != nil || r.RemainingCount != 0 || f.order(engAlice, a.OrderID).Status != model.Canceled {
		t.Fatalf("reduce to zero %+v %v", r, err)
	}
	_, err = f.e.DecreaseOrder(engAlice, a.OrderID, model.DecreaseOrderRequest{ReduceBy: qtyPtr(1)})
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	f.check()
}

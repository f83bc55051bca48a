package sim

import (
	"net/http"
	"testing"
	"time"

	"ladder/model"
)

func TestEngineOrderGroupLimit(t *testing.T) {
	f := newEngFixture(t, 0)
	gid, err := f.e.CreateOrderGroup(engAlice, model.Contracts(5))
	if err != nil {
		t.Fatal(err)
	}
	inGroup := func(req model.CreateOrderRequest) model.CreateOrderRequest { req.OrderGroupID = gid; return req }
	a1 := f.create(engAlice, inGroup(engGTC(mktGame, model.Bid, "0.40", 4)))
	a2 := f.create(engAlice, inGroup(engGTC(mktGame, model.Bid, "0.30", 10)))
	a3 := f.create(engAlice, inGroup(engGTC(mktFed, model.Bid, "0.300", 1)))
	if g, _ := f.e.OrderGroup(engAlice, gid); len(g.Orders) != 3 || g.ContractsLimit != model.Contracts(5) {
		t.Fatalf("group %+v", g)
	}
	_, err = f.e.OrderGroup(engBob, gid)
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	// Bob sells 6: 4 at 0.40 and 2 at 0.30 fill alice, 6 > 5 → the group
	// cancels everything and blocks.
	ioc := engGTC(mktGame, model.Ask, "0.30", 6)
	ioc.TimeInForce = model.IOC
	if r := f.create(engBob, ioc); r.FillCount != model.Contracts(6) {
		t.Fatalf("fill %+v", r)
	}
	for _, id := range []string{a2.OrderID, a3.OrderID} {
		if o := f.order(engAlice, id); o.Status != model.Canceled {
			t.Fatalf("group order %s still %s", id, o.Status)
		}
	}
	if o := f.order(engAlice, a1.OrderID); o.Status != model.Executed {
		t.Fatalf("a1 %s", o.Status)
	}
	if blocked, _ := f.e.OrderGroupBlocked(engAlice, gid); !blocked {
		t.Fatal("group not blocked")
	}
	f.createErr(engAlice, inGroup(engGTC(mktGame, model.Bid, "0.20", 1)), http.StatusBadRequest, CodeOrderGroupBlocked)
	f.create(engAlice, engGTC(mktGame, model.Bid, "0.20", 1)) // outside the group is fine
	if err := f.e.ResetOrderGroup(engAlice, gid); err != nil {
		t.Fatal(err)
	}
	f.create(engAlice, inGroup(engGTC(mktGame, model.Bid, "0.20", 1)))
	f.check()
}

func TestEngineOrderGroupWindowRolls(t *testing.T) {
	f := newEngFixture(t, 0)
	gid, _ := f.e.CreateOrderGroup(engAlice, model.Contracts(5))
	req := engGTC(mktGame, model.Bid, "0.40", 20)
	req.OrderGroupID = gid
	a := f.create(engAlice, req)
	sell := func(n int64) {
		ioc := engGTC(mktGame, model.Ask, "0.40", n)
		ioc.TimeInForce = model.IOC
		f.create(engBob, ioc)
	}
	sell(3)
	f.clock.Advance(16 * time.Second)
	f.e.Tick(f.clock.Now())
	sell(3) // 3 within the window: under the limit
	if o := f.order(engAlice, a.OrderID); o.Status != model.Resting {
		t.Fatalf("triggered after the window rolled: %+v", o)
	}
	sell(3) // 6 within 15 s
	if o := f.order(engAlice, a.OrderID); o.Status != model.Canceled {
		t.Fatalf("not triggered: %+v", o)
	}
}

func TestEngineOrderGroupTriggerAndDelete(t *testing.T) {
	f := newEngFixture(t, 0)
	_, err := f.e.CreateOrderGroup(engAlice, 0)
	engExpectErr(t, err, 400, CodeInvalidParameters)
	gid, _ := f.e.CreateOrderGroup(engAlice, model.Contracts(100))
	req := engGTC(mktGame, model.Bid, "0.40", 2)
	req.OrderGroupID = gid
	a := f.create(engAlice, req)
	if err := f.e.TriggerOrderGroup(engAlice, gid); err != nil {
		t.Fatal(err)
	}
	if o := f.order(engAlice, a.OrderID); o.Status != model.Canceled {
		t.Fatalf("trigger did not cancel: %+v", o)
	}
	f.createErr(engAlice, req, 400, CodeOrderGroupBlocked)
	_ = f.e.ResetOrderGroup(engAlice, gid)
	b := f.create(engAlice, req)
	if gs := f.e.OrderGroups(engAlice); len(gs) != 1 || gs[0].ID != gid {
		t.Fatalf("groups %+v", gs)
	}
	if err := f.e.DeleteOrderGroup(engAlice, gid); err != nil {
		t.Fatal(err)
	}
	if o := f.order(engAlice, b.OrderID); o.Status != model.Canceled {
		t.Fatalf("delete did not cancel: %+v", o)
	}
	engExpectErr(t, f.e.TriggerOrderGroup(engAlice, gid), 404, CodeNotFound)
	f.createErr(engAlice, req, 400, CodeInvalidOrder)
	f.check()
}

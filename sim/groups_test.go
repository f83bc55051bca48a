package sim

import (
	"encoding/json"
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

func TestEngineOrderGroupLimitUpdate(t *testing.T) {
	f := newEngFixture(t, 0)
	gid, _ := f.e.CreateOrderGroup(engAlice, model.Contracts(10))
	req := engGTC(mktGame, model.Bid, "0.40", 20)
	req.OrderGroupID = gid
	a := f.create(engAlice, req)
	ioc := engGTC(mktGame, model.Ask, "0.40", 4)
	ioc.TimeInForce = model.IOC
	f.create(engBob, ioc) // 4 of 10 within the window
	engExpectErr(t, f.e.UpdateOrderGroupLimit(engAlice, 0, gid, 0), 400, CodeInvalidParameters)
	if err := f.e.UpdateOrderGroupLimit(engAlice, 0, gid, model.Contracts(5)); err != nil {
		t.Fatal(err)
	}
	if g, _ := f.e.OrderGroup(engAlice, gid); g.ContractsLimit != model.Contracts(5) {
		t.Fatalf("limit %s", g.ContractsLimit)
	}
	if o := f.order(engAlice, a.OrderID); o.Status != model.Resting {
		t.Fatalf("4 filled, limit 5: %s", o.Status)
	}
	// Lowered below what the window already holds: the group fires at once.
	if err := f.e.UpdateOrderGroupLimit(engAlice, 0, gid, model.Contracts(3)); err != nil {
		t.Fatal(err)
	}
	if blocked, _ := f.e.OrderGroupBlocked(engAlice, gid); !blocked || f.order(engAlice, a.OrderID).Status != model.Canceled {
		t.Fatal("a limit below the window's fills did not trigger the group")
	}
	f.check()
}

func TestEngineOrderGroupsBelongToASubaccount(t *testing.T) {
	f := newEngFixture(t, 0)
	sub, _ := f.e.CreateSubaccount(engAlice)
	if err := f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 10_000)); err != nil {
		t.Fatal(err)
	}
	gid, err := f.e.CreateOrderGroupIn(engAlice, sub, model.Contracts(5))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.e.CreateOrderGroupIn(engAlice, 9, model.Contracts(5))
	engExpectErr(t, err, 400, CodeInvalidSubaccount)
	req := engGTC(mktGame, model.Bid, "0.40", 2)
	req.OrderGroupID = gid
	f.createErr(engAlice, req, 400, CodeInvalidOrder) // a primary order in subaccount 1's group
	f.create(engAlice, inSub(req, sub))

	zero := 0
	if gs, _ := f.e.OrderGroupsIn(engAlice, &zero); len(gs) != 0 {
		t.Fatalf("primary's groups %+v", gs)
	}
	if gs, _ := f.e.OrderGroupsIn(engAlice, &sub); len(gs) != 1 {
		t.Fatalf("subaccount's groups %+v", gs)
	}
	if _, err := f.e.OrderGroupIn(engAlice, &zero, gid); err == nil {
		t.Fatal("group found under the primary")
	}
	// Actions default to the primary: without the subaccount, not found.
	engExpectErr(t, f.e.TriggerOrderGroup(engAlice, gid), 404, CodeNotFound)
	if err := f.e.TriggerOrderGroupIn(engAlice, sub, gid); err != nil {
		t.Fatal(err)
	}
	engExpectErr(t, f.e.ResetOrderGroup(engAlice, gid), 404, CodeNotFound)
	if err := f.e.ResetOrderGroupIn(engAlice, sub, gid); err != nil {
		t.Fatal(err)
	}
	engExpectErr(t, f.e.DeleteOrderGroup(engAlice, gid), 404, CodeNotFound)
	if err := f.e.DeleteOrderGroupIn(engAlice, sub, gid); err != nil {
		t.Fatal(err)
	}
	f.check()
}

func TestWSOrderGroupUpdates(t *testing.T) {
	h := start(t, nil)
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"order_group_updates"}})
	if _, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1]); err != nil {
		t.Fatal(err)
	}
	e := h.s.Engine()
	if _, err := e.CreateOrderGroup("bob", model.Contracts(1)); err != nil { // not ours: never seen
		t.Fatal(err)
	}
	gid, _ := e.CreateOrderGroup(TraderAccount, model.Contracts(5))
	_ = e.UpdateOrderGroupLimit(TraderAccount, 0, gid, model.Contracts(7))
	_ = e.TriggerOrderGroup(TraderAccount, gid)
	_ = e.ResetOrderGroup(TraderAccount, gid)
	_ = e.DeleteOrderGroup(TraderAccount, gid)
	for i, want := range []struct {
		kind  string
		limit string
	}{{"created", "5.00"}, {"limit_updated", "7.00"}, {"triggered", ""}, {"reset", ""}, {"deleted", ""}} {
		f := c.read()
		var msg struct {
			EventType      string  `json:"event_type"`
			OrderGroupID   string  `json:"order_group_id"`
			ContractsLimit *string `json:"contracts_limit_fp"`
			TsMs           int64   `json:"ts_ms"`
		}
		if err := json.Unmarshal(f.Msg, &msg); err != nil {
			t.Fatal(err)
		}
		limit := ""
		if msg.ContractsLimit != nil {
			limit = *msg.ContractsLimit
		}
		if f.Type != "order_group_updates" || f.Seq != int64(i+1) || msg.EventType != want.kind || msg.OrderGroupID != gid || limit != want.limit || msg.TsMs == 0 {
			t.Fatalf("frame %d: %s seq %d %s", i, f.Type, f.Seq, f.Msg)
		}
	}
}

func TestRESTOrderGroupLimitAndSubaccount(t *testing.T) {
	h := start(t, nil)
	expect(t, h.send(http.MethodPost, "/portfolio/subaccounts", nil), http.StatusCreated)
	var cg struct {
		OrderGroupID string `json:"order_group_id"`
		Subaccount   int    `json:"subaccount"`
	}
	expect(t, h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]any{"contracts_limit_fp": "10.00", "subaccount": 1}), http.StatusCreated).decode(t, &cg)
	if cg.Subaccount != 1 {
		t.Fatalf("create %+v", cg)
	}
	expect(t, h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]any{"contracts_limit_fp": "10.00", "contracts_limit": 9}), http.StatusBadRequest)
	if r := h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]any{"contracts_limit": 5, "subaccount": 64}); r.errorCode() != CodeInvalidSubaccount {
		t.Fatalf("subaccount 64: %d %s", r.status, r.body)
	}
	base := "/portfolio/order_groups/" + cg.OrderGroupID
	expect(t, h.send(http.MethodPut, base+"/limit", map[string]any{"contracts_limit": 4}), http.StatusNotFound) // primary by default
	expect(t, h.send(http.MethodPut, base+"/limit?subaccount=1", map[string]any{"contracts_limit": 4}), http.StatusOK)
	expect(t, h.send(http.MethodPut, base+"/limit?subaccount=1", map[string]any{}), http.StatusBadRequest)
	var g model.OrderGroup
	expect(t, h.get(base+"?subaccount=1"), http.StatusOK).decode(t, &g)
	if g.ContractsLimit != model.Contracts(4) {
		t.Fatalf("group %+v", g)
	}
	expect(t, h.get(base+"?subaccount=0"), http.StatusNotFound)
	expect(t, h.get(base), http.StatusOK) // every subaccount by default
	var list struct {
		OrderGroups []model.OrderGroup `json:"order_groups"`
	}
	expect(t, h.get("/portfolio/order_groups?subaccount=0"), http.StatusOK).decode(t, &list)
	if len(list.OrderGroups) != 0 {
		t.Fatalf("primary list %+v", list)
	}
	expect(t, h.send(http.MethodPut, base+"/trigger?subaccount=1", nil), http.StatusOK)
	expect(t, h.send(http.MethodPut, base+"/reset?subaccount=1", nil), http.StatusOK)
	expect(t, h.send(http.MethodDelete, base+"?subaccount=1", nil), http.StatusOK)
}

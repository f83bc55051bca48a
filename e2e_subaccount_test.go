package main

import (
	"strings"
	"testing"

	"ladder/api"
	"ladder/model"
	"ladder/sim"
)

// withSubaccounts opens subaccounts 1 and 2 on the simulator's trader
// account and gives subaccount 2 cash to trade with.
func (h *dashboardHarness) withSubaccounts() {
	h.t.Helper()
	e := h.sim.Engine()
	for range 2 {
		if _, err := e.CreateSubaccount(sim.TraderAccount); err != nil {
			h.t.Fatal(err)
		}
	}
	if err := e.TransferCash(sim.TraderAccount, model.SubaccountTransferRequest{
		ClientTransferID: api.NewClientOrderID(), FromSubaccount: 0, ToSubaccount: 2, AmountCents: 50_000,
	}); err != nil {
		h.t.Fatal(err)
	}
}

// restingIn lists the exchange's resting orders of one subaccount.
func (h *dashboardHarness) restingIn(sub int) []model.Order {
	return h.sim.Engine().Orders(sim.TraderAccount, sim.OrderFilter{Subaccount: &sub, Status: string(model.Resting)})
}

// TestEndToEndOrderOnSubaccountTwoIsOnlyThere: trading with --subaccount
// 2, a bid rests in subaccount 2 on the exchange and nowhere else, and
// the desk files it under subaccount 2 only.
func TestEndToEndOrderOnSubaccountTwoIsOnlyThere(t *testing.T) {
	h := startDashboard(t, "--activity", "calm", "--seed", "7", "--subaccount", "2")
	h.withSubaccounts()
	h.openFirstLadder()
	h.press("b")
	eventually(t, "the bid to rest in subaccount 2", func() bool { return len(h.restingIn(2)) == 1 })
	if n := len(h.restingIn(0)) + len(h.restingIn(1)); n != 0 {
		t.Fatalf("%d orders rest outside subaccount 2", n)
	}
	id := h.restingIn(2)[0].OrderID
	eventually(t, "the desk to hold the order under subaccount 2", func() bool {
		o, ok := h.desk.View().Order(id)
		return ok && o.Subaccount == 2 && len(h.desk.ViewFor(2).WorkingIn("")) == 1
	})
	if n := len(h.desk.ViewFor(0).WorkingIn("")); n != 0 {
		t.Fatalf("the primary's view lists %d orders", n)
	}
	eventually(t, "the status bar to name subaccount 2", func() bool { return strings.Contains(h.out.String(), "sub 2") })
}

// TestEndToEndSubaccountKillSwitchLeavesOtherSubaccountsResting: the kill
// switch scoped to this subaccount (ctrl+k) cancels subaccount 2's order
// and leaves the primary's resting; entry locks all the same.
func TestEndToEndSubaccountKillSwitchLeavesOtherSubaccountsResting(t *testing.T) {
	h := startDashboard(t, "--activity", "calm", "--seed", "7", "--subaccount", "2")
	h.withSubaccounts()
	h.openFirstLadder()
	h.press("b")
	eventually(t, "the bid to rest in subaccount 2", func() bool { return len(h.restingIn(2)) == 1 })
	// The primary's order, placed elsewhere (another screen, another tool).
	mine := h.restingIn(2)[0]
	if _, err := h.sim.Engine().CreateOrder(sim.TraderAccount, model.CreateOrderRequest{
		Ticker: mine.Ticker, ClientOrderID: api.NewClientOrderID(), Side: model.Bid, Count: model.Contracts(1),
		Price: model.MustPrice("0.01"), TimeInForce: model.GTC, STP: model.STPTakerAtCross,
	}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the desk to see the primary's order", func() bool { return h.desk.View().Working == 2 })
	h.press("\x0b") // ctrl+k
	eventually(t, "subaccount 2's order to be cancelled", func() bool { return len(h.restingIn(2)) == 0 })
	if n := len(h.restingIn(0)); n != 1 {
		t.Fatalf("the primary has %d resting orders after subaccount 2's kill switch, want 1", n)
	}
	if l := h.desk.Lock(); !l.Locked() || !l.Scope.Only || l.Scope.Sub != 2 {
		t.Fatalf("lock %+v, want entry locked by a kill switch scoped to subaccount 2", l)
	}
	eventually(t, "the message to state the scope", func() bool { return strings.Contains(h.out.String(), "KILL SWITCH (sub 2 only)") })
}

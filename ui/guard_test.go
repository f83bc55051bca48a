package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"ladder/api"
	"ladder/model"
)

// groupTrader is a fakeTrader with the exchange's order groups.
type groupTrader struct {
	*fakeTrader
	createErr error
	triggers  []string
	resets    []string
}

func (g *groupTrader) CreateOrderGroup(_ context.Context, limit model.Qty) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.log("create group %s", limit.Short())
	if g.createErr != nil {
		return "", g.createErr
	}
	return "grp-1", nil
}

func (g *groupTrader) TriggerOrderGroup(_ context.Context, id string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.triggers = append(g.triggers, id)
	return nil
}

func (g *groupTrader) ResetOrderGroup(_ context.Context, id string) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.resets = append(g.resets, id)
	return nil
}

func newGuardHarness(t *testing.T, createErr error) (*harness, *groupTrader) {
	gt := &groupTrader{fakeTrader: &fakeTrader{}, createErr: createErr}
	hs := newHarness(t, 120, 40, func(o *Options) {
		o.Trader = gt
		o.Risk.GroupContracts = model.Contracts(200)
	})
	hs.trader = gt.fakeTrader
	return hs, gt
}

// TestOrdersGoInTheSessionsOrderGroup: the session creates one order
// group and places its orders in it; the kill switch triggers it and a
// confirmed unlock resets it.
func TestOrdersGoInTheSessionsOrderGroup(t *testing.T) {
	hs, gt := newGuardHarness(t, nil)
	if c := hs.calls(); !slices.Contains(c, "create group 200") {
		t.Fatalf("no order group created: %v", c)
	}
	hs.openFed()
	hs.cursorTo("0.50")
	hs.press("b")
	if len(hs.trader.creates) != 1 || hs.trader.creates[0].OrderGroupID != "grp-1" {
		t.Fatalf("order not in the group: %+v", hs.trader.creates)
	}
	hs.press("!")
	if !slices.Equal(gt.triggers, []string{"grp-1"}) {
		t.Fatalf("the kill switch did not trigger the group: %v", gt.triggers)
	}
	hs.unlock()
	if !slices.Equal(gt.resets, []string{"grp-1"}) {
		t.Fatalf("unlock did not reset the group: %v", gt.resets)
	}
	hs.press("b")
	if len(hs.trader.creates) != 2 || hs.trader.creates[1].OrderGroupID != "grp-1" {
		t.Fatalf("after the reset: %+v", hs.trader.creates)
	}
}

// TestRefusedOrderGroupsFallBackToBatchCancelAndSaySoOnce.
func TestRefusedOrderGroupsFallBackToBatchCancelAndSaySoOnce(t *testing.T) {
	hs, gt := newGuardHarness(t, &api.Error{Status: 404, Code: "not_found", Message: "not found"})
	if txt := hs.m.notice.text; !strings.Contains(txt, "exchange order groups unavailable") || !strings.Contains(txt, "batch cancel only") {
		t.Fatalf("message %q", txt)
	}
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1))
	hs.cursorTo("0.50")
	hs.press("b")
	if hs.trader.creates[0].OrderGroupID != "" {
		t.Fatal("order placed in a group the exchange refused")
	}
	hs.press("!")
	if len(gt.triggers) != 0 || len(hs.trader.batches) != 1 {
		t.Fatalf("kill switch: triggers %v, %v", gt.triggers, hs.calls())
	}
	if strings.Contains(hs.m.notice.text, "order groups") {
		t.Fatalf("said again: %q", hs.m.notice.text)
	}
}

// TestExchangeGuardTripLocksEntry: when the exchange refuses an order
// because the group's limit was exceeded, entry locks and says why.
func TestExchangeGuardTripLocksEntry(t *testing.T) {
	hs, gt := newGuardHarness(t, nil)
	hs.openFed()
	hs.cursorTo("0.50")
	hs.trader.createErr = &api.Error{Status: 400, Code: "order_group_limit_reached", Message: "order group limit reached"}
	hs.press("b")
	if !hs.locked() || !strings.Contains(hs.m.notice.text, "EXCHANGE GUARD") {
		t.Fatalf("locked %v, message %q", hs.locked(), hs.m.notice.text)
	}
	hs.unlock()
	if hs.locked() || !slices.Equal(gt.resets, []string{"grp-1"}) {
		t.Fatalf("unlock: locked %v, resets %v", hs.locked(), gt.resets)
	}
}

// TestNoGroupWithoutALimitOrACapableClient: a zero limit asks for no group;
// a client without groups is said once.
func TestNoGroupWithoutALimitOrACapableClient(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	if slices.ContainsFunc(hs.calls(), func(c string) bool { return strings.HasPrefix(c, "create group") }) {
		t.Fatal("a group without a limit")
	}
	hs = newHarness(t, 120, 40, func(o *Options) { o.Risk.GroupContracts = model.Contracts(10) })
	if !strings.Contains(hs.m.notice.text, "offers no order groups") {
		t.Fatalf("message %q", hs.m.notice.text)
	}
}

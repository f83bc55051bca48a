package api

import (
	"errors"
	"testing"

	"ladder/model"
)

func TestSubaccountCashAgainstSimulator(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	for want := 1; want <= 2; want++ {
		if n, err := s.c.CreateSubaccount(ctx); err != nil || n != want {
			t.Fatalf("CreateSubaccount = %d, %v; want %d", n, err, want)
		}
	}
	id, err := s.c.TransferCash(ctx, model.SubaccountTransferRequest{FromSubaccount: 0, ToSubaccount: 2, AmountCents: 25_000})
	if err != nil || !model.ValidUUID(id) {
		t.Fatalf("TransferCash = %q, %v", id, err)
	}
	// The same id again is a 409 at the exchange: done, and nothing moves.
	again, err := s.c.TransferCash(ctx, model.SubaccountTransferRequest{ClientTransferID: id, FromSubaccount: 0, ToSubaccount: 2, AmountCents: 25_000})
	if err != nil || again != id {
		t.Fatalf("repeated transfer: %q, %v", again, err)
	}
	balances, err := s.c.GetSubaccountBalances(ctx)
	if err != nil || len(balances) != 3 || balances[2].Balance != 250*model.Dollar || balances[0].Balance != 9_750*model.Dollar {
		t.Fatalf("balances %+v, %v", balances, err)
	}
	if b, err := s.c.GetBalanceIn(ctx, 2); err != nil || b.Balance != 25_000 {
		t.Fatalf("GetBalanceIn(2) = %+v, %v", b, err)
	}
	if b, err := s.c.GetBalance(ctx); err != nil || b.Balance != 975_000 {
		t.Fatalf("GetBalance = %+v, %v", b, err)
	}
	transfers, err := s.c.GetSubaccountTransfers(ctx, TransfersQuery{Limit: 1})
	if err != nil || len(transfers) != 1 || transfers[0].AmountCents != 25_000 || transfers[0].ToSubaccount != 2 {
		t.Fatalf("transfers %+v, %v", transfers, err)
	}

	// Refusals come back as the exchange's errors.
	_, err = s.c.TransferCash(ctx, model.SubaccountTransferRequest{FromSubaccount: 1, ToSubaccount: 0, AmountCents: 1})
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != "available_balance_too_low" {
		t.Fatalf("overdraft: %v", err)
	}
	if _, err := s.c.TransferCash(ctx, model.SubaccountTransferRequest{FromSubaccount: 0, ToSubaccount: 7, AmountCents: 1}); !errors.As(err, &ae) || ae.Code != "invalid_subaccount" {
		t.Fatalf("unknown subaccount: %v", err)
	}
	for _, bad := range []model.SubaccountTransferRequest{
		{ClientTransferID: "not-a-uuid", FromSubaccount: 0, ToSubaccount: 1, AmountCents: 1},
		{FromSubaccount: 0, ToSubaccount: 1, AmountCents: 0},
		{FromSubaccount: 1, ToSubaccount: 1, AmountCents: 5},
	} {
		if _, err := s.c.TransferCash(ctx, bad); err == nil {
			t.Errorf("%+v was sent", bad)
		}
	}

	if err := s.c.SetSubaccountNetting(ctx, 1, false); err != nil {
		t.Fatal(err)
	}
	cfgs, err := s.c.GetSubaccountNetting(ctx)
	if err != nil || len(cfgs) != 3 || cfgs[1].Enabled || !cfgs[2].Enabled {
		t.Fatalf("netting %+v, %v", cfgs, err)
	}
	if err := s.c.SetSubaccountNetting(ctx, 64, true); err == nil {
		t.Fatal("subaccount 64 was sent")
	}
}

// A transfer whose answer is lost is resent under the same id; the
// exchange's 409 for the resend means the first attempt landed.
func TestTransferCashAfterALostAnswer(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	if _, err := s.c.CreateSubaccount(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.srv.SetFaults("stall=1,stallfor=0"); err != nil {
		t.Fatal(err)
	}
	id, err := s.c.TransferCash(ctx, model.SubaccountTransferRequest{FromSubaccount: 0, ToSubaccount: 1, AmountCents: 700})
	if err != nil {
		t.Fatalf("TransferCash after a stalled answer: %v", err)
	}
	if err := s.srv.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	list, err := s.c.GetSubaccountTransfers(ctx, TransfersQuery{})
	if err != nil || len(list) != 1 || list[0].AmountCents != 700 {
		t.Fatalf("%s: transfers %+v, %v (want exactly one)", id, list, err)
	}
	// Creating a subaccount is not idempotent: a lost answer is an unknown
	// outcome, never a silent second subaccount.
	if err := s.srv.SetFaults("stall=1,stallfor=0"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.c.CreateSubaccount(ctx); !errors.Is(err, ErrUnknownOutcome) {
		t.Fatalf("CreateSubaccount under a stall: %v", err)
	}
	_ = s.srv.SetFaults("")
	if bs, _ := s.c.GetSubaccountBalances(ctx); len(bs) != 3 {
		t.Fatalf("%d subaccounts after one stalled create", len(bs))
	}
}

// Orders, cancels, positions and fills carry and filter by subaccount.
func TestSubaccountOrderPathAgainstSimulator(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	m := s.market()
	for range 2 {
		if _, err := s.c.CreateSubaccount(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.c.TransferCash(ctx, model.SubaccountTransferRequest{FromSubaccount: 0, ToSubaccount: 2, AmountCents: 50_000}); err != nil {
		t.Fatal(err)
	}
	req := gtc(m.Ticker, model.Bid, "0.30", 10)
	req.Subaccount = 2
	placed, err := s.c.CreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	primary, err := s.c.CreateOrder(ctx, gtc(m.Ticker, model.Bid, "0.20", 1))
	if err != nil {
		t.Fatal(err)
	}
	two, one := 2, 1
	if os, err := s.c.GetOrders(ctx, OrdersQuery{Subaccount: &two}); err != nil || len(os) != 1 || os[0].OrderID != placed.OrderID || *os[0].SubaccountNumber != 2 {
		t.Fatalf("subaccount 2 orders %+v, %v", os, err)
	}
	if os, _ := s.c.GetOrders(ctx, OrdersQuery{Subaccount: &one}); len(os) != 0 {
		t.Fatalf("subaccount 1 orders %+v", os)
	}
	if os, _ := s.c.GetOrders(ctx, OrdersQuery{}); len(os) != 2 {
		t.Fatalf("all orders %+v", os)
	}

	// Cancel, amend and decrease name the subaccount; without it the order
	// is not found (the exchange defaults to the primary).
	if _, err := s.c.CancelOrder(ctx, placed.OrderID); !errors.Is(err, ErrOrderGone) {
		t.Fatalf("cancel without the subaccount: %v", err)
	}
	if _, err := s.c.AmendOrderIn(ctx, 2, placed.OrderID, model.AmendOrderRequest{Ticker: m.Ticker, Side: model.Bid, Price: model.MustPrice("0.31"), Count: model.Contracts(10)}); err != nil {
		t.Fatal(err)
	}
	by := model.Contracts(4)
	if r, err := s.c.DecreaseOrderIn(ctx, 2, placed.OrderID, model.DecreaseOrderRequest{ReduceBy: &by}); err != nil || r.RemainingCount != model.Contracts(6) {
		t.Fatalf("decrease %+v, %v", r, err)
	}
	if _, err := s.c.DecreaseOrder(ctx, placed.OrderID, model.DecreaseOrderRequest{ReduceBy: &by}); !errors.Is(err, ErrOrderGone) {
		t.Fatalf("decrease without the subaccount: %v", err)
	}

	// Trade it: the fill and the position belong to subaccount 2.
	s.counterparty("bob")
	if _, err := s.srv.Engine().CreateOrder("bob", gtc(m.Ticker, model.Ask, "0.31", 6)); err != nil {
		t.Fatal(err)
	}
	if fs, err := s.c.GetFills(ctx, FillsQuery{Subaccount: &two}); err != nil || len(fs) != 1 || *fs[0].SubaccountNumber != 2 {
		t.Fatalf("fills %+v, %v", fs, err)
	}
	if ps, err := s.c.GetPositions(ctx, PositionsQuery{Subaccount: 2}); err != nil || len(ps) != 1 || ps[0].Position != model.Contracts(6) {
		t.Fatalf("subaccount 2 positions %+v, %v", ps, err)
	}
	if ps, _ := s.c.GetPositions(ctx, PositionsQuery{}); len(ps) != 0 {
		t.Fatalf("primary positions %+v", ps)
	}

	// Cancel-all of one subaccount leaves the others resting; batch cancel
	// items name theirs.
	again := gtc(m.Ticker, model.Bid, "0.10", 1)
	again.Subaccount = 2
	rest2, err := s.c.CreateOrder(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.c.CancelAllOrdersIn(ctx, 0); err != nil || len(r.Orders) != 1 || r.Orders[0].OrderID != primary.OrderID {
		t.Fatalf("cancel all of the primary: %+v, %v", r, err)
	}
	if os, _ := s.c.GetOrders(ctx, OrdersQuery{Status: string(model.Resting)}); len(os) != 1 || os[0].OrderID != rest2.OrderID {
		t.Fatalf("resting after the primary's cancel-all: %+v", os)
	}
	r, err := s.c.BatchCancel(ctx, []model.BatchCancelOrder{{OrderID: rest2.OrderID, Subaccount: 2}})
	if err != nil || r.Orders[0].Error != nil || r.Orders[0].ReducedBy != model.Contracts(1) {
		t.Fatalf("batch cancel %+v, %v", r, err)
	}
	if _, err := s.c.CancelAllOrdersIn(ctx, 64); err == nil {
		t.Fatal("subaccount 64 was sent")
	}
}

// A create whose answer is lost is looked up in its own subaccount before
// any resend, and found there.
func TestCreateInSubaccountAfterALostAnswer(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	m := s.market()
	if _, err := s.c.CreateSubaccount(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.c.TransferCash(ctx, model.SubaccountTransferRequest{FromSubaccount: 0, ToSubaccount: 1, AmountCents: 1_000}); err != nil {
		t.Fatal(err)
	}
	if err := s.srv.SetFaults("stall=1,stallfor=0"); err != nil {
		t.Fatal(err)
	}
	req := gtc(m.Ticker, model.Bid, "0.05", 3)
	req.Subaccount = 1
	resp, err := s.c.CreateOrder(ctx, req)
	_ = s.srv.SetFaults("")
	if err != nil || resp.OrderID == "" {
		t.Fatalf("create after a lost answer: %+v, %v", resp, err)
	}
	one := 1
	if os, _ := s.c.GetOrders(ctx, OrdersQuery{Subaccount: &one}); len(os) != 1 || os[0].OrderID != resp.OrderID {
		t.Fatalf("orders in subaccount 1: %+v (want exactly the one)", os)
	}
}

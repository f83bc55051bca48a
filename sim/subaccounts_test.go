package sim

import (
	"encoding/json"
	"net/http"
	"testing"

	"ladder/model"
)

const testTransferID = "6f1b7e0a-2c3d-4e5f-8a9b-0c1d2e3f4a5b"

func transfer(id string, from, to int, cents int64) model.SubaccountTransferRequest {
	return model.SubaccountTransferRequest{ClientTransferID: id, FromSubaccount: from, ToSubaccount: to, AmountCents: cents}
}

func inSub(req model.CreateOrderRequest, sub int) model.CreateOrderRequest {
	req.Subaccount = sub
	return req
}

func TestSubaccountsHoldTheirOwnCashAndPositions(t *testing.T) {
	f := newEngFixture(t, 0)
	for want := 1; want <= 2; want++ {
		if n, err := f.e.CreateSubaccount(engAlice); err != nil || n != want {
			t.Fatalf("create: %d %v, want %d", n, err, want)
		}
	}
	// A new subaccount has no cash: an order there is refused until cash
	// is transferred in.
	f.createErr(engAlice, inSub(engGTC(mktGame, model.Bid, "0.40", 5), 2), http.StatusBadRequest, CodeBalanceTooLow)
	if err := f.e.TransferCash(engAlice, transfer(testTransferID, 0, 2, 10_000)); err != nil {
		t.Fatal(err)
	}
	if b, _ := f.e.SubaccountBalance(engAlice, 2); b.Balance != 10_000 {
		t.Fatalf("subaccount 2 balance %+v", b)
	}
	if b := f.e.Balance(engAlice); b.BalanceDollars != 900*model.Dollar {
		t.Fatalf("primary balance %+v", b)
	}

	a2 := f.create(engAlice, inSub(engGTC(mktGame, model.Bid, "0.40", 5), 2))
	if b, _ := f.e.SubaccountBalance(engAlice, 2); b.BalanceDollars != 98*model.Dollar {
		t.Fatalf("subaccount 2 after a $2 bid: %+v", b)
	}
	if b := f.e.Balance(engAlice); b.BalanceDollars != 900*model.Dollar {
		t.Fatalf("primary paid for subaccount 2's order: %+v", b)
	}
	f.create(engBob, engGTC(mktGame, model.Ask, "0.40", 5))

	if ps, _ := f.e.PositionsIn(engAlice, PositionFilter{Subaccount: 2}); len(ps) != 1 || ps[0].Position != model.Contracts(5) {
		t.Fatalf("subaccount 2 positions %+v", ps)
	}
	if ps := f.e.Positions(engAlice, "", ""); len(ps) != 0 {
		t.Fatalf("primary positions %+v", ps)
	}
	if o := f.order(engAlice, a2.OrderID); o.SubaccountNumber == nil || *o.SubaccountNumber != 2 {
		t.Fatalf("order subaccount_number %v", o.SubaccountNumber)
	}
	two, zero := 2, 0
	if fills := f.e.Fills(engAlice, FillFilter{Subaccount: &two}); len(fills) != 1 || *fills[0].SubaccountNumber != 2 {
		t.Fatalf("subaccount 2 fills %+v", fills)
	}
	if fills := f.e.Fills(engAlice, FillFilter{Subaccount: &zero}); len(fills) != 0 {
		t.Fatalf("primary fills %+v", fills)
	}
	if _, err := f.e.PositionsIn(engAlice, PositionFilter{Subaccount: 5}); err == nil {
		t.Fatal("positions of a subaccount never created")
	}
	f.check()
}

func TestSubaccountOrdersAreScopedOnCancelAmendDecrease(t *testing.T) {
	f := newEngFixture(t, 0)
	sub, _ := f.e.CreateSubaccount(engAlice)
	if err := f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 5_000)); err != nil {
		t.Fatal(err)
	}
	o := f.create(engAlice, inSub(engGTC(mktGame, model.Bid, "0.30", 4), sub))
	primary := f.create(engAlice, engGTC(mktGame, model.Bid, "0.20", 4))

	// Without the subaccount (= 0) the order is not found.
	_, err := f.e.CancelOrder(engAlice, o.OrderID)
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	_, err = f.e.AmendOrder(engAlice, o.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.31")})
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	by := model.Contracts(1)
	if r, err := f.e.DecreaseOrderIn(engAlice, sub, o.OrderID, model.DecreaseOrderRequest{ReduceBy: &by}); err != nil || r.RemainingCount != model.Contracts(3) {
		t.Fatalf("decrease in subaccount: %+v %v", r, err)
	}
	if _, err := f.e.AmendOrderIn(engAlice, sub, o.OrderID, model.AmendOrderRequest{Price: model.MustPrice("0.31")}); err != nil {
		t.Fatal(err)
	}
	// Batch cancel items name their subaccount.
	resp := f.e.BatchCancel(engAlice, []model.BatchCancelOrder{{OrderID: o.OrderID}, {OrderID: primary.OrderID}})
	if resp.Orders[0].Error == nil || resp.Orders[1].Error != nil {
		t.Fatalf("batch cancel without subaccount %+v", resp.Orders)
	}
	resp = f.e.BatchCancel(engAlice, []model.BatchCancelOrder{{OrderID: o.OrderID, Subaccount: sub}})
	if resp.Orders[0].Error != nil || resp.Orders[0].ReducedBy != model.Contracts(3) {
		t.Fatalf("batch cancel in subaccount %+v", resp.Orders[0])
	}
	f.check()
}

func TestCancelAllScopes(t *testing.T) {
	f := newEngFixture(t, 0)
	for range 2 {
		n, _ := f.e.CreateSubaccount(engAlice)
		if err := f.e.TransferCash(engAlice, transfer(model.FormatUUID([16]byte{byte(n)}), 0, n, 1_000)); err != nil {
			t.Fatal(err)
		}
	}
	ids := map[int]string{}
	for sub := range 3 {
		ids[sub] = f.create(engAlice, inSub(engGTC(mktGame, model.Bid, "0.10", 1), sub)).OrderID
	}
	two := 2
	resp, err := f.e.CancelAllIn(engAlice, &two)
	if err != nil || len(resp.Orders) != 1 || resp.Orders[0].OrderID != ids[2] {
		t.Fatalf("cancel all of subaccount 2: %+v %v", resp, err)
	}
	for sub, id := range ids {
		if got := f.order(engAlice, id).Status; (sub == 2) != (got == model.Canceled) {
			t.Fatalf("subaccount %d order %s", sub, got)
		}
	}
	if resp := f.e.CancelAll(engAlice); len(resp.Orders) != 2 {
		t.Fatalf("cancel all: %+v", resp)
	}
	nine := 9
	_, err = f.e.CancelAllIn(engAlice, &nine)
	engExpectErr(t, err, http.StatusBadRequest, CodeInvalidSubaccount)
	f.check()
}

// Two subaccounts of one user never trade with each other: self-trade
// prevention is per user, as on a single account.
func TestSubaccountsDoNotSelfTrade(t *testing.T) {
	f := newEngFixture(t, 0)
	sub, _ := f.e.CreateSubaccount(engAlice)
	if err := f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 5_000)); err != nil {
		t.Fatal(err)
	}
	rest := f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 3))
	cross := inSub(engGTC(mktGame, model.Ask, "0.40", 3), sub)
	cross.TimeInForce = model.IOC
	if r := f.create(engAlice, cross); r.FillCount != 0 {
		t.Fatalf("subaccounts traded with each other: %+v", r)
	}
	if o := f.order(engAlice, rest.OrderID); o.Status != model.Resting {
		t.Fatalf("resting order %s", o.Status)
	}
	f.check()
}

func TestSubaccountTransferRules(t *testing.T) {
	f := newEngFixture(t, 0)
	sub, _ := f.e.CreateSubaccount(engAlice)
	for name, c := range map[string]struct {
		req    model.SubaccountTransferRequest
		status int
		code   string
	}{
		"not a uuid":        {transfer("abc", 0, sub, 100), 400, CodeInvalidParameters},
		"zero amount":       {transfer(testTransferID, 0, sub, 0), 400, CodeInvalidParameters},
		"same subaccount":   {transfer(testTransferID, sub, sub, 100), 400, CodeInvalidParameters},
		"never created":     {transfer(testTransferID, 0, 7, 100), 400, CodeInvalidSubaccount},
		"out of range":      {transfer(testTransferID, 0, 64, 100), 400, CodeInvalidSubaccount},
		"more than it has":  {transfer(testTransferID, sub, 0, 1), 400, CodeBalanceTooLow},
		"more than is free": {transfer(testTransferID, 0, sub, 100_001), 400, CodeBalanceTooLow},
	} {
		t.Run(name, func(t *testing.T) {
			engExpectErr(t, f.e.TransferCash(engAlice, c.req), c.status, c.code)
		})
	}
	if list := f.e.SubaccountTransfers(engAlice); len(list) != 0 {
		t.Fatalf("refused transfers were recorded: %+v", list)
	}
	// Only cash not held for resting orders moves.
	f.create(engAlice, engGTC(mktGame, model.Bid, "0.50", 100)) // holds $50
	engExpectErr(t, f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 95_001)), 400, CodeBalanceTooLow)

	if err := f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 2_500)); err != nil {
		t.Fatal(err)
	}
	// The same id again: 409 and nothing moves, even with other amounts.
	engExpectErr(t, f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 2_500)), http.StatusConflict, CodeTransferExists)
	engExpectErr(t, f.e.TransferCash(engAlice, transfer(testTransferID, sub, 0, 1)), http.StatusConflict, CodeTransferExists)
	if b, _ := f.e.SubaccountBalance(engAlice, sub); b.Balance != 2_500 {
		t.Fatalf("subaccount after a repeated transfer: %+v", b)
	}
	list := f.e.SubaccountTransfers(engAlice)
	if len(list) != 1 || list[0].FromSubaccount != 0 || list[0].ToSubaccount != sub || list[0].AmountCents != 2_500 || !model.ValidUUID(list[0].TransferID) {
		t.Fatalf("transfers %+v", list)
	}
	f.check()
}

func TestSubaccountLimitAndNetting(t *testing.T) {
	f := newEngFixture(t, 0)
	if err := f.e.SetNetting(engAlice, 0, false); err != nil {
		t.Fatal(err)
	}
	for range model.MaxSubaccount {
		if _, err := f.e.CreateSubaccount(engAlice); err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.e.CreateSubaccount(engAlice)
	engExpectErr(t, err, http.StatusBadRequest, CodeInvalidSubaccount)
	cfgs := f.e.Netting(engAlice)
	if len(cfgs) != 64 || cfgs[63].SubaccountNumber != 63 || cfgs[63].Enabled {
		t.Fatalf("netting %d configs, last %+v (new subaccounts copy the primary's flag)", len(cfgs), cfgs[len(cfgs)-1])
	}
	if err := f.e.SetNetting(engAlice, 63, true); err != nil {
		t.Fatal(err)
	}
	if cfgs := f.e.Netting(engAlice); !cfgs[63].Enabled || cfgs[62].Enabled {
		t.Fatalf("netting after set: %+v %+v", cfgs[62], cfgs[63])
	}
	engExpectErr(t, f.e.SetNetting(engAlice, 64, true), http.StatusBadRequest, CodeInvalidSubaccount)
	if bs := f.e.SubaccountBalances(engAlice); len(bs) != 64 || bs[0].Balance != 1000*model.Dollar || bs[5].Balance != 0 {
		t.Fatalf("balances %d rows, %+v", len(bs), bs[:2])
	}
}

func TestRESTSubaccounts(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	var created struct {
		SubaccountNumber int `json:"subaccount_number"`
	}
	expect(t, h.send(http.MethodPost, "/portfolio/subaccounts", nil), http.StatusCreated).decode(t, &created)
	expect(t, h.send(http.MethodPost, "/portfolio/subaccounts", map[string]any{"exchange_index": 0}), http.StatusCreated)
	if created.SubaccountNumber != 1 {
		t.Fatalf("created %+v", created)
	}
	expect(t, h.send(http.MethodPost, "/portfolio/subaccounts/transfer", transfer(testTransferID, 0, 2, 12_345)), http.StatusOK)
	if r := h.send(http.MethodPost, "/portfolio/subaccounts/transfer", transfer(testTransferID, 0, 2, 12_345)); r.status != http.StatusConflict || r.errorCode() != CodeTransferExists {
		t.Fatalf("reused id: %d %s", r.status, r.body)
	}

	// Subaccount balances are dollar strings; /portfolio/balance is cents.
	var balances struct {
		SubaccountBalances []json.RawMessage `json:"subaccount_balances"`
	}
	expect(t, h.get("/portfolio/subaccounts/balances"), http.StatusOK).decode(t, &balances)
	if len(balances.SubaccountBalances) != 3 || !json.Valid(balances.SubaccountBalances[2]) {
		t.Fatalf("balances %s", balances.SubaccountBalances)
	}
	var row map[string]any
	_ = json.Unmarshal(balances.SubaccountBalances[2], &row)
	if row["balance"] != "123.4500" || row["subaccount_number"] != float64(2) || row["exchange_index"] != float64(0) {
		t.Fatalf("subaccount 2 row %v", row)
	}
	var bal map[string]any
	expect(t, h.get("/portfolio/balance?subaccount=2"), http.StatusOK).decode(t, &bal)
	if bal["balance"] != float64(12_345) {
		t.Fatalf("balance?subaccount=2 %v", bal)
	}

	// An order in subaccount 2 shows under 2 only.
	order := restingBid(m.Ticker, 3)
	order.Subaccount = 2
	var placed model.CreateOrderResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders", order), http.StatusCreated).decode(t, &placed)
	count := func(path string) int {
		t.Helper()
		var page struct {
			Orders []model.Order `json:"orders"`
		}
		expect(t, h.get(path), http.StatusOK).decode(t, &page)
		return len(page.Orders)
	}
	if count("/portfolio/orders?subaccount=2") != 1 || count("/portfolio/orders?subaccount=1") != 0 || count("/portfolio/orders") != 1 {
		t.Fatal("order listing ignores the subaccount")
	}
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+placed.OrderID, nil), http.StatusNotFound)
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders?subaccount=1", nil), http.StatusOK)
	if count("/portfolio/orders?status=resting") != 1 {
		t.Fatal("cancel-all of subaccount 1 cancelled subaccount 2's order")
	}
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+placed.OrderID+"?subaccount=2", nil), http.StatusOK)

	var transfers struct {
		Transfers []model.SubaccountTransfer `json:"transfers"`
		Cursor    string                     `json:"cursor"`
	}
	expect(t, h.get("/portfolio/subaccounts/transfers?limit=10"), http.StatusOK).decode(t, &transfers)
	if len(transfers.Transfers) != 1 || transfers.Transfers[0].AmountCents != 12_345 || transfers.Transfers[0].ToSubaccount != 2 {
		t.Fatalf("transfers %+v", transfers)
	}

	expect(t, h.send(http.MethodPut, "/portfolio/subaccounts/netting", map[string]any{"subaccount_number": 1, "enabled": false}), http.StatusOK)
	var netting struct {
		NettingConfigs []model.NettingConfig `json:"netting_configs"`
	}
	expect(t, h.get("/portfolio/subaccounts/netting"), http.StatusOK).decode(t, &netting)
	if len(netting.NettingConfigs) != 3 || netting.NettingConfigs[1].Enabled || !netting.NettingConfigs[2].Enabled {
		t.Fatalf("netting %+v", netting)
	}

	// Bad subaccounts get Kalshi's wrapped error.
	for _, path := range []string{
		"/portfolio/balance?subaccount=64", "/portfolio/balance?subaccount=abc", "/portfolio/balance?subaccount=5",
		"/portfolio/positions?subaccount=-1", "/portfolio/orders?subaccount=9", "/portfolio/fills?subaccount=9",
		"/portfolio/settlements?subaccount=9", "/portfolio/orders/queue_positions?subaccount=9",
	} {
		if r := h.get(path); r.status != http.StatusBadRequest || r.errorCode() != CodeInvalidSubaccount {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		}
	}
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{http.MethodPut, "/portfolio/subaccounts/netting", map[string]any{"subaccount_number": 9, "enabled": true}},
		{http.MethodDelete, "/portfolio/events/orders?subaccount=64", nil},
		{http.MethodPost, "/portfolio/events/orders", func() any { o := restingBid(m.Ticker, 1); o.Subaccount = 9; return o }()},
	} {
		if r := h.send(c.method, c.path, c.body); r.status != http.StatusBadRequest || r.errorCode() != CodeInvalidSubaccount {
			t.Errorf("%s %s: %d %s", c.method, c.path, r.status, r.body)
		}
	}
	for _, body := range []any{"{", map[string]any{"enabled": true}, map[string]any{"subaccount_number": "x", "enabled": true}} {
		if r := h.send(http.MethodPut, "/portfolio/subaccounts/netting", body); r.status != http.StatusBadRequest {
			t.Errorf("netting body %v: %d %s", body, r.status, r.body)
		}
	}
	if r := h.send(http.MethodPost, "/portfolio/subaccounts/transfer", `{"client_transfer_id":`); r.status != http.StatusBadRequest {
		t.Errorf("malformed transfer: %d %s", r.status, r.body)
	}
}

// The private channels name the subaccount: subaccount_number on
// user_order, subaccount on fill, market_position and the owner's
// orderbook_delta (the latter three only for subaccounts 1–63).
func TestWSSubaccountEchoes(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	e := h.s.Engine()
	sub, _ := e.CreateSubaccount(TraderAccount)
	if err := e.TransferCash(TraderAccount, transfer(testTransferID, 0, sub, 10_000)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1]); err != nil {
		t.Fatal(err)
	}
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"fill", "user_orders", "market_positions", "orderbook_delta"}, "market_ticker": m.Ticker})
	c.readType("orderbook_snapshot")
	h.place(TraderAccount, inSub(bidAt(m.Ticker, "0.55", 2), sub))
	h.place("bob", askAt(m.Ticker, "0.55", 2))
	seen := map[string]bool{}
	for len(seen) < 4 {
		f := c.read()
		var msg struct {
			Subaccount       *int `json:"subaccount"`
			SubaccountNumber *int `json:"subaccount_number"`
		}
		_ = json.Unmarshal(f.Msg, &msg)
		switch f.Type {
		case "user_order":
			if msg.SubaccountNumber == nil || *msg.SubaccountNumber != sub {
				t.Fatalf("user_order %s", f.Msg)
			}
		case "fill", "market_position":
			if msg.Subaccount == nil || *msg.Subaccount != sub {
				t.Fatalf("%s %s", f.Type, f.Msg)
			}
		case "orderbook_delta":
			if seen[f.Type] {
				continue // bob's ask taking the level carries no subaccount
			}
			if msg.Subaccount == nil || *msg.Subaccount != sub {
				t.Fatalf("own delta %s", f.Msg)
			}
		default:
			continue
		}
		seen[f.Type] = true
	}
}

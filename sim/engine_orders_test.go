package sim

import (
	"net/http"
	"testing"
	"time"

	"ladder/model"
)

func TestEngineCrossAtRestingPrice(t *testing.T) {
	f := newEngFixture(t, model.DefaultTakerFee)
	bid := f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 10))
	if bid.RemainingCount != model.Contracts(10) || bid.FillCount != 0 {
		t.Fatalf("resting bid: %+v", bid)
	}
	// Bob sells YES at 0.35 (a NO bid at 0.65): he crosses and trades at
	// the resting 0.40, paying the NO price 0.60.
	ask := f.create(engBob, engGTC(mktGame, model.Ask, "0.35", 4))
	if ask.FillCount != model.Contracts(4) || ask.RemainingCount != 0 {
		t.Fatalf("taker: %+v", ask)
	}
	if ask.AverageFillPrice == nil || *ask.AverageFillPrice != model.Money(400_000) {
		t.Fatalf("average fill price %v, want 0.40 in YES terms", ask.AverageFillPrice)
	}
	wantFee := model.TradeFee(model.DefaultTakerFee, model.Contracts(4), model.MustPrice("0.40"))
	if wantFee != 672*100 { // 0.07 × 4 × 0.4 × 0.6 = $0.0672
		t.Fatalf("fee %s", wantFee)
	}
	bf := f.e.Fills(engBob, FillFilter{})
	af := f.e.Fills(engAlice, FillFilter{})
	if len(bf) != 1 || len(af) != 1 {
		t.Fatalf("fills: bob %d alice %d", len(bf), len(af))
	}
	if bf[0].YesPrice != model.MustPrice("0.40") || bf[0].NoPrice != model.MustPrice("0.60") || !bf[0].IsTaker ||
		bf[0].FeeCost != wantFee || bf[0].BookSide != model.Ask || bf[0].OutcomeSide != "no" || bf[0].Count != model.Contracts(4) {
		t.Fatalf("bob's fill %+v", bf[0])
	}
	if af[0].IsTaker || af[0].FeeCost != 0 || af[0].TradeID != bf[0].TradeID || af[0].OrderID != bid.OrderID || af[0].FillID == bf[0].FillID {
		t.Fatalf("alice's fill %+v", af[0])
	}
	if got := f.e.Balance(engBob).BalanceDollars; got != 1000*model.Dollar-model.Notional(model.MustPrice("0.60"), model.Contracts(4))-wantFee {
		t.Fatalf("bob balance %s", got)
	}
	pos := f.e.Positions(engAlice, mktGame, "")
	if len(pos) != 1 || pos[0].Position != model.Contracts(4) || pos[0].MarketExposure != model.Notional(model.MustPrice("0.40"), model.Contracts(4)) {
		t.Fatalf("alice positions %+v", pos)
	}
	if p := f.e.Positions(engBob, "", ""); len(p) != 1 || p[0].Position != -model.Contracts(4) || p[0].FeesPaid != wantFee {
		t.Fatalf("bob positions %+v", p)
	}
	ob, _ := f.e.Orderbook(mktGame, 0)
	if len(ob.Yes) != 1 || ob.Yes[0] != (model.Level{Price: model.MustPrice("0.40"), Qty: model.Contracts(6)}) || len(ob.No) != 0 {
		t.Fatalf("book %+v", ob)
	}
	m, _ := f.e.Market(mktGame)
	if m.LastPrice != model.MustPrice("0.40") || m.Volume != model.Contracts(4) || m.OpenInterest != model.Contracts(4) {
		t.Fatalf("market stats %+v", m)
	}
	if trades := f.e.Trades(mktGame, 0, 0); len(trades) != 1 || trades[0].TakerBookSide != model.Ask || trades[0].TakerOutcomeSide != "no" {
		t.Fatalf("trades %+v", trades)
	}
}

func TestEngineEventsForEveryChange(t *testing.T) {
	f := newEngFixture(t, 0)
	f.create(engAlice, engGTC(mktGame, model.Ask, "0.40", 5)) // NO bid at 0.60
	deltas := f.kinds(EvBookDelta)
	if len(deltas) != 1 || deltas[0].Delta.Side != "no" || deltas[0].Delta.Price != model.MustPrice("0.60") || deltas[0].Delta.Delta != model.Contracts(5) {
		t.Fatalf("deltas %+v", deltas)
	}
	if deltas[0].Account != engAlice || deltas[0].Delta.MarketID == "" {
		t.Fatalf("delta attribution %+v", deltas[0])
	}
	if n := len(f.kinds(EvUserOrder)); n != 1 {
		t.Fatalf("%d user_order events", n)
	}
	tick := f.kinds(EvTicker)
	if len(tick) != 1 || tick[0].TickerMsg.YesAsk != model.MustPrice("0.40") || tick[0].TickerMsg.YesAskSize != model.Contracts(5) {
		t.Fatalf("tickers %+v", tick)
	}
	f.events = nil
	f.create(engBob, engGTC(mktGame, model.Bid, "0.45", 2))
	want := []EventKind{EvBookDelta, EvTrade, EvFill, EvFill, EvUserOrder, EvPosition, EvPosition, EvUserOrder, EvTicker}
	if len(f.events) != len(want) {
		t.Fatalf("events %v", eventKinds(f.events))
	}
	for i, k := range want {
		if f.events[i].Kind != k {
			t.Fatalf("event %d is %s, want %s (all %v)", i, f.events[i].Kind, k, eventKinds(f.events))
		}
	}
	if f.events[2].Account != engAlice || f.events[3].Account != engBob || f.events[3].Fill.PostPosition != model.Contracts(2) {
		t.Fatalf("fill events %+v %+v", f.events[2], f.events[3].Fill)
	}
}

func eventKinds(evs []Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.Kind.String()
	}
	return out
}

func TestEngineFeeRoundsUp(t *testing.T) {
	f := newEngFixture(t, model.DefaultTakerFee)
	f.create(engAlice, engGTC(mktGame, model.Bid, "0.33", 1))
	f.create(engBob, engGTC(mktGame, model.Ask, "0.33", 1))
	// 0.07 × 1 × 0.33 × 0.67 = 0.015477 → $0.0155.
	fills := f.e.Fills(engBob, FillFilter{})
	if len(fills) != 1 || fills[0].FeeCost != model.Money(15_500) {
		t.Fatalf("fee %+v", fills)
	}
	// A configurable maker fee is charged to the resting side.
	g := &engFixture{t: t, clock: newEngClock()}
	g.e = NewEngine(EngineConfig{Seed: 1, TakerFee: 700, MakerFee: 175, Now: g.clock.Now})
	g.e.CreateAccount(engAlice, 100*model.Dollar)
	g.e.CreateAccount(engBob, 100*model.Dollar)
	g.create(engAlice, engGTC(mktGame, model.Bid, "0.50", 2))
	g.create(engBob, engGTC(mktGame, model.Ask, "0.50", 2))
	mf := g.e.Fills(engAlice, FillFilter{})
	if len(mf) != 1 || mf[0].FeeCost != model.TradeFee(175, model.Contracts(2), 5000) || mf[0].FeeCost != model.Money(8_800) {
		t.Fatalf("maker fee %+v", mf) // 0.0175 × 2 × 0.25 = 0.00875 → 0.0088
	}
}

func TestEnginePostOnlyCross(t *testing.T) {
	f := newEngFixture(t, 0)
	f.create(engAlice, engGTC(mktFed, model.Bid, "0.700", 5))
	req := engGTC(mktFed, model.Ask, "0.695", 5)
	req.PostOnly = true
	ae := f.createErr(engBob, req, http.StatusBadRequest, CodeInvalidOrder)
	if ae.Details != "post only cross" {
		t.Fatalf("details %q", ae.Details)
	}
	req.Price = model.MustPrice("0.701")
	resp := f.create(engBob, req)
	if resp.RemainingCount != model.Contracts(5) {
		t.Fatalf("non-crossing post-only should rest: %+v", resp)
	}
	req.TimeInForce = model.IOC
	f.createErr(engBob, req, http.StatusBadRequest, CodeInvalidOrder)
}

func TestEngineIOCRemainderCanceled(t *testing.T) {
	f := newEngFixture(t, 0)
	f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 5))
	req := engGTC(mktGame, model.Ask, "0.40", 8)
	req.TimeInForce = model.IOC
	resp := f.create(engBob, req)
	if resp.FillCount != model.Contracts(5) || resp.RemainingCount != 0 {
		t.Fatalf("IOC %+v", resp)
	}
	o := f.order(engBob, resp.OrderID)
	if o.Status != model.Canceled || o.FillCount != model.Contracts(5) || o.RemainingCount != 0 {
		t.Fatalf("IOC order %+v", o)
	}
	if ob, _ := f.e.Orderbook(mktGame, 0); len(ob.Yes)+len(ob.No) != 0 {
		t.Fatalf("IOC left a level: %+v", ob)
	}
	// An IOC that finds nothing is canceled without fills.
	resp = f.create(engBob, req)
	if o := f.order(engBob, resp.OrderID); o.Status != model.Canceled || o.FillCount != 0 {
		t.Fatalf("empty IOC %+v", o)
	}
}

func TestEngineFOKAllOrNothing(t *testing.T) {
	f := newEngFixture(t, 0)
	f.create(engAlice, engGTC(mktHigh, model.Bid, "0.34", 3))
	f.create(engCarol, engGTC(mktHigh, model.Bid, "0.33", 2))
	req := engGTC(mktHigh, model.Ask, "0.33", 6)
	req.TimeInForce = model.FOK
	resp := f.create(engBob, req)
	if resp.FillCount != 0 || f.order(engBob, resp.OrderID).Status != model.Canceled {
		t.Fatalf("FOK should kill: %+v", resp)
	}
	if ob, _ := f.e.Orderbook(mktHigh, 0); len(ob.Yes) != 2 {
		t.Fatalf("book changed by a killed FOK: %+v", ob)
	}
	req.Count = model.Contracts(5)
	resp = f.create(engBob, req)
	if resp.FillCount != model.Contracts(5) || f.order(engBob, resp.OrderID).Status != model.Executed {
		t.Fatalf("FOK should fill: %+v", resp)
	}
}

func TestEngineSelfTradePrevention(t *testing.T) {
	for _, tc := range []struct {
		stp        model.STP
		wantFill   int64
		wantStatus model.OrderStatus
		wantOwn    model.OrderStatus // alice's resting bid afterwards
		wantRest   int64             // of the incoming order
	}{
		{model.STPTakerAtCross, 2, model.Canceled, model.Resting, 0},
		{model.STPMaker, 2, model.Resting, model.Canceled, 8},
	} {
		t.Run(string(tc.stp), func(t *testing.T) {
			f := newEngFixture(t, 0)
			f.create(engBob, engGTC(mktGame, model.Bid, "0.41", 2))
			own := f.create(engAlice, engGTC(mktGame, model.Bid, "0.40", 5))
			req := engGTC(mktGame, model.Ask, "0.40", 10)
			req.STP = tc.stp
			resp := f.create(engAlice, req)
			o := f.order(engAlice, resp.OrderID)
			if o.FillCount != model.Contracts(tc.wantFill) || o.Status != tc.wantStatus || o.RemainingCount != model.Contracts(tc.wantRest) {
				t.Fatalf("incoming %+v", o)
			}
			if got := f.order(engAlice, own.OrderID).Status; got != tc.wantOwn {
				t.Fatalf("own resting order %s, want %s", got, tc.wantOwn)
			}
			for _, fl := range f.e.Fills(engAlice, FillFilter{}) {
				if fl.OrderID == own.OrderID {
					t.Fatalf("self trade: %+v", fl)
				}
			}
		})
	}
}

func TestEngineReduceOnlyTrims(t *testing.T) {
	f := newEngFixture(t, 0)
	req := engGTC(mktGame, model.Ask, "0.50", 10)
	req.ReduceOnly = true
	f.createErr(engAlice, req, http.StatusBadRequest, CodeInvalidOrder) // flat: nothing to reduce
	f.create(engBob, engGTC(mktGame, model.Ask, "0.50", 3))
	f.create(engAlice, engGTC(mktGame, model.Bid, "0.50", 3)) // alice long 3 YES
	inc := engGTC(mktGame, model.Bid, "0.50", 1)
	inc.ReduceOnly = true
	f.createErr(engAlice, inc, http.StatusBadRequest, CodeInvalidOrder) // would increase
	req.Price = model.MustPrice("0.60")
	resp := f.create(engAlice, req)
	o := f.order(engAlice, resp.OrderID)
	if o.InitialCount != model.Contracts(3) || o.RemainingCount != model.Contracts(3) {
		t.Fatalf("reduce-only not trimmed to the position: %+v", o)
	}
	// Alice closes elsewhere; her resting reduce-only order can no longer
	// reduce, so a taker skips (cancels) it instead of flipping her short.
	ioc := engGTC(mktGame, model.Ask, "0.49", 3)
	ioc.TimeInForce = model.IOC
	f.create(engCarol, engGTC(mktGame, model.Bid, "0.52", 3))
	f.create(engAlice, ioc)
	if p := f.e.Positions(engAlice, mktGame, ""); p[0].Position != 0 {
		t.Fatalf("alice should be flat: %+v", p)
	}
	take := engGTC(mktGame, model.Bid, "0.65", 3)
	take.TimeInForce = model.IOC
	r := f.create(engBob, take)
	if r.FillCount != 0 || f.order(engAlice, resp.OrderID).Status != model.Canceled {
		t.Fatalf("stale reduce-only order traded: %+v", r)
	}
}

func TestEngineExpiration(t *testing.T) {
	f := newEngFixture(t, 0)
	now := f.clock.Now()
	req := engGTC(mktGame, model.Bid, "0.40", 2)
	req.ExpirationTime = now.Unix()
	ae := f.createErr(engAlice, req, http.StatusBadRequest, CodeInvalidOrder)
	if ae.Details != "expiration_time is in the past" {
		t.Fatalf("details %q", ae.Details)
	}
	ioc := req
	ioc.TimeInForce = model.IOC
	ioc.ExpirationTime = now.Unix() + 60
	f.createErr(engAlice, ioc, http.StatusBadRequest, CodeInvalidOrder)
	req.ExpirationTime = now.Unix() + 60
	resp := f.create(engAlice, req)
	f.e.Tick(f.clock.Advance(59 * time.Second))
	if o := f.order(engAlice, resp.OrderID); o.Status != model.Resting || o.ExpirationTime == nil {
		t.Fatalf("expired early: %+v", o)
	}
	f.events = nil
	f.e.Tick(f.clock.Advance(time.Second))
	if o := f.order(engAlice, resp.OrderID); o.Status != model.Canceled {
		t.Fatalf("not expired: %+v", o)
	}
	if d := f.kinds(EvBookDelta); len(d) != 1 || d[0].Delta.Delta != -model.Contracts(2) {
		t.Fatalf("expiry deltas %+v", d)
	}
	f.check()
}

func TestEngineOffGridAndValidation(t *testing.T) {
	f := newEngFixture(t, 0)
	for _, tc := range []struct {
		ticker, price string
		ok            bool
	}{
		{mktGame, "0.405", false}, {mktGame, "0.41", true},
		{mktFed, "0.4055", false}, {mktFed, "0.405", true},
		{mktHigh, "0.405", false}, {mktHigh, "0.055", true}, {mktHigh, "0.955", true},
		{mktInx, "0.0101", true}, {mktInx, "0.5001", false}, {mktInx, "0.501", true},
		{mktGame, "0", false}, {mktGame, "1", false},
	} {
		req := engGTC(tc.ticker, model.Bid, tc.price, 1)
		_, err := f.e.CreateOrder(engAlice, req)
		if tc.ok {
			if err != nil {
				t.Errorf("%s @%s: %v", tc.ticker, tc.price, err)
			}
			continue
		}
		engExpectErr(t, err, http.StatusBadRequest, CodeInvalidPrice)
	}
	bad := func(mut func(*model.CreateOrderRequest), status int, code string) {
		t.Helper()
		req := engGTC(mktGame, model.Bid, "0.30", 1)
		mut(&req)
		f.createErr(engAlice, req, status, code)
	}
	bad(func(r *model.CreateOrderRequest) { r.Count = 0 }, 400, CodeInvalidOrderSize)
	bad(func(r *model.CreateOrderRequest) { r.Count = -5 }, 400, CodeInvalidOrderSize)
	bad(func(r *model.CreateOrderRequest) { r.Side = "buy" }, 400, CodeInvalidOrder)
	bad(func(r *model.CreateOrderRequest) { r.TimeInForce = "" }, 400, CodeInvalidOrder)
	bad(func(r *model.CreateOrderRequest) { r.STP = "" }, 400, CodeInvalidOrder)
	bad(func(r *model.CreateOrderRequest) { r.ClientOrderID = "has space" }, 400, CodeInvalidOrder)
	bad(func(r *model.CreateOrderRequest) { r.Subaccount = 64 }, 400, CodeInvalidSubaccount)
	bad(func(r *model.CreateOrderRequest) { r.Subaccount = 3 }, 400, CodeInvalidSubaccount) // never created
	bad(func(r *model.CreateOrderRequest) { r.Ticker = "" }, 400, CodeInvalidOrder)
	bad(func(r *model.CreateOrderRequest) { r.Ticker = "NOPE" }, 404, CodeNotFound)
	bad(func(r *model.CreateOrderRequest) { r.Ticker = "KXNBAGAME-26NOV29NYKMIA-NYK" }, 400, CodeMarketClosed)
	bad(func(r *model.CreateOrderRequest) { r.OrderGroupID = "missing" }, 400, CodeInvalidOrder)
	if _, err := f.e.CreateOrder("mallory", engGTC(mktGame, model.Bid, "0.30", 1)); err == nil {
		t.Fatalf("unknown account accepted")
	}
	f.check()
}

func TestEngineBalanceChecks(t *testing.T) {
	f := newEngFixture(t, model.DefaultTakerFee)
	f.e.CreateAccount("dave", 10*model.Dollar)
	f.createErr("dave", engGTC(mktGame, model.Bid, "0.50", 20), http.StatusBadRequest, CodeBalanceTooLow) // $10 + fee
	// A NO bid costs 1 − p: selling YES at 0.90 costs $0.10 a contract.
	no := f.create("dave", engGTC(mktGame, model.Ask, "0.90", 20))
	held := model.Notional(model.MustPrice("0.10"), model.Contracts(20)) + model.TradeFee(model.DefaultTakerFee, model.Contracts(20), model.MustPrice("0.10")) + 100
	if got := f.e.Balance("dave").BalanceDollars; got != 10*model.Dollar-held {
		t.Fatalf("available %s, want %s", got, 10*model.Dollar-held)
	}
	f.createErr("dave", engGTC(mktGame, model.Bid, "0.50", 16), http.StatusBadRequest, CodeBalanceTooLow)
	if _, err := f.e.CancelOrder("dave", no.OrderID); err != nil {
		t.Fatal(err)
	}
	if b := f.e.Balance("dave"); b.BalanceDollars != 10*model.Dollar || b.Balance != 1000 {
		t.Fatalf("cancel did not release: %+v", b)
	}
	f.create("dave", engGTC(mktGame, model.Bid, "0.50", 19))
}

func TestEngineDuplicateClientOrderID(t *testing.T) {
	f := newEngFixture(t, 0)
	req := engGTC(mktGame, model.Bid, "0.30", 1)
	req.ClientOrderID = "abc-123"
	first := f.create(engAlice, req)
	if first.ClientOrderID != "abc-123" {
		t.Fatalf("client id not echoed: %+v", first)
	}
	f.createErr(engAlice, req, http.StatusConflict, CodeOrderExists)
	f.create(engBob, req) // ids are per account
	if _, err := f.e.CancelOrder(engAlice, first.OrderID); err != nil {
		t.Fatal(err)
	}
	f.create(engAlice, req) // free again once the first is closed
}

// A killed fill-or-kill order is finished, so its client_order_id must be
// free again (and must not linger in the open-order index).
func TestEngineKilledFOKFreesItsClientOrderID(t *testing.T) {
	f := newEngFixture(t, 0)
	req := engGTC(mktHigh, model.Bid, "0.30", 1)
	req.TimeInForce = model.FOK
	req.ClientOrderID = "fok-1"
	if resp := f.create(engAlice, req); f.order(engAlice, resp.OrderID).Status != model.Canceled {
		t.Fatalf("FOK against an empty book should be killed: %+v", resp)
	}
	req.TimeInForce = model.GTC
	if resp := f.create(engAlice, req); resp.RemainingCount != model.Contracts(1) {
		t.Fatalf("reusing a killed FOK's client_order_id: %+v", resp)
	}
	f.e.mu.Lock()
	defer f.e.mu.Unlock()
	if o := f.e.accounts[engAlice].openByClient["fok-1"]; o == nil || o.tif != model.GTC {
		t.Fatalf("open index holds %+v, want the resting GTC order", o)
	}
}

func TestEngineCancel(t *testing.T) {
	f := newEngFixture(t, 0)
	r := f.create(engAlice, engGTC(mktGame, model.Bid, "0.30", 4))
	_, err := f.e.CancelOrder(engBob, r.OrderID)
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	_, err = f.e.CancelOrder(engAlice, "no-such-order")
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	c, err := f.e.CancelOrder(engAlice, r.OrderID)
	if err != nil || c.ReducedBy != model.Contracts(4) || c.OrderID != r.OrderID {
		t.Fatalf("cancel %+v %v", c, err)
	}
	_, err = f.e.CancelOrder(engAlice, r.OrderID)
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	f.check()
}

func TestEngineBatchCreatePerItem(t *testing.T) {
	f := newEngFixture(t, 0)
	resp := f.e.BatchCreate(engAlice, []model.CreateOrderRequest{
		engGTC(mktGame, model.Bid, "0.30", 1),
		engGTC(mktGame, model.Bid, "0.305", 1),
		engGTC(mktFed, model.Ask, "0.705", 2),
	})
	if len(resp.Orders) != 3 {
		t.Fatalf("items %+v", resp.Orders)
	}
	if resp.Orders[0].Error != nil || resp.Orders[0].OrderID == "" || resp.Orders[2].Error != nil || resp.Orders[2].RemainingCount != model.Contracts(2) {
		t.Fatalf("good items failed: %+v", resp.Orders)
	}
	if e := resp.Orders[1].Error; e == nil || e.Code != CodeInvalidPrice || resp.Orders[1].OrderID != "" {
		t.Fatalf("bad item: %+v", resp.Orders[1])
	}
	f.check()
}

func TestEngineBatchCancelAndCancelAll(t *testing.T) {
	f := newEngFixture(t, 0)
	a := f.create(engAlice, engGTC(mktGame, model.Bid, "0.30", 1))
	b := f.create(engAlice, engGTC(mktFed, model.Bid, "0.300", 2))
	c := f.create(engAlice, engGTC(mktHigh, model.Bid, "0.30", 3))
	resp := f.e.BatchCancel(engAlice, []model.BatchCancelOrder{
		{OrderID: a.OrderID},
		{OrderID: "unknown"},
		{OrderID: b.OrderID, MarketTicker: mktGame},
	})
	if len(resp.Orders) != 3 || resp.Orders[0].Error != nil || resp.Orders[0].ReducedBy != model.Contracts(1) {
		t.Fatalf("batch cancel %+v", resp.Orders)
	}
	if e := resp.Orders[1].Error; e == nil || e.Code != CodeNotFound {
		t.Fatalf("unknown item %+v", resp.Orders[1])
	}
	if e := resp.Orders[2].Error; e == nil || e.Code != CodeTickerMismatch {
		t.Fatalf("mismatch item %+v", resp.Orders[2])
	}
	all := f.e.CancelAll(engAlice)
	if len(all.Orders) != 2 || all.Orders[0].OrderID != b.OrderID || all.Orders[1].OrderID != c.OrderID || all.Orders[1].ReducedBy != model.Contracts(3) {
		t.Fatalf("cancel all %+v", all.Orders)
	}
	if n := len(f.e.Orders(engAlice, OrderFilter{Status: "resting"})); n != 0 {
		t.Fatalf("%d orders still resting", n)
	}
	f.check()
}

func TestEngineQueriesAndQueuePositions(t *testing.T) {
	f := newEngFixture(t, 0)
	b1 := f.create(engBob, engGTC(mktGame, model.Bid, "0.30", 2))
	a1 := f.create(engAlice, engGTC(mktGame, model.Bid, "0.30", 5))
	f.clock.Advance(10 * time.Second)
	a2 := f.create(engAlice, engGTC(mktFed, model.Bid, "0.300", 1))
	qp := f.e.QueuePositions(engAlice, mktGame, nil)
	if len(qp) != 1 || qp[0].OrderID != a1.OrderID || qp[0].QueuePosition != model.Contracts(2) {
		t.Fatalf("queue positions %+v", qp)
	}
	if qp := f.e.QueuePositions(engBob, "", []string{b1.OrderID}); len(qp) != 1 || qp[0].QueuePosition != 0 {
		t.Fatalf("bob queue %+v", qp)
	}
	orders := f.e.Orders(engAlice, OrderFilter{})
	if len(orders) != 2 || orders[0].OrderID != a2.OrderID || orders[1].OrderID != a1.OrderID {
		t.Fatalf("orders not newest first: %+v", orders)
	}
	if o := f.e.Orders(engAlice, OrderFilter{EventTicker: "KXFED-26DEC,KXHIGHNY-26NOV28"}); len(o) != 1 || o[0].OrderID != a2.OrderID {
		t.Fatalf("event filter %+v", o)
	}
	if o := f.e.Orders(engAlice, OrderFilter{MaxTs: f.clock.Now().Unix() - 1}); len(o) != 1 || o[0].OrderID != a1.OrderID {
		t.Fatalf("max_ts filter %+v", o)
	}
	if o := f.e.Orders(engAlice, OrderFilter{Status: "executed"}); len(o) != 0 {
		t.Fatalf("status filter %+v", o)
	}
	_, err := f.e.Order(engAlice, b1.OrderID)
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	f.create(engCarol, engGTC(mktGame, model.Ask, "0.30", 3))
	fills := f.e.Fills(engAlice, FillFilter{OrderID: a1.OrderID})
	if len(fills) != 1 || fills[0].Count != model.Contracts(1) {
		t.Fatalf("alice fills %+v", fills)
	}
	if fl := f.e.Fills(engCarol, FillFilter{}); len(fl) != 2 || fl[0].OrderID != fl[1].OrderID || fl[0].TradeID == fl[1].TradeID {
		t.Fatalf("carol fills %+v", fl)
	}
	if fl := f.e.Fills(engCarol, FillFilter{Ticker: mktFed}); len(fl) != 0 {
		t.Fatalf("ticker filter %+v", fl)
	}
}

package sim

import (
	"strings"
	"testing"
	"time"

	"ladder/model"
)

func rollingTicker(t *testing.T, e *Engine, status string) string {
	t.Helper()
	for _, m := range e.Markets() {
		if strings.HasPrefix(m.Ticker, "KXBTC15M-") && m.Status == status {
			return m.Ticker
		}
	}
	t.Fatalf("no %s rolling market", status)
	return ""
}

func lifecycleEvents(f *engFixture) []string {
	var out []string
	for _, ev := range f.kinds(EvLifecycle) {
		out = append(out, ev.Lifecycle.EventType+" "+ev.Ticker)
	}
	return out
}

func TestMarketLifecycleSettlesPositions(t *testing.T) {
	f := newEngFixture(t, model.DefaultTakerFee)
	tk := rollingTicker(t, f.e, "active")
	f.create(engBob, engGTC(tk, model.Ask, "0.60", 3))
	f.create(engAlice, engGTC(tk, model.Bid, "0.60", 3)) // alice long 3 YES, bob long 3 NO
	rest := f.create(engCarol, engGTC(tk, model.Bid, "0.20", 5))
	aliceBefore, bobBefore := f.e.Balance(engAlice).BalanceDollars, f.e.Balance(engBob).BalanceDollars
	f.events = nil

	f.e.Tick(f.clock.Advance(rollingWindow))
	m, _ := f.e.Market(tk)
	if m.Status != statusClosed {
		t.Fatalf("status %s after close time", m.Status)
	}
	if o := f.order(engCarol, rest.OrderID); o.Status != model.Canceled {
		t.Fatalf("resting order survived the close: %+v", o)
	}
	next := rollingTicker(t, f.e, "active")
	if next == tk {
		t.Fatal("no successor window")
	}
	nm, _ := f.e.Market(next)
	if !nm.OpenTime.Equal(m.CloseTime) || !nm.CloseTime.Equal(m.CloseTime.Add(rollingWindow)) {
		t.Fatalf("successor times %v–%v", nm.OpenTime, nm.CloseTime)
	}
	got := strings.Join(lifecycleEvents(f), ",")
	for _, want := range []string{"deactivated " + tk, "created " + next, "activated " + next, "activated KXNBAGAME-26NOV29NYKMIA-NYK"} {
		if !strings.Contains(got, want) {
			t.Fatalf("lifecycle %s lacks %q", got, want)
		}
	}
	_, err := f.e.CreateOrder(engAlice, engGTC(tk, model.Bid, "0.50", 1))
	engExpectErr(t, err, 400, CodeMarketClosed)
	f.create(engAlice, engGTC("KXNBAGAME-26NOV29NYKMIA-NYK", model.Bid, "0.50", 1)) // opened on schedule

	f.e.Tick(f.clock.Advance(determineDelay))
	m, _ = f.e.Market(tk)
	if m.Status != statusDetermined || (m.Result != "yes" && m.Result != "no") || m.SettlementValue == nil {
		t.Fatalf("not determined: %s %q", m.Status, m.Result)
	}
	f.e.Tick(f.clock.Advance(settleDelay - determineDelay))
	m, _ = f.e.Market(tk)
	if m.Status != statusFinalized || m.OpenInterest != 0 {
		t.Fatalf("not settled: %+v", m)
	}
	if p := f.e.Positions(engAlice, tk, ""); len(p) != 0 {
		t.Fatalf("settled position still listed: %+v", p)
	}
	won := model.Notional(model.OneDollar, model.Contracts(3))
	aliceGain := f.e.Balance(engAlice).BalanceDollars - aliceBefore
	bobGain := f.e.Balance(engBob).BalanceDollars - bobBefore
	// Alice also rests a bid on the new NBA market; add its hold back.
	aliceGain += f.e.reservation(model.MustPrice("0.50"), model.Contracts(1))
	if m.Result == "yes" && (aliceGain != won || bobGain != 0) || m.Result == "no" && (bobGain != won || aliceGain != 0) {
		t.Fatalf("result %s: alice +%s bob +%s", m.Result, aliceGain, bobGain)
	}
	if !strings.Contains(strings.Join(lifecycleEvents(f), ","), "settled "+tk) {
		t.Fatalf("no settled event: %v", lifecycleEvents(f))
	}
	f.check()
}

func TestMarketCatalogueFollowsTheClock(t *testing.T) {
	later := time.Date(2027, time.March, 3, 22, 30, 0, 0, time.UTC)
	e := NewEngine(EngineConfig{Seed: 1, Now: func() time.Time { return later }})
	found := map[string]bool{}
	for _, m := range e.Markets() {
		found[m.EventTicker] = true
		if m.Status == "active" && (m.OpenTime.After(later) || !m.CloseTime.After(later)) {
			t.Errorf("%s active outside %v–%v", m.Ticker, m.OpenTime, m.CloseTime)
		}
	}
	for _, ev := range []string{"KXFED-27MAR", "KXHIGHNY-27MAR04", "KXNBAGAME-27MAR04LALBOS", "KXINXU-27MAR04H1600"} {
		if !found[ev] {
			t.Errorf("event %s missing: %v", ev, found)
		}
	}
}

func TestMarketOrderbookDepthAndSnapshot(t *testing.T) {
	f := newEngFixture(t, 0)
	for _, p := range []string{"0.30", "0.31", "0.32"} {
		f.create(engAlice, engGTC(mktGame, model.Bid, p, 1))
	}
	f.create(engBob, engGTC(mktGame, model.Ask, "0.40", 2))
	ob, err := f.e.Orderbook(mktGame, 2)
	if err != nil || len(ob.Yes) != 2 || ob.Yes[0].Price != model.MustPrice("0.31") || ob.Yes[1].Price != model.MustPrice("0.32") {
		t.Fatalf("depth 2: %+v %v", ob, err)
	}
	if len(ob.No) != 1 || ob.No[0].Price != model.MustPrice("0.60") {
		t.Fatalf("NO side in NO terms: %+v", ob.No)
	}
	if _, err := f.e.Orderbook("NOPE", 0); err == nil {
		t.Fatal("unknown market")
	}
	var snap model.BookSnapshotMsg
	if err := f.e.Snapshot(mktGame, func(s model.BookSnapshotMsg) { snap = s }); err != nil {
		t.Fatal(err)
	}
	if len(snap.Yes) != 3 || len(snap.No) != 1 || snap.MarketID == "" {
		t.Fatalf("snapshot %+v", snap)
	}
	m, _ := f.e.Market(mktGame)
	if m.YesBid != model.MustPrice("0.32") || m.YesAsk != model.MustPrice("0.40") || m.NoBid != model.MustPrice("0.60") || m.NoAsk != model.MustPrice("0.68") {
		t.Fatalf("market top %s/%s %s/%s", m.YesBid, m.YesAsk, m.NoBid, m.NoAsk)
	}
}

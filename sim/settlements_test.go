package sim

import (
	"net/http"
	"testing"

	"ladder/model"
)

// settleRolling runs the clock past the rolling market's close,
// determination and settlement.
func settleRolling(f *engFixture) {
	f.e.Tick(f.clock.Advance(rollingWindow))
	f.e.Tick(f.clock.Advance(determineDelay))
	f.e.Tick(f.clock.Advance(settleDelay - determineDelay))
}

func TestSettlementsRecordEachSubaccountsPosition(t *testing.T) {
	f := newEngFixture(t, model.DefaultTakerFee)
	tk := rollingTicker(t, f.e, "active")
	sub, _ := f.e.CreateSubaccount(engAlice)
	if err := f.e.TransferCash(engAlice, transfer(testTransferID, 0, sub, 10_000)); err != nil {
		t.Fatal(err)
	}
	// Alice: long 3 YES at 60¢ in the primary, long 2 NO (short YES at 70¢)
	// in the subaccount. Carol: in and out again, flat with a fee paid.
	f.create(engBob, engGTC(tk, model.Ask, "0.60", 3))
	f.create(engAlice, engGTC(tk, model.Bid, "0.60", 3))
	f.create(engBob, engGTC(tk, model.Bid, "0.70", 2))
	f.create(engAlice, inSub(engGTC(tk, model.Ask, "0.70", 2), sub))
	f.create(engCarol, engGTC(tk, model.Bid, "0.50", 1))
	f.create(engBob, engGTC(tk, model.Ask, "0.50", 1))
	f.create(engBob, engGTC(tk, model.Bid, "0.45", 1))
	f.create(engCarol, engGTC(tk, model.Ask, "0.45", 1))
	settleRolling(f)
	m, _ := f.e.Market(tk)
	if m.Status != statusFinalized {
		t.Fatalf("market %s", m.Status)
	}

	all, err := f.e.Settlements(engAlice, SettlementFilter{})
	if err != nil || len(all) != 2 {
		t.Fatalf("settlements %+v %v", all, err)
	}
	zero := 0
	primary, _ := f.e.Settlements(engAlice, SettlementFilter{Subaccount: &zero})
	inSubacct, _ := f.e.Settlements(engAlice, SettlementFilter{Subaccount: &sub, Ticker: tk, EventTicker: m.EventTicker})
	if len(primary) != 1 || len(inSubacct) != 1 {
		t.Fatalf("per subaccount: %+v / %+v", primary, inSubacct)
	}
	yes := m.Result == "yes"
	p, s := primary[0], inSubacct[0]
	if p.YesCount != model.Contracts(3) || p.NoCount != 0 || p.YesTotalCost != model.Notional(model.MustPrice("0.60"), model.Contracts(3)) {
		t.Fatalf("primary settlement %+v", p)
	}
	if s.NoCount != model.Contracts(2) || s.YesCount != 0 || s.NoTotalCost != model.Notional(model.MustPrice("0.30"), model.Contracts(2)) {
		t.Fatalf("subaccount settlement %+v", s)
	}
	wantP, wantS, wantValue := int64(0), int64(200), int64(0)
	if yes {
		wantP, wantS, wantValue = 300, 0, 100
	}
	if p.Revenue != wantP || s.Revenue != wantS || *p.Value != wantValue || p.MarketResult != m.Result {
		t.Fatalf("result %s: revenue %d/%d value %d", m.Result, p.Revenue, s.Revenue, *p.Value)
	}
	if p.FeeCost <= 0 || s.FeeCost <= 0 || !p.SettledTime.Equal(f.clock.Now()) || p.EventTicker != m.EventTicker {
		t.Fatalf("fees or time: %+v", p)
	}
	if bobs, _ := f.e.Settlements(engBob, SettlementFilter{}); len(bobs) != 1 {
		t.Fatalf("bob %+v", bobs)
	}
	// A flat position still settles, with its fees.
	if c, _ := f.e.Settlements(engCarol, SettlementFilter{}); len(c) != 1 || c[0].YesCount != 0 || c[0].NoCount != 0 || c[0].Revenue != 0 || c[0].FeeCost <= 0 {
		t.Fatalf("carol %+v", c)
	}
	if none, _ := f.e.Settlements(engAlice, SettlementFilter{MaxTs: f.clock.Now().Unix() - 1}); len(none) != 0 {
		t.Fatalf("max_ts filter %+v", none)
	}
	// Bots keep no settlement history.
	for id, a := range f.e.accounts {
		if a.internal && len(a.settlements) > 0 {
			t.Fatalf("bot %s kept settlements", id)
		}
	}
	f.check()
}

func TestRESTSettlements(t *testing.T) {
	h := start(t, nil)
	e := h.s.Engine()
	tk := rollingTicker(t, e, "active")
	if _, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1]); err != nil {
		t.Fatal(err)
	}
	h.place("bob", askAt(tk, "0.45", 4))
	h.place(TraderAccount, bidAt(tk, "0.45", 4))
	h.clock.Advance(rollingWindow)
	e.Tick(h.clock.Now())
	h.clock.Advance(settleDelay)
	e.Tick(h.clock.Now())

	var page struct {
		Settlements []map[string]any `json:"settlements"`
		Cursor      string           `json:"cursor"`
	}
	expect(t, h.get("/portfolio/settlements?limit=5&ticker="+tk), http.StatusOK).decode(t, &page)
	if len(page.Settlements) != 1 {
		t.Fatalf("settlements %+v", page)
	}
	s := page.Settlements[0]
	for _, key := range []string{"ticker", "event_ticker", "exchange_index", "market_result", "yes_count_fp", "no_count_fp",
		"yes_total_cost_dollars", "no_total_cost_dollars", "revenue", "value", "fee_cost", "settled_time"} {
		if _, ok := s[key]; !ok {
			t.Errorf("settlement lacks %s: %v", key, s)
		}
	}
	if s["yes_count_fp"] != "4.00" || s["yes_total_cost_dollars"] != "1.8000" {
		t.Fatalf("settlement %v", s)
	}
	if _, isNum := s["revenue"].(float64); !isNum {
		t.Fatalf("revenue is not integer cents: %v", s["revenue"])
	}
	if r := h.get("/portfolio/settlements?min_ts=x"); r.status != http.StatusBadRequest {
		t.Fatalf("bad min_ts: %d", r.status)
	}
}

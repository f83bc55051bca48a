package board

import (
	"fmt"
	"testing"

	"ladder/model"
	"ladder/themes"
	"ladder/ui/internal/goldens"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Golden files: `go test ./ui/board/ -update` refreshes them. Each case is
// kept in the 256-colour profile and as plain text for review.

func px(s string) model.Price { return model.MustPrice(s) }
func c(n int64) model.Qty     { return model.Contracts(n) }
func f64(v float64) *float64  { return &v }

// brackets is a temperature event whose best asks add up, with fees, to
// less than $1: buying every bracket pays.
func brackets() (model.Event, map[string]Quote) {
	ev := model.Event{EventTicker: "KXHIGHNY-26DEC03", Title: "Highest temperature in NYC on Dec 3, 2026", MutuallyExclusive: true}
	specs := []struct {
		sfx, sub   string
		kind       string
		floor, cap *float64
		q          Quote
	}{
		{"T45", "44° or below", "less", nil, f64(45), Quote{Bid: px("0.06"), Ask: px("0.07"), BidSize: c(40), AskSize: c(25), Last: px("0.07"), Volume: c(1200)}},
		{"B45.5", "45° to 46°", "between", f64(45), f64(46), Quote{Bid: px("0.13"), Ask: px("0.14"), BidSize: c(60), AskSize: c(30), Last: px("0.13"), Volume: c(2500)}},
		{"B47.5", "47° to 48°", "between", f64(47), f64(48), Quote{Bid: px("0.31"), Ask: px("0.32"), BidSize: c(80), AskSize: c(12), Last: px("0.32"), Volume: c(4100)}},
		{"B49.5", "49° to 50°", "between", f64(49), f64(50), Quote{Bid: px("0.23"), Ask: px("0.24"), BidSize: c(55), AskSize: c(40), Last: px("0.24"), Volume: c(3300)}},
		{"B51.5", "51° to 52°", "between", f64(51), f64(52), Quote{Bid: px("0.08"), Ask: px("0.09"), BidSize: c(35), AskSize: c(18), Last: px("0.08"), Volume: c(900)}},
		{"T52", "53° or above", "greater", f64(52), nil, Quote{Bid: px("0.02"), Ask: px("0.03"), BidSize: c(22), AskSize: c(50), Last: px("0.03"), Volume: c(600)}},
	}
	quotes := map[string]Quote{}
	// Listed out of order: the board sorts by strike.
	for _, i := range []int{2, 0, 5, 1, 4, 3} {
		s := specs[i]
		t := ev.EventTicker + "-" + s.sfx
		ev.Markets = append(ev.Markets, model.Market{Ticker: t, EventTicker: ev.EventTicker, YesSubTitle: s.sub,
			StrikeType: s.kind, FloorStrike: s.floor, CapStrike: s.cap, PriceRanges: model.LinearCentRanges()})
		quotes[t] = s.q
	}
	return ev, quotes
}

// strikes is a Fed strike ladder where "above 4.00%" is priced above
// "above 3.75%", which its YES implies.
func strikes() (model.Event, map[string]Quote) {
	ev := model.Event{EventTicker: "KXFED-26DEC", Title: "Fed decision in Dec 2026"}
	quotes := map[string]Quote{}
	for _, s := range []struct {
		strike   string
		v        float64
		bid, ask string
	}{{"3.25", 3.25, "0.97", "0.98"}, {"3.50", 3.50, "0.88", "0.90"}, {"3.75", 3.75, "0.40", "0.42"}, {"4.00", 4.00, "0.44", "0.46"}, {"4.25", 4.25, "0.02", "0.03"}} {
		t := ev.EventTicker + "-T" + s.strike
		ev.Markets = append(ev.Markets, model.Market{Ticker: t, EventTicker: ev.EventTicker, YesSubTitle: "Above " + s.strike + "%",
			StrikeType: "greater", FloorStrike: f64(s.v), PriceRanges: model.DeciCentRanges()})
		quotes[t] = Quote{Bid: px(s.bid), Ask: px(s.ask), BidSize: c(10), AskSize: c(20), Last: px(s.bid), Volume: c(500)}
	}
	return ev, quotes
}

func ctxFor(st *styles.Styles, quotes map[string]Quote, mine map[string]Mine) Ctx {
	return Ctx{
		Styles: st,
		Quote: func(t string) (Quote, bool) {
			q, ok := quotes[t]
			return q, ok
		},
		Mine:   func(t string) Mine { return mine[t] },
		Prices: func(string) text.PriceFormat { return text.PriceFormatOf(model.LinearCentRanges()) },
		Fee:    model.DefaultTakerFee, Qty: c(5), Subaccount: "sub 2",
	}
}

func TestGoldenBoard(t *testing.T) {
	km := keys.DefaultKeyMap()
	for _, theme := range []string{"dark", "mono"} {
		th, err := themes.ByName(theme)
		if err != nil {
			t.Fatal(err)
		}
		st := styles.New(th)
		for _, sz := range [][2]int{{80, 22}, {120, 38}, {200, 58}} {
			for _, tc := range []struct {
				name string
				make func() (model.Event, map[string]Quote)
			}{{"brackets-gap", brackets}, {"strikes-inverted", strikes}} {
				t.Run(fmt.Sprintf("%s/%s/%dx%d", tc.name, theme, sz[0], sz[1]), func(t *testing.T) {
					ev, quotes := tc.make()
					bp := New(&km)
					bp.SetSize(sz[0], sz[1])
					bp.SetEvent(ev, ev.Markets[0].Ticker)
					mine := map[string]Mine{ev.Markets[0].Ticker: {Pos: c(12), Bids: c(5), Orders: 1},
						ev.Markets[1].Ticker: {Pos: c(-3), Asks: c(10), Orders: 2}}
					lines := bp.View(ctxFor(&st, quotes, mine))
					if len(lines) != sz[1] {
						t.Fatalf("%d lines, want %d", len(lines), sz[1])
					}
					for i, l := range lines {
						if w := text.Width(text.Strip(l)); w != sz[0] {
							t.Fatalf("line %d is %d cells, want %d: %q", i, w, sz[0], text.Strip(l))
						}
					}
					goldens.RequireLines(t, lines)
				})
			}
		}
	}
}

func TestSetSumsAgainstOneDollar(t *testing.T) {
	ev, quotes := brackets()
	bp := New(nil)
	bp.SetEvent(ev, "")
	rows := bp.Rows(ctxFor(nil, quotes, nil))
	buy := SumSet(rows, true, model.DefaultTakerFee)
	// Asks 7+14+32+24+9+3 = 89¢; fees 0.07·p·(1−p) rounded up per leg.
	if buy.Gross != px("0.89") || !buy.OK || buy.Sets != c(12) {
		t.Fatalf("buy set %+v, want 89¢ gross, 12 sets", buy)
	}
	var fees model.Price
	for _, a := range []string{"0.07", "0.14", "0.32", "0.24", "0.09", "0.03"} {
		fees += model.Price(model.TradeFee(model.DefaultTakerFee, model.Contract, px(a)) / 100)
	}
	if buy.Fees != fees || buy.Net != px("0.89")+fees || buy.Edge(true) != model.OneDollar-px("0.89")-fees {
		t.Fatalf("buy set %+v, want fees %s", buy, fees)
	}
	if buy.Edge(true) <= 0 {
		t.Fatalf("buying every bracket at %s should be under $1", buy.Net)
	}
	sell := SumSet(rows, false, model.DefaultTakerFee)
	if sell.Gross != px("0.83") || sell.Edge(false) >= 0 {
		t.Fatalf("sell set %+v, want 83¢ gross, under $1", sell)
	}
	// A bracket without an offer: no set to buy.
	q := quotes[ev.Markets[0].Ticker]
	q.Ask = 0
	quotes[ev.Markets[0].Ticker] = q
	if s := SumSet(bp.Rows(ctxFor(nil, quotes, nil)), true, model.DefaultTakerFee); s.OK || s.Missing != "47° to 48°" {
		t.Fatalf("set with a missing offer: %+v", s)
	}
}

func TestInversionsFlagADearerHigherStrike(t *testing.T) {
	ev, quotes := strikes()
	bp := New(nil)
	bp.SetEvent(ev, "")
	rows := bp.Rows(ctxFor(nil, quotes, nil))
	inv := Inversions(rows)
	if len(inv) != 1 || rows[inv[0].Row].Label != "Above 4.00%" || rows[inv[0].Than].Label != "Above 3.75%" {
		t.Fatalf("inversions %+v, want 4.00%% above 3.75%%", inv)
	}
	if !Ladder(&ev) {
		t.Fatal("a strike ladder not recognised")
	}
	// A "below" ladder must rise with the strike.
	for i := range ev.Markets {
		ev.Markets[i].StrikeType = "less"
		ev.Markets[i].CapStrike, ev.Markets[i].FloorStrike = ev.Markets[i].FloorStrike, nil
	}
	bp.SetEvent(ev, "")
	inv = Inversions(bp.Rows(ctxFor(nil, quotes, nil)))
	if len(inv) != 3 {
		t.Fatalf("below-ladder with falling prices: %d inversions, want 3: %+v", len(inv), inv)
	}
}

func TestStrikeOrder(t *testing.T) {
	ev, _ := brackets()
	bp := New(nil)
	bp.SetEvent(ev, "")
	var got []string
	for _, r := range bp.Rows(ctxFor(nil, map[string]Quote{}, nil)) {
		got = append(got, r.Label)
	}
	want := []string{"44° or below", "45° to 46°", "47° to 48°", "49° to 50°", "51° to 52°", "53° or above"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

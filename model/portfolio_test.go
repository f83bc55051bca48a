package model

import (
	"fmt"
	"strings"
	"testing"
)

// fill builds a fill of n hundredths of a contract at a YES price.
func fill(trade string, side BookSide, count Qty, yes Price, fee Money) Fill {
	return Fill{TradeID: trade, OrderID: "o-" + trade, MarketTicker: "KX", BookSide: side,
		Count: count, YesPrice: yes, NoPrice: yes.Complement(), FeeCost: fee}
}

func mustApply(t *testing.T, pf *Portfolio, f Fill) {
	t.Helper()
	applied, err := pf.ApplyFill(f)
	if err != nil || !applied {
		t.Fatalf("ApplyFill(%s) = %v, %v", f.TradeID, applied, err)
	}
}

func TestPortfolioLongThroughZeroToShort(t *testing.T) {
	pf := NewPortfolio()
	type state struct {
		size           Qty
		cost, realized Money
		avg            Money
		avgOK          bool
		exposure       Money
	}
	steps := []struct {
		f    Fill
		want state
	}{
		// Buy 10 YES at 40¢: cost $4, average 40¢.
		{fill("t1", Bid, 1000, 4000, 16_800), state{1000, 4 * Dollar, 0, 400_000, true, 4 * Dollar}},
		// Buy 10 more at 50¢: cost $9, average 45¢.
		{fill("t2", Bid, 1000, 5000, 17_500), state{2000, 9 * Dollar, 0, 450_000, true, 9 * Dollar}},
		// Sell 5 at 60¢: releases $2.25 of cost, realizes +$0.75.
		{fill("t3", Ask, 500, 6000, 8_400), state{1500, 6_750_000, 750_000, 450_000, true, 6_750_000}},
		// Sell 20 at 30¢: closes 15 (−$2.25) and opens 5 short YES at 30¢.
		{fill("t4", Ask, 2000, 3000, 29_400), state{-500, -1_500_000, -1_500_000, 300_000, true, 3_500_000}},
		// Buy 5 back at 25¢: flat, +$0.25 on the short.
		{fill("t5", Bid, 500, 2500, 6_600), state{0, 0, -1_250_000, 0, false, 0}},
	}
	var fees Money
	for i, s := range steps {
		mustApply(t, pf, s.f)
		fees += s.f.FeeCost
		p := pf.Position("KX")
		avg, ok := p.AvgEntry()
		got := state{p.Size, p.Cost, p.Realized, avg, ok, p.Exposure()}
		if got != s.want {
			t.Errorf("after fill %d: %+v, want %+v", i+1, got, s.want)
		}
		if p.Fees != fees {
			t.Errorf("after fill %d: fees %s, want %s", i+1, p.Fees, fees)
		}
	}
	p := pf.Position("KX")
	if p.Volume != 1000+1000+500+2000+500 || p.Fills != 5 {
		t.Errorf("volume %s, fills %d", p.Volume, p.Fills)
	}
	if r, f := pf.Totals(); r != -1_250_000 || f != fees {
		t.Errorf("Totals = %s, %s", r, f)
	}
	if n := p.Net(5000); n != -1_250_000-fees {
		t.Errorf("Net when flat = %s", n)
	}
}

func TestPositionMarks(t *testing.T) {
	long := Position{Size: 1000, Cost: 4 * Dollar, Realized: 500_000, Fees: 20_000}
	short := Position{Size: -500, Cost: -1_500_000} // 5 short YES at 30¢ = 5 NO at 70¢
	tests := []struct {
		name       string
		p          Position
		mark       Price
		unrealized Money
		net        Money
		exposure   Money
	}{
		{"long up", long, 5000, Dollar, Dollar + 500_000 - 20_000, 4 * Dollar},
		{"long down", long, 3500, -500_000, -20_000, 4 * Dollar},
		{"long at entry", long, 4000, 0, 480_000, 4 * Dollar},
		{"long settles YES", long, OneDollar, 6 * Dollar, 6*Dollar + 480_000, 4 * Dollar},
		{"short gains when YES falls", short, 2000, 500_000, 500_000, 3_500_000},
		{"short loses when YES rises", short, 4000, -500_000, -500_000, 3_500_000},
		{"short settles NO", short, 0, 1_500_000, 1_500_000, 3_500_000},
		{"flat", Position{Realized: 7}, 5000, 0, 7, 0},
	}
	for _, tt := range tests {
		if got := tt.p.Unrealized(tt.mark); got != tt.unrealized {
			t.Errorf("%s: Unrealized(%s) = %s, want %s", tt.name, tt.mark, got, tt.unrealized)
		}
		if got := tt.p.Net(tt.mark); got != tt.net {
			t.Errorf("%s: Net(%s) = %s, want %s", tt.name, tt.mark, got, tt.net)
		}
		if got := tt.p.Exposure(); got != tt.exposure {
			t.Errorf("%s: Exposure = %s, want %s", tt.name, got, tt.exposure)
		}
	}
}

// TestPartialCloseRounding: releasing a third of a cost basis that is not
// divisible by three truncates, and the final close releases the exact
// remainder, so realized P&L over a round trip is exact.
func TestPartialCloseRounding(t *testing.T) {
	for _, dir := range []BookSide{Bid, Ask} {
		pf := NewPortfolio()
		mustApply(t, pf, fill("a", dir, 100, 3333, 0))
		mustApply(t, pf, fill("b", dir, 200, 3334, 0)) // cost basis ±$1.0001 for 3 contracts
		sign := Money(dir.Sign())
		if p := pf.Position("KX"); p.Cost != sign*1_000_100 {
			t.Fatalf("%s: cost %s", dir, p.Cost)
		}
		pos := pf.Position("KX")
		avg, _ := pos.AvgEntry()
		if avg != 333_366 { // $0.333366…, truncated to $0.000001
			t.Errorf("%s: AvgEntry = %s", dir, avg)
		}

		mustApply(t, pf, fill("c", dir.Opposite(), 100, 5000, 0))
		p := pf.Position("KX")
		// Released 1,000,100/3 = 333,366.67 → 333,366 (toward zero).
		if p.Cost != sign*666_734 || p.Realized != sign*(500_000-333_366) {
			t.Errorf("%s: after partial close cost %s realized %s", dir, p.Cost, p.Realized)
		}
		mustApply(t, pf, fill("d", dir.Opposite(), 200, 5000, 0))
		p = pf.Position("KX")
		if p.Size != 0 || p.Cost != 0 || p.Realized != sign*(1_500_000-1_000_100) {
			t.Errorf("%s: after full close size %s cost %s realized %s", dir, p.Size, p.Cost, p.Realized)
		}
	}
}

func TestPortfolioDuplicatesAndErrors(t *testing.T) {
	pf := NewPortfolio()
	f := fill("t1", Bid, 1000, 4000, 100)
	mustApply(t, pf, f)
	applied, err := pf.ApplyFill(f)
	if applied || err != nil {
		t.Errorf("duplicate fill: %v, %v", applied, err)
	}
	// The same execution from the feed, converted, is also a duplicate.
	msg := FillMsg{TradeID: "t1", OrderID: "o-t1", MarketTicker: "KX", BookSide: Bid, YesPrice: 4000, Count: 1000}
	if applied, err := pf.ApplyFill(msg.AsFill()); applied || err != nil {
		t.Errorf("feed duplicate of a REST fill: %v, %v", applied, err)
	}
	if p := pf.Position("KX"); p.Size != 1000 || p.Fills != 1 || p.Fees != 100 {
		t.Errorf("duplicate changed the position: %+v", p)
	}
	if !pf.Seen(f.Key()) || pf.Seen(FillKey{"t1", "other"}) {
		t.Error("Seen is wrong")
	}
	// The other party's order in the same trade (a self-trade) is distinct.
	other := f
	other.OrderID = "o-other"
	other.BookSide = Ask
	mustApply(t, pf, other)
	if p := pf.Position("KX"); p.Size != 0 {
		t.Errorf("self-trade left size %s", p.Size)
	}

	for _, bad := range []struct {
		f    Fill
		want string
	}{
		{Fill{OrderID: "o", Count: 100, BookSide: Bid}, "without trade_id"},
		{Fill{TradeID: "t", Count: 100, BookSide: Bid}, "without trade_id/order_id"},
		{Fill{TradeID: "t", OrderID: "o", Count: 0, BookSide: Bid}, "count 0.00 must be positive"},
		{Fill{TradeID: "t", OrderID: "o", Count: -100, BookSide: Bid}, "count -1.00 must be positive"},
		{Fill{TradeID: "t", OrderID: "o", Count: 100, BookSide: "buy"}, `book_side "buy"`},
	} {
		applied, err := pf.ApplyFill(bad.f)
		if applied || err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ApplyFill(%+v) = %v, %v; want error %q", bad.f, applied, err, bad.want)
		}
		if pf.Seen(bad.f.Key()) {
			t.Error("a refused fill was recorded as seen")
		}
	}
}

func TestPortfolioPositions(t *testing.T) {
	pf := NewPortfolio()
	for i, tk := range []string{"KX-B", "KX-A", "KX-C"} {
		f := fill(fmt.Sprint(i), Bid, 100, 5000, 10)
		f.MarketTicker = ""
		f.Ticker = tk // REST fills may carry only ticker
		mustApply(t, pf, f)
	}
	ps := pf.Positions()
	if len(ps) != 3 || ps[0].Ticker != "KX-A" || ps[1].Ticker != "KX-B" || ps[2].Ticker != "KX-C" {
		t.Errorf("Positions = %+v", ps)
	}
	ps[0].Size = 99 // a copy
	if pf.Position("KX-A").Size != 100 {
		t.Error("Positions exposes internal state")
	}
	if p := pf.Position("NONE"); p.Ticker != "NONE" || p.Size != 0 {
		t.Errorf("unknown ticker = %+v", p)
	}
	if _, fees := pf.Totals(); fees != 30 {
		t.Errorf("total fees %s", fees)
	}
}

func TestBookSideHelpers(t *testing.T) {
	if Bid.Outcome() != Yes || Ask.Outcome() != No || Bid.Sign() != 1 || Ask.Sign() != -1 ||
		Bid.Opposite() != Ask || Ask.Opposite() != Bid || !Bid.Valid() || BookSide("yes").Valid() {
		t.Error("BookSide helpers wrong")
	}
}

package model

import "testing"

// fill builds a fill of n hundredths of a contract at a YES price.
func fill(trade string, side BookSide, count Qty, yes Price, fee Money) Fill {
	return Fill{TradeID: trade, OrderID: "o-" + trade, MarketTicker: "KX", BookSide: side,
		Count: count, YesPrice: yes, NoPrice: yes.Complement(), FeeCost: fee}
}

// mustApply applies a fill to a position.
func mustApply(t *testing.T, p *Position, f Fill) {
	t.Helper()
	p.ApplyExecution(f.Count*f.BookSide.Sign(), f.YesPrice, f.FeeCost)
}

func TestPositionLongThroughZeroToShort(t *testing.T) {
	pf := &Position{Ticker: "KX"}
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
		p := *pf
		avg, ok := p.AvgEntry()
		got := state{p.Size, p.Cost, p.Realized, avg, ok, p.Exposure()}
		if got != s.want {
			t.Errorf("after fill %d: %+v, want %+v", i+1, got, s.want)
		}
		if p.Fees != fees {
			t.Errorf("after fill %d: fees %s, want %s", i+1, p.Fees, fees)
		}
	}
	p := *pf
	if p.Volume != 1000+1000+500+2000+500 || p.Fills != 5 {
		t.Errorf("volume %s, fills %d", p.Volume, p.Fills)
	}
	if p.Realized != -1_250_000 || p.Fees != fees {
		t.Errorf("realized %s, fees %s", p.Realized, p.Fees)
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
		pf := &Position{Ticker: "KX"}
		mustApply(t, pf, fill("a", dir, 100, 3333, 0))
		mustApply(t, pf, fill("b", dir, 200, 3334, 0)) // cost basis ±$1.0001 for 3 contracts
		sign := Money(dir.Sign())
		if p := *pf; p.Cost != sign*1_000_100 {
			t.Fatalf("%s: cost %s", dir, p.Cost)
		}
		avg, _ := pf.AvgEntry()
		if avg != 333_366 { // $0.333366…, truncated to $0.000001
			t.Errorf("%s: AvgEntry = %s", dir, avg)
		}

		mustApply(t, pf, fill("c", dir.Opposite(), 100, 5000, 0))
		p := *pf
		// Released 1,000,100/3 = 333,366.67 → 333,366 (toward zero).
		if p.Cost != sign*666_734 || p.Realized != sign*(500_000-333_366) {
			t.Errorf("%s: after partial close cost %s realized %s", dir, p.Cost, p.Realized)
		}
		mustApply(t, pf, fill("d", dir.Opposite(), 200, 5000, 0))
		p = *pf
		if p.Size != 0 || p.Cost != 0 || p.Realized != sign*(1_500_000-1_000_100) {
			t.Errorf("%s: after full close size %s cost %s realized %s", dir, p.Size, p.Cost, p.Realized)
		}
	}
}

func TestBookSideHelpers(t *testing.T) {
	if Bid.Outcome() != Yes || Ask.Outcome() != No || Bid.Sign() != 1 || Ask.Sign() != -1 ||
		Bid.Opposite() != Ask || Ask.Opposite() != Bid || !Bid.Valid() || BookSide("yes").Valid() {
		t.Error("BookSide helpers wrong")
	}
}

package model

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// sampleBook is a 1¢ book with YES bids 40/42/45¢ and NO bids 50/52¢, so
// in YES terms the market is 45¢ bid, 48¢ offered.
func sampleBook(t *testing.T, opts BookOptions) *OrderBook {
	t.Helper()
	b := NewOrderBook("KX-TEST", MustGrid(LinearCentRanges()), opts)
	no := []Level{{5000, 700}, {5200, 2000}}
	if opts.NoInYesTerms {
		no = []Level{{5000, 700}, {4800, 2000}}
	}
	if err := b.ApplySnapshot([]Level{{4000, 1000}, {4200, 1300}, {4500, 500}}, no); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBookQueriesAfterSnapshot(t *testing.T) {
	for _, opts := range []BookOptions{{}, {NoInYesTerms: true}} {
		b := sampleBook(t, opts)
		check := func(what string, got, want any) {
			t.Helper()
			if !equalAny(got, want) {
				t.Errorf("NoInYesTerms=%v %s = %v, want %v", opts.NoInYesTerms, what, got, want)
			}
		}
		bid, ok := b.BestBid(YesTerms)
		check("YES best bid", pair(bid, ok), pair(Level{4500, 500}, true))
		ask, ok := b.BestAsk(YesTerms)
		check("YES best ask", pair(ask, ok), pair(Level{4800, 2000}, true))
		spread, ok := b.Spread(YesTerms)
		check("YES spread", pair(spread, ok), pair(Price(300), true))
		mid, ok := b.Mid(YesTerms)
		check("YES mid", pair(mid, ok), pair(Price(4650), true))

		bid, ok = b.BestBid(NoTerms)
		check("NO best bid", pair(bid, ok), pair(Level{5200, 2000}, true))
		ask, ok = b.BestAsk(NoTerms)
		check("NO best ask", pair(ask, ok), pair(Level{5500, 500}, true))
		spread, ok = b.Spread(NoTerms)
		check("NO spread", pair(spread, ok), pair(Price(300), true))
		mid, ok = b.Mid(NoTerms)
		check("NO mid", pair(mid, ok), pair(Price(5350), true))

		check("YES BidSize 42¢", b.BidSize(YesTerms, 4200), Qty(1300))
		check("YES BidSize 43¢", b.BidSize(YesTerms, 4300), Qty(0))
		check("YES BidSize off grid", b.BidSize(YesTerms, 4250), Qty(0))
		check("YES AskSize 48¢", b.AskSize(YesTerms, 4800), Qty(2000))
		check("YES AskSize 50¢", b.AskSize(YesTerms, 5000), Qty(700))
		check("YES AskSize 1$", b.AskSize(YesTerms, OneDollar), Qty(0))
		check("NO BidSize 50¢", b.BidSize(NoTerms, 5000), Qty(700))
		check("NO AskSize 58¢", b.AskSize(NoTerms, 5800), Qty(1300))
		check("SideSize NO 52¢", b.SideSize(No, 5200), Qty(2000))
		check("SideSize YES 40¢", b.SideSize(Yes, 4000), Qty(1000))
		check("SideSize off grid", b.SideSize(Yes, 4001), Qty(0))

		check("YES TopBids 2", b.TopBids(YesTerms, 2, nil), []Level{{4500, 500}, {4200, 1300}})
		check("YES TopAsks 5", b.TopAsks(YesTerms, 5, nil), []Level{{4800, 2000}, {5000, 700}})
		check("NO TopBids 10", b.TopBids(NoTerms, 10, nil), []Level{{5200, 2000}, {5000, 700}})
		check("NO TopAsks 3", b.TopAsks(NoTerms, 3, nil), []Level{{5500, 500}, {5800, 1300}, {6000, 1000}})
		check("TopBids 0", len(b.TopBids(YesTerms, 0, nil)), 0)
		check("TopBids appends", b.TopBids(YesTerms, 1, []Level{{1, 1}}), []Level{{1, 1}, {4500, 500}})

		check("Levels YES", b.Levels(Yes, nil), []Level{{4000, 1000}, {4200, 1300}, {4500, 500}})
		check("Levels NO", b.Levels(No, nil), []Level{{5000, 700}, {5200, 2000}})
		y, n := b.Totals()
		check("Totals", [2]Qty{y, n}, [2]Qty{2800, 2700})
		check("Empty", b.Empty(), false)
		check("Version", b.Version(), uint64(1))
	}
}

func TestBookEmptyQueries(t *testing.T) {
	b := NewOrderBook("E", MustGrid(LinearCentRanges()), BookOptions{})
	if !b.Empty() {
		t.Error("new book not empty")
	}
	for _, tm := range []Terms{YesTerms, NoTerms} {
		if _, ok := b.BestBid(tm); ok {
			t.Error("BestBid on an empty book")
		}
		if _, ok := b.BestAsk(tm); ok {
			t.Error("BestAsk on an empty book")
		}
		if _, ok := b.Spread(tm); ok {
			t.Error("Spread on an empty book")
		}
		if _, ok := b.Mid(tm); ok {
			t.Error("Mid on an empty book")
		}
		if got := b.TopBids(tm, 5, nil); len(got) != 0 {
			t.Errorf("TopBids on an empty book = %v", got)
		}
	}
	// One-sided: a bid but no offer has no spread.
	if err := b.ApplyDelta(Yes, 3000, 100); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Spread(YesTerms); ok {
		t.Error("Spread with no offers")
	}
	if a, ok := b.BestAsk(NoTerms); !ok || a != (Level{7000, 100}) {
		t.Errorf("NO best ask = %v, %v; want 0.70 × 1", a, ok)
	}
}

func TestBookMidRoundsDown(t *testing.T) {
	b := NewOrderBook("M", MustGrid(centiEdgeRanges()), BookOptions{})
	if err := b.ApplySnapshot([]Level{{101, 100}}, []Level{{9898, 100}}); err != nil {
		t.Fatal(err)
	}
	// bid 0.0101, ask 0.0102 → mid 0.01015 rounds down to 0.0101.
	if mid, ok := b.Mid(YesTerms); !ok || mid != 101 {
		t.Errorf("Mid = %s, %v; want 0.0101", mid, ok)
	}
	if s, _ := b.Spread(YesTerms); s != 1 {
		t.Errorf("Spread = %s, want 0.0001", s)
	}
}

func TestBookDeltas(t *testing.T) {
	b := sampleBook(t, BookOptions{})
	v := b.Version()

	// A new best bid.
	if err := b.ApplyDelta(Yes, 4600, 250); err != nil {
		t.Fatal(err)
	}
	if bid, _ := b.BestBid(YesTerms); bid != (Level{4600, 250}) {
		t.Errorf("best bid after add = %v", bid)
	}
	// Growing an existing level below the best does not move the best.
	if err := b.ApplyDelta(Yes, 4000, 50); err != nil {
		t.Fatal(err)
	}
	if b.SideSize(Yes, 4000) != 1050 {
		t.Errorf("40¢ = %s, want 10.50", b.SideSize(Yes, 4000))
	}
	// Removing the best exactly to zero drops the level and falls back.
	if err := b.ApplyDelta(Yes, 4600, -250); err != nil {
		t.Fatal(err)
	}
	if bid, _ := b.BestBid(YesTerms); bid != (Level{4500, 500}) {
		t.Errorf("best bid after removing 46¢ = %v", bid)
	}
	if slices.Contains(b.Levels(Yes, nil), Level{4600, 0}) {
		t.Error("a zero level is still listed")
	}
	// Removing a NO level moves the YES ask.
	if err := b.ApplyDelta(No, 5200, -2000); err != nil {
		t.Fatal(err)
	}
	if ask, _ := b.BestAsk(YesTerms); ask != (Level{5000, 700}) {
		t.Errorf("YES best ask after removing NO 52¢ = %v", ask)
	}
	// A zero delta is accepted and changes nothing visible.
	if err := b.ApplyDelta(Yes, 4300, 0); err != nil {
		t.Fatal(err)
	}
	if b.SideSize(Yes, 4300) != 0 {
		t.Error("zero delta created a level")
	}
	y, n := b.Totals()
	if y != 1000+50+1300+500 || n != 700 {
		t.Errorf("Totals = %s, %s", y, n)
	}
	if b.Version() != v+5 {
		t.Errorf("Version = %d, want %d", b.Version(), v+5)
	}
	// Emptying one side entirely.
	for _, l := range b.Levels(Yes, nil) {
		if err := b.ApplyDelta(Yes, l.Price, -l.Qty); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := b.BestBid(YesTerms); ok {
		t.Error("YES side should be empty")
	}
	if y, _ := b.Totals(); y != 0 {
		t.Errorf("YES total = %s after emptying", y)
	}
}

func TestBookRefusesBadDeltas(t *testing.T) {
	tests := []struct {
		name  string
		side  Side
		price Price
		delta Qty
		want  string
	}{
		{"negative level", Yes, 4200, -1301, "book KX-TEST: delta -13.01 drives yes 0.4200 below zero"},
		{"negative on an empty level", No, 3000, -1, "book KX-TEST: delta -0.01 drives no 0.3000 below zero"},
		{"off grid", Yes, 4250, 100, "book KX-TEST: delta at off-grid price 0.4250"},
		{"zero price", No, 0, 100, "off-grid price 0.0000"},
		{"one dollar", Yes, OneDollar, 100, "off-grid price 1.0000"},
		{"above one dollar", Yes, OneDollar + 100, 100, "off-grid price 1.0100"},
		{"negative price", No, -100, 100, "off-grid price -0.0100"},
	}
	for _, tt := range tests {
		b := sampleBook(t, BookOptions{})
		before := b.Clone()
		err := b.ApplyDelta(tt.side, tt.price, tt.delta)
		var be *BookError
		if !errors.As(err, &be) {
			t.Errorf("%s: error %v is not a *BookError", tt.name, err)
			continue
		}
		if be.Ticker != "KX-TEST" || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want %q", tt.name, err, tt.want)
		}
		y, n := b.Totals()
		by, bn := before.Totals()
		if !b.Equal(before) || b.Version() != before.Version() || y != by || n != bn {
			t.Errorf("%s: the book changed", tt.name)
		}
		if bid, _ := b.BestBid(YesTerms); bid != (Level{4500, 500}) {
			t.Errorf("%s: best bid moved to %v", tt.name, bid)
		}
	}
}

func TestBookSnapshotReplacesAndRefuses(t *testing.T) {
	b := sampleBook(t, BookOptions{})
	if err := b.ApplySnapshot([]Level{{1000, 100}, {2000, 0}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := b.Levels(Yes, nil); !slices.Equal(got, []Level{{1000, 100}}) {
		t.Errorf("YES after second snapshot = %v (old levels or zero level kept)", got)
	}
	if got := b.Levels(No, nil); len(got) != 0 {
		t.Errorf("NO after second snapshot = %v", got)
	}
	if y, n := b.Totals(); y != 100 || n != 0 {
		t.Errorf("Totals = %s, %s", y, n)
	}

	before := b.Clone()
	for _, bad := range []struct {
		yes, no []Level
		want    string
	}{
		{[]Level{{4250, 100}}, nil, "snapshot yes level 0.4250 off the grid"},
		{nil, []Level{{0, 100}}, "snapshot no level 0.0000 off the grid"},
		{[]Level{{4200, 100}}, []Level{{5000, -100}}, "snapshot no level 0.5000 has negative size -1.00"},
	} {
		err := b.ApplySnapshot(bad.yes, bad.no)
		var be *BookError
		if !errors.As(err, &be) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("snapshot error %v, want %q", err, bad.want)
		}
		if !b.Equal(before) || b.Version() != before.Version() {
			t.Error("a refused snapshot changed the book")
		}
	}
}

// TestNoInYesTerms: with use_yes_price a NO level arrives at its YES price,
// so a NO delta at 0.70 is a NO bid at 30¢.
func TestNoInYesTerms(t *testing.T) {
	g := MustGrid(LinearCentRanges())
	yesPriced := NewOrderBook("X", g, BookOptions{NoInYesTerms: true})
	noPriced := NewOrderBook("X", g, BookOptions{})
	if err := yesPriced.ApplyDelta(No, 7000, 500); err != nil {
		t.Fatal(err)
	}
	if err := noPriced.ApplyDelta(No, 3000, 500); err != nil {
		t.Fatal(err)
	}
	if !yesPriced.Equal(noPriced) {
		t.Error("NO delta at 0.70 with NoInYesTerms differs from a NO bid at 0.30")
	}
	if got := yesPriced.SideSize(No, 3000); got != 500 {
		t.Errorf("NO bid at 30¢ = %s, want 5.00", got)
	}
	if bid, _ := yesPriced.BestBid(NoTerms); bid != (Level{3000, 500}) {
		t.Errorf("NO best bid = %v", bid)
	}
	if ask, _ := yesPriced.BestAsk(YesTerms); ask != (Level{7000, 500}) {
		t.Errorf("YES best ask = %v", ask)
	}
	if got := yesPriced.Levels(No, nil); !slices.Equal(got, []Level{{3000, 500}}) {
		t.Errorf("Levels(No) = %v, want NO terms", got)
	}
	// The YES side is never converted.
	if err := yesPriced.ApplyDelta(Yes, 2000, 100); err != nil || yesPriced.SideSize(Yes, 2000) != 100 {
		t.Errorf("YES delta under NoInYesTerms: %v", err)
	}
	// Removing uses the same convention.
	if err := yesPriced.ApplyDelta(No, 7000, -500); err != nil || yesPriced.SideSize(No, 3000) != 0 {
		t.Errorf("NO removal under NoInYesTerms: %v", err)
	}
	// YES price 1.00 is NO price 0: off the grid.
	if err := yesPriced.ApplyDelta(No, OneDollar, 100); err == nil {
		t.Error("NO delta at YES 1.00 accepted")
	}
}

func TestBookCloneAndCopyFrom(t *testing.T) {
	b := sampleBook(t, BookOptions{})
	c := b.Clone()
	if !c.Equal(b) || c.Ticker != b.Ticker || c.Version() != b.Version() || c.Grid() != b.Grid() {
		t.Fatal("clone differs")
	}
	if err := c.ApplyDelta(Yes, 4900, 100); err != nil {
		t.Fatal(err)
	}
	if b.SideSize(Yes, 4900) != 0 {
		t.Error("a delta on the clone reached the original")
	}
	if err := b.ApplyDelta(No, 5200, -2000); err != nil {
		t.Fatal(err)
	}
	if c.SideSize(No, 5200) != 2000 {
		t.Error("a delta on the original reached the clone")
	}

	// CopyFrom on the same grid reuses storage and does not allocate.
	dst := NewOrderBook("OTHER", b.Grid(), BookOptions{})
	if allocs := testing.AllocsPerRun(10, func() { dst.CopyFrom(c) }); allocs != 0 {
		t.Errorf("CopyFrom on the same grid allocates %.0f times", allocs)
	}
	if !dst.Equal(c) || dst.Ticker != c.Ticker || dst.Version() != c.Version() {
		t.Error("CopyFrom did not copy")
	}
	if bid, _ := dst.BestBid(YesTerms); bid != (Level{4900, 100}) {
		t.Errorf("CopyFrom best bid = %v", bid)
	}
	if err := dst.ApplyDelta(Yes, 4900, -100); err != nil {
		t.Fatal(err)
	}
	if c.SideSize(Yes, 4900) != 100 {
		t.Error("CopyFrom shares storage with its source")
	}

	// CopyFrom across grids takes the source's grid and fresh storage.
	fine := NewOrderBook("FINE", MustGrid(DeciCentRanges()), BookOptions{})
	fine.CopyFrom(c)
	if !fine.Equal(c) || fine.Grid() != c.Grid() {
		t.Error("CopyFrom across grids differs")
	}
	if err := fine.ApplyDelta(Yes, 4900, 5); err != nil {
		t.Fatal(err)
	}
	if c.SideSize(Yes, 4900) != 100 {
		t.Error("CopyFrom across grids shares storage")
	}
}

func TestBookEqual(t *testing.T) {
	a := sampleBook(t, BookOptions{})
	b := sampleBook(t, BookOptions{NoInYesTerms: true})
	if !a.Equal(b) || !b.Equal(a) {
		t.Error("the same levels under both wire conventions should be equal")
	}
	if err := b.ApplyDelta(Yes, 4000, 1); err != nil {
		t.Fatal(err)
	}
	if a.Equal(b) {
		t.Error("books with different YES levels are equal")
	}
	if err := a.ApplyDelta(Yes, 4000, 1); err != nil {
		t.Fatal(err)
	}
	if err := a.ApplyDelta(No, 100, 1); err != nil {
		t.Fatal(err)
	}
	if a.Equal(b) {
		t.Error("books with different NO levels are equal")
	}

	// Regression: books on different grids with the same number of levels
	// compared equal because only the lengths were checked.
	g1 := MustGrid(LinearCentRanges())                              // 1¢ … 99¢
	g2 := MustGrid([]PriceRange{{Start: 50, End: 9850, Step: 100}}) // 0.5¢ … 98.5¢
	if g1.Len() != g2.Len() {
		t.Fatalf("test grids should have equal lengths: %d, %d", g1.Len(), g2.Len())
	}
	x := NewOrderBook("X", g1, BookOptions{})
	y := NewOrderBook("Y", g2, BookOptions{})
	_ = x.ApplyDelta(Yes, 100, 100)
	_ = y.ApplyDelta(Yes, 50, 100)
	if x.Equal(y) {
		t.Error("books at 1¢ and at 0.5¢ compare equal")
	}
	// Two separately built but identical grids still compare equal.
	z := NewOrderBook("Z", MustGrid(LinearCentRanges()), BookOptions{})
	_ = z.ApplyDelta(Yes, 100, 100)
	if !x.Equal(z) {
		t.Error("books on identical grids compare unequal")
	}
}

func TestParseSide(t *testing.T) {
	for in, want := range map[string]Side{"yes": Yes, "no": No} {
		if got, err := ParseSide(in); err != nil || got != want || got.String() != in {
			t.Errorf("ParseSide(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "YES", "bid", "No"} {
		if _, err := ParseSide(in); err == nil || !strings.Contains(err.Error(), `"`+in+`"`) {
			t.Errorf("ParseSide(%q) error = %v", in, err)
		}
	}
}

type okPair struct {
	v  any
	ok bool
}

func pair(v any, ok bool) okPair { return okPair{v, ok} }

// equalAny compares the few shapes the book tests use.
func equalAny(a, b any) bool {
	if la, ok := a.([]Level); ok {
		lb, ok := b.([]Level)
		return ok && slices.Equal(la, lb)
	}
	return a == b
}

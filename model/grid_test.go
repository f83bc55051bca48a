package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// centiEdgeRanges is a center_deci_edge_centi_cent grid: 0.01¢ steps below
// 5¢ and above 95¢, 0.1¢ in between.
func centiEdgeRanges() []PriceRange {
	return []PriceRange{
		{Start: 0, End: 500, Step: 1},
		{Start: 500, End: 9500, Step: 10},
		{Start: 9500, End: OneDollar, Step: 1},
	}
}

func TestStandardGrids(t *testing.T) {
	tests := []struct {
		name        string
		ranges      []PriceRange
		n           int
		first, last Price
		valid       []Price
		invalid     []Price
	}{
		{"linear_cent", LinearCentRanges(), 99, 100, 9900,
			[]Price{100, 5000, 9900},
			[]Price{-1, 0, 1, 50, 150, 9950, OneDollar, OneDollar + 100}},
		{"deci_cent", DeciCentRanges(), 999, 10, 9990,
			[]Price{10, 1230, 9990},
			[]Price{0, 5, 1235, OneDollar}},
		{"tapered_deci_cent", TaperedDeciCentRanges(), 279, 10, 9990,
			[]Price{10, 990, 1000, 1100, 8900, 9000, 9010, 9990},
			[]Price{5, 1010, 1090, 5050, 8990, 9005}},
		{"center_deci_edge_centi_cent", centiEdgeRanges(), 1899, 1, 9999,
			[]Price{1, 499, 500, 510, 5000, 9490, 9500, 9501, 9999},
			[]Price{0, 501, 505, 5005, 9495, OneDollar}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := NewGrid(tt.ranges)
			if err != nil {
				t.Fatal(err)
			}
			if g.Len() != tt.n || len(g.Levels()) != tt.n {
				t.Errorf("Len = %d, want %d", g.Len(), tt.n)
			}
			if g.Level(0) != tt.first || g.Level(g.Len()-1) != tt.last {
				t.Errorf("levels span %s–%s, want %s–%s", g.Level(0), g.Level(g.Len()-1), tt.first, tt.last)
			}
			for i, p := range g.Levels() {
				if i > 0 && p <= g.Levels()[i-1] {
					t.Fatalf("levels not strictly ascending at %d", i)
				}
				if j, ok := g.Index(p); !ok || j != i {
					t.Fatalf("Index(%s) = %d, %v; want %d", p, j, ok, i)
				}
			}
			for _, p := range tt.valid {
				if !g.Valid(p) || g.Check(p) != nil {
					t.Errorf("%s should be valid (Check: %v)", p, g.Check(p))
				}
			}
			for _, p := range tt.invalid {
				if g.Valid(p) || g.Check(p) == nil {
					t.Errorf("%s should be off the grid", p)
				}
				if _, ok := g.Index(p); ok {
					t.Errorf("Index(%s) found an off-grid price", p)
				}
			}
			if !g.Symmetric() {
				t.Error("standard grid should be symmetric")
			}
		})
	}
}

func TestGridRangesIsACopy(t *testing.T) {
	g := MustGrid(TaperedDeciCentRanges())
	r := g.Ranges()
	r[0].Step = 1
	if g.Ranges()[0].Step != 10 {
		t.Error("Ranges exposes the grid's own slice")
	}
}

func TestGridSymmetric(t *testing.T) {
	asym := MustGrid([]PriceRange{{Start: 0, End: 5000, Step: 100}, {Start: 5000, End: OneDollar, Step: 10}})
	if asym.Symmetric() {
		t.Error("1¢ below 50¢ and 0.1¢ above is not symmetric")
	}
	// Every price of the odd half-cent grid has its complement on it.
	half := MustGrid([]PriceRange{{Start: 50, End: 9950, Step: 100}})
	if !half.Symmetric() {
		t.Error("0.5¢, 1.5¢, … 99.5¢ is symmetric")
	}
}

func TestGridCheckMessages(t *testing.T) {
	g := MustGrid(LinearCentRanges())
	tests := []struct {
		p    Price
		want string
	}{
		{0, "price 0.0000 is outside (0, 1)"},
		{OneDollar, "price 1.0000 is outside (0, 1)"},
		{-1, "price -0.0001 is outside (0, 1)"},
		{150, "price 0.0150 is off the market's grid (nearest 0.0100 / 0.0200)"},
		{50, "price 0.0050 is off the market's grid (nearest 0.0100)"},
		{9950, "price 0.9950 is off the market's grid (nearest 0.9900)"},
	}
	for _, tt := range tests {
		err := g.Check(tt.p)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Check(%s) = %v, want %q", tt.p, err, tt.want)
		}
	}
}

func TestGridSnap(t *testing.T) {
	linear := MustGrid(LinearCentRanges())
	tapered := MustGrid(TaperedDeciCentRanges())
	edge := MustGrid(centiEdgeRanges())
	type want struct {
		p  Price
		ok bool
	}
	tests := []struct {
		name              string
		g                 *Grid
		p                 Price
		down, up, nearest want
	}{
		{"on grid", linear, 4200, want{4200, true}, want{4200, true}, want{4200, true}},
		{"tie goes down", linear, 4250, want{4200, true}, want{4300, true}, want{4200, true}},
		{"just above tie", linear, 4251, want{4200, true}, want{4300, true}, want{4300, true}},
		{"below the first level", linear, 50, want{0, false}, want{100, true}, want{100, true}},
		{"zero", linear, 0, want{0, false}, want{100, true}, want{100, true}},
		{"negative", linear, -5, want{0, false}, want{100, true}, want{100, true}},
		{"above the last level", linear, 9950, want{9900, true}, want{0, false}, want{9900, true}},
		{"one dollar", linear, OneDollar, want{9900, true}, want{0, false}, want{9900, true}},
		{"above one dollar", linear, OneDollar + 7, want{9900, true}, want{0, false}, want{9900, true}},
		{"fine band edge", tapered, 995, want{990, true}, want{1000, true}, want{990, true}},
		{"coarse band just above 10¢", tapered, 1005, want{1000, true}, want{1100, true}, want{1000, true}},
		{"coarse band near 11¢", tapered, 1060, want{1000, true}, want{1100, true}, want{1100, true}},
		{"coarse band below 90¢", tapered, 8995, want{8900, true}, want{9000, true}, want{9000, true}},
		{"fine band above 90¢", tapered, 9005, want{9000, true}, want{9010, true}, want{9000, true}},
		{"centi edge to deci center", edge, 505, want{500, true}, want{510, true}, want{500, true}},
		{"deci center to centi edge", edge, 9495, want{9490, true}, want{9500, true}, want{9490, true}},
		{"centi edge below 1¢", edge, 0, want{0, false}, want{1, true}, want{1, true}},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			dir  Rounding
			want want
		}{{Down, tt.down}, {Up, tt.up}, {Nearest, tt.nearest}} {
			p, ok := tt.g.Snap(tt.p, c.dir)
			if ok != c.want.ok || (ok && p != c.want.p) {
				t.Errorf("%s: Snap(%s, %d) = %s, %v; want %s, %v", tt.name, tt.p, c.dir, p, ok, c.want.p, c.want.ok)
			}
			if ok && !tt.g.Valid(p) {
				t.Errorf("%s: Snap returned off-grid %s", tt.name, p)
			}
		}
	}
}

func TestGridNextPrev(t *testing.T) {
	linear := MustGrid(LinearCentRanges())
	tapered := MustGrid(TaperedDeciCentRanges())
	edge := MustGrid(centiEdgeRanges())
	tests := []struct {
		name   string
		g      *Grid
		p      Price
		next   Price
		nextOK bool
		prev   Price
		prevOK bool
	}{
		{"linear middle", linear, 4200, 4300, true, 4100, true},
		{"linear off grid", linear, 4250, 4300, true, 4200, true},
		{"linear bottom", linear, 100, 200, true, 0, false},
		{"linear top", linear, 9900, 0, false, 9800, true},
		{"linear zero", linear, 0, 100, true, 0, false},
		{"linear one dollar", linear, OneDollar, 0, false, 9900, true},
		{"tapered fine to coarse", tapered, 1000, 1100, true, 990, true},
		{"tapered coarse to fine", tapered, 9000, 9010, true, 8900, true},
		{"edge centi to deci", edge, 500, 510, true, 499, true},
		{"edge deci to centi", edge, 9500, 9501, true, 9490, true},
		{"edge top", edge, 9999, 0, false, 9998, true},
	}
	for _, tt := range tests {
		n, ok := tt.g.Next(tt.p)
		if ok != tt.nextOK || n != tt.next {
			t.Errorf("%s: Next(%s) = %s, %v; want %s, %v", tt.name, tt.p, n, ok, tt.next, tt.nextOK)
		}
		p, ok := tt.g.Prev(tt.p)
		if ok != tt.prevOK || p != tt.prev {
			t.Errorf("%s: Prev(%s) = %s, %v; want %s, %v", tt.name, tt.p, p, ok, tt.prev, tt.prevOK)
		}
	}
	// Walking Next from the bottom visits every level once, in order.
	for _, g := range []*Grid{linear, tapered, edge} {
		i := 0
		for p, ok := g.Next(0); ok; p, ok = g.Next(p) {
			if p != g.Level(i) {
				t.Fatalf("walk step %d: %s, want %s", i, p, g.Level(i))
			}
			i++
		}
		if i != g.Len() {
			t.Errorf("walk visited %d of %d levels", i, g.Len())
		}
	}
}

func TestNewGridRejects(t *testing.T) {
	tests := []struct {
		name   string
		ranges []PriceRange
		want   string
	}{
		{"no ranges", nil, "no price ranges"},
		{"zero step", []PriceRange{{0, OneDollar, 0}}, "has step 0.0000"},
		{"negative step", []PriceRange{{0, OneDollar, -100}}, "has step -0.0100"},
		{"start after end", []PriceRange{{5000, 4000, 100}}, "bad range 0.5000–0.4000"},
		{"negative start", []PriceRange{{-100, 5000, 100}}, "bad range -0.0100–0.5000"},
		{"end above one", []PriceRange{{0, OneDollar + 100, 100}}, "bad range 0.0000–1.0100"},
		{"step does not divide", []PriceRange{{0, OneDollar, 300}}, "step 0.0300 does not divide range 0.0000–1.0000"},
		{"only the endpoints", []PriceRange{{0, OneDollar, OneDollar}}, "no prices strictly between 0 and 1"},
		{"one bad band among good", []PriceRange{{0, 1000, 10}, {1000, 9000, 70}}, "does not divide"},
	}
	for _, tt := range tests {
		g, err := NewGrid(tt.ranges)
		if err == nil {
			t.Errorf("%s: NewGrid = %d levels, nil; want an error", tt.name, g.Len())
			continue
		}
		if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "price grid: ") {
			t.Errorf("%s: error %q does not say %q", tt.name, err, tt.want)
		}
	}
}

func TestMarketGridFromJSON(t *testing.T) {
	in := `{"ticker":"KX-TEST","price_ranges":[
		{"start":"0.0000","end":"0.1000","step":"0.0010"},
		{"start":"0.1000","end":"0.9000","step":"0.0100"},
		{"start":"0.9000","end":"1.0000","step":"0.0010"}]}`
	var m Market
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	g, err := m.Grid()
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 279 {
		t.Errorf("tapered grid from JSON has %d levels, want 279", g.Len())
	}
	m.PriceRanges = nil
	if _, err := m.Grid(); err == nil || !strings.Contains(err.Error(), "market KX-TEST: price grid: no price ranges") {
		t.Errorf("empty price_ranges: %v", err)
	}
}

package model

import (
	"fmt"
	"sort"
)

// PriceRange is one band of a market's price_ranges: prices from Start to
// End (inclusive) in steps of Step.
type PriceRange struct {
	Start Price `json:"start"`
	End   Price `json:"end"`
	Step  Price `json:"step"`
}

// Grid is the set of prices an order may carry in one market, strictly
// inside (0, 1). It is immutable after construction and safe to share.
type Grid struct {
	levels []Price // ascending
	// index maps every price 0..$1 to its position in levels, or -1. A dense
	// table (40 KB) instead of a map keeps book updates to a single load.
	index  []int32
	ranges []PriceRange
}

// NewGrid builds a grid from price_ranges. Ranges may touch or overlap at
// their ends (Kalshi's tapered grids share boundaries); steps must divide
// their range.
func NewGrid(ranges []PriceRange) (*Grid, error) {
	if len(ranges) == 0 {
		return nil, fmt.Errorf("price grid: no price ranges")
	}
	seen := make(map[Price]bool)
	for _, r := range ranges {
		if r.Step <= 0 {
			return nil, fmt.Errorf("price grid: range %s–%s has step %s", r.Start, r.End, r.Step)
		}
		if r.Start < 0 || r.End > OneDollar || r.Start > r.End {
			return nil, fmt.Errorf("price grid: bad range %s–%s", r.Start, r.End)
		}
		if (r.End-r.Start)%r.Step != 0 {
			return nil, fmt.Errorf("price grid: step %s does not divide range %s–%s", r.Step, r.Start, r.End)
		}
		for p := r.Start; p <= r.End; p += r.Step {
			if p.InOpenRange() {
				seen[p] = true
			}
		}
	}
	if len(seen) == 0 {
		return nil, fmt.Errorf("price grid: no prices strictly between 0 and 1")
	}
	g := &Grid{levels: make([]Price, 0, len(seen)), index: make([]int32, OneDollar+1), ranges: append([]PriceRange(nil), ranges...)}
	for p := range seen {
		g.levels = append(g.levels, p)
	}
	sort.Slice(g.levels, func(i, j int) bool { return g.levels[i] < g.levels[j] })
	for i := range g.index {
		g.index[i] = -1
	}
	for i, p := range g.levels {
		g.index[p] = int32(i)
	}
	return g, nil
}

// Standard Kalshi grids (kalshi-api.md §7).

// LinearCentRanges is the classic 1¢ grid, 1¢–99¢.
func LinearCentRanges() []PriceRange {
	return []PriceRange{{Start: 0, End: OneDollar, Step: Cent}}
}

// DeciCentRanges is the 0.1¢ grid across the whole range.
func DeciCentRanges() []PriceRange {
	return []PriceRange{{Start: 0, End: OneDollar, Step: 10}}
}

// TaperedDeciCentRanges is 0.1¢ below 10¢ and above 90¢, 1¢ in between.
func TaperedDeciCentRanges() []PriceRange {
	return []PriceRange{
		{Start: 0, End: 10 * Cent, Step: 10},
		{Start: 10 * Cent, End: 90 * Cent, Step: Cent},
		{Start: 90 * Cent, End: OneDollar, Step: 10},
	}
}

// MustGrid builds a grid from constant ranges; it panics on error and is
// meant for the standard grids above, never for input.
func MustGrid(r []PriceRange) *Grid {
	g, err := NewGrid(r)
	if err != nil {
		panic(err)
	}
	return g
}

// Ranges returns a copy of the price ranges the grid was built from.
func (g *Grid) Ranges() []PriceRange { return append([]PriceRange(nil), g.ranges...) }

// Len is the number of valid prices.
func (g *Grid) Len() int { return len(g.levels) }

// Levels returns the valid prices, ascending. The slice is shared: callers
// must not modify it.
func (g *Grid) Levels() []Price { return g.levels }

// Level returns the i-th price (ascending).
func (g *Grid) Level(i int) Price { return g.levels[i] }

// Index returns the position of p in Levels, or false if p is off the grid.
func (g *Grid) Index(p Price) (int, bool) {
	if p < 0 || p > OneDollar {
		return -1, false
	}
	i := g.index[p]
	return int(i), i >= 0
}

// Valid reports whether p is a price an order may carry.
func (g *Grid) Valid(p Price) bool {
	_, ok := g.Index(p)
	return ok
}

// Check returns a descriptive error when p is off the grid.
func (g *Grid) Check(p Price) error {
	if g.Valid(p) {
		return nil
	}
	if !p.InOpenRange() {
		return fmt.Errorf("price %s is outside (0, 1)", p)
	}
	lo, okLo := g.Snap(p, Down)
	hi, okHi := g.Snap(p, Up)
	switch {
	case okLo && okHi:
		return fmt.Errorf("price %s is off the market's grid (nearest %s / %s)", p, lo, hi)
	case okLo:
		return fmt.Errorf("price %s is off the market's grid (nearest %s)", p, lo)
	default:
		return fmt.Errorf("price %s is off the market's grid (nearest %s)", p, hi)
	}
}

// Rounding says which way Snap moves an off-grid price.
type Rounding int

// Rounding directions.
const (
	Nearest Rounding = iota // ties go down (toward the cheaper price)
	Down
	Up
)

// Snap moves p onto the grid. It reports false only when no grid price
// exists in that direction (e.g. snapping 99.95¢ up on a 1¢ grid).
func (g *Grid) Snap(p Price, dir Rounding) (Price, bool) {
	if g.Valid(p) {
		return p, true
	}
	i := sort.Search(len(g.levels), func(i int) bool { return g.levels[i] >= p })
	// levels[i-1] < p < levels[i]
	switch dir {
	case Down:
		if i == 0 {
			return 0, false
		}
		return g.levels[i-1], true
	case Up:
		if i == len(g.levels) {
			return 0, false
		}
		return g.levels[i], true
	default:
		switch {
		case i == 0:
			return g.levels[0], true
		case i == len(g.levels):
			return g.levels[i-1], true
		case p-g.levels[i-1] <= g.levels[i]-p:
			return g.levels[i-1], true
		default:
			return g.levels[i], true
		}
	}
}

// Next is the next higher grid price after p (p need not be on the grid).
func (g *Grid) Next(p Price) (Price, bool) {
	i := sort.Search(len(g.levels), func(i int) bool { return g.levels[i] > p })
	if i == len(g.levels) {
		return 0, false
	}
	return g.levels[i], true
}

// Prev is the next lower grid price before p.
func (g *Grid) Prev(p Price) (Price, bool) {
	i := sort.Search(len(g.levels), func(i int) bool { return g.levels[i] >= p })
	if i == 0 {
		return 0, false
	}
	return g.levels[i-1], true
}

// Symmetric reports whether p on the grid implies 1−p on the grid, which is
// what lets one price column show both the YES and the NO book.
func (g *Grid) Symmetric() bool {
	for _, p := range g.levels {
		if !g.Valid(p.Complement()) {
			return false
		}
	}
	return true
}

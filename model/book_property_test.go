package model

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// refBook is the obvious model of a book: a map per side from the side's
// own price to a positive size. The property tests check OrderBook against
// it.
type refBook [2]map[Price]Qty

func newRefBook() refBook { return refBook{{}, {}} }

// add applies a delta the way Kalshi specifies it; false when it would go
// negative.
func (r refBook) add(s Side, p Price, d Qty) bool {
	n := r[s][p] + d
	switch {
	case n < 0:
		return false
	case n == 0:
		delete(r[s], p)
	default:
		r[s][p] = n
	}
	return true
}

// wire lists one side as snapshot levels, in the book's wire convention.
func (r refBook) wire(s Side, opts BookOptions) []Level {
	var out []Level
	for p, q := range r[s] {
		if s == No && opts.NoInYesTerms {
			p = p.Complement()
		}
		out = append(out, Level{p, q})
	}
	slices.SortFunc(out, func(a, b Level) int { return int(a.Price - b.Price) })
	return out
}

// best is the brute-force best bid of one side in its own terms.
func (r refBook) best(s Side) (Level, bool) {
	var best Level
	found := false
	for p, q := range r[s] {
		if !found || p > best.Price {
			best, found = Level{p, q}, true
		}
	}
	return best, found
}

// checkAgainst compares every query of b with the reference.
func (r refBook) checkAgainst(t *testing.T, b *OrderBook, ctx string) {
	t.Helper()
	for _, s := range []Side{Yes, No} {
		tm := Terms(s) // YES bids are bids in YES terms, NO bids in NO terms
		want, wantOK := r.best(s)
		got, gotOK := b.BestBid(tm)
		if got != want || gotOK != wantOK {
			t.Fatalf("%s: best %s bid = %v %v, brute force %v %v", ctx, s, got, gotOK, want, wantOK)
		}
		ask, askOK := b.BestAsk(1 - tm)
		if askOK != wantOK || (wantOK && ask != (Level{want.Price.Complement(), want.Qty})) {
			t.Fatalf("%s: best ask from %s = %v %v, brute force %v %v", ctx, s, ask, askOK, want, wantOK)
		}
	}
}

func TestBookSnapshotPlusDeltasEqualsFinalSnapshot(t *testing.T) {
	grids := map[string]*Grid{
		"linear_cent":                 MustGrid(LinearCentRanges()),
		"tapered_deci_cent":           MustGrid(TaperedDeciCentRanges()),
		"center_deci_edge_centi_cent": MustGrid(centiEdgeRanges()),
	}
	const seeds, steps = 40, 400
	for name, g := range grids {
		for _, opts := range []BookOptions{{}, {NoInYesTerms: true}} {
			for seed := int64(1); seed <= seeds; seed++ {
				ctx := fmt.Sprintf("%s NoInYesTerms=%v seed %d", name, opts.NoInYesTerms, seed)
				runBookProperty(t, g, opts, rand.New(rand.NewSource(seed)), steps, ctx)
			}
		}
	}
}

func runBookProperty(t *testing.T, g *Grid, opts BookOptions, rng *rand.Rand, steps int, ctx string) {
	t.Helper()
	ref := newRefBook()
	// A random initial snapshot: YES bids low, NO bids low (so the market is
	// usually not crossed), sometimes one side empty.
	for _, s := range []Side{Yes, No} {
		n := rng.Intn(20)
		for range n {
			p := g.Level(rng.Intn(g.Len()))
			ref[s][p] += Qty(1 + rng.Intn(100_000))
		}
	}
	book := NewOrderBook("P", g, opts)
	if err := book.ApplySnapshot(ref.wire(Yes, opts), ref.wire(No, opts)); err != nil {
		t.Fatalf("%s: snapshot: %v", ctx, err)
	}
	ref.checkAgainst(t, book, ctx+" after snapshot")

	for step := range steps {
		s := Side(rng.Intn(2))
		var p Price
		if len(ref[s]) > 0 && rng.Intn(2) == 0 {
			p = randomKey(rng, ref[s]) // work on a live level (often removing it)
		} else {
			p = g.Level(rng.Intn(g.Len()))
		}
		cur := ref[s][p]
		var d Qty
		switch rng.Intn(4) {
		case 0:
			d = -cur // remove the level exactly
		case 1:
			d = -Qty(rng.Int63n(int64(cur) + 1))
		default:
			d = Qty(1 + rng.Intn(5_000))
		}
		wireP := p
		if s == No && opts.NoInYesTerms {
			wireP = p.Complement()
		}
		if !ref.add(s, p, d) {
			t.Fatalf("%s: generator made an invalid delta", ctx)
		}
		if err := book.ApplyDelta(s, wireP, d); err != nil {
			t.Fatalf("%s step %d: %v", ctx, step, err)
		}

		// Now and then try a delta the book must refuse without changing.
		if rng.Intn(10) == 0 {
			v := book.Version()
			if err := book.ApplyDelta(s, wireP, -(ref[s][p] + 1)); err == nil {
				t.Fatalf("%s step %d: negative level accepted", ctx, step)
			}
			if err := book.ApplyDelta(s, OneDollar+1, 1); err == nil {
				t.Fatalf("%s step %d: off-range price accepted", ctx, step)
			}
			if book.Version() != v {
				t.Fatalf("%s step %d: a refused delta bumped the version", ctx, step)
			}
		}
		ref.checkAgainst(t, book, fmt.Sprintf("%s step %d", ctx, step))
	}

	final := NewOrderBook("P", g, opts)
	if err := final.ApplySnapshot(ref.wire(Yes, opts), ref.wire(No, opts)); err != nil {
		t.Fatalf("%s: final snapshot: %v", ctx, err)
	}
	if !book.Equal(final) {
		t.Fatalf("%s: snapshot + deltas differs from the final snapshot", ctx)
	}
	for _, s := range []Side{Yes, No} {
		got, want := book.Levels(s, nil), final.Levels(s, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %s levels %v, final snapshot %v", ctx, s, got, want)
		}
	}
	y1, n1 := book.Totals()
	y2, n2 := final.Totals()
	if y1 != y2 || n1 != n2 {
		t.Fatalf("%s: totals %s/%s, final snapshot %s/%s", ctx, y1, n1, y2, n2)
	}
	for _, tm := range []Terms{YesTerms, NoTerms} {
		a, b := book.TopBids(tm, 10, nil), final.TopBids(tm, 10, nil)
		if !slices.Equal(a, b) {
			t.Fatalf("%s: TopBids %v vs %v", ctx, a, b)
		}
		a, b = book.TopAsks(tm, 10, nil), final.TopAsks(tm, 10, nil)
		if !slices.Equal(a, b) {
			t.Fatalf("%s: TopAsks %v vs %v", ctx, a, b)
		}
	}
}

// randomKey picks a key of m deterministically for a given rng state (map
// iteration order is random, so sort first).
func randomKey(rng *rand.Rand, m map[Price]Qty) Price {
	keys := make([]Price, 0, len(m))
	for p := range m {
		keys = append(keys, p)
	}
	slices.Sort(keys)
	return keys[rng.Intn(len(keys))]
}

package model

import (
	"math/rand"
	"testing"
)

// Run: go test -run '^$' -bench . -benchmem ./model/

// benchBook returns a book on g with every 3rd level of each side filled,
// YES bids below 50¢ and NO bids below 50¢ (a normal, uncrossed market).
func benchBook(g *Grid) *OrderBook {
	b := NewOrderBook("BENCH", g, BookOptions{})
	var yes, no []Level
	for i, p := range g.Levels() {
		if p < 5000 && i%3 == 0 {
			yes = append(yes, Level{p, Qty(100 * (1 + i%50))})
			no = append(no, Level{p, Qty(100 * (1 + i%40))})
		}
	}
	if err := b.ApplySnapshot(yes, no); err != nil {
		panic(err)
	}
	return b
}

type benchDelta struct {
	side Side
	p    Price
	d    Qty
}

// benchDeltas is a cyclic stream of deltas on live levels that never drives
// a level to zero (adds followed by the matching cancels), so the book is
// the same after every full cycle.
func benchDeltas(b *OrderBook) []benchDelta {
	rng := rand.New(rand.NewSource(1))
	live := b.Levels(Yes, nil)
	out := make([]benchDelta, 0, 1024)
	for len(out) < 1024 {
		l := live[rng.Intn(len(live))]
		s := Side(rng.Intn(2))
		d := Qty(1 + rng.Intn(int(l.Qty)-1))
		out = append(out, benchDelta{s, l.Price, d}, benchDelta{s, l.Price, -d})
	}
	return out
}

func benchGrids() []struct {
	name string
	g    *Grid
} {
	return []struct {
		name string
		g    *Grid
	}{
		{"linear_cent", MustGrid(LinearCentRanges())},
		{"centi_edge", MustGrid(centiEdgeRanges())},
	}
}

func BenchmarkApplyDelta(b *testing.B) {
	for _, bg := range benchGrids() {
		book := benchBook(bg.g)
		deltas := benchDeltas(book)
		b.Run(bg.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				d := deltas[i&1023]
				if err := book.ApplyDelta(d.side, d.p, d.d); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		// The worst ordinary case: the best level is removed (a scan down to
		// the next one) and then restored.
		best, _ := book.BestBid(YesTerms)
		b.Run(bg.name+"_remove_best", func(b *testing.B) {
			b.ReportAllocs()
			sign := Qty(-1)
			for b.Loop() {
				if err := book.ApplyDelta(Yes, best.Price, sign*best.Qty); err != nil {
					b.Fatal(err)
				}
				sign = -sign
			}
		})
	}
}

// BenchmarkApplyDeltaSparse removes and restores a lone best bid at 95¢
// whose next level is at 5¢: the scan for the new best crosses 900 empty
// levels of a 0.01¢-edge grid, the slowest delta a real book can see.
func BenchmarkApplyDeltaSparse(b *testing.B) {
	book := NewOrderBook("SPARSE", MustGrid(centiEdgeRanges()), BookOptions{})
	if err := book.ApplySnapshot([]Level{{500, 100}, {9500, 100}}, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	sign := Qty(-1)
	for b.Loop() {
		if err := book.ApplyDelta(Yes, 9500, sign*100); err != nil {
			b.Fatal(err)
		}
		sign = -sign
	}
}

func BenchmarkParsePrice(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePrice("0.5600"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBestBidAsk(b *testing.B) {
	book := benchBook(MustGrid(centiEdgeRanges()))
	b.ReportAllocs()
	for b.Loop() {
		bid, ok1 := book.BestBid(YesTerms)
		ask, ok2 := book.BestAsk(YesTerms)
		if !ok1 || !ok2 || bid.Price >= ask.Price {
			b.Fatal("bad book")
		}
	}
}

func BenchmarkTopLevels(b *testing.B) {
	for _, bg := range benchGrids() {
		book := benchBook(bg.g)
		bids := make([]Level, 0, 10)
		asks := make([]Level, 0, 10)
		b.Run(bg.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bids = book.TopBids(YesTerms, 10, bids[:0])
				asks = book.TopAsks(YesTerms, 10, asks[:0])
			}
			if len(bids) != 10 || len(asks) != 10 {
				b.Fatalf("got %d bids, %d asks", len(bids), len(asks))
			}
		})
	}
}

func BenchmarkCopyFrom(b *testing.B) {
	for _, bg := range benchGrids() {
		src := benchBook(bg.g)
		dst := NewOrderBook("COPY", bg.g, BookOptions{})
		b.Run(bg.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				dst.CopyFrom(src)
			}
		})
	}
}

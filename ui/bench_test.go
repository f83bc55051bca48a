package ui

import (
	"testing"

	"ladder/model"
	"ladder/stream"
)

// BenchmarkRender160x48 renders the whole dashboard of a session in
// progress (two ladders, working orders, fills, tape) at 160×48.
func BenchmarkRender160x48(b *testing.B) {
	hs := richHarness(b, 160, 48, "dark")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = hs.m.Render()
	}
}

// BenchmarkBookFrame is one coalesced book frame: apply the BooksMsg and
// render, the work the UI does per frame under a delta storm.
func BenchmarkBookFrame(b *testing.B) {
	hs := richHarness(b, 160, 48, "dark")
	book := fedBook(b)
	books := map[string]stream.BookView{}
	hs.feed.Books(books)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := model.Contracts(5)
		if i%2 == 1 {
			d = -d
		}
		if err := book.ApplyDelta(model.Yes, model.MustPrice("0.53"), d); err != nil {
			b.Fatal(err)
		}
		books[fedTicker] = stream.BookView{Ticker: fedTicker, Book: book, Version: book.Version()}
		next, _ := hs.m.Update(BooksMsg{Books: books, Health: hs.feed.Health()})
		hs.m = next.(Model)
		_ = hs.m.Render()
	}
}

// BenchmarkRenderWideLadder renders 200×60 with one ladder, the layout
// that shows long depth bars and cumulative depth.
func BenchmarkRenderWideLadder(b *testing.B) {
	hs := newHarness(b, 200, 60, nil)
	hs.openFed()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = hs.m.Render()
	}
}

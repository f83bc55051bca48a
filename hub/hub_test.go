package hub

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"ladder/model"
	"ladder/stream"
)

// eventually polls cond until it holds or a generous deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// startHub runs a hub over src until the test ends.
func startHub(t *testing.T, cfg Config) *Hub {
	t.Helper()
	h := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); h.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return h
}

// reader drains v like a dashboard's bridge until stop, collecting the
// event numbers it sees.
func reader(v *View, stop <-chan struct{}) (got func() []int, wait func()) {
	var mu sync.Mutex
	var seen []int
	done := make(chan struct{})
	go func() {
		defer close(done)
		var batch []stream.Delivered
		for {
			select {
			case <-stop:
				return
			case <-v.PrivateReady():
			}
			batch = v.DrainPrivate(batch[:0])
			mu.Lock()
			for _, d := range batch {
				seen = append(seen, seq(d))
			}
			mu.Unlock()
		}
	}()
	return func() []int { mu.Lock(); defer mu.Unlock(); return slices.Clone(seen) }, func() { <-done }
}

func upTo(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// Whatever the number of screens, each event is applied once, in order,
// and every screen sees every event in order after it was applied.
func TestApplyRunsOncePerEventInOrder(t *testing.T) {
	const events = 2000
	for _, views := range []int{0, 1, 5} {
		t.Run(map[int]string{0: "no views", 1: "one view", 5: "five views"}[views], func(t *testing.T) {
			src := newFakeSource()
			var mu sync.Mutex
			var applied []int
			h := startHub(t, Config{Source: src, ViewQueue: events, Apply: func(d stream.Delivered) {
				mu.Lock()
				applied = append(applied, seq(d))
				mu.Unlock()
			}})
			stop := make(chan struct{})
			var gots []func() []int
			var waits []func()
			for range views {
				v := h.Open()
				got, wait := reader(v, stop)
				gots, waits = append(gots, got), append(waits, wait)
			}
			for i := 0; i < events; i += 100 {
				src.push(i, i+100)
			}
			eventually(t, "every event applied", func() bool { return h.Applied() == events })
			for i, got := range gots {
				eventually(t, "every view to see every event", func() bool { return len(got()) >= events })
				if g := got(); !slices.Equal(g, upTo(events)) {
					t.Errorf("view %d saw %d events, not 0..%d in order", i, len(g), events-1)
				}
			}
			close(stop)
			for _, w := range waits {
				w()
			}
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(applied, upTo(events)) {
				t.Fatalf("apply ran %d times, want %d, once each in order", len(applied), events)
			}
		})
	}
}

// A view is handed an event only once it has been applied.
func TestViewSeesEventAfterApply(t *testing.T) {
	src := newFakeSource()
	var mu sync.Mutex
	appliedUpTo := -1
	h := startHub(t, Config{Source: src, Apply: func(d stream.Delivered) {
		mu.Lock()
		appliedUpTo = seq(d)
		mu.Unlock()
	}})
	v := h.Open()
	src.push(0, 500)
	seen := 0
	for seen < 500 {
		<-v.PrivateReady()
		for _, d := range v.DrainPrivate(nil) {
			mu.Lock()
			if seq(d) > appliedUpTo {
				t.Fatalf("event %d reached a view before it was applied (applied up to %d)", seq(d), appliedUpTo)
			}
			mu.Unlock()
			seen++
		}
	}
}

// A screen that stops reading keeps only its newest events, says how many
// it lost, and holds the hub and the other screens up not at all: the hub
// applies everything and the reading view gets everything while the
// stalled one never reads.
func TestStalledViewDoesNotSlowOthersOrGrow(t *testing.T) {
	const events, bound = 20000, 64
	src := newFakeSource()
	h := startHub(t, Config{Source: src, ViewQueue: bound})
	stalled := h.Open()
	stop := make(chan struct{})
	got, wait := reader(h.Open(), stop)
	// The feed sends a chunk at a time, each once the reading screen has
	// the last (so it never falls a bound behind); the stalled one never
	// reads at all.
	for i := 0; i < events; i += bound / 2 {
		src.push(i, i+bound/2)
		eventually(t, "the reading view to keep up", func() bool { return len(got()) == i+bound/2 })
	}
	if h.Applied() != events {
		t.Fatalf("applied %d of %d", h.Applied(), events)
	}
	close(stop)
	wait()
	if !slices.Equal(got(), upTo(events)) {
		t.Fatal("the reading view's events are not 0..n in order")
	}

	stalled.q.mu.Lock()
	held, ring := stalled.q.n, len(stalled.q.buf)
	stalled.q.mu.Unlock()
	if held > bound || ring > bound {
		t.Fatalf("the stalled view holds %d events in a ring of %d; bound %d", held, ring, bound)
	}
	out := stalled.DrainPrivate(nil)
	if len(out) != bound+1 {
		t.Fatalf("the stalled view drained %d events, want a notice and the newest %d", len(out), bound)
	}
	ee, ok := out[0].Event.(stream.ErrorEvent)
	d, isDropped := ee.Err.(*Dropped)
	if !ok || !isDropped || d.N != events-bound {
		t.Fatalf("first event = %#v, want a Dropped notice of %d", out[0].Event, events-bound)
	}
	for i, ev := range out[1:] {
		if want := events - bound + i; seq(ev) != want {
			t.Fatalf("kept event %d is %d, want %d (the newest, in order)", i, seq(ev), want)
		}
	}
	if stalled.Dropped() != events-bound {
		t.Errorf("Dropped() = %d, want %d", stalled.Dropped(), events-bound)
	}
	if again := stalled.DrainPrivate(nil); len(again) != 0 {
		t.Errorf("a second drain returned %d events", len(again))
	}
}

func TestSubscriptionIsTheUnionOfViews(t *testing.T) {
	src := newFakeSource()
	h := startHub(t, Config{Source: src})
	a, b := h.Open(), h.Open()
	a.SetMarkets([]string{"X"}, []string{"X", "Y"})
	b.SetMarkets([]string{"Z", "X"}, []string{"Y", ""})
	books, ticks, _ := src.lastSet()
	if !slices.Equal(books, []string{"X", "Z"}) || !slices.Equal(ticks, []string{"X", "Y"}) {
		t.Fatalf("subscribed books %v tickers %v, want [X Z] [X Y]", books, ticks)
	}
	_, _, n := src.lastSet()
	b.SetMarkets([]string{"X"}, []string{"Y"}) // Z leaves the union
	books, _, n2 := src.lastSet()
	if n2 != n+1 || !slices.Equal(books, []string{"X"}) {
		t.Fatalf("after b dropped Z: books %v after %d sends (was %d)", books, n2, n)
	}
	b.SetMarkets([]string{"X"}, []string{"Y"}) // nothing changes: nothing is sent
	if _, _, n3 := src.lastSet(); n3 != n2 {
		t.Errorf("an unchanged union was sent again")
	}
	a.Close()
	books, ticks, _ = src.lastSet()
	if !slices.Equal(books, []string{"X"}) || !slices.Equal(ticks, []string{"Y"}) {
		t.Fatalf("after a closed: books %v tickers %v, want [X] [Y]", books, ticks)
	}
	b.Close()
	books, ticks, _ = src.lastSet()
	if books != nil || ticks != nil {
		t.Fatalf("after every view closed: books %v tickers %v, want none", books, ticks)
	}
}

// Subscription changes from many screens at once reach the feed whole and
// in an order that ends at the union of the final wants.
func TestConcurrentSubscriptionsEndAtTheUnion(t *testing.T) {
	src := newFakeSource()
	h := startHub(t, Config{Source: src})
	var wg sync.WaitGroup
	names := []string{"A", "B", "C", "D", "E", "F", "G", "H"}
	for i, name := range names {
		v := h.Open()
		wg.Go(func() {
			for j := range 50 {
				v.SetMarkets([]string{names[(i+j)%len(names)]}, nil)
			}
			v.SetMarkets([]string{name}, nil)
		})
	}
	wg.Wait()
	if books, _, _ := src.lastSet(); !slices.Equal(books, names) {
		t.Fatalf("final subscription %v, want %v", books, names)
	}
}

func TestCloseStopsDeliveryAndIsIdempotent(t *testing.T) {
	src := newFakeSource()
	h := startHub(t, Config{Source: src})
	v, other := h.Open(), h.Open()
	if h.Views() != 2 {
		t.Fatalf("Views() = %d, want 2", h.Views())
	}
	src.push(0, 3)
	eventually(t, "three applied", func() bool { return h.Applied() == 3 })
	v.Close()
	v.Close()
	if h.Views() != 1 {
		t.Fatalf("Views() = %d after close, want 1", h.Views())
	}
	src.push(3, 6)
	eventually(t, "six applied", func() bool { return h.Applied() == 6 })
	if got := v.DrainPrivate(nil); len(got) != 0 {
		t.Errorf("a closed view drained %d events", len(got))
	}
	v.SetMarkets([]string{"X"}, nil)
	if books, _, _ := src.lastSet(); len(books) != 0 {
		t.Errorf("a closed view subscribed %v", books)
	}
	if got := other.DrainPrivate(nil); len(got) != 6 {
		t.Errorf("the open view drained %d events, want 6", len(got))
	}
}

// A view shows only its own markets and counts its own queue as pending.
func TestViewNarrowsToItsMarkets(t *testing.T) {
	src := newFakeSource()
	src.books["X"] = stream.BookView{Ticker: "X"}
	src.books["Z"] = stream.BookView{Ticker: "Z"}
	src.tickers["X"] = model.TickerMsg{}
	src.tickers["Y"] = model.TickerMsg{}
	src.health.Refused = map[string]string{"Y": "market not found", "Q": "market not found"}
	h := New(Config{Source: src}) // not run: deliver is called by hand
	v := h.Open()
	v.SetMarkets([]string{"X"}, []string{"Y"})

	books := map[string]stream.BookView{}
	v.Books(books)
	if len(books) != 1 || books["X"].Ticker != "X" {
		t.Errorf("books = %v, want X only", books)
	}
	tickers := map[string]model.TickerMsg{}
	v.Tickers(tickers)
	if _, ok := tickers["Y"]; !ok || len(tickers) != 1 {
		t.Errorf("tickers = %v, want Y only", tickers)
	}
	hl := v.Health()
	if len(hl.Refused) != 1 || hl.Refused["Y"] == "" {
		t.Errorf("refused = %v, want Y only", hl.Refused)
	}
	if hl.PrivatePending != 0 {
		t.Errorf("pending = %d with an empty queue", hl.PrivatePending)
	}
	h.deliver([]stream.Delivered{{Event: fill(1), At: time.Unix(100, 0)}, {Event: fill(2), At: time.Unix(101, 0)}})
	hl = v.Health()
	if hl.PrivatePending != 2 || !hl.PrivateOldest.Equal(time.Unix(100, 0)) {
		t.Errorf("pending %d oldest %v, want 2 at 100s", hl.PrivatePending, hl.PrivateOldest)
	}
}

func TestChangesCountsTheFeedAndTheViewsOwn(t *testing.T) {
	src := newFakeSource()
	h := New(Config{Source: src})
	a, b := h.Open(), h.Open()
	a.SetMarkets([]string{"X"}, nil)
	before := b.Changes()
	b.SetMarkets([]string{"X"}, nil) // the union does not move, the feed is not told
	if b.Changes() == before {
		t.Error("a view's own subscription change did not move its count")
	}
	src.changes.Add(1)
	if a.Changes() <= before {
		t.Error("a feed change did not move a view's count")
	}
}

package ui

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
)

// recorder collects what the bridge sends.
type recorder struct {
	mu   sync.Mutex
	msgs []tea.Msg
}

func (r *recorder) send(m tea.Msg) {
	r.mu.Lock()
	r.msgs = append(r.msgs, m)
	r.mu.Unlock()
}

func (r *recorder) snapshot() []tea.Msg {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]tea.Msg(nil), r.msgs...)
}

// waitFor polls until cond holds; the deadline is generous and never a
// performance threshold.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestBridgeCoalescesBooksAndNeverDropsEvents(t *testing.T) {
	feed := newFakeFeed()
	feed.books[fedTicker] = fedBook(t)
	frames := make(chan time.Time) // unbuffered: a send returns once the bridge took the tick
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		runBridge(ctx, feed, desk.New(desk.Config{}), rec.send, frames)
	}()

	const n = 500
	countEvents := func() (events, books int) {
		for _, m := range rec.snapshot() {
			switch m.(type) {
			case FeedEventMsg:
				events++
			case BooksMsg:
				books++
			}
		}
		return
	}
	// A storm: many book notifications interleaved with must-deliver events.
	for i := range n {
		feed.events <- stream.TradeEvent{Trade: model.TradeMsg{TradeID: fmt.Sprint(i), MarketTicker: fedTicker}}
		select {
		case feed.notify <- struct{}{}:
		default: // the stream's notify channel is lossy too
		}
	}
	waitFor(t, "all events", func() bool { e, _ := countEvents(); return e == n })
	if _, b := countEvents(); b != 0 {
		t.Fatalf("%d book frames sent before any frame tick", b)
	}
	frames <- time.Time{}
	frames <- time.Time{} // no change since: no second frame
	// An event after the ticks proves both ticks were handled.
	feed.events <- stream.ErrorEvent{Err: fmt.Errorf("marker")}
	waitFor(t, "marker event", func() bool { e, _ := countEvents(); return e == n+1 })
	if _, b := countEvents(); b != 1 {
		t.Fatalf("%d book frames for one dirty frame, want exactly 1", b)
	}

	// Events arrive in order, each exactly once.
	i := 0
	for _, m := range rec.snapshot() {
		if ev, ok := m.(FeedEventMsg); ok {
			if tr, ok := ev.Event.(stream.TradeEvent); ok {
				if tr.Trade.TradeID != fmt.Sprint(i) {
					t.Fatalf("event %d is trade %s", i, tr.Trade.TradeID)
				}
				i++
			}
		}
	}
	// The frame carries a private copy, not the feed's book.
	for _, m := range rec.snapshot() {
		if bm, ok := m.(BooksMsg); ok {
			if bm.Books[fedTicker].Book == feed.books[fedTicker] {
				t.Fatal("frame shares the feed's book")
			}
			if bm.Coalesced < 0 {
				t.Fatalf("coalesced %d", bm.Coalesced)
			}
		}
	}
	cancel()
	<-done
}

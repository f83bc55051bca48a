package ui

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

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

// events flattens what the bridge sent into the must-deliver events, in
// order, and counts the book frames.
func bridged(msgs []tea.Msg) (events []stream.Event, frames []BooksMsg) {
	for _, m := range msgs {
		switch m := m.(type) {
		case FeedEventMsg:
			events = append(events, m.Event)
		case FeedBatchMsg:
			for _, ev := range m {
				events = append(events, ev.Event)
			}
		case BooksMsg:
			frames = append(frames, m)
		}
	}
	return events, frames
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
		runBridge(ctx, feed, rec.send, frames)
	}()

	const n = 500
	// A storm: many book notifications interleaved with must-deliver events.
	for i := range n {
		feed.push(stream.ErrorEvent{Err: fmt.Errorf("%d", i)})
		feed.touch()
	}
	waitFor(t, "all events", func() bool { e, _ := bridged(rec.snapshot()); return len(e) == n })
	if _, f := bridged(rec.snapshot()); len(f) != 0 {
		t.Fatalf("%d book frames sent before any frame tick", len(f))
	}
	frames <- time.Time{}
	frames <- time.Time{} // no change since: no second frame
	// An event after the ticks proves both ticks were handled.
	feed.push(stream.ErrorEvent{Err: fmt.Errorf("marker")})
	waitFor(t, "marker event", func() bool { e, _ := bridged(rec.snapshot()); return len(e) == n+1 })
	events, fr := bridged(rec.snapshot())
	if len(fr) != 1 {
		t.Fatalf("%d book frames for one dirty frame, want exactly 1", len(fr))
	}
	// Events arrive in order, each exactly once.
	for i, ev := range events[:n] {
		if got := ev.(stream.ErrorEvent).Err.Error(); got != fmt.Sprint(i) {
			t.Fatalf("event %d is %s", i, got)
		}
	}
	// The frame carries its own copy, not the feed's book.
	if fr[0].Books[fedTicker].Book == feed.books[fedTicker] {
		t.Fatal("frame shares the feed's book")
	}
	if fr[0].Coalesced < 0 {
		t.Fatalf("coalesced %d", fr[0].Coalesced)
	}
	cancel()
	<-done
}

// A frame never overtakes a must-deliver event that was waiting before it:
// my fill is on screen no later than the book that shows its effect.
func TestBridgeSendsPrivateEventsBeforeTheFrame(t *testing.T) {
	feed := newFakeFeed()
	feed.books[fedTicker] = fedBook(t)
	frames := make(chan time.Time)
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go runBridge(ctx, feed, rec.send, frames)
	// Both are waiting when the tick comes.
	feed.touch()
	feed.mu.Lock()
	feed.queued = append(feed.queued, stream.Delivered{Event: stream.ErrorEvent{Err: fmt.Errorf("fill")}})
	feed.mu.Unlock() // no ready signal: only the frame tick can find it
	frames <- time.Time{}
	waitFor(t, "frame", func() bool { _, f := bridged(rec.snapshot()); return len(f) == 1 })
	msgs := rec.snapshot()
	if _, ok := msgs[0].(FeedEventMsg); !ok {
		t.Fatalf("first message %T, want the waiting event before the frame", msgs[0])
	}
}

// Trades are lossy: a frame carries the newest ones and counts the rest;
// the volume by price stays exact however many the tape skipped.
func TestBridgeCarriesNewestTradesAndCountsSkipped(t *testing.T) {
	feed := newFakeFeed()
	feed.books[fedTicker] = fedBook(t)
	frames := make(chan time.Time)
	var rec recorder
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go runBridge(ctx, feed, rec.send, frames)
	const n = 1000
	for i := range n {
		feed.addTrade(model.TradeMsg{TradeID: fmt.Sprint(i), MarketTicker: fedTicker, YesPrice: model.MustPrice("0.56"),
			Count: model.Contract}, t0)
	}
	feed.touch()
	frames <- time.Time{}
	waitFor(t, "frame", func() bool { _, f := bridged(rec.snapshot()); return len(f) == 1 })
	_, fr := bridged(rec.snapshot())
	f := fr[0]
	if len(f.Trades) != tradesPerFrame || f.TradesSkipped != n-tradesPerFrame {
		t.Fatalf("frame carries %d trades, skipped %d", len(f.Trades), f.TradesSkipped)
	}
	if f.Trades[0].TradeID != fmt.Sprint(n-1) {
		t.Fatalf("newest trade first: got %s", f.Trades[0].TradeID)
	}
	v := f.Books[fedTicker]
	i, _ := v.Book.Grid().Index(model.MustPrice("0.56"))
	if v.Volume[i] != model.Contracts(n) {
		t.Fatalf("volume at 56¢ = %s, want %d", v.Volume[i], n)
	}
}

package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/model"
)

// Regression tests for the kill switch and
// orders still waiting for rate-limit tokens.

// queuedTrader holds every create in a "rate-limiter queue" until the
// test releases it or its context ends, like api.Client waiting on the
// limiter: a create whose context ends while queued is never sent.
type queuedTrader struct {
	*fakeTrader
	queued  chan struct{} // one value per create that entered the queue
	release chan struct{} // each value lets one queued create through
	mu      sync.Mutex
	ctxs    []context.Context // contexts of the batch cancels
}

func newQueuedTrader() *queuedTrader {
	return &queuedTrader{fakeTrader: &fakeTrader{}, queued: make(chan struct{}, 100), release: make(chan struct{}, 100)}
}

func (q *queuedTrader) CreateOrder(ctx context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	q.queued <- struct{}{}
	select {
	case <-ctx.Done():
		// What api.Client returns for a create still in the limiter.
		return model.CreateOrderResponse{}, fmt.Errorf("api: POST /portfolio/events/orders: rate limiter: %w", ctx.Err())
	case <-q.release:
		return q.fakeTrader.CreateOrder(ctx, req)
	}
}

func (q *queuedTrader) BatchCancelOrders(ctx context.Context, ids []string) (model.BatchCancelResponse, error) {
	q.mu.Lock()
	q.ctxs = append(q.ctxs, ctx)
	q.mu.Unlock()
	return q.fakeTrader.BatchCancelOrders(ctx, ids)
}

// pressAsync delivers a key press and starts what it returns on
// goroutines, as the program would; the messages come back on results.
func (hs *harness) pressAsync(k string, results chan<- tea.Msg, started *sync.WaitGroup) {
	hs.t.Helper()
	next, cmd := hs.m.Update(keyMsg(k))
	hs.m = next.(Model)
	startAsync(cmd, results, started)
}

func startAsync(cmd tea.Cmd, results chan<- tea.Msg, started *sync.WaitGroup) {
	if cmd == nil {
		return
	}
	started.Add(1)
	go func() {
		defer started.Done()
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				startAsync(c, results, started)
			}
			return
		}
		if msg != nil {
			results <- msg
		}
	}()
}

// waitTimeout waits for wg, at most d; it reports whether wg finished.
func waitTimeout(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

func TestKillSwitchWithdrawsOrdersQueuedForRateLimitTokens(t *testing.T) {
	qt := newQueuedTrader()
	hs := newHarness(t, 120, 40, func(o *Options) { o.Trader = qt })
	hs.openFed()
	hs.cursorTo("0.54")

	// ~30 fast presses of b: every create is queued for tokens.
	const n = 30
	results := make(chan tea.Msg, 4*n)
	var running sync.WaitGroup
	for range n {
		hs.pressAsync("b", results, &running)
	}
	for i := range n {
		select {
		case <-qt.queued:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d of %d creates reached the queue", i, n)
		}
	}
	// One of them got its tokens before the kill: it is on the exchange.
	qt.release <- struct{}{}
	var first tea.Msg
	select {
	case first = <-results:
	case <-time.After(10 * time.Second):
		t.Fatal("the released create never answered")
	}
	hs.send(first)

	hs.press("!")
	// Every queued create must return once the kill switch fired. If they
	// are still waiting, the limiter would let them through: do so.
	if !waitTimeout(&running, 5*time.Second) {
		for range n {
			qt.release <- struct{}{}
		}
		running.Wait()
	}
	close(results)
	for msg := range results {
		hs.send(msg)
	}

	qt.fakeTrader.mu.Lock()
	sent := len(qt.fakeTrader.creates)
	qt.fakeTrader.mu.Unlock()
	if sent != 1 {
		t.Fatalf("%d creates reached the exchange; only the one released before the kill switch may", sent)
	}
	if p := hs.view().InFlight(); len(p) != 0 {
		t.Fatalf("withdrawn creates still pending: %d", len(p))
	}
	// The one that landed is cancelled by the kill switch's batch cancel.
	if len(qt.fakeTrader.batches) != 1 || len(qt.fakeTrader.batches[0]) != 1 {
		t.Fatalf("kill switch batch cancels %v, want the one resting order", qt.fakeTrader.batches)
	}
	// Cancels never run under the cancelled entry context.
	for _, ctx := range qt.ctxs {
		if ctx.Err() != nil {
			t.Fatal("the kill switch's batch cancel ran under a cancelled context")
		}
	}
	if txt := hs.m.notice.text; !strings.Contains(txt, fmt.Sprintf("%d queued withdrawn unsent", n-1)) {
		t.Fatalf("message %q does not count the withdrawn orders", txt)
	}
	if !strings.Contains(hs.screen(), "LOCKED") {
		t.Fatal("not locked")
	}

	// After an unlock, a new entry generation: orders go out again.
	hs.unlock()
	qt.release <- struct{}{}
	hs.press("b") // runs inline: released at once
	qt.fakeTrader.mu.Lock()
	sent = len(qt.fakeTrader.creates)
	qt.fakeTrader.mu.Unlock()
	if sent != 2 {
		t.Fatalf("after unlock %d creates sent, want 2", sent)
	}
}

// wireTrader answers a create whose context ends while it is on the wire
// with an unknown outcome, and lists it as resting: it did land.
type wireTrader struct {
	*fakeTrader
	onWire chan struct{}
}

func (w *wireTrader) CreateOrder(ctx context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	w.onWire <- struct{}{}
	<-ctx.Done()
	w.fakeTrader.mu.Lock()
	w.fakeTrader.orders = append(w.fakeTrader.orders, model.Order{
		OrderID: "landed-1", ClientOrderID: req.ClientOrderID, Ticker: req.Ticker, BookSide: req.Side,
		Status: model.Resting, YesPrice: req.Price, RemainingCount: req.Count, InitialCount: req.Count,
	})
	w.fakeTrader.mu.Unlock()
	return model.CreateOrderResponse{}, &api.UnknownOutcomeError{Op: "create", ClientOrderID: req.ClientOrderID,
		Ticker: req.Ticker, Err: fmt.Errorf("api: POST /portfolio/events/orders: %w", ctx.Err())}
}

func TestKillSwitchCreateOnTheWireIsReconciledAndCancelled(t *testing.T) {
	wt := &wireTrader{fakeTrader: &fakeTrader{}, onWire: make(chan struct{}, 1)}
	hs := newHarness(t, 120, 40, func(o *Options) { o.Trader = wt })
	hs.openFed()
	hs.cursorTo("0.54")
	results := make(chan tea.Msg, 8)
	var running sync.WaitGroup
	hs.pressAsync("b", results, &running)
	<-wt.onWire
	hs.press("!")
	running.Wait()
	close(results)
	for msg := range results {
		hs.send(msg) // unknown outcome → reconcile (program context) → cancel
	}
	if c := wt.fakeTrader.cancels; len(c) != 1 || c[0] != "landed-1" {
		t.Fatalf("the order that landed after the kill switch was not cancelled: %v", wt.fakeTrader.calls)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/sim"
)

// lockedBuffer collects the program's terminal output for polling.
type lockedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	writes  []int // size of each Write: one rendered frame each
	discard bool  // count writes but keep no bytes (long runs)
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.writes = append(l.writes, len(p))
	if l.discard {
		return len(p), nil
	}
	return l.b.Write(p)
}

// stopKeeping drops what was collected and keeps no more output, so a long
// run's heap measures the program rather than its transcript.
func (l *lockedBuffer) stopKeeping() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.discard = true
	l.b = bytes.Buffer{}
}

// writeCount is how many Writes (frames) the program has made.
func (l *lockedBuffer) writeCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.writes)
}

// writeSize is the size of the i-th Write.
func (l *lockedBuffer) writeSize(i int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writes[i]
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// eventually polls cond until it holds or the (generous) deadline passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// dashboardHarness runs the real program headless — flags, config, the
// embedded simulator, signed REST, the WebSocket feed and the Bubble Tea UI
// — with keystrokes from a pipe and the screen collected for polling.
type dashboardHarness struct {
	t      testing.TB
	keys   *io.PipeWriter
	out    *lockedBuffer
	sim    *sim.Server
	desk   *desk.Desk // the program's own
	cancel context.CancelFunc
	done   chan error
	dir    string // the isolated config/state root
}

func startDashboard(t testing.TB, args ...string) *dashboardHarness {
	t.Helper()
	return startDashboardWith(t, dashboardSetup{}, args...)
}

// startDashboardSized is startDashboard on a terminal of the given size.
func startDashboardSized(t testing.TB, width, height int, args ...string) *dashboardHarness {
	t.Helper()
	return startDashboardWith(t, dashboardSetup{w: width, h: height}, args...)
}

// dashboardSetup varies a headless run: the terminal size (default
// 160×48) and a config file.
type dashboardSetup struct {
	w, h   int
	config string // config.toml contents; "" for none
}

func startDashboardWith(t testing.TB, setup dashboardSetup, args ...string) *dashboardHarness {
	t.Helper()
	if setup.w == 0 {
		setup.w, setup.h = 160, 48
	}
	dir := isolate(t)
	if setup.config != "" {
		cfgDir := filepath.Join(dir, "config", "ladder")
		if err := os.MkdirAll(cfgDir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte(setup.config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	keys, typeKeys := io.Pipe()
	h := &dashboardHarness{t: t, keys: typeKeys, out: &lockedBuffer{}, done: make(chan error, 1), dir: dir}
	ready := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		h.done <- runDashboard(ctx, args, dashIO{
			stdout: io.Discard, stderr: io.Discard,
			program: []tea.ProgramOption{tea.WithInput(keys), tea.WithOutput(h.out), tea.WithWindowSize(setup.w, setup.h)},
			ready: func(b *backend) {
				h.sim = b.sim
				h.desk = b.desk
				close(ready)
			},
		})
	}()
	select {
	case <-ready:
	case err := <-h.done:
		t.Fatalf("dashboard exited early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("backend never became ready")
	}
	t.Cleanup(h.stop)
	return h
}

func (h *dashboardHarness) press(k string) {
	h.t.Helper()
	if _, err := h.keys.Write([]byte(k)); err != nil {
		h.t.Fatalf("typing %q: %v", k, err)
	}
}

func (h *dashboardHarness) orders(status model.OrderStatus) []model.Order {
	return h.sim.Engine().Orders(sim.TraderAccount, sim.OrderFilter{Status: string(status)})
}

// openFirstLadder waits for the market list and opens the first market.
func (h *dashboardHarness) openFirstLadder() {
	h.t.Helper()
	eventually(h.t, "the markets pane to list the Fed markets", func() bool { return strings.Contains(h.out.String(), "Above 3.25%") })
	h.press("\r")
	eventually(h.t, "the ladder to open", func() bool { return strings.Contains(h.out.String(), "KXFED-26DEC-T3.25") })
	// The footer shows the spread once the first snapshot has arrived.
	eventually(h.t, "the ladder's first snapshot", func() bool { return strings.Contains(h.out.String(), "spr ") })
}

func (h *dashboardHarness) stop() {
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil && !errors.Is(err, context.Canceled) {
			h.t.Errorf("dashboard returned %v", err)
		}
	case <-time.After(10 * time.Second):
		h.t.Error("dashboard did not exit")
	}
}

// TestEndToEndPlaceAndCancelByKeys trades by keystrokes: open a market, bid
// one contract at the cursor, see it rest on the exchange, cancel it at
// the level.
func TestEndToEndPlaceAndCancelByKeys(t *testing.T) {
	h := startDashboard(t, "--activity", "calm", "--seed", "7")
	h.openFirstLadder()
	h.press("b") // bid the current quantity (1) at the cursor
	eventually(t, "one resting order on the exchange", func() bool { return len(h.orders(model.Resting)) == 1 })
	o := h.orders(model.Resting)[0]
	if o.BookSide != model.Bid || o.RemainingCount != model.Contracts(1) {
		t.Fatalf("resting order = %+v, want a bid for 1 contract", o)
	}
	h.press("x") // cancel my orders at the cursor level
	eventually(t, "the order to be cancelled", func() bool { return len(h.orders(model.Resting)) == 0 })
}

// TestEndToEndOrderWhoseResponseIsLostLandsOnce: the exchange applies the
// order but every response to a write is lost (the "did my order land?"
// case). The order must exist exactly once — never resent under a new id —
// and the dashboard must reconcile it so it can be cancelled.
func TestEndToEndOrderWhoseResponseIsLostLandsOnce(t *testing.T) {
	h := startDashboard(t, "--activity", "calm", "--seed", "3")
	h.openFirstLadder()
	if err := h.sim.SetFaults("stall=1,stallfor=0"); err != nil {
		t.Fatal(err)
	}
	h.press("b")
	eventually(t, "the order to reach the exchange", func() bool { return len(h.orders("")) >= 1 })
	// The journal's result entry is written when the create call returns:
	// from then on no retry of it can be in flight.
	journalPath := filepath.Join(h.dir, "state", "ladder", "journal.ndjson")
	eventually(t, "the create call to finish", func() bool {
		data, _ := os.ReadFile(journalPath)
		return bytes.Contains(data, []byte(`"action":"create","phase":"result"`))
	})
	if all := h.orders(""); len(all) != 1 {
		t.Fatalf("the exchange holds %d orders for one keystroke: %+v", len(all), all)
	}
	if err := h.sim.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	// Once reconciled, a still-resting order is the dashboard's to cancel
	// (a calm market may also have filled it meanwhile).
	eventually(t, "no order of ours left resting", func() bool {
		if len(h.orders(model.Resting)) == 0 {
			return true
		}
		h.press("x")
		time.Sleep(200 * time.Millisecond)
		return len(h.orders(model.Resting)) == 0
	})
}

// Regression: with the exchange's bytes held for 10 s, the status bar said
// live, the ladder had no STALE mark and an order was sent against the old
// book. Now, with the socket silent for 3 s (pongs included), the book is
// marked stale and an order key on it reaches nothing.
func TestEndToEndSilentSocketMakesTheBookStaleAndRefusesEntry(t *testing.T) {
	h := startDashboard(t, "--activity", "calm", "--seed", "7")
	h.openFirstLadder()
	before := len(h.orders(""))
	from := len(h.out.String())
	since := func() string { return h.out.String()[from:] }
	h.sim.FreezeWebSockets(6 * time.Second)
	time.Sleep(3 * time.Second)
	eventually(t, "the book marked stale", func() bool { return strings.Contains(since(), "STALE") })
	eventually(t, "the status bar saying stalled", func() bool { return strings.Contains(since(), "stalled") })
	h.press("b")
	eventually(t, "the order refused in words", func() bool {
		return strings.Contains(since(), "not sent: book stale (no answer from the exchange")
	})
	time.Sleep(200 * time.Millisecond)
	if n := len(h.orders("")); n != before {
		t.Fatalf("an order reached the exchange while the book was stale: %d orders, was %d", n, before)
	}
}

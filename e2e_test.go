package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/sim"
)

// lockedBuffer collects the program's terminal output for polling.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// eventually polls cond until it holds or the (generous) deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
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

// TestEndToEndPlaceAndCancelByKeys runs the real program headless — flags,
// config, the embedded simulator, signed REST, the WebSocket feed and the
// Bubble Tea UI — and trades by keystrokes: open a market, bid one contract
// at the cursor, see it rest on the exchange, cancel it at the level.
func TestEndToEndPlaceAndCancelByKeys(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir+"/config")
	t.Setenv("XDG_STATE_HOME", dir+"/state")
	t.Setenv("KALSHI_API_KEY_ID", "")
	t.Setenv("KALSHI_PRIVATE_KEY_PATH", "")
	t.Setenv("KALSHI_PRIVATE_KEY", "")

	keys, typeKeys := io.Pipe()
	out := &lockedBuffer{}
	var engine *sim.Engine
	ready := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	done := make(chan error, 1)
	go func() {
		done <- runDashboard(ctx, []string{"--activity", "calm", "--seed", "7"}, dashIO{
			stdout: io.Discard, stderr: io.Discard,
			program: []tea.ProgramOption{tea.WithInput(keys), tea.WithOutput(out), tea.WithWindowSize(160, 48)},
			ready: func(b *backend) {
				engine = b.sim.Engine()
				close(ready)
			},
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("dashboard exited early: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("backend never became ready")
	}
	press := func(k string) {
		t.Helper()
		if _, err := typeKeys.Write([]byte(k)); err != nil {
			t.Fatalf("typing %q: %v", k, err)
		}
	}
	resting := func() []model.Order {
		return engine.Orders(sim.TraderAccount, sim.OrderFilter{Status: string(model.Resting)})
	}

	eventually(t, "the markets pane to list the Fed markets", func() bool { return strings.Contains(out.String(), "Above 3.25%") })
	press("\r") // open the highlighted market's ladder
	eventually(t, "the ladder to open", func() bool { return strings.Contains(out.String(), "KXFED") })
	time.Sleep(300 * time.Millisecond) // let the first snapshot arrive
	press("b")                         // bid the current quantity (1) at the cursor
	eventually(t, "one resting order on the exchange", func() bool { return len(resting()) == 1 })
	o := resting()[0]
	if o.BookSide != model.Bid || o.RemainingCount != model.Contracts(1) {
		t.Fatalf("resting order = %+v, want a bid for 1 contract", o)
	}
	press("x") // cancel my orders at the cursor level
	eventually(t, "the order to be cancelled", func() bool { return len(resting()) == 0 })

	press("q") // quit asks about resting orders; there are none left
	press("y")
	cancel()
	select {
	case err := <-done:
		if err != nil && err != context.Canceled {
			t.Fatalf("dashboard returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("dashboard did not exit")
	}
}

package stream

import (
	"context"
	"strings"
	"testing"
	"time"

	"ladder/sim"
)

// Regression: with the exchange's bytes held for 10 s the status bar said
// "● live age 9.9s", the ladder had no STALE mark and an order was sent
// against the old book, because the feed was declared dead only after 25 s
// of silence. Now an unanswered ping makes every book stale within
// PongTimeout (the harness: 200 ms pings, 500 ms timeout), and the pong
// makes them fresh again without a resync: everything sent before the pong
// has been read by then.
func TestUnansweredPingMakesBooksStaleUntilThePong(t *testing.T) {
	h := startSim(t, false)
	resyncs := h.client.Health().Resyncs
	h.srv.FreezeWebSockets(1500 * time.Millisecond)
	frozeAt := time.Now()
	eventually(t, "stalled", func() bool { return h.client.Health().State == Stalled })
	stalledAfter := time.Since(frozeAt)
	for _, tk := range h.markets {
		v, _ := view(h.client, tk)
		if !v.Stale || !strings.Contains(v.StaleReason, "no answer from the exchange") {
			t.Fatalf("%s not stale while the socket is silent: %+v", tk, v.StaleReason)
		}
	}
	if hl := h.client.Health(); hl.PingDue <= 0 {
		t.Fatalf("health says no ping is due: %+v", hl)
	}
	eventually(t, "live again", func() bool { return h.client.Health().State == Live })
	if ok, why := h.booksMatch(); !ok {
		t.Fatal(why)
	}
	hl := h.client.Health()
	if hl.Resyncs != resyncs || hl.Reconnects != 0 {
		t.Fatalf("a late pong needs no resync or reconnect: %+v", hl)
	}
	t.Logf("stale %v after the freeze began", stalledAfter.Round(time.Millisecond))
}

// A socket silent for longer than SilenceTimeout (2 s in the harness) is
// dead: the client reconnects and is live again.
func TestPingUnansweredForTheSilenceTimeoutReconnects(t *testing.T) {
	h := startSim(t, false)
	h.srv.FreezeWebSockets(4 * time.Second)
	eventually(t, "reconnected", func() bool { return h.client.Health().Reconnects >= 1 })
	eventually(t, "live", func() bool { ok, _ := h.booksMatch(); return ok && h.client.Health().State == Live })
	if e := h.client.Health().LastError; !strings.Contains(e, "no answer to ping") && !strings.Contains(e, "no frame, ping or pong") {
		t.Fatalf("last error %q", e)
	}
}

// Regression: under `--faults drop=0.01` on busy activity connections last
// under a second, and the backoff (reset only after 60 s healthy, growing
// to 30 s) kept the dashboard live 1 % of the time. With the production
// backoff settings the feed must now be live most of the time.
func TestDroppingLinkIsLiveMostOfTheTime(t *testing.T) {
	h := startSimWith(t, false, sim.Config{}, func(c *Config) {
		c.BackoffMin, c.BackoffMax, c.TickInterval = 0, 0, 0 // the defaults
	})
	// As the dashboard subscribes: one ladder's book, every market's
	// ticker and trades.
	h.client.SetMarkets(h.markets[:1], h.markets)
	h.markets = h.markets[:1]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.srv.Engine().RunActivity(ctx, sim.ActivityBusy, 7)
	if err := h.srv.SetFaults("drop=0.01"); err != nil {
		t.Fatal(err)
	}
	live, total := 0, 0
	for deadline := time.Now().Add(4 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		total++
		if h.client.Health().State == Live {
			live++
		}
	}
	drops := h.srv.FaultCounts().Drops
	share := float64(live) / float64(total)
	t.Logf("live %.0f%% of the time over %d dropped connections", 100*share, drops)
	if drops < 3 {
		t.Fatalf("only %d connections dropped; the test proves nothing", drops)
	}
	if share < 0.5 {
		t.Fatalf("live %.0f%% of the time under drop=0.01", 100*share)
	}
}

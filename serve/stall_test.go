package serve

import (
	"context"
	"fmt"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ladder/hub"
	"ladder/model"
	"ladder/serve/sshtest"
)

// sessionOf finds the server's session of a key.
func (fx *fixture) sessionOf(signer gossh.Signer) *session {
	fx.t.Helper()
	fp := gossh.FingerprintSHA256(signer.PublicKey())
	var found *session
	eventually(fx.t, "the key's session", func() bool {
		fx.srv.mu.Lock()
		defer fx.srv.mu.Unlock()
		for ss := range fx.srv.sessions {
			ss.mu.Lock()
			ok := ss.key.Fingerprint == fp && ss.view != nil && ss.out != nil
			ss.mu.Unlock()
			if ok {
				found = ss
				return true
			}
		}
		return false
	})
	return found
}

// manyMarkets lists two hundred markets with long, distinct titles.
func manyMarkets(context.Context) ([]model.Event, error) {
	ev := model.Event{EventTicker: "KXMANY", Title: "Many markets"}
	for i := range 200 {
		t := fmt.Sprintf("KXMANY-%03d", i)
		ev.Markets = append(ev.Markets, model.Market{Ticker: t, EventTicker: "KXMANY", Status: "active",
			Title: fmt.Sprintf("Market number %d with a long title that fills the row %x", i, i*7919), PriceRanges: model.LinearCentRanges()})
	}
	return []model.Event{ev}, nil
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A client that stops reading holds up nobody: its output blocks, its
// screen's queue of events stays bounded (it drops and counts instead of
// growing), another screen keeps working and gets every event, and once
// the stall outlasts --stall-timeout the connection is closed.
func TestStalledClientDoesNotSlowOthersOrGrow(t *testing.T) {
	fx := newFixture(t, func(c *Config) {
		c.StallTimeout = 2 * time.Second
		c.OutputRate = -1
		c.Dashboard.Markets = manyMarkets // a screen full of text: big frames
	})
	alice := fx.open(fx.alice, sshtest.Options{})
	stalled := sshtest.Open(t, fx.dial(fx.carol), sshtest.Options{Stalled: true, Width: 300, Height: 100})
	ss := fx.sessionOf(fx.carol)

	// Full redraws (one per size change) until the client's window is
	// full and the server's write stays blocked.
	for i := 0; ss.out.stalledFor(time.Now()) < 300*time.Millisecond; i++ {
		if i > 5000 {
			t.Fatal("the stalled client never stopped the server's writes")
		}
		stalled.Resize(300-i%2, 100)
		time.Sleep(2 * time.Millisecond)
	}

	// Events keep coming, at a pace the reading screen keeps up with: the
	// stalled screen's queue stays bounded.
	alive := fx.sessionOf(fx.alice)
	applied := fx.hub.Applied()
	for i := range 50 {
		fx.feed.push(100)
		eventually(t, "the reading screen to take the events", func() bool {
			return fx.hub.Applied() == applied+uint64(100*(i+1)) && alive.view.Health().PrivatePending == 0
		})
	}
	if n := ss.view.Health().PrivatePending; n > hub.DefaultViewQueue {
		t.Errorf("the stalled screen holds %d events, over the bound %d", n, hub.DefaultViewQueue)
	}
	if ss.view.Dropped() == 0 {
		t.Error("the stalled screen dropped nothing")
	}
	if alive.view.Dropped() != 0 {
		t.Errorf("the reading screen dropped %d events", alive.view.Dropped())
	}

	// The other screen answers keys meanwhile.
	alice.Type("?")
	alice.WaitFor("alice's help screen", "kill switch")
	alice.Type("\x1b")

	// The stall outlasts the timeout: the connection goes, the other stays.
	select {
	case <-stalled.Done():
	case <-time.After(30 * time.Second):
		t.Fatal("the stalled client's connection was never closed")
	}
	fx.sessions(1)
	alice.Type("?")
	alice.WaitFor("alice's screen after the stalled one left", "1 watching")
}

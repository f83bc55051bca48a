package sim

import (
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/model"
)

// lifecycleRecord is one published lifecycle event and the tick time it
// was published at.
type lifecycleRecord struct {
	at  time.Time
	msg model.LifecycleMsg
}

// TestLifecycleEventsFireOncePerMarket is the regression test for a
// 15-minute market reported "determined" twice: three rolling windows run
// to settlement with every tick delivered by two goroutines at once (the
// server's tick loop and RunActivity both tick), and each market publishes
// each lifecycle event exactly once, in order, on schedule.
func TestLifecycleEventsFireOncePerMarket(t *testing.T) {
	clock := newEngClock()
	e := NewEngine(EngineConfig{Seed: 5, Now: clock.Now})
	var recs []lifecycleRecord
	var tickAt time.Time // written only between rounds
	e.SetSink(func(ev Event) {
		if ev.Kind == EvLifecycle {
			recs = append(recs, lifecycleRecord{at: tickAt, msg: *ev.Lifecycle})
		}
	})
	first := rollingTicker(t, e, statusActive)
	for range (3*rollingWindow + 2*time.Minute) / (5 * time.Second) {
		tickAt = clock.Advance(5 * time.Second)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { e.Tick(tickAt) })
		}
		wg.Wait()
		e.Tick(tickAt) // and once more on this goroutine
	}

	seen := make(map[string]map[string]lifecycleRecord)
	var order []string // rolling tickers in creation order
	for _, r := range recs {
		tk, kind := r.msg.MarketTicker, r.msg.EventType
		if seen[tk] == nil {
			seen[tk] = make(map[string]lifecycleRecord)
			if strings.HasPrefix(tk, "KXBTC15M-") {
				order = append(order, tk)
			}
		}
		if _, dup := seen[tk][kind]; dup {
			t.Fatalf("%s: %q published twice", tk, kind)
		}
		seen[tk][kind] = r
	}
	if len(order) < 4 || order[0] != first {
		t.Fatalf("rolling markets %v, want %s and at least three successors", order, first)
	}
	for i, tk := range order[:3] { // the first three windows ran to settlement
		ev := seen[tk]
		closeAt := time.Unix(ev["deactivated"].msg.CloseTs, 0)
		for _, s := range []struct {
			kind  string
			delay time.Duration
		}{{"deactivated", 0}, {"determined", determineDelay}, {"settled", settleDelay}} {
			r, ok := ev[s.kind]
			if !ok {
				t.Fatalf("%s: no %q", tk, s.kind)
			}
			// Ticks come every 5 s, so each step lands within 5 s of its time.
			if due := closeAt.Add(s.delay); r.at.Before(due) || r.at.Sub(due) >= 5*time.Second {
				t.Fatalf("%s: %q at %v, due %v", tk, s.kind, r.at, due)
			}
		}
		if ev["determined"].msg.Result == "" || ev["settled"].msg.SettledTs == 0 {
			t.Fatalf("%s: determined %+v, settled %+v", tk, ev["determined"].msg, ev["settled"].msg)
		}
		// The successor is created and activated at the moment the window
		// closes, so a client reloading markets on either finds it.
		next := seen[order[i+1]]
		for _, kind := range []string{"created", "activated"} {
			r, ok := next[kind]
			if !ok || !r.at.Equal(ev["deactivated"].at) || r.msg.OpenTs != ev["deactivated"].msg.CloseTs {
				t.Fatalf("%s: successor %s %q: %+v (found %v)", tk, order[i+1], kind, r, ok)
			}
		}
	}
	// The game that opens 15 minutes in was activated once, never created.
	if g := seen["KXNBAGAME-26NOV29NYKMIA-NYK"]; len(g) != 1 || g["activated"].msg.EventType == "" {
		t.Fatalf("tomorrow's game: %+v", g)
	}
}

// TestLifecycleOnceGuard: even a second call for a step already announced
// publishes nothing.
func TestLifecycleOnceGuard(t *testing.T) {
	f := newEngFixture(t, 0)
	m := f.e.cat.markets[mktGame]
	f.e.mu.Lock()
	f.e.lifecycle(m, "determined")
	f.e.lifecycle(m, "determined")
	f.e.lifecycle(m, "close_date_updated") // not a once-only event
	f.e.lifecycle(m, "close_date_updated")
	f.e.mu.Unlock()
	if got := strings.Join(lifecycleEvents(f), ","); got != "determined "+mktGame+",close_date_updated "+mktGame+",close_date_updated "+mktGame {
		t.Fatalf("lifecycle events %s", got)
	}
}

package limiter

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestBackoffDelaySchedule(t *testing.T) {
	nominal := []time.Duration{
		100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond,
		1600 * time.Millisecond, 3200 * time.Millisecond, 6400 * time.Millisecond, 12800 * time.Millisecond,
		25600 * time.Millisecond, 30 * time.Second, 30 * time.Second, 30 * time.Second,
	}
	for attempt, n := range nominal {
		for _, r := range []float64{0, 0.25, 0.5, 0.999999, 1} {
			got := BackoffDelay(attempt, func() float64 { return r })
			lo := time.Duration(float64(n) * 0.80)
			hi := time.Duration(float64(n) * 0.90)
			if got < lo || got > hi {
				t.Errorf("BackoffDelay(%d, %v) = %v, want within [%v, %v] (10–20 %% below %v)", attempt, r, got, lo, hi, n)
			}
		}
		if got, want := BackoffDelay(attempt, func() float64 { return 0 }), time.Duration(float64(n)*0.9); got != want {
			t.Errorf("BackoffDelay(%d, 0) = %v, want %v", attempt, got, want)
		}
	}
	for _, attempt := range []int{-1, 63, 64, 1 << 30} {
		if got := BackoffDelay(attempt, nil); got <= 0 || got > BackoffMax {
			t.Errorf("BackoffDelay(%d) = %v, want in (0, %v]", attempt, got, BackoffMax)
		}
	}
	// The default source really jitters.
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[BackoffDelay(3, nil)] = true
	}
	if len(seen) < 2 {
		t.Error("BackoffDelay with nil rnd returned a constant")
	}
}

// TestBackoffGrowsBlocksAndResets drives consecutive 429s through the
// limiter: each fresh 429 doubles the shared backoff, waiters (even cancels)
// sit out the backoff, and one success resets the streak.
func TestBackoffGrowsBlocksAndResets(t *testing.T) {
	l, clk := newTest(t, TierPrestige)
	ctx := context.Background()
	req := Request{Method: "GET", Path: "/portfolio/balance"}

	p := mustWait(t, l, req)
	for i := range 11 {
		start := clk.Now()
		p.Done(40*time.Millisecond, 429, nil)
		want := time.Duration(float64(min(BackoffBase<<i, BackoffMax)) * 0.85) // rnd 0.5 → 15 %
		s := l.Snapshot()
		if !s.InBackoff || !s.BackoffUntil.Equal(start.Add(want)) || s.Count429 != uint64(i+1) || s.BackoffStreak != i+1 {
			t.Fatalf("after 429 #%d: snapshot in=%v until=+%v count=%d streak=%d; want until=+%v count=%d",
				i+1, s.InBackoff, s.BackoffUntil.Sub(start), s.Count429, s.BackoffStreak, want, i+1)
		}
		if s.LastError != "429 too many requests" {
			t.Fatalf("LastError = %q", s.LastError)
		}
		if bs := l.Backoff(start); !bs.Active || bs.Remaining != want || bs.Streak != i+1 {
			t.Fatalf("Backoff() = %+v, want remaining %v", bs, want)
		}

		// A cancel arriving during the backoff waits it out.
		out := make(chan result, 1)
		startWaiter(t, ctx, l, "cancel", Request{Method: "DELETE", Path: "/portfolio/events/orders/x"}, out)
		clk.Advance(want - time.Nanosecond)
		noResult(t, out)
		clk.Advance(time.Nanosecond)
		r := recv(t, out)
		if r.err != nil || r.p.Waited != want {
			t.Fatalf("cancel after backoff: waited %v err %v, want %v", r.p.Waited, r.err, want)
		}
		if l.Backoff(clk.Now()).Active {
			t.Fatal("backoff still active after it ended")
		}
		p = r.p // the next 429 comes from a request sent after this backoff
	}

	// Success resets the streak: the next 429 starts at the base again.
	p.Done(10*time.Millisecond, 200, nil)
	if s := l.Snapshot(); s.BackoffStreak != 0 || s.Count429 != 11 {
		t.Fatalf("after success: streak %d count %d", s.BackoffStreak, s.Count429)
	}
	p = mustWait(t, l, req)
	now := clk.Now()
	p.Done(0, 429, nil)
	if got := l.Backoff(now).Remaining; got != 85*time.Millisecond {
		t.Fatalf("first backoff after reset = %v, want 85ms", got)
	}
}

// TestBackoffInFlight checks that requests already in flight when a 429
// arrives neither escalate the backoff (a burst of simultaneous 429s is one
// overdraft) nor reset it (their success predates the 429).
func TestBackoffInFlight(t *testing.T) {
	l, clk := newTest(t, TierPrestige)
	req := Request{Method: "GET", Path: "/portfolio/balance"}
	a, b, c := mustWait(t, l, req), mustWait(t, l, req), mustWait(t, l, req)
	now := clk.Now()
	a.Done(0, 429, nil)
	b.Done(0, 429, errors.New("boom"))
	c.Done(0, 200, nil)
	s := l.Snapshot()
	if s.Count429 != 2 || s.BackoffStreak != 1 || !s.BackoffUntil.Equal(now.Add(85*time.Millisecond)) {
		t.Fatalf("in-flight 429s: count %d streak %d until +%v; want 2, 1, +85ms", s.Count429, s.BackoffStreak, s.BackoffUntil.Sub(now))
	}
	if s.LastError != "boom" {
		t.Errorf("LastError = %q, want boom", s.LastError)
	}

	// Network errors and 5xx leave the backoff alone.
	clk.Advance(time.Second)
	d := mustWait(t, l, req)
	d.Done(0, 0, errors.New("connection reset"))
	e := mustWait(t, l, req)
	e.Done(0, 503, errors.New("unavailable"))
	if s := l.Snapshot(); s.BackoffStreak != 1 || s.LastError != "unavailable" {
		t.Fatalf("after 5xx: streak %d, last error %q", s.BackoffStreak, s.LastError)
	}
	Permit{}.Done(0, 429, nil) // zero permit is a no-op
}

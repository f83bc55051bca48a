package limiter

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// TestSnapshotNeverBlocks parks many waiters (and keeps some of them
// churning through cancellation) while Snapshot is called in a loop; every
// call must return promptly.
func TestSnapshotNeverBlocks(t *testing.T) {
	l, clk := newTest(t, TierBasic)
	drainWrite(t, l)
	const n = 200
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reqs := []Request{reqNew, reqAmend, reqCancel, {Method: "POST", Path: "/portfolio/events/orders", Priority: PriorityRead}}
			for ctx.Err() == nil {
				// Half the waiters give up after a while and rejoin, so the
				// queues change under Snapshot's feet.
				wctx, wcancel := context.WithTimeout(ctx, time.Duration(i%2)*time.Millisecond+time.Duration(1-i%2)*time.Hour)
				_, _ = l.Wait(wctx, reqs[i%4])
				wcancel()
			}
		}()
	}
	eventually(t, "waiters to queue", func() bool { return l.Snapshot().Write.Waiting >= n/2 })

	done := make(chan Snapshot)
	go func() {
		var s Snapshot
		for range 2000 {
			s = l.Snapshot()
		}
		done <- s
	}()
	select {
	case s := <-done:
		if s.Write.Waiting == 0 || s.WaitingFor(PriorityCancel) == 0 {
			t.Errorf("snapshot lost the waiters: %+v", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Snapshot blocked while goroutines were waiting")
	}
	cancel()
	wg.Wait()
	if got := waitingTotal(l); got != 0 {
		t.Fatalf("waiting after all cancelled = %d", got)
	}
	_ = clk
}

func TestSnapshotFields(t *testing.T) {
	l, clk := newTest(t, TierAdvanced)
	s := l.Snapshot()
	want := BucketSnapshot{Tokens: 600, Capacity: 600, Refill: 300}
	if s.Tier != TierAdvanced || s.Read != want || s.Write != want || !s.At.Equal(epoch0) || s.InBackoff || !s.BackoffUntil.IsZero() {
		t.Fatalf("fresh snapshot: %+v", s)
	}
	if s.Bucket(BucketWrite) != s.Write || s.Bucket(BucketRead) != s.Read {
		t.Fatal("Snapshot.Bucket mismatch")
	}

	// 300 requests with RTTs 1..300ms: the ring keeps the last 256 (45..300).
	for i := 1; i <= 300; i++ {
		clk.Advance(time.Second)
		p := mustWait(t, l, Request{Method: "GET", Path: "/markets"})
		p.Done(time.Duration(i)*time.Millisecond, 200, nil)
	}
	s = l.Snapshot()
	if s.Requests != 300 || s.RTTSamples != 256 {
		t.Fatalf("requests %d samples %d", s.Requests, s.RTTSamples)
	}
	// Nearest rank over 45..300: p50 is the 128th value, p99 the 254th.
	if s.RTTP50 != 172*time.Millisecond || s.RTTP99 != 298*time.Millisecond {
		t.Fatalf("p50 %v p99 %v, want 172ms 298ms", s.RTTP50, s.RTTP99)
	}
	mustWait(t, l, Request{Method: "GET", Path: "/markets"}).Done(0, 400, errors.New("invalid_order"))
	if s := l.Snapshot(); s.LastError != "invalid_order" || !s.LastErrorAt.Equal(clk.Now()) || s.RTTSamples != 256 {
		t.Fatalf("last error %q at %v, samples %d", s.LastError, s.LastErrorAt, s.RTTSamples)
	}

	one := New(Config{Clock: clk})
	mustWait(t, one, reqNew).Done(7*time.Millisecond, 201, nil)
	if s := one.Snapshot(); s.RTTP50 != 7*time.Millisecond || s.RTTP99 != 7*time.Millisecond {
		t.Fatalf("single sample: p50 %v p99 %v", s.RTTP50, s.RTTP99)
	}
}

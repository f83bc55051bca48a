package limiter

import (
	"context"
	"runtime"
	"testing"
	"time"
)

var epoch0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// newTest returns a limiter on a fake clock with deterministic jitter (15 %).
func newTest(t testing.TB, tier Tier) (*Limiter, *FakeClock) {
	t.Helper()
	clk := NewFakeClock(epoch0)
	l := New(Config{Tier: tier, Clock: clk, Rand: func() float64 { return 0.5 }})
	return l, clk
}

// eventually polls cond in real time; goroutine hand-offs are the only
// thing tests wait for, so a generous bound costs nothing when all is well.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Microsecond)
	}
}

// spinUntil is eventually for tight loops: it yields instead of sleeping.
func spinUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.Gosched()
	}
}

func waitingTotal(l *Limiter) int {
	s := l.Snapshot()
	return s.Read.Waiting + s.Write.Waiting
}

// mustWait takes a permit that must be granted without queuing.
func mustWait(t testing.TB, l *Limiter, req Request) Permit {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	p, err := l.Wait(ctx, req)
	if err != nil {
		t.Fatalf("Wait(%+v): %v", req, err)
	}
	if p.Waited != 0 {
		t.Fatalf("Wait(%+v) queued for %v, want immediate", req, p.Waited)
	}
	return p
}

// drainWrite empties the write bucket with 10-token creates.
func drainWrite(t testing.TB, l *Limiter) {
	t.Helper()
	for l.Snapshot().Write.Tokens >= 10 {
		mustWait(t, l, Request{Method: "POST", Path: "/portfolio/events/orders"})
	}
	if got := l.Snapshot().Write.Tokens; got != 0 {
		t.Fatalf("write bucket not drained: %v tokens", got)
	}
}

type result struct {
	name string
	p    Permit
	err  error
}

// startWaiter runs Wait in a goroutine and reports on out. It returns only
// once the waiter is queued, so successive calls fix the arrival order.
func startWaiter(t testing.TB, ctx context.Context, l *Limiter, name string, req Request, out chan<- result) {
	t.Helper()
	before := waitingTotal(l)
	go func() {
		p, err := l.Wait(ctx, req)
		out <- result{name, p, err}
	}()
	eventually(t, name+" to queue", func() bool { return waitingTotal(l) == before+1 })
}

func recv(t testing.TB, ch <-chan result) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("timed out waiting for a grant")
		return result{}
	}
}

// noResult asserts that nothing is granted for a moment of real time.
func noResult(t testing.TB, ch <-chan result) {
	t.Helper()
	select {
	case r := <-ch:
		t.Fatalf("unexpected grant %q (err %v)", r.name, r.err)
	case <-time.After(20 * time.Millisecond):
	}
}

package limiter

import (
	"context"
	"testing"
	"time"
)

func TestPreview(t *testing.T) {
	l, clk := newTest(t, TierAdvanced) // write 300/s, capacity 600
	batchCancel := func(n int) Preview {
		return l.Preview("DELETE", "/trade-api/v2/portfolio/events/orders/batched", n)
	}

	p := batchCancel(14)
	want := Preview{Bucket: BucketWrite, Priority: PriorityCancel, Tokens: 28, Available: 600, Capacity: 600, CanGoNow: true}
	if p != want {
		t.Fatalf("Preview = %+v, want %+v", p, want)
	}
	if got := p.String(); got != "28 write tokens (have 600/600)" {
		t.Fatalf("String = %q", got)
	}
	if got := l.Preview("POST", "/portfolio/events/orders/batched", 5); got.Tokens != 50 || got.Bucket != BucketWrite || got.Priority != PriorityNew {
		t.Fatalf("batch create 5: %+v", got)
	}
	if got := l.Preview("GET", "/markets", 0).String(); got != "10 read tokens (have 600/600)" {
		t.Fatalf("read preview %q", got)
	}

	// Spend down to 20 tokens: 28 no longer fit; 8 more refill in 8/300 s.
	for range 58 {
		mustWait(t, l, reqNew)
	}
	p = batchCancel(14)
	if p.CanGoNow || p.Available != 20 || p.EstimatedWait != 26666667*time.Nanosecond {
		t.Fatalf("short preview: %+v", p)
	}
	if got := p.String(); got != "28 write tokens (have 20/600, wait ~27ms)" {
		t.Fatalf("String = %q", got)
	}

	// A queued new order (10) counts against a new order's estimate but not
	// against a cancel's, which would jump ahead of it.
	out := make(chan result, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	startWaiter(t, ctx, l, "big", Request{Method: "POST", Path: "/portfolio/events/orders/batched", Items: 3}, out)             // 30 tokens
	if got := l.Preview("POST", "/portfolio/events/orders", 0); got.CanGoNow || got.EstimatedWait != 66666667*time.Nanosecond { // (30+10-20)/300 s
		t.Fatalf("new order behind a batch: %+v", got)
	}
	if got := l.Preview("DELETE", "/portfolio/events/orders/x", 0); !got.CanGoNow || got.EstimatedWait != 0 {
		t.Fatalf("cancel while a batch waits: %+v", got)
	}
	// And so it does: the cancel overtakes the queued batch at once.
	mustWait(t, l, reqCancel)
	if p := l.Preview("POST", "/portfolio/events/orders/batched", 3); p.Available != 18 || p.CanGoNow {
		t.Fatalf("after cancel: %+v", p)
	}
	clk.Advance(time.Second)
	if r := recv(t, out); r.err != nil {
		t.Fatal(r.err)
	}

	// Backoff dominates the estimate.
	mustWait(t, l, reqNew).Done(0, 429, nil)
	if p := batchCancel(1); !p.InBackoff || p.CanGoNow || p.EstimatedWait != 85*time.Millisecond {
		t.Fatalf("in backoff: %+v", p)
	}

	// Oversized batch.
	p = batchCancel(301)
	if !p.ExceedsCapacity || p.CanGoNow {
		t.Fatalf("oversized: %+v", p)
	}
	if got := p.String(); got != "602 write tokens (exceeds bucket of 600)" {
		t.Fatalf("String = %q", got)
	}
	if got := (Preview{Bucket: BucketRead, Tokens: 1, Available: 5, Capacity: 5, CanGoNow: true}).String(); got != "1 read token (have 5/5)" {
		t.Fatalf("singular: %q", got)
	}
	if got := (Preview{Bucket: BucketRead, Tokens: 10, Capacity: 5000, EstimatedWait: 1234 * time.Millisecond}).String(); got != "10 read tokens (have 0/5000, wait ~1.2s)" {
		t.Fatalf("long wait: %q", got)
	}
}

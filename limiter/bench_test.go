package limiter

import (
	"context"
	"math"
	"testing"
	"time"
)

// plentiful returns a wall-clock limiter whose buckets never run short, so
// the benchmarks measure bookkeeping, not waiting.
func plentiful(b *testing.B) *Limiter {
	l := New(Config{Tier: TierPrestige})
	big := BucketLimits{RefillRate: math.MaxFloat64, BucketCapacity: 1 << 40}
	if err := l.SetLimits(Limits{Read: big, Write: big}); err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkWaitDone is the limiter's overhead per request when tokens are
// plentiful: classify, take tokens, report the outcome.
func BenchmarkWaitDone(b *testing.B) {
	for _, bc := range []struct {
		name string
		req  Request
	}{
		{"create", reqNew},
		{"cancel", Request{Method: "DELETE", Path: "/trade-api/v2/portfolio/events/orders/3f6c2a1e-0b7d-4d1e-9a55-1c2d3e4f5a6b"}},
		{"read", Request{Method: "GET", Path: "/trade-api/v2/markets/KXBTC-26NOV27-T99999/orderbook?depth=10"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := plentiful(b)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				p, err := l.Wait(ctx, bc.req)
				if err != nil {
					b.Fatal(err)
				}
				p.Done(time.Millisecond, 200, nil)
			}
		})
	}
}

func BenchmarkWaitDoneParallel(b *testing.B) {
	l := plentiful(b)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			p, err := l.Wait(ctx, reqNew)
			if err != nil {
				b.Error(err)
				return
			}
			p.Done(time.Millisecond, 200, nil)
		}
	})
}

// BenchmarkSnapshot includes sorting a full 256-sample RTT ring.
func BenchmarkSnapshot(b *testing.B) {
	l := plentiful(b)
	for i := range rttSamples {
		p, _ := l.Wait(context.Background(), reqNew)
		p.Done(time.Duration(i*7919%1000)*time.Microsecond, 200, nil)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = l.Snapshot()
	}
}

func BenchmarkCost(b *testing.B) {
	l := plentiful(b)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = l.Cost("DELETE", "/trade-api/v2/portfolio/events/orders/batched", 14)
	}
}

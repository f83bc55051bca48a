package limiter

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

var (
	reqNew    = Request{Method: "POST", Path: "/portfolio/events/orders"}
	reqAmend  = Request{Method: "POST", Path: "/portfolio/events/orders/o1/amend"}
	reqCancel = Request{Method: "DELETE", Path: "/portfolio/events/orders/o1"}
)

// TestPriorityOrder queues waiters on an empty write bucket in the listed
// order and checks the order in which refills serve them.
func TestPriorityOrder(t *testing.T) {
	withPrio := func(r Request, p Priority) Request { r.Priority = p; return r }
	tests := []struct {
		name   string
		arrive []string // names: see reqs below
		want   []string
	}{
		{"reverse arrival", []string{"read", "new", "amend", "cancel"}, []string{"cancel", "amend", "new", "read"}},
		{"fifo within priority", []string{"new1", "new2", "new3", "cancel"}, []string{"cancel", "new1", "new2", "new3"}},
		{"mixed", []string{"new1", "cancel1", "amend", "new2", "cancel2"}, []string{"cancel1", "cancel2", "amend", "new1", "new2"}},
		// A cancel costs 2, but arriving after an amend that is already the head
		// it still jumps ahead: the head's pending timer is abandoned.
		{"late cancel preempts head", []string{"amend", "cancel"}, []string{"cancel", "amend"}},
	}
	reqs := map[string]Request{
		"read":    withPrio(reqNew, PriorityRead), // explicit priority on a write endpoint
		"new":     reqNew,
		"new1":    reqNew,
		"new2":    reqNew,
		"new3":    reqNew,
		"amend":   reqAmend,
		"cancel":  reqCancel,
		"cancel1": reqCancel,
		"cancel2": withPrio(reqNew, PriorityCancel),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, clk := newTest(t, TierBasic) // write: 100 tokens/s, capacity 100
			drainWrite(t, l)
			out := make(chan result, len(tt.arrive))
			for _, name := range tt.arrive {
				startWaiter(t, context.Background(), l, name, reqs[name], out)
			}
			s := l.Snapshot()
			if s.Write.Waiting != len(tt.arrive) {
				t.Fatalf("write waiting = %d, want %d", s.Write.Waiting, len(tt.arrive))
			}
			var got []string
			for range tt.arrive {
				clk.Advance(100 * time.Millisecond) // 10 tokens: one request at a time
				r := recv(t, out)
				if r.err != nil {
					t.Fatalf("%s: %v", r.name, r.err)
				}
				got = append(got, r.name)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("served %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPriorityCounts checks the per-priority waiting counts in Snapshot.
func TestPriorityCounts(t *testing.T) {
	l, _ := newTest(t, TierBasic)
	drainWrite(t, l)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan result, 8)
	for i, r := range []Request{reqNew, reqNew, reqAmend, reqCancel, reqCancel, reqCancel} {
		startWaiter(t, ctx, l, fmt.Sprint(i), r, out)
	}
	s := l.Snapshot()
	for p, want := range map[Priority]int{PriorityCancel: 3, PriorityAmend: 1, PriorityNew: 2, PriorityRead: 0, PriorityAuto: 0} {
		if got := s.WaitingFor(p); got != want {
			t.Errorf("WaitingFor(%v) = %d, want %d", p, got, want)
		}
	}
	if s.Write.Waiting != 6 || s.Read.Waiting != 0 {
		t.Errorf("bucket waiting = %d/%d, want 0/6", s.Read.Waiting, s.Write.Waiting)
	}
}

// TestBucketsIndependent: a queue on the write bucket does not hold up reads.
func TestBucketsIndependent(t *testing.T) {
	l, _ := newTest(t, TierBasic)
	drainWrite(t, l)
	out := make(chan result, 1)
	startWaiter(t, context.Background(), l, "cancel", reqCancel, out)
	mustWait(t, l, Request{Method: "GET", Path: "/markets"})
}

func TestContextCancelRemovesWaiter(t *testing.T) {
	l, clk := newTest(t, TierBasic)
	drainWrite(t, l)
	out := make(chan result, 4)
	ctxs := map[string]context.CancelFunc{}
	for _, name := range []string{"head", "mid", "tail"} {
		ctx, cancel := context.WithCancel(context.Background())
		ctxs[name] = cancel
		defer cancel()
		startWaiter(t, ctx, l, name, reqNew, out)
	}

	ctxs["mid"]()
	r := recv(t, out)
	if r.name != "mid" || !errors.Is(r.err, context.Canceled) {
		t.Fatalf("got %q %v, want mid canceled", r.name, r.err)
	}
	if n := l.Snapshot().Write.Waiting; n != 2 {
		t.Fatalf("waiting after cancel = %d, want 2", n)
	}

	// Cancelling the head hands its turn (and the refill timer) to the next.
	ctxs["head"]()
	if r := recv(t, out); r.name != "head" || !errors.Is(r.err, context.Canceled) {
		t.Fatalf("got %q %v, want head canceled", r.name, r.err)
	}
	if n := l.Snapshot().Write.Waiting; n != 1 {
		t.Fatalf("waiting after head cancel = %d, want 1", n)
	}
	eventually(t, "tail to arm its timer", func() bool { return clk.Timers() == 1 })
	clk.Advance(100 * time.Millisecond)
	if r := recv(t, out); r.name != "tail" || r.err != nil {
		t.Fatalf("got %q %v, want tail granted", r.name, r.err)
	}
	if n := waitingTotal(l); n != 0 || clk.Timers() != 0 {
		t.Fatalf("after all: waiting %d timers %d", n, clk.Timers())
	}

	// An already-cancelled context fails without taking tokens.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	clk.Advance(time.Second)
	if _, err := l.Wait(ctx, reqNew); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with cancelled ctx: %v", err)
	}
	if got := l.Snapshot().Write.Tokens; got != 100 {
		t.Fatalf("tokens after cancelled Wait = %v, want 100", got)
	}
}

func TestExceedsCapacity(t *testing.T) {
	l, clk := newTest(t, TierBasic) // write capacity 100
	batch := Request{Method: "POST", Path: "/portfolio/events/orders/batched", Items: 11}
	if _, err := l.Wait(context.Background(), batch); !errors.Is(err, ErrExceedsCapacity) {
		t.Fatalf("110-token batch on a 100-token bucket: %v", err)
	}
	batch.Items = 10
	mustWait(t, l, batch) // exactly the capacity fits

	// A queued request whose bucket shrinks below its cost fails rather than
	// waiting forever.
	out := make(chan result, 1)
	startWaiter(t, context.Background(), l, "batch", batch, out)
	if err := l.SetLimits(Limits{Write: BucketLimits{RefillRate: 100, BucketCapacity: 50}}); err != nil {
		t.Fatal(err)
	}
	if r := recv(t, out); !errors.Is(r.err, ErrExceedsCapacity) {
		t.Fatalf("after shrink: %v", r.err)
	}
	if waitingTotal(l) != 0 || clk.Timers() != 0 {
		t.Fatal("failed waiter left state behind")
	}
	if _, err := l.Wait(context.Background(), Request{Method: "GET", Path: "/x", Priority: 99}); err == nil {
		t.Fatal("invalid priority: want error")
	}
}

func TestSetLimits(t *testing.T) {
	l, clk := newTest(t, TierBasic)
	err := l.SetLimits(Limits{
		UsageTier: "Premier",
		Read:      BucketLimits{RefillRate: 1000, BucketCapacity: 1000},
		Write:     BucketLimits{RefillRate: 1200, BucketCapacity: 2400}, // a grant above the tier
	})
	if err != nil {
		t.Fatal(err)
	}
	s := l.Snapshot()
	if s.Tier != TierPremier || s.Read.Refill != 1000 || s.Read.Capacity != 1000 || s.Write.Refill != 1200 || s.Write.Capacity != 2400 {
		t.Fatalf("snapshot after SetLimits: %+v", s)
	}
	// Tokens never exceed the new capacity, and refill at the new rate.
	if s.Read.Tokens != 400 {
		t.Fatalf("read tokens = %v, want 400 (carried over)", s.Read.Tokens)
	}
	clk.Advance(time.Second)
	if got := l.Snapshot().Read.Tokens; got != 1000 {
		t.Fatalf("read tokens after 1s = %v, want 1000", got)
	}

	// Unknown tier: error, but the explicit numbers still apply.
	err = l.SetLimits(Limits{UsageTier: "diamond", Read: BucketLimits{RefillRate: 50, BucketCapacity: 70}})
	if err == nil {
		t.Fatal("unknown tier: want error")
	}
	s = l.Snapshot()
	if s.Tier != TierPremier || s.Read.Refill != 50 || s.Read.Capacity != 70 || s.Write.Refill != 1000 || s.Write.Capacity != 2000 {
		t.Fatalf("after unknown tier: %+v", s)
	}

	if err := l.SetTier(TierPrestige); err != nil {
		t.Fatal(err)
	}
	if b := l.Snapshot(); b.Tier != TierPrestige || b.Write.Capacity != 16000 || b.Read.Refill != 10000 {
		t.Fatalf("after SetTier: %+v", b)
	}
	if err := l.SetTier(0); err == nil {
		t.Fatal("SetTier(0): want error")
	}
}

// TestSetLimitsWakesHead: a faster refill shortens the head's wait.
func TestSetLimitsWakesHead(t *testing.T) {
	l, clk := newTest(t, TierBasic)
	drainWrite(t, l)
	out := make(chan result, 1)
	startWaiter(t, context.Background(), l, "new", reqNew, out) // needs 100ms at 100/s
	if err := l.SetLimits(Limits{Write: BucketLimits{RefillRate: 1000, BucketCapacity: 100}}); err != nil {
		t.Fatal(err)
	}
	// Wait for the head to re-arm: exactly one timer, due in 10ms.
	want := clk.Now().Add(10 * time.Millisecond)
	eventually(t, "head to re-arm", func() bool {
		d := clk.Deadlines()
		return len(d) == 1 && d[0].Equal(want)
	})
	clk.Advance(10 * time.Millisecond)
	if r := recv(t, out); r.err != nil || r.p.Waited != 10*time.Millisecond {
		t.Fatalf("waited %v err %v, want 10ms", r.p.Waited, r.err)
	}
}

// A refill rate so slow that the wait for tokens overflows time.Duration
// must not wrap into a negative (or 1ns) timer on which the head waiter
// would spin; it waits the longest sane time and looks again.
func TestTinyRefillRateDoesNotSpinTheHeadWaiter(t *testing.T) {
	l, clk := newTest(t, TierBasic)
	drainWrite(t, l)
	out := make(chan result, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	startWaiter(t, ctx, l, "new", reqNew, out)
	if err := l.SetLimits(Limits{Write: BucketLimits{RefillRate: 1e-12, BucketCapacity: 100}}); err != nil {
		t.Fatal(err)
	}
	want := clk.Now().Add(maxRefillWait)
	eventually(t, "head to re-arm for the longest sane wait", func() bool {
		d := clk.Deadlines()
		return len(d) == 1 && d[0].Equal(want)
	})
	if p := l.Preview("POST", "/portfolio/events/orders", 0); p.CanGoNow || p.EstimatedWait != maxRefillWait {
		t.Fatalf("preview %+v, want a wait of %v", p, maxRefillWait)
	}
	cancel()
	if r := recv(t, out); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("waiter ended with %v, want its cancellation", r.err)
	}
}

// Capacities from /account/limits that truncate to nothing or overflow an
// int must not leave a bucket that admits nothing.
func TestSetLimitsOutlandishCapacities(t *testing.T) {
	l, _ := newTest(t, TierBasic)
	if err := l.SetLimits(Limits{Read: BucketLimits{BucketCapacity: 1e300}, Write: BucketLimits{BucketCapacity: 0.5}}); err != nil {
		t.Fatal(err)
	}
	s := l.Snapshot()
	if s.Read.Capacity != maxCapacity || s.Write.Capacity != TierBasic.Budgets().Write.Capacity {
		t.Fatalf("capacities read %d, write %d", s.Read.Capacity, s.Write.Capacity)
	}
	mustWait(t, l, Request{Method: "GET", Path: "/markets"})
	mustWait(t, l, Request{Method: "POST", Path: "/portfolio/events/orders"})
}

// TestSustainedRate saturates one bucket for a stretch of fake time and
// checks that the grants (a) conform to the bucket — replayed through an
// independent token-bucket model they never overdraw it — and (b) use at
// least 95 % of the refill rate.
func TestSustainedRate(t *testing.T) {
	tests := []struct {
		name     string
		tier     Tier
		req      Request
		clients  int
		dur      time.Duration
		headroom time.Duration
	}{
		{"basic read", TierBasic, Request{Method: "GET", Path: "/markets"}, 1, 60 * time.Second, 0},
		{"basic write cancels", TierBasic, reqCancel, 1, 60 * time.Second, 0},
		{"advanced batch create 20", TierAdvanced, Request{Method: "POST", Path: "/portfolio/events/orders/batched", Items: 20}, 1, 60 * time.Second, 0},
		{"premier order lookups", TierPremier, Request{Method: "GET", Path: "/portfolio/orders/o1"}, 1, 10 * time.Second, 0},
		{"prestige creates", TierPrestige, reqNew, 1, 10 * time.Second, 0},
		{"basic write, 3 clients", TierBasic, reqNew, 3, 60 * time.Second, 0},
		{"expert amends, 4 clients", TierExpert, reqAmend, 4, 20 * time.Second, 0},
		{"basic write with 50ms headroom", TierBasic, reqNew, 1, 60 * time.Second, 50 * time.Millisecond},
		{"basic read with 50ms headroom, 3 clients", TierBasic, Request{Method: "GET", Path: "/markets"}, 3, 60 * time.Second, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := NewFakeClock(epoch0)
			l := New(Config{Tier: tt.tier, Clock: clk, Rand: func() float64 { return 0.5 }, Headroom: tt.headroom})
			bucket, cost := l.Cost(tt.req.Method, tt.req.Path, tt.req.Items)
			budget := tt.tier.Budgets().Read
			if bucket == BucketWrite {
				budget = tt.tier.Budgets().Write
			}
			start := clk.Now()
			end := start.Add(tt.dur)

			ctx, cancel := context.WithCancel(context.Background())
			var mu sync.Mutex
			var grants []time.Time
			perClient := make([]int, tt.clients)
			var wg sync.WaitGroup
			for i := range tt.clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						if _, err := l.Wait(ctx, tt.req); err != nil {
							return
						}
						now := clk.Now()
						mu.Lock()
						grants = append(grants, now)
						if now.After(start) { // the initial burst goes to whoever runs first
							perClient[i]++
						}
						mu.Unlock()
					}
				}()
			}
			// Time moves only when every client is queued and the head has
			// armed its timer, and then straight to that deadline: demand is
			// saturating by construction.
			parked := func() bool { return clk.Timers() == 1 && waitingTotal(l) == tt.clients }
			for clk.Now().Before(end) {
				spinUntil(t, "clients to park", parked)
				clk.AdvanceToNext()
			}
			spinUntil(t, "clients to park", parked)
			cancel()
			wg.Wait()

			// (a) Conformance: replay through an independent bucket model.
			tokens := float64(budget.Capacity)
			last := start
			inWindow := 0
			for i, g := range grants {
				tokens = min(float64(budget.Capacity), tokens+g.Sub(last).Seconds()*budget.Refill)
				last = g
				tokens -= float64(cost)
				if tokens < -1e-6 {
					t.Fatalf("grant %d at +%v overdraws the bucket: %v tokens", i, g.Sub(start), tokens)
				}
				if !g.After(end) {
					inWindow++
				}
			}
			// (b) Utilisation, excluding the initial burst from the full bucket.
			refilled := float64(inWindow*cost - budget.Capacity)
			want := budget.Refill * tt.dur.Seconds()
			if refilled < 0.95*want || refilled > want+float64(cost) {
				t.Fatalf("granted %v refill tokens in %v, want ≥ 95%% of %v and ≤ it", refilled, tt.dur, want)
			}
			if tt.clients > 1 {
				lo, hi := perClient[0], perClient[0]
				for _, n := range perClient {
					lo, hi = min(lo, n), max(hi, n)
				}
				if hi-lo > 1 {
					t.Errorf("FIFO should share refills evenly among equal clients: %v", perClient)
				}
			}
			t.Logf("%d grants, %.1f%% of refill budget, per client %v", len(grants), 100*refilled/want, perClient)
		})
	}
}

// TestSystemClock exercises the real clock path once: a drained Basic write
// bucket admits a create after about 100ms.
func TestSystemClock(t *testing.T) {
	l := New(Config{})
	for l.Preview(reqNew.Method, reqNew.Path, 0).CanGoNow {
		if _, err := l.Wait(context.Background(), reqNew); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	p, err := l.Wait(context.Background(), reqNew)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 50*time.Millisecond || el > 2*time.Second || p.Waited <= 0 {
		t.Fatalf("waited %v (permit says %v), want about 100ms", el, p.Waited)
	}
	if l.Snapshot().Tier != TierBasic {
		t.Fatal("zero Config should mean Basic")
	}
}

// TestHeadroomKeepsAReserve: with headroom the bucket never drops below
// rate×headroom tokens after a grant (so an exchange metering on arrival
// has slack for network jitter), yet a request as large as the whole
// bucket still goes.
func TestHeadroomKeepsAReserve(t *testing.T) {
	clk := NewFakeClock(epoch0)
	l := New(Config{Tier: TierBasic, Clock: clk, Rand: func() float64 { return 0.5 }, Headroom: 50 * time.Millisecond})
	ctx := context.Background()
	granted := 0
	for {
		if l.Preview("POST", "/portfolio/events/orders", 0).Available < 15 {
			break
		}
		if _, err := l.Wait(ctx, reqNew); err != nil {
			t.Fatal(err)
		}
		granted++
	}
	// Basic write: 100 tokens, 100/s, reserve 5: nine creates of 10 go at
	// once, leaving 10 (< 10 + 5).
	if granted != 9 {
		t.Fatalf("granted %d creates from a full bucket, want 9", granted)
	}
	if got := l.Snapshot().Write.Tokens; got < 5 {
		t.Fatalf("bucket holds %v tokens, want the 5-token reserve kept", got)
	}
	// A batch cancel of 50 (100 tokens, the whole bucket) is clipped, not
	// refused: it waits for a full bucket and then goes.
	clk.Advance(2 * time.Second)
	if _, err := l.Wait(ctx, Request{Method: "DELETE", Path: "/portfolio/events/orders/batched", Items: 50}); err != nil {
		t.Fatalf("a full-bucket batch with headroom: %v", err)
	}
}

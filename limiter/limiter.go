package limiter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// ErrExceedsCapacity is returned by Wait for a request that costs more tokens
// than its bucket can ever hold. Kalshi rejects such a request (for example
// an oversized batch) whole, so waiting for it would be waiting forever.
var ErrExceedsCapacity = errors.New("limiter: request costs more than the bucket holds")

// Config configures New. The zero value is usable: Basic tier, wall clock.
type Config struct {
	Tier  Tier           // zero means TierBasic until SetLimits says otherwise
	Clock Clock          // nil means SystemClock()
	Rand  func() float64 // jitter source in [0,1); nil means math/rand/v2
	// Headroom keeps this much refill time in reserve in every bucket: a
	// request goes only when the bucket would still hold rate×Headroom
	// tokens after it. The exchange meters requests when they arrive, not
	// when they were sent, so a request that travels faster than the one
	// before it finds fewer tokens there than here; the reserve absorbs
	// that jitter. It costs no sustained throughput (the bucket simply
	// hovers at the reserve), only that much of the first burst. Zero
	// disables it.
	Headroom time.Duration
}

// Limiter meters requests against the account's read and write buckets. It
// is safe for concurrent use; the zero value is not usable, call New.
type Limiter struct {
	clock    Clock
	rnd      func() float64
	headroom time.Duration

	// costs is swapped whole by SetEndpointCosts so Cost and the fast path
	// of Wait read it without taking mu.
	costs atomic.Pointer[costTable]

	// mu guards everything below. It is only ever held for bookkeeping,
	// never across a sleep, which is what keeps Snapshot non-blocking.
	mu           sync.Mutex
	tier         Tier
	buckets      [2]bucket // indexed by Bucket
	backoffUntil time.Time
	streak       int    // consecutive 429s since the last success
	epoch        uint64 // incremented by every backoff-extending 429
	count429     uint64
	requests     uint64
	lastErr      string
	lastErrAt    time.Time
	rtt          rttRing
}

// New returns a Limiter with full buckets sized for cfg.Tier.
func New(cfg Config) *Limiter {
	l := &Limiter{clock: cfg.Clock, rnd: cfg.Rand, tier: cfg.Tier, headroom: max(cfg.Headroom, 0)}
	if l.clock == nil {
		l.clock = SystemClock()
	}
	if !l.tier.Valid() {
		l.tier = TierBasic
	}
	budgets := l.tier.Budgets()
	l.buckets[BucketRead].lim = rate.NewLimiter(rate.Limit(budgets.Read.Refill), budgets.Read.Capacity)
	l.buckets[BucketWrite].lim = rate.NewLimiter(rate.Limit(budgets.Write.Refill), budgets.Write.Capacity)
	l.costs.Store(newCostTable())
	return l
}

// Request describes one REST call to be metered.
type Request struct {
	Method string // HTTP method, any case
	Path   string // with or without /trade-api/v2 and query string
	Items  int    // orders in a batch create/cancel; ignored otherwise
	// Priority decides the order in which waiters are served when tokens
	// are short. PriorityAuto infers it from Method and Path.
	Priority Priority
}

// Permit is the right to send one request. Report its outcome with Done.
type Permit struct {
	Bucket   Bucket
	Tokens   int
	Priority Priority
	Waited   time.Duration // time spent queued (0 on the fast path)

	l     *Limiter
	epoch uint64 // backoff epoch at grant time; see record429Locked
}

// Cost reports which bucket a request draws from and how many tokens it
// costs, including overrides from SetEndpointCosts. Batch endpoints cost per
// item; items below 1 count as 1.
func (l *Limiter) Cost(method, path string, items int) (Bucket, int) {
	c := l.costs.Load().classify(method, path, items)
	return c.bucket, c.tokens
}

// SetEndpointCosts applies GET /account/endpoint_costs. It replaces earlier
// overrides; built-in costs remain for endpoints the response omits.
func (l *Limiter) SetEndpointCosts(ec EndpointCosts) error {
	for {
		old := l.costs.Load()
		next, err := old.withOverrides(ec)
		if err != nil {
			return err
		}
		if l.costs.CompareAndSwap(old, next) {
			return nil
		}
	}
}

// Wait blocks until req's tokens are available and no backoff is in force,
// then takes the tokens and returns a Permit. While tokens are short,
// waiters of the same bucket are served strictly by priority, then in
// arrival order. A large request at the head is not overtaken by cheaper
// ones of equal or lower priority, so a batch cannot be starved by a stream
// of singles; a more urgent request does go first. Wait returns ctx's error
// if ctx ends first (the waiter leaves the queue), and ErrExceedsCapacity if
// the request can never fit.
func (l *Limiter) Wait(ctx context.Context, req Request) (Permit, error) {
	c := l.costs.Load().classify(req.Method, req.Path, req.Items)
	prio := req.Priority
	if prio == PriorityAuto {
		prio = c.prio
	} else if !prio.valid() {
		return Permit{}, fmt.Errorf("limiter: invalid priority %d", prio)
	}
	if err := ctx.Err(); err != nil {
		return Permit{}, err
	}
	b := &l.buckets[c.bucket]

	l.mu.Lock()
	now := l.clock.Now()
	if err := capacityErr(b, c); err != nil {
		l.mu.Unlock()
		return Permit{}, err
	}
	// Fast path: nobody of equal or higher priority queued in this bucket,
	// no backoff, tokens on hand. Checking the queue first is what stops a
	// new arrival from taking tokens an equally urgent waiter has been
	// accumulating for; a more urgent arrival would go straight to the head
	// of the queue and be granted at once anyway, so it may skip it.
	if b.waitersAhead(prio) == 0 && !now.Before(l.backoffUntil) && l.allowLocked(b, now, c.tokens) {
		p := l.grantLocked(c, prio, 0)
		l.mu.Unlock()
		return p, nil
	}
	return l.waitSlow(ctx, b, c, prio, now)
}

// waitSlow queues the request. It is entered with l.mu held and returns
// with it released.
func (l *Limiter) waitSlow(ctx context.Context, b *bucket, c classification, prio Priority, start time.Time) (Permit, error) {
	w := &waiter{tokens: c.tokens, prio: prio, wake: make(chan struct{}, 1)}
	oldHead := b.head()
	b.push(w)
	if b.head() != oldHead {
		// A more urgent waiter displaced the head: wake it so it drops the
		// timer it no longer needs.
		signal(oldHead)
	}
	for {
		var timer Timer
		var fire <-chan time.Time
		if b.head() == w {
			now := l.clock.Now()
			if err := capacityErr(b, c); err != nil { // SetLimits may have shrunk the bucket
				b.remove(w)
				signal(b.head())
				l.mu.Unlock()
				return Permit{}, err
			}
			var deadline time.Time
			if now.Before(l.backoffUntil) {
				deadline = l.backoffUntil
			} else if l.allowLocked(b, now, w.tokens) {
				b.remove(w)
				signal(b.head())
				p := l.grantLocked(c, prio, now.Sub(start))
				l.mu.Unlock()
				return p, nil
			} else if d := refillDelay(b.lim, now, w.tokens+l.reserveLocked(b, w.tokens)); d > 0 {
				deadline = now.Add(d)
			}
			// No deadline means the bucket does not refill at all; only a
			// SetLimits (which signals) or ctx can move us on.
			if !deadline.IsZero() {
				timer = l.clock.TimerAt(deadline)
				fire = timer.C()
			}
		}
		l.mu.Unlock()

		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			l.mu.Lock()
			wasHead := b.head() == w
			b.remove(w)
			if wasHead {
				signal(b.head())
			}
			l.mu.Unlock()
			return Permit{}, ctx.Err()
		case <-fire:
		case <-w.wake:
		}
		if timer != nil {
			timer.Stop()
		}
		l.mu.Lock()
	}
}

// reserveLocked is the headroom, in tokens, that must stay in b after a
// request of n tokens; never so much that the request could not fit at all.
func (l *Limiter) reserveLocked(b *bucket, n int) int {
	if l.headroom <= 0 {
		return 0
	}
	h := int(math.Ceil(float64(b.lim.Limit()) * l.headroom.Seconds()))
	return max(min(h, b.lim.Burst()-n), 0)
}

// allowLocked takes n tokens from b if it holds n plus the reserve.
func (l *Limiter) allowLocked(b *bucket, now time.Time, n int) bool {
	if h := l.reserveLocked(b, n); h > 0 && b.lim.TokensAt(now) < float64(n+h) {
		return false
	}
	return b.lim.AllowN(now, n)
}

func (l *Limiter) grantLocked(c classification, prio Priority, waited time.Duration) Permit {
	l.requests++
	return Permit{Bucket: c.bucket, Tokens: c.tokens, Priority: prio, Waited: waited, l: l, epoch: l.epoch}
}

func capacityErr(b *bucket, c classification) error {
	if capacity := b.lim.Burst(); c.tokens > capacity {
		return fmt.Errorf("%w: %d %s tokens, capacity %d", ErrExceedsCapacity, c.tokens, c.bucket, capacity)
	}
	return nil
}

// maxRefillWait caps one computed wait for tokens. A refill rate so slow
// (say a tiny refill_rate from /account/limits) that the wait would
// overflow time.Duration must not wrap to a negative, which would make the
// head waiter spin; it sleeps this long and looks again instead.
const maxRefillWait = time.Hour

// refillDelay is how long until lim holds n tokens, rounded up so that the
// retry after the timer normally succeeds, at most maxRefillWait; 0 if it
// never will.
func refillDelay(lim *rate.Limiter, now time.Time, n int) time.Duration {
	r := float64(lim.Limit())
	if r <= 0 || math.IsInf(r, 1) {
		return 0
	}
	return max(refillTime(float64(n)-lim.TokensAt(now), r), time.Nanosecond)
}

// refillTime is how long a bucket refilling at rate tokens/s takes to gain
// deficit tokens, rounded up and capped at maxRefillWait; rate must be > 0.
func refillTime(deficit, rate float64) time.Duration {
	if deficit <= 0 {
		return 0
	}
	ns := math.Ceil(deficit / rate * float64(time.Second))
	if !(ns < float64(maxRefillWait)) { // also catches +Inf and NaN
		return maxRefillWait
	}
	return time.Duration(ns)
}

// Done reports the outcome of the request the permit was granted for:
// the round-trip time of the HTTP exchange (0 if unknown), the HTTP status
// (0 if no response arrived) and the error, if any. A 429 starts or extends
// the shared backoff; any other status below 500 proves the exchange is
// accepting requests again and resets the backoff streak. Network errors and
// 5xx say nothing about the rate limit and leave the backoff alone. Done on
// a zero Permit does nothing.
func (p Permit) Done(rtt time.Duration, status int, err error) {
	l := p.l
	if l == nil {
		return
	}
	now := l.clock.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if rtt > 0 {
		l.rtt.add(rtt)
	}
	switch {
	case status == 429:
		l.record429Locked(now, p.epoch)
		if err == nil {
			l.lastErr, l.lastErrAt = "429 too many requests", now
		}
	case status > 0 && status < 500:
		l.recordSuccessLocked(p.epoch)
	}
	if err != nil {
		l.lastErr = err.Error()
		l.lastErrAt = now
	}
}

// Limits is the body of GET /account/limits. The JSON tags match the wire
// format so the REST client can decode straight into it. Numbers are float64
// because the docs do not promise integers.
type Limits struct {
	UsageTier string       `json:"usage_tier"`
	Read      BucketLimits `json:"read"`
	Write     BucketLimits `json:"write"`
}

// BucketLimits is one bucket's entry in Limits.
type BucketLimits struct {
	RefillRate     float64 `json:"refill_rate"`
	BucketCapacity float64 `json:"bucket_capacity"`
}

// maxCapacity bounds a bucket capacity taken from /account/limits; it is
// far beyond any tier (Prestige holds 20,000 tokens).
const maxCapacity = 1 << 30

// SetTier resizes both buckets to t's published budgets.
func (l *Limiter) SetTier(t Tier) error {
	if !t.Valid() {
		return fmt.Errorf("limiter: invalid tier %d", uint8(t))
	}
	return l.SetLimits(Limits{UsageTier: t.String()})
}

// SetLimits applies GET /account/limits. The explicit refill rates and
// capacities are authoritative (the account may have grants beyond its
// tier); zero fields fall back to the tier's published budget. An
// unrecognised tier name is reported as an error, but the explicit numbers
// are still applied, because a new tier name should not leave the client
// metering itself against the wrong budget.
func (l *Limiter) SetLimits(lim Limits) error {
	var tierErr error
	l.mu.Lock()
	defer l.mu.Unlock()
	tier := l.tier
	if lim.UsageTier != "" {
		t, err := ParseTier(lim.UsageTier)
		if err != nil {
			tierErr = err
		} else {
			tier = t
		}
	}
	budgets := tier.Budgets()
	now := l.clock.Now()
	apply := func(b *bucket, def Budget, got BucketLimits) {
		refill, capacity := def.Refill, def.Capacity
		if got.RefillRate > 0 {
			refill = got.RefillRate
		}
		// A capacity below one token would admit nothing, and one beyond
		// int's range would convert to garbage: the first falls back to
		// the tier's budget, the second is capped.
		if got.BucketCapacity >= 1 {
			capacity = int(min(got.BucketCapacity, maxCapacity))
		}
		b.lim.SetLimitAt(now, rate.Limit(refill))
		b.lim.SetBurstAt(now, capacity)
		// The head's timer was computed for the old rate; let it recompute.
		signal(b.head())
	}
	apply(&l.buckets[BucketRead], budgets.Read, lim.Read)
	apply(&l.buckets[BucketWrite], budgets.Write, lim.Write)
	l.tier = tier
	return tierErr
}

package limiter

import (
	"fmt"
	"math"
	"time"
)

// Preview answers "what would this action cost, and could it go now?" for
// confirmation prompts (for example before a batch cancel).
type Preview struct {
	Bucket    Bucket
	Priority  Priority // as inferred from method and path
	Tokens    int      // cost of the action
	Available int      // whole tokens in the bucket now
	Capacity  int
	// CanGoNow is true if Wait (with the inferred priority) would grant the
	// request without queuing.
	CanGoNow bool
	// EstimatedWait is a lower bound on the queueing delay if !CanGoNow:
	// the backoff still to run, or the refill time for this request plus the
	// waiters it would queue behind, whichever is longer. Later, more urgent
	// arrivals can only lengthen it.
	EstimatedWait time.Duration
	// ExceedsCapacity is true if the action can never be sent as one
	// request; a batch must be split.
	ExceedsCapacity bool
	InBackoff       bool
}

// Preview estimates the cost and delay of a request without taking tokens.
func (l *Limiter) Preview(method, path string, items int) Preview {
	c := l.costs.Load().classify(method, path, items)
	b := &l.buckets[c.bucket]
	now := l.clock.Now()

	l.mu.Lock()
	defer l.mu.Unlock()
	tokens := b.lim.TokensAt(now)
	p := Preview{
		Bucket:    c.bucket,
		Priority:  c.prio,
		Tokens:    c.tokens,
		Available: int(math.Floor(tokens)),
		Capacity:  b.lim.Burst(),
		InBackoff: now.Before(l.backoffUntil),
	}
	if p.Tokens > p.Capacity {
		p.ExceedsCapacity = true
		return p
	}
	// Same test as Wait's fast path.
	p.CanGoNow = b.waitersAhead(c.prio) == 0 && !p.InBackoff && tokens >= float64(p.Tokens)
	if p.CanGoNow {
		return p
	}
	if r := float64(b.lim.Limit()); r > 0 && !math.IsInf(r, 1) {
		p.EstimatedWait = refillTime(float64(b.tokensAhead(c.prio)+p.Tokens)-tokens, r)
	}
	if p.InBackoff {
		p.EstimatedWait = max(p.EstimatedWait, l.backoffUntil.Sub(now))
	}
	return p
}

// String renders the preview for a prompt, e.g.
// "28 write tokens (have 180/200)" or
// "28 write tokens (have 10/100, wait ~180ms)".
func (p Preview) String() string {
	unit := "tokens"
	if p.Tokens == 1 {
		unit = "token"
	}
	switch {
	case p.ExceedsCapacity:
		return fmt.Sprintf("%d %s %s (exceeds bucket of %d)", p.Tokens, p.Bucket, unit, p.Capacity)
	case p.CanGoNow:
		return fmt.Sprintf("%d %s %s (have %d/%d)", p.Tokens, p.Bucket, unit, p.Available, p.Capacity)
	}
	return fmt.Sprintf("%d %s %s (have %d/%d, wait ~%s)", p.Tokens, p.Bucket, unit, p.Available, p.Capacity, roundWait(p.EstimatedWait))
}

// roundWait keeps prompt text short: milliseconds below a second, tenths of
// a second above.
func roundWait(d time.Duration) time.Duration {
	if d < time.Second {
		return max(d.Round(time.Millisecond), time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

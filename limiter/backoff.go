package limiter

import (
	"math/rand/v2"
	"time"
)

// The 429 backoff schedule. Kalshi's 429 says nothing about when to retry, so
// the client guesses: start small (most 429s come from a momentary overdraft
// of a bucket that refills in milliseconds), double while the exchange keeps
// refusing, and stop growing at a point where a human is still watching.
const (
	BackoffBase      = 100 * time.Millisecond
	BackoffMax       = 30 * time.Second
	BackoffJitterMin = 0.10
	BackoffJitterMax = 0.20
)

// BackoffDelay returns the delay before retry number attempt (0 for the
// first retry after a 429): BackoffBase doubled attempt times, capped at
// BackoffMax, then shortened by a random 10–20 %.
//
// Jitter is subtracted rather than added so that BackoffMax stays a true
// ceiling while delays at the cap still differ between clients; otherwise
// every client that hit the cap would retry in lockstep. rnd returns values
// in [0, 1); nil means math/rand/v2. The function is pure given rnd, so the
// REST client's retry loop and the Limiter share one schedule.
func BackoffDelay(attempt int, rnd func() float64) time.Duration {
	if rnd == nil {
		rnd = rand.Float64
	}
	nominal := BackoffMax
	// 100ms << 9 already exceeds the cap; the bound also prevents overflow.
	if attempt < 9 {
		nominal = min(BackoffBase<<max(attempt, 0), BackoffMax)
	}
	r := min(max(rnd(), 0), 1)
	jitter := BackoffJitterMin + (BackoffJitterMax-BackoffJitterMin)*r
	return time.Duration(float64(nominal) * (1 - jitter))
}

// BackoffState describes the Limiter's shared backoff at one instant.
type BackoffState struct {
	Active    bool          // a backoff is in force at the queried time
	Until     time.Time     // when the current (or last) backoff ends
	Remaining time.Duration // Until minus the queried time, or 0
	Streak    int           // consecutive 429s since the last success
}

// Backoff reports the shared backoff state as of now. The REST client can
// use it to avoid sending (or to explain) while the limiter is backing off.
func (l *Limiter) Backoff(now time.Time) BackoffState {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.backoffLocked(now)
}

func (l *Limiter) backoffLocked(now time.Time) BackoffState {
	s := BackoffState{Until: l.backoffUntil, Streak: l.streak}
	if now.Before(l.backoffUntil) {
		s.Active = true
		s.Remaining = l.backoffUntil.Sub(now)
	}
	return s
}

// record429Locked registers a 429 from a request granted in epoch.
//
// Only a 429 from a request granted after the previous 429 was recorded
// lengthens the backoff. Requests that were already in flight when the first
// 429 arrived tend to fail together; counting each of them as a fresh
// refusal would jump straight to a multi-second backoff after one overdraft.
func (l *Limiter) record429Locked(now time.Time, epoch uint64) {
	l.count429++
	if epoch != l.epoch {
		return
	}
	l.epoch++
	d := BackoffDelay(l.streak, l.rnd)
	l.streak++
	if until := now.Add(d); until.After(l.backoffUntil) {
		l.backoffUntil = until
	}
}

// recordSuccessLocked resets the backoff streak, but only for a request
// granted after the latest 429: a success that was already in flight says
// nothing about whether the exchange has forgiven us. The current backoff
// window is left to run out rather than cut short, for the same reason.
func (l *Limiter) recordSuccessLocked(epoch uint64) {
	if epoch == l.epoch {
		l.streak = 0
	}
}

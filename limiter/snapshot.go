package limiter

import (
	"slices"
	"time"
)

// rttSamples is how many recent round trips the percentiles cover: enough
// for a stable p99 estimate, few enough to follow a change within seconds.
const rttSamples = 256

// rttRing keeps the last rttSamples round-trip times.
type rttRing struct {
	buf  [rttSamples]time.Duration
	next int
	n    int
}

func (r *rttRing) add(d time.Duration) {
	r.buf[r.next] = d
	r.next = (r.next + 1) % rttSamples
	r.n = min(r.n+1, rttSamples)
}

// BucketSnapshot is one bucket's state.
type BucketSnapshot struct {
	Tokens   float64 // available now, 0..Capacity
	Capacity int
	Refill   float64 // tokens per second
	Waiting  int     // requests queued on this bucket
}

// Snapshot is the limiter's state for the status bar.
type Snapshot struct {
	At          time.Time
	Tier        Tier
	Read, Write BucketSnapshot
	// Waiting counts queued requests by priority across both buckets;
	// index it with WaitingFor.
	Waiting       [numPriorities]int
	InBackoff     bool
	BackoffUntil  time.Time // zero if there never was a backoff
	BackoffStreak int
	Count429      uint64
	LastError     string
	LastErrorAt   time.Time
	Requests      uint64 // permits granted
	RTTSamples    int    // round trips behind the percentiles (≤ 256)
	RTTP50        time.Duration
	RTTP99        time.Duration
}

// WaitingFor returns the number of requests queued at priority p.
func (s Snapshot) WaitingFor(p Priority) int {
	if !p.valid() {
		return 0
	}
	return s.Waiting[p-1]
}

// Bucket returns the snapshot of bucket b.
func (s Snapshot) Bucket(b Bucket) BucketSnapshot {
	if b == BucketWrite {
		return s.Write
	}
	return s.Read
}

// Snapshot returns the current state. It holds the limiter's mutex only to
// copy a few fields and the RTT ring (no waiter ever holds it while
// sleeping), and sorts the RTT copy after releasing it, so the UI can call
// it every frame.
func (l *Limiter) Snapshot() Snapshot {
	var rtts [rttSamples]time.Duration
	now := l.clock.Now()

	l.mu.Lock()
	s := Snapshot{
		At:            now,
		Tier:          l.tier,
		BackoffUntil:  l.backoffUntil,
		BackoffStreak: l.streak,
		InBackoff:     now.Before(l.backoffUntil),
		Count429:      l.count429,
		LastError:     l.lastErr,
		LastErrorAt:   l.lastErrAt,
		Requests:      l.requests,
		RTTSamples:    l.rtt.n,
	}
	for i := range l.buckets {
		b := &l.buckets[i]
		bs := BucketSnapshot{
			Tokens:   b.lim.TokensAt(now),
			Capacity: b.lim.Burst(),
			Refill:   float64(b.lim.Limit()),
			Waiting:  b.waiting,
		}
		for p := range b.queues {
			s.Waiting[p] += b.queues[p].n
		}
		if Bucket(i) == BucketWrite {
			s.Write = bs
		} else {
			s.Read = bs
		}
	}
	copy(rtts[:], l.rtt.buf[:l.rtt.n])
	l.mu.Unlock()

	if s.RTTSamples > 0 {
		sorted := rtts[:s.RTTSamples]
		slices.Sort(sorted)
		s.RTTP50 = percentile(sorted, 50)
		s.RTTP99 = percentile(sorted, 99)
	}
	return s
}

// percentile uses the nearest-rank method on sorted data.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	return sorted[max(rank, 1)-1]
}

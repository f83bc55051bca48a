package hub

import (
	"sync"
	"time"

	"ladder/stream"
)

// queue is one view's bounded queue of private events: a ring that, when
// full, drops its oldest event and counts it. The hub pushes and never
// waits; the view's bridge drains.
type queue struct {
	mu      sync.Mutex
	buf     []stream.Delivered // ring; grows up to max
	head, n int
	max     int
	dropped uint64 // dropped since the last drain
	total   uint64 // dropped in all
	closed  bool
	ready   chan struct{} // capacity 1: something was pushed since the last drain
}

func newQueue(max int) *queue {
	return &queue{max: max, ready: make(chan struct{}, 1)}
}

// push appends a batch, dropping the oldest events beyond the bound.
func (q *queue) push(batch []stream.Delivered) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return
	}
	for _, d := range batch {
		if q.n == q.max {
			q.buf[q.head] = stream.Delivered{}
			q.head = (q.head + 1) % len(q.buf)
			q.n--
			q.dropped++
			q.total++
		}
		if q.n == len(q.buf) {
			q.grow()
		}
		q.buf[(q.head+q.n)%len(q.buf)] = d
		q.n++
	}
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// grow doubles the ring (up to max), unrolling it to start at 0.
func (q *queue) grow() {
	size := min(max(2*len(q.buf), 16), q.max)
	buf := make([]stream.Delivered, size)
	for i := range q.n {
		buf[i] = q.buf[(q.head+i)%len(q.buf)]
	}
	q.buf, q.head = buf, 0
}

// drain appends the queued events to dst, oldest first, after a Dropped
// notice when some were lost since the last drain.
func (q *queue) drain(dst []stream.Delivered, now time.Time) []stream.Delivered {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.dropped > 0 {
		dst = append(dst, stream.Delivered{Event: stream.ErrorEvent{Err: &Dropped{N: q.dropped}}, At: now})
		q.dropped = 0
	}
	for i := range q.n {
		j := (q.head + i) % len(q.buf)
		dst = append(dst, q.buf[j])
		q.buf[j] = stream.Delivered{}
	}
	q.head, q.n = 0, 0
	if len(q.buf) > 256 {
		q.buf = nil // let the ring of a burst go
	}
	return dst
}

// pending is how many events wait and the time of the oldest.
func (q *queue) pending() (int, time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.n == 0 {
		return 0, time.Time{}
	}
	return q.n, q.buf[q.head].At
}

// close empties the queue and refuses later pushes.
func (q *queue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.buf, q.head, q.n = nil, 0, 0
}

// droppedTotal counts every event this queue dropped.
func (q *queue) droppedTotal() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.total
}

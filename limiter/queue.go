package limiter

import "golang.org/x/time/rate"

// waiter is one blocked Wait call. Waiters schedule themselves: only the
// head of a bucket's queue holds a timer (for when its tokens will have
// refilled); the others sleep on wake until they become the head. That keeps
// the limiter free of a background goroutine and of any Close method.
type waiter struct {
	tokens     int
	prio       Priority
	wake       chan struct{} // capacity 1; a pending signal is never lost
	prev, next *waiter
}

// fifo is an intrusive doubly linked list, so that a waiter whose context
// is cancelled leaves from the middle in O(1).
type fifo struct {
	head, tail *waiter
	tokens     int // sum of waiters' tokens, for Preview's wait estimate
	n          int
}

func (q *fifo) push(w *waiter) {
	w.prev, w.next = q.tail, nil
	if q.tail != nil {
		q.tail.next = w
	} else {
		q.head = w
	}
	q.tail = w
	q.n++
	q.tokens += w.tokens
}

func (q *fifo) remove(w *waiter) {
	if w.prev != nil {
		w.prev.next = w.next
	} else {
		q.head = w.next
	}
	if w.next != nil {
		w.next.prev = w.prev
	} else {
		q.tail = w.prev
	}
	w.prev, w.next = nil, nil
	q.n--
	q.tokens -= w.tokens
}

// bucket is one token bucket plus its queue of waiters, one FIFO per
// priority. All fields are guarded by Limiter.mu; rate.Limiter's own lock is
// redundant but harmless.
type bucket struct {
	lim     *rate.Limiter
	queues  [numPriorities]fifo // index prio-1
	waiting int
}

// head returns the waiter entitled to the next tokens: the oldest waiter of
// the highest non-empty priority.
func (b *bucket) head() *waiter {
	for i := numPriorities - 1; i >= 0; i-- {
		if w := b.queues[i].head; w != nil {
			return w
		}
	}
	return nil
}

func (b *bucket) push(w *waiter) {
	b.queues[w.prio-1].push(w)
	b.waiting++
}

func (b *bucket) remove(w *waiter) {
	b.queues[w.prio-1].remove(w)
	b.waiting--
}

// waitersAhead counts the waiters a new request of priority p would queue
// behind (same or higher priority).
func (b *bucket) waitersAhead(p Priority) int {
	n := 0
	for i := int(p) - 1; i < numPriorities; i++ {
		n += b.queues[i].n
	}
	return n
}

// tokensAhead sums the tokens of waiters that a new request of priority p
// would queue behind (same or higher priority).
func (b *bucket) tokensAhead(p Priority) int {
	n := 0
	for i := int(p) - 1; i < numPriorities; i++ {
		n += b.queues[i].tokens
	}
	return n
}

// signal wakes w without blocking; a signal already pending is enough.
func signal(w *waiter) {
	if w == nil {
		return
	}
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

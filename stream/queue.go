package stream

import "time"

// defaultPrivateCap bounds the must-deliver queue (Config.PrivateCap).
// Private events (my fills, orders, positions, lifecycle, state, errors)
// come at human rates, so the queue only fills when its reader has
// stopped; 10,000 events is minutes of a busy account and about a megabyte.
const defaultPrivateCap = 10_000

// privateQueue is the must-deliver path between the feed goroutine, which
// must never block on a slow reader, and the one goroutine that drains it
// into the program. Its bound is Config.PrivateCap. Nothing in it is ever
// silently lost: when it is full (the reader has stalled) the queue stops
// taking order, fill and position updates, which REST can fetch again, and
// once the reader has drained it one reconciliation delivers that state in
// full (see Client.pushLocked). Lifecycle, state and error events are few
// and always queued, and so is what a reconciliation fetched: the queue
// holds at most PrivateCap feed updates plus one REST answer. Guarded by
// Client.mu.
type privateQueue struct {
	q          []Delivered
	cap        int
	overflowed bool          // updates are being refused until the reader drains the queue
	ready      chan struct{} // capacity 1: something was pushed since the last drain
}

func newPrivateQueue(cap int) privateQueue {
	return privateQueue{cap: cap, ready: make(chan struct{}, 1)}
}

func (p *privateQueue) push(ev Event, at time.Time) {
	p.q = append(p.q, Delivered{Event: ev, At: at})
	select {
	case p.ready <- struct{}{}:
	default:
	}
}

// drain appends every queued event to dst in order and empties the queue.
func (p *privateQueue) drain(dst []Delivered) []Delivered {
	dst = append(dst, p.q...)
	clear(p.q)
	if cap(p.q) > 256 {
		p.q = nil // let the backing array of a burst go
	} else {
		p.q = p.q[:0]
	}
	return dst
}

// oldest is the exchange time of the oldest queued event (zero if none).
func (p *privateQueue) oldest() time.Time {
	if len(p.q) == 0 {
		return time.Time{}
	}
	return p.q[0].At
}

// reconcilable reports whether REST reconciliation can deliver the state
// an event carries again (resting orders, fills, positions).
func reconcilable(ev Event) bool {
	switch ev.(type) {
	case FillEvent, OrderEvent, PositionEvent, RestingOrdersEvent, PositionsEvent:
		return true
	}
	return false
}

// pushLocked queues a must-deliver event stamped with the time the exchange
// produced it (see lagClock.at). It is the overflow policy's one place: a
// reconcilable event that finds the queue full, or arrives while it is
// overflowed, is not queued (a fill's key is forgotten and the fill window
// moved back before it), and the reader's next drain starts a
// reconciliation that fetches it over REST.
func (c *Client) pushLocked(ev Event, at time.Time) {
	p := &c.private
	if reconcilable(ev) && (p.overflowed || len(p.q) >= p.cap) {
		if !p.overflowed {
			p.overflowed = true
			c.h.overflows++
			c.log.Warn("private event queue full; updates wait for a REST reconciliation", "queued", len(p.q))
			p.push(ErrorEvent{Err: errOverflow}, c.clock.Now())
		}
		if f, ok := ev.(FillEvent); ok {
			c.fills.forget(f.Fill.Key(), f.Fill.TsMs)
		}
		return
	}
	p.push(ev, at)
}

// pushNowLocked queues an event that has no exchange time (state changes,
// errors): it is stamped with the local clock.
func (c *Client) pushNowLocked(ev Event) { c.pushLocked(ev, c.clock.Now()) }

// pushRESTLocked queues what a reconciliation fetched, stamped now (the REST
// state is as of its answer). It is never refused: it is the recovery the
// overflow policy relies on, and its size is bounded by one REST answer.
func (c *Client) pushRESTLocked(ev Event) { c.private.push(ev, c.clock.Now()) }

// DrainPrivate appends every waiting must-deliver event to dst, oldest
// first, and returns it. Call it when PrivateReady fires. After an
// overflow, the first drain starts the reconciliation that delivers what
// the queue refused.
func (c *Client) DrainPrivate(dst []Delivered) []Delivered {
	c.mu.Lock()
	defer c.mu.Unlock()
	dst = c.private.drain(dst)
	if c.private.overflowed {
		c.private.overflowed = false
		c.reconcileAgainLocked()
		// Without a reconciled session the next connection reconciles
		// anyway, from the fill window forget moved back.
	}
	return dst
}

// PrivateReady is signalled (capacity 1) when must-deliver events wait.
func (c *Client) PrivateReady() <-chan struct{} { return c.private.ready }

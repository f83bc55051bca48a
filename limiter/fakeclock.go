package limiter

import (
	"sort"
	"sync"
	"time"
)

// FakeClock is a manually advanced Clock for tests, exported so that the
// REST client's tests can drive the limiter too. Time moves only when
// Advance, AdvanceToNext or Set is called; timers whose deadline has been
// reached fire during that call, in deadline order.
type FakeClock struct {
	mu     sync.Mutex
	cond   sync.Cond // broadcast whenever the set of pending timers changes
	now    time.Time
	timers []*fakeTimer
}

// NewFakeClock returns a FakeClock reading start.
func NewFakeClock(start time.Time) *FakeClock {
	c := &FakeClock{now: start}
	c.cond.L = &c.mu
	return c
}

// Now returns the fake time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// TimerAt returns a timer firing when the fake time reaches deadline.
func (c *FakeClock) TimerAt(deadline time.Time) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: deadline, ch: make(chan time.Time, 1)}
	if !deadline.After(c.now) {
		t.ch <- c.now
		return t
	}
	c.timers = append(c.timers, t)
	c.cond.Broadcast()
	return t
}

// Advance moves time forward by d and fires the timers that are due.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.setLocked(c.now.Add(d))
}

// Set moves time to t (never backwards) and fires the timers that are due.
func (c *FakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.After(c.now) {
		c.setLocked(t)
	}
}

// AdvanceToNext moves time to the earliest pending deadline and fires the
// timers due then. It reports false, leaving time alone, if none is pending.
func (c *FakeClock) AdvanceToNext() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.timers) == 0 {
		return false
	}
	next := c.timers[0].at
	for _, t := range c.timers[1:] {
		if t.at.Before(next) {
			next = t.at
		}
	}
	if next.After(c.now) {
		c.setLocked(next)
	} else {
		c.setLocked(c.now)
	}
	return true
}

// Deadlines returns the pending timers' deadlines in ascending order.
func (c *FakeClock) Deadlines() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := make([]time.Time, len(c.timers))
	for i, t := range c.timers {
		d[i] = t.at
	}
	sort.Slice(d, func(i, j int) bool { return d[i].Before(d[j]) })
	return d
}

// Timers returns the number of pending timers.
func (c *FakeClock) Timers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// BlockUntil waits until at least n timers are pending. Tests use it to know
// that the goroutines they started have parked before time moves.
func (c *FakeClock) BlockUntil(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.timers) < n {
		c.cond.Wait()
	}
}

func (c *FakeClock) setLocked(t time.Time) {
	c.now = t
	var due, keep []*fakeTimer
	for _, ft := range c.timers {
		if ft.at.After(t) {
			keep = append(keep, ft)
		} else {
			due = append(due, ft)
		}
	}
	if len(due) == 0 {
		return
	}
	sort.SliceStable(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	c.timers = keep
	for _, ft := range due {
		ft.ch <- t // capacity 1 and each timer fires once, so this never blocks
	}
	c.cond.Broadcast()
}

type fakeTimer struct {
	c  *FakeClock
	at time.Time
	ch chan time.Time
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	for i, ft := range t.c.timers {
		if ft == t {
			t.c.timers = append(t.c.timers[:i], t.c.timers[i+1:]...)
			t.c.cond.Broadcast()
			return true
		}
	}
	return false
}

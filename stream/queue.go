package stream

import (
	"context"
	"sync"
)

// eventQueue is the must-deliver path: an unbounded FIFO between the feed
// goroutine (which must never block on a slow UI) and the Events channel.
// Fills, order updates and errors are rare next to book deltas, so an
// unbounded queue cannot grow without bound in practice, and dropping one
// is never acceptable.
type eventQueue struct {
	mu     sync.Mutex
	q      []Event
	signal chan struct{} // capacity 1: something was pushed
	out    chan Event
	once   sync.Once
}

func newEventQueue() *eventQueue {
	return &eventQueue{signal: make(chan struct{}, 1), out: make(chan Event)}
}

func (e *eventQueue) push(ev Event) {
	e.mu.Lock()
	e.q = append(e.q, ev)
	e.mu.Unlock()
	select {
	case e.signal <- struct{}{}:
	default:
	}
}

// start runs the pump until ctx is done; later calls do nothing.
func (e *eventQueue) start(ctx context.Context) {
	e.once.Do(func() { go e.pump(ctx) })
}

func (e *eventQueue) pump(ctx context.Context) {
	for {
		e.mu.Lock()
		var ev Event
		if len(e.q) > 0 {
			ev = e.q[0]
			e.q[0] = nil
			e.q = e.q[1:]
			if len(e.q) == 0 {
				e.q = e.q[:0:0] // let the backing array go after a burst
			}
		}
		e.mu.Unlock()
		if ev == nil {
			select {
			case <-ctx.Done():
				return
			case <-e.signal:
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case e.out <- ev:
		}
	}
}

package hub

import (
	"sync"
	"sync/atomic"
	"time"

	"ladder/model"
	"ladder/stream"
)

// View is one screen's share of the hub. It implements the dashboard's
// feed (ui.Feed): SetMarkets records what this screen wants and the hub
// subscribes the union; Books, Tickers and Health are the feed's, narrowed
// to this screen's markets; Trades reads the shared tape with the
// caller's cursor; PrivateReady and DrainPrivate are this view's own
// queue. As with the feed, one goroutine (the screen's bridge) reads and
// the screen's Update calls SetMarkets.
type View struct {
	h *Hub
	q *queue

	// books and ticks are this view's markets, guarded by h.mu (the
	// union is computed from them); want is the same as sets for the
	// reader, guarded by mu.
	books, ticks []string
	mu           sync.Mutex
	wantBooks    map[string]bool
	wantTicks    map[string]bool
	closed       bool

	local atomic.Uint64 // changes of this view's own (see Changes)
}

var _ Source = (*View)(nil)

// SetMarkets records this screen's books and tickers; the hub sends the
// feed the union of every open view's, in the order the calls were made.
func (v *View) SetMarkets(books []string, tickers []string) {
	wantB, wantT := set(books), set(tickers)
	v.mu.Lock()
	if v.closed {
		v.mu.Unlock()
		return
	}
	v.wantBooks, v.wantTicks = wantB, wantT
	v.mu.Unlock()
	v.local.Add(1) // redraw even when the union did not move

	h := v.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, open := h.views[v]; !open {
		return
	}
	v.books, v.ticks = append([]string(nil), books...), append([]string(nil), tickers...)
	h.resubscribeLocked()
}

// Close removes the view: its queue is dropped, its markets leave the
// union. Closing twice is harmless.
func (v *View) Close() {
	v.mu.Lock()
	v.closed = true
	v.mu.Unlock()
	h := v.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, open := h.views[v]; !open {
		return
	}
	delete(h.views, v)
	v.q.close()
	h.resubscribeLocked()
}

// Changes is the feed's change count plus this view's own (subscription
// changes), so the screen redraws after either.
func (v *View) Changes() uint64 { return v.h.src.Changes() + v.local.Load() }

// PrivateReady is signalled when private events wait in this view's queue.
func (v *View) PrivateReady() <-chan struct{} { return v.q.ready }

// DrainPrivate appends this view's waiting private events to dst, oldest
// first, after a *Dropped notice (as a stream.ErrorEvent) if it lost some.
func (v *View) DrainPrivate(dst []stream.Delivered) []stream.Delivered {
	return v.q.drain(dst, time.Now())
}

// Dropped counts every private event this view lost because it stopped
// reading.
func (v *View) Dropped() uint64 { return v.q.droppedTotal() }

// Books fills dst with the feed's views of this screen's books. The views
// are immutable and shared: one copy per book version whatever the number
// of screens.
func (v *View) Books(dst map[string]stream.BookView) {
	v.h.src.Books(dst)
	v.mu.Lock()
	defer v.mu.Unlock()
	keepWanted(dst, v.wantBooks)
}

// Tickers fills dst with the latest ticker of each of this screen's
// markets.
func (v *View) Tickers(dst map[string]model.TickerMsg) {
	v.h.src.Tickers(dst)
	v.mu.Lock()
	defer v.mu.Unlock()
	keepWanted(dst, v.wantTicks)
}

// keepWanted deletes from dst every market this screen did not ask for.
func keepWanted[V any](dst map[string]V, want map[string]bool) {
	for t := range dst {
		if !want[t] {
			delete(dst, t)
		}
	}
}

// Trades reads the shared tape from cursor, the caller's own.
func (v *View) Trades(cursor uint64, max int, dst []model.TradeMsg) ([]model.TradeMsg, uint64, uint64) {
	return v.h.src.Trades(cursor, max, dst)
}

// Health is the feed's health as this screen sees it: private events
// pending include this view's queue, and refused markets are this
// screen's only.
func (v *View) Health() stream.Health {
	hl := v.h.src.Health()
	if n, oldest := v.q.pending(); n > 0 {
		hl.PrivatePending += n
		if hl.PrivateOldest.IsZero() || oldest.Before(hl.PrivateOldest) {
			hl.PrivateOldest = oldest
		}
	}
	if len(hl.Refused) > 0 {
		v.mu.Lock()
		for t := range hl.Refused {
			if !v.wantBooks[t] && !v.wantTicks[t] {
				delete(hl.Refused, t)
			}
		}
		v.mu.Unlock()
		if len(hl.Refused) == 0 {
			hl.Refused = nil
		}
	}
	return hl
}

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		if n != "" {
			m[n] = true
		}
	}
	return m
}

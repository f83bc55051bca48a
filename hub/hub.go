// Package hub shares one exchange feed between several dashboards (the
// plain dashboard is one, each SSH session of ladder serve another).
//
// The hub is the one reader of the feed's must-deliver queue. Each private
// event (my fills, orders, positions, lifecycle, state, errors) is applied
// exactly once, in order, through Config.Apply — the place where the
// trading state's owner (the desk) is plugged in — and then handed to every
// open View through a bounded queue of its own. A view that stops reading
// loses its oldest messages, counted and reported to it, but never blocks
// the hub, the feed or the other views.
//
// Public data is not copied per view: a view reads the feed's immutable
// book views, tickers and tape itself (each with its own trade cursor), and
// the hub subscribes the feed to the union of every view's markets.
package hub

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	"ladder/stream"
)

// Source is the feed the hub shares (a *stream.Client); each View is a
// stream.Feed in turn, for one screen.
type Source = stream.Feed

// DefaultViewQueue bounds each view's queue of private events. They come
// at human rates, so a view that reads once a frame holds a handful; 1,024
// is minutes of a busy account, about 40 kB, and only a view that stopped
// reading ever reaches it.
const DefaultViewQueue = 1024

// Config configures a Hub. Only Source is required.
type Config struct {
	Source Source
	// Apply is called once per private event, in the order the feed
	// delivered them, on the hub's goroutine and before any view sees the
	// event. It must not block for long: the next events wait for it.
	// nil applies nothing.
	Apply func(stream.Delivered)
	// ViewQueue bounds each view's queue (default DefaultViewQueue).
	ViewQueue int
	Logger    *slog.Logger // nil: discard
}

// Hub fans one feed out to many views. Run drains the feed; Open adds a
// view. It is safe for concurrent use.
type Hub struct {
	src      Source
	apply    func(stream.Delivered)
	queueCap int
	log      *slog.Logger

	mu    sync.Mutex // guards views and the subscription sent to src
	views map[*View]struct{}
	books []string // the union last sent to src.SetMarkets, sorted
	ticks []string

	applied atomic.Uint64
}

// New returns a hub over cfg.Source; call Run to start it.
func New(cfg Config) *Hub {
	if cfg.ViewQueue <= 0 {
		cfg.ViewQueue = DefaultViewQueue
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Hub{src: cfg.Source, apply: cfg.Apply, queueCap: cfg.ViewQueue, log: cfg.Logger, views: map[*View]struct{}{}}
}

// Run drains the feed's private events until ctx is done: each batch is
// applied, then queued for every open view. It drains whether or not any
// view is open, so the feed's own bounded queue never fills on the hub's
// account.
func (h *Hub) Run(ctx context.Context) {
	ready := h.src.PrivateReady()
	var batch []stream.Delivered
	for {
		select {
		case <-ctx.Done():
			return
		case <-ready:
		}
		batch = h.src.DrainPrivate(batch[:0])
		h.deliver(batch)
		clear(batch) // let the events go; the views hold their own copies
	}
}

// deliver applies a batch once, then fans it out.
func (h *Hub) deliver(batch []stream.Delivered) {
	if len(batch) == 0 {
		return
	}
	if h.apply != nil {
		for _, d := range batch {
			h.apply(d)
		}
	}
	h.applied.Add(uint64(len(batch)))
	h.mu.Lock()
	defer h.mu.Unlock()
	for v := range h.views {
		v.q.push(batch)
	}
}

// Applied counts the private events applied so far.
func (h *Hub) Applied() uint64 { return h.applied.Load() }

// Views counts the open views: how many screens are watching.
func (h *Hub) Views() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.views)
}

// Open adds a view. It sees every private event the hub delivers from now
// on (what came before is the desk's, or a REST load's, to tell it) and
// subscribes nothing until its SetMarkets. Close it when its screen goes.
func (h *Hub) Open() *View {
	v := &View{h: h, q: newQueue(h.queueCap)}
	h.mu.Lock()
	h.views[v] = struct{}{}
	h.mu.Unlock()
	return v
}

// resubscribeLocked sends the union of every open view's markets to the
// feed when it differs from the last one sent. Holding h.mu while calling
// the feed keeps subscription changes in the order they were made.
func (h *Hub) resubscribeLocked() {
	var books, ticks []string
	for v := range h.views {
		books = append(books, v.books...)
		ticks = append(ticks, v.ticks...)
	}
	books, ticks = uniq(books), uniq(ticks)
	if slices.Equal(books, h.books) && slices.Equal(ticks, h.ticks) {
		return
	}
	h.books, h.ticks = books, ticks
	h.src.SetMarkets(books, ticks)
}

// uniq sorts s and drops duplicates and empty names.
func uniq(s []string) []string {
	slices.Sort(s)
	s = slices.Compact(s)
	if len(s) > 0 && s[0] == "" {
		s = s[1:]
	}
	if len(s) == 0 {
		return nil
	}
	return s
}

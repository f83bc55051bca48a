package stream

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"ladder/model"
)

// Client is one WebSocket session to the exchange. The feed goroutine (Run)
// owns the live books; the UI reads copies through Books, Tickers and
// Health, wakes on Notify and drains Events.
type Client struct {
	cfg        Config
	log        *slog.Logger
	clock      Clock
	wake       chan struct{} // capacity 1: wakes the session controller
	gridWake   chan struct{} // capacity 1: wakes the price-grid lookup
	rec        *recorder
	readOnly   bool
	slowOnly   bool          // benchmarks: skip the fast delta decoder to compare
	replayDone chan struct{} // closed when a replay's goroutine returns (Wait)
	replayFed  chan struct{} // closed when a replay has first fed its recording to the end (Done)
	replaying  bool          // a replay: its goroutine closes replayDone
	rctl       *replayCtl    // a replay's controls (replayctl.go); nil when live
	linear     *model.Grid

	changes atomic.Uint64 // see Changes

	mu          sync.Mutex
	wantBooks   map[string]bool
	wantTickers map[string]bool
	books       map[string]*liveBook
	grids       map[string]*model.Grid
	gridErrAt   map[string]time.Time
	tickers     map[string]model.TickerMsg // decoded, as of the last Tickers call
	rawTickers  map[string]*lazyTicker     // the newest ticker frame of each market (peek.go)
	refused     map[string]string          // markets the exchange does not know, and why
	fills       fillLedger
	private     privateQueue // must-deliver events (queue.go)
	tape        tape         // the newest public trades (tape.go)
	lag         lagClock     // exchange time on the local clock (lag.go)
	staleCount  int
	h           healthState
	sess        *session // nil while disconnected
	dirty       bool     // something the UI shows changed since the last count (unlockAndNotify)
	versions    uint64   // source of BookView versions, unique across books and their replacements
	startedAt   time.Time
}

// liveBook is one subscribed market's book and its freshness.
type liveBook struct {
	book      *model.OrderBook // nil until the market's grid is known
	stale     bool
	reason    string
	ver       uint64    // see touchLocked
	snapReqAt time.Time // when a snapshot was last asked for; zero when none is awaited
	vol       []model.Qty
	last      LastTrade
	// view is the immutable copy handed out by Books for version ver; it
	// is replaced, never modified, so readers may keep it.
	view BookView
}

// New returns a client; call Run to connect.
func New(cfg Config) *Client {
	cfg = cfg.withDefaults()
	c := &Client{
		cfg:         cfg,
		log:         cfg.Logger,
		clock:       cfg.Clock,
		replayDone:  make(chan struct{}),
		replayFed:   make(chan struct{}),
		wake:        make(chan struct{}, 1),
		gridWake:    make(chan struct{}, 1),
		private:     newPrivateQueue(cfg.PrivateCap),
		linear:      model.MustGrid(model.LinearCentRanges()),
		wantBooks:   map[string]bool{},
		wantTickers: map[string]bool{},
		books:       map[string]*liveBook{},
		grids:       map[string]*model.Grid{},
		gridErrAt:   map[string]time.Time{},
		tickers:     map[string]model.TickerMsg{},
		rawTickers:  map[string]*lazyTicker{},
		refused:     map[string]string{},
		fills:       newFillLedger(),
	}
	if cfg.Record != nil {
		c.rec = newRecorder(cfg.Record, c.log)
	}
	c.h.rate.secs = min(max(int(cfg.RateWindow/time.Second), 1), len(c.h.rate.buckets))
	c.h.published = Connecting
	return c
}

// Changes counts the changes to books, tickers, trades or health so far.
// The UI draws at its own pace: on each frame it compares the count with
// the one it last drew, and redraws from the latest state only when it
// moved. Nothing wakes a reader per change, so a storm of frames costs no
// goroutine switches.
func (c *Client) Changes() uint64 { return c.changes.Load() }

// ReadOnly reports whether the client is a replay (no order entry).
func (c *Client) ReadOnly() bool { return c.readOnly }

// Health returns the current health snapshot.
func (c *Client) Health() Health {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.healthLocked()
}

// SetMarkets declares the markets on screen: books get orderbook_delta (a
// ladder each), tickers get ticker and trade. The connection adds and
// removes markets with update_subscription; books added here are stale
// until their snapshot arrives.
func (c *Client) SetMarkets(books []string, tickers []string) {
	c.mu.Lock()
	want := make(map[string]bool, len(books))
	for _, t := range books {
		if t != "" {
			want[t] = true
		}
	}
	for t := range c.books {
		if !want[t] && !c.readOnly {
			c.dropBookLocked(t)
		}
	}
	c.wantBooks = want
	for t := range want {
		if _, ok := c.books[t]; !ok && !c.readOnly {
			lb := &liveBook{stale: true, reason: "awaiting snapshot"}
			c.staleCount++
			c.books[t] = lb
			if g := c.gridLocked(t); g != nil {
				lb.book = c.newBook(t, g)
			}
			c.touchLocked(lb)
		}
	}
	wantT := make(map[string]bool, len(tickers))
	for _, t := range tickers {
		if t != "" {
			wantT[t] = true
		}
	}
	c.wantTickers = wantT
	for t := range c.refused {
		if !want[t] && !wantT[t] {
			delete(c.refused, t) // asked for again later, it is tried again
		}
	}
	if !c.readOnly {
		for t := range c.tickers {
			if !wantT[t] {
				delete(c.tickers, t)
			}
		}
		for t := range c.rawTickers {
			if !wantT[t] {
				delete(c.rawTickers, t)
			}
		}
	}
	c.dirty = true
	c.publishStateLocked()
	c.mu.Unlock()
	c.signal()
	c.wakeController()
	select {
	case c.gridWake <- struct{}{}:
	default:
	}
}

// Books fills dst with views of the subscribed books whose grid is known
// and removes entries no longer subscribed. A view is an immutable copy:
// the client makes a new one only when the book changed (its Version
// moved), so unchanged books cost nothing, and a reader may keep a view as
// long as it likes. Nobody may modify a view's Book or Volume.
func (c *Client) Books(dst map[string]BookView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for t := range dst {
		if lb, ok := c.books[t]; !ok || lb.book == nil {
			delete(dst, t)
		}
	}
	for t, lb := range c.books {
		if lb.book == nil {
			continue
		}
		if lb.view.Book == nil || lb.view.Version != lb.ver {
			stale, reason := lb.stale, lb.reason
			if c.h.silent && !stale {
				stale, reason = true, c.silentReason()
			}
			lb.view = BookView{
				Ticker: t, Book: lb.book.Clone(), Stale: stale, StaleReason: reason,
				Version: lb.ver, Volume: cloneQty(lb.vol), Last: lb.last,
			}
		}
		dst[t] = lb.view
	}
}

func cloneQty(q []model.Qty) []model.Qty {
	if q == nil {
		return nil
	}
	return append([]model.Qty(nil), q...)
}

// Tickers fills dst with the latest ticker message of each market in view.
// Ticker frames are kept raw as they arrive; only the newest of each market
// is decoded, here.
func (c *Client) Tickers(dst map[string]model.TickerMsg) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for t, lt := range c.rawTickers {
		if lt.decoded == lt.raw.ver {
			continue
		}
		lt.decoded = lt.raw.ver
		d, err := decodeFrame(lt.raw.buf)
		if err != nil || d.Ticker == nil {
			c.h.malformed++
			continue
		}
		c.tickers[t] = *d.Ticker
	}
	for t := range dst {
		if _, ok := c.tickers[t]; !ok {
			delete(dst, t)
		}
	}
	for t, m := range c.tickers {
		dst[t] = m
	}
}

// lazyTicker is a market's newest ticker frame and the version of it last
// decoded into Client.tickers.
type lazyTicker struct {
	raw     rawFrame
	decoded uint64
}

// keepTickerLocked keeps the newest ticker frame of a market in view.
func (c *Client) keepTickerLocked(ticker, frame []byte) {
	if !c.wantTickers[string(ticker)] && !c.readOnly {
		return
	}
	lt := c.rawTickers[string(ticker)]
	if lt == nil {
		lt = &lazyTicker{}
		c.rawTickers[string(ticker)] = lt
	}
	lt.raw.keep(frame)
	c.dirty = true
}

// signal wakes the UI if anything changed.
func (c *Client) signal() {
	c.mu.Lock()
	c.unlockAndNotify()
}

// unlockAndNotify releases c.mu and counts a change if anything the UI
// shows changed; the hot path uses it to take the lock once per frame.
func (c *Client) unlockAndNotify() {
	d := c.dirty
	c.dirty = false
	c.mu.Unlock()
	if d {
		c.changes.Add(1)
	}
}

func (c *Client) wakeController() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// gridLocked returns the known grid of a market, or nil while it is being
// looked up.
func (c *Client) gridLocked(ticker string) *model.Grid {
	if g, ok := c.grids[ticker]; ok {
		return g
	}
	if c.cfg.GridFor == nil {
		return c.linear
	}
	return nil
}

func (c *Client) newBook(ticker string, g *model.Grid) *model.OrderBook {
	return model.NewOrderBook(ticker, g, model.BookOptions{NoInYesTerms: c.cfg.UseYesPrice})
}

func (c *Client) dropBookLocked(t string) {
	if lb := c.books[t]; lb != nil && lb.stale {
		c.staleCount--
	}
	delete(c.books, t)
}

// setStaleLocked marks a book stale (keeping the first reason until it is
// fresh again) so the UI can show it and gate order entry.
func (c *Client) setStaleLocked(t string, lb *liveBook, reason string) {
	if !lb.stale {
		lb.stale = true
		lb.reason = reason
		c.staleCount++
		c.log.Warn("book stale", "market", t, "reason", reason)
	}
	c.touchLocked(lb)
	c.dirty = true
	c.publishStateLocked()
}

// clearStaleLocked marks a book fresh after a snapshot.
func (c *Client) clearStaleLocked(lb *liveBook) {
	if lb.stale {
		lb.stale = false
		lb.reason = ""
		c.staleCount--
	}
	lb.snapReqAt = time.Time{}
	c.touchLocked(lb)
	c.dirty = true
	c.publishStateLocked()
	c.noteUsefulLocked()
}

// touchLocked gives a book a new version after any change the UI could see.
// Versions come from one client-wide counter, so a book removed and added
// again never repeats a version a caller still holds.
func (c *Client) touchLocked(lb *liveBook) {
	c.versions++
	lb.ver = c.versions
	c.dirty = true
}

// markAllStaleLocked marks every book stale.
func (c *Client) markAllStaleLocked(reason string) {
	for t, lb := range c.books {
		c.setStaleLocked(t, lb, reason)
	}
}

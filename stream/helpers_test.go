package stream

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ladder/model"
)

// eventually polls cond until it holds or a generous deadline passes. tick
// runs before each poll (e.g. to advance a fake clock).
func eventually(t *testing.T, what string, cond func() bool, tick ...func()) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		for _, f := range tick {
			f()
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// fakeClock is a manual clock: After channels fire when Advance passes them.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 2, 14, 30, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) After(d time.Duration) <-chan time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- f.now
		return ch
	}
	f.waiters = append(f.waiters, fakeWaiter{f.now.Add(d), ch})
	return ch
}

// Advance moves time forward and fires every waiter that is due.
func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	kept := f.waiters[:0]
	for _, w := range f.waiters {
		if !w.at.After(f.now) {
			w.ch <- f.now
		} else {
			kept = append(kept, w)
		}
	}
	f.waiters = kept
}

// pendingAfter lists how far ahead each pending waiter is due.
func (f *fakeClock) pendingAfter() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []time.Duration
	for _, w := range f.waiters {
		out = append(out, w.at.Sub(f.now))
	}
	return out
}

// testLogger writes to the test log only with -v via STREAM_LOG=1.
func testLogger() *slog.Logger {
	if os.Getenv("STREAM_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// fakeAuth signs with a counter so each connect's headers are distinct.
type fakeAuth struct{ n atomic.Int64 }

func (a *fakeAuth) Sign(method, path string) (http.Header, error) {
	n := a.n.Add(1)
	h := http.Header{}
	h.Set("KALSHI-ACCESS-KEY", "test-key-id")
	h.Set("KALSHI-ACCESS-TIMESTAMP", fmt.Sprint(1700000000000+n))
	h.Set("KALSHI-ACCESS-SIGNATURE", fmt.Sprintf("sig-%s-%s-%d", method, path, n))
	return h, nil
}

// inCmd is a command as the fake exchange receives it.
type inCmd struct {
	ID     int64  `json:"id"`
	Cmd    string `json:"cmd"`
	Params struct {
		Channels      []string `json:"channels"`
		MarketTickers []string `json:"market_tickers"`
		Sids          []int64  `json:"sids"`
		Action        string   `json:"action"`
		UseYesPrice   bool     `json:"use_yes_price"`
	} `json:"params"`
}

// fakeExchange is a scripted Kalshi WebSocket server holding simple books.
// By default it answers every command the way Kalshi does; tests switch
// behaviours off to provoke faults.
type fakeExchange struct {
	t   *testing.T
	srv *httptest.Server

	mu          sync.Mutex
	books       map[string]*model.OrderBook
	conns       []*fakeConn
	headers     []http.Header
	refuse      atomic.Bool      // close every new connection at once
	noSnapshots atomic.Bool      // ignore get_snapshot
	quietDelete atomic.Bool      // do not answer delete_markets
	errorFor    map[string]inErr // reply with an error to cmd (or cmd action)
}

type inErr struct {
	code int
	msg  string
}

type fakeConn struct {
	x    *fakeExchange
	ws   *websocket.Conn
	ctx  context.Context
	stop context.CancelFunc

	mu      sync.Mutex
	cmds    []inCmd
	nextSid int64
	bookSid int64
	seq     map[int64]int64
	subs    map[string]int64 // channel → sid
	wmu     sync.Mutex
}

func newFakeExchange(t *testing.T) *fakeExchange {
	x := &fakeExchange{t: t, books: map[string]*model.OrderBook{}, errorFor: map[string]inErr{}}
	x.srv = httptest.NewServer(http.HandlerFunc(x.serve))
	t.Cleanup(x.close)
	return x
}

func (x *fakeExchange) url() string {
	return "ws" + strings.TrimPrefix(x.srv.URL, "http") + "/trade-api/ws/v2"
}

func (x *fakeExchange) close() {
	x.mu.Lock()
	conns := slices.Clone(x.conns)
	x.mu.Unlock()
	for _, c := range conns {
		c.stop()
	}
	x.srv.Close()
}

// setBook installs a market with YES and NO bid levels (in NO terms).
func (x *fakeExchange) setBook(ticker string, yes, no []model.Level) {
	b := model.NewOrderBook(ticker, model.MustGrid(model.LinearCentRanges()), model.BookOptions{})
	if err := b.ApplySnapshot(yes, no); err != nil {
		x.t.Fatal(err)
	}
	x.mu.Lock()
	x.books[ticker] = b
	x.mu.Unlock()
}

func (x *fakeExchange) serve(w http.ResponseWriter, r *http.Request) {
	x.mu.Lock()
	x.headers = append(x.headers, r.Header.Clone())
	x.mu.Unlock()
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	if x.refuse.Load() {
		ws.CloseNow()
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	c := &fakeConn{x: x, ws: ws, ctx: ctx, stop: stop, seq: map[int64]int64{}, subs: map[string]int64{}}
	x.mu.Lock()
	x.conns = append(x.conns, c)
	x.mu.Unlock()
	defer ws.CloseNow()
	go func() { <-ctx.Done(); ws.CloseNow() }()
	for {
		_, data, err := ws.Read(ctx)
		if err != nil {
			stop()
			return
		}
		var cmd inCmd
		if json.Unmarshal(data, &cmd) != nil {
			continue
		}
		c.mu.Lock()
		c.cmds = append(c.cmds, cmd)
		c.mu.Unlock()
		c.answer(cmd)
	}
}

func (x *fakeExchange) conn(i int) *fakeConn {
	x.mu.Lock()
	defer x.mu.Unlock()
	if i < len(x.conns) {
		return x.conns[i]
	}
	return nil
}

// numDials counts upgrade requests, refused ones included.
func (x *fakeExchange) numDials() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.headers)
}

func (x *fakeExchange) numConns() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.conns)
}

// waitConn waits for the i-th connection.
func (x *fakeExchange) waitConn(t *testing.T, i int, tick ...func()) *fakeConn {
	t.Helper()
	eventually(t, fmt.Sprintf("connection %d", i), func() bool { return x.numConns() > i }, tick...)
	return x.conn(i)
}

func (c *fakeConn) send(frame string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.Write(c.ctx, websocket.MessageText, []byte(frame))
}

func (c *fakeConn) commands() []inCmd {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.cmds)
}

// waitCmd waits for a command matching pred and returns it.
func (c *fakeConn) waitCmd(t *testing.T, what string, pred func(inCmd) bool, tick ...func()) inCmd {
	t.Helper()
	var found inCmd
	eventually(t, "command "+what, func() bool {
		for _, cmd := range c.commands() {
			if pred(cmd) {
				found = cmd
				return true
			}
		}
		return false
	}, tick...)
	return found
}

func isCmd(name, action string) func(inCmd) bool {
	return func(c inCmd) bool { return c.Cmd == name && c.Params.Action == action }
}

func (c *fakeConn) nextSeq(sid int64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq[sid]++
	return c.seq[sid]
}

// sendSeq numbers and sends a sequenced frame atomically, so frames from
// the test and from command answers never overtake each other's numbers.
func (c *fakeConn) sendSeq(sid int64, frame func(seq int64) string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.Write(c.ctx, websocket.MessageText, []byte(frame(c.nextSeq(sid))))
}

func (c *fakeConn) skipSeq(sid int64) {
	c.mu.Lock()
	c.seq[sid]++
	c.mu.Unlock()
}

func (c *fakeConn) answer(cmd inCmd) {
	key := cmd.Cmd
	if cmd.Params.Action != "" {
		key += " " + cmd.Params.Action
	}
	c.x.mu.Lock()
	e, refuse := c.x.errorFor[key]
	if refuse {
		delete(c.x.errorFor, key)
	}
	c.x.mu.Unlock()
	if refuse {
		c.send(fmt.Sprintf(`{"id":%d,"type":"error","msg":{"code":%d,"msg":%q}}`, cmd.ID, e.code, e.msg))
		return
	}
	switch cmd.Cmd {
	case "subscribe":
		for _, ch := range cmd.Params.Channels {
			c.mu.Lock()
			c.nextSid++
			sid := c.nextSid
			c.subs[ch] = sid
			if ch == "orderbook_delta" {
				c.bookSid = sid
			}
			c.mu.Unlock()
			c.send(fmt.Sprintf(`{"id":%d,"type":"subscribed","msg":{"channel":%q,"sid":%d}}`, cmd.ID, ch, sid))
			if ch == "orderbook_delta" {
				for _, t := range cmd.Params.MarketTickers {
					c.snapshot(t)
				}
			}
		}
	case "update_subscription":
		sid := cmd.Params.Sids[0]
		switch cmd.Params.Action {
		case "get_snapshot":
			if c.x.noSnapshots.Load() {
				return
			}
			for _, t := range cmd.Params.MarketTickers {
				c.snapshot(t)
			}
			return
		case "add_markets":
			c.send(fmt.Sprintf(`{"id":%d,"type":"ok","sid":%d,"msg":{"market_tickers":[]}}`, cmd.ID, sid))
			if sid == c.bookSidNow() {
				for _, t := range cmd.Params.MarketTickers {
					c.snapshot(t)
				}
			}
		case "delete_markets":
			if c.x.quietDelete.Load() {
				return
			}
			c.send(fmt.Sprintf(`{"id":%d,"type":"ok","sid":%d,"msg":{"market_tickers":[]}}`, cmd.ID, sid))
		}
	case "unsubscribe":
		for _, sid := range cmd.Params.Sids {
			c.send(fmt.Sprintf(`{"id":%d,"type":"unsubscribed","sid":%d}`, cmd.ID, sid))
		}
	}
}

func (c *fakeConn) bookSidNow() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bookSid
}

func (c *fakeConn) snapshot(ticker string) {
	c.x.mu.Lock()
	b := c.x.books[ticker]
	var msg model.BookSnapshotMsg
	msg.MarketTicker = ticker
	if b != nil {
		msg.Yes = b.Levels(model.Yes, nil)
		msg.No = b.Levels(model.No, nil)
	}
	c.x.mu.Unlock()
	body, _ := json.Marshal(msg)
	sid := c.bookSidNow()
	c.sendSeq(sid, func(seq int64) string {
		return fmt.Sprintf(`{"type":"orderbook_snapshot","sid":%d,"seq":%d,"msg":%s}`, sid, seq, body)
	})
}

// delta changes the exchange's book and publishes it in sequence.
func (c *fakeConn) delta(ticker string, side model.Side, price string, delta string) {
	p, q := model.MustPrice(price), mustSignedQty(delta)
	c.x.mu.Lock()
	if b := c.x.books[ticker]; b != nil {
		if err := b.ApplyDelta(side, p, q); err != nil {
			c.x.mu.Unlock()
			c.x.t.Errorf("test delta: %v", err)
			return
		}
	}
	c.x.mu.Unlock()
	sid := c.bookSidNow()
	c.sendSeq(sid, func(seq int64) string { return deltaFrameJSON(sid, seq, ticker, side, p, q) })
}

func deltaFrameJSON(sid, seq int64, ticker string, side model.Side, p model.Price, q model.Qty) string {
	return fmt.Sprintf(`{"type":"orderbook_delta","sid":%d,"seq":%d,"msg":{"market_ticker":%q,"market_id":"id-%s","price_dollars":"%s","delta_fp":"%s","side":"%s","ts_ms":%d}}`,
		sid, seq, ticker, ticker, p, q, side, time.Now().UnixMilli())
}

func mustSignedQty(s string) model.Qty {
	q, err := model.ParseSignedQty(s)
	if err != nil {
		panic(err)
	}
	return q
}

func lv(p, q string) model.Level {
	return model.Level{Price: model.MustPrice(p), Qty: mustSignedQty(q)}
}

// exchangeBook returns a copy of the fake exchange's book.
func (x *fakeExchange) exchangeBook(ticker string) *model.OrderBook {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.books[ticker].Clone()
}

// fakeReconciler serves fixed REST answers and counts calls.
type fakeReconciler struct {
	mu     sync.Mutex
	fills  []model.Fill
	orders []model.Order
	pos    []model.MarketPosition
	calls  int
	since  []int64
	gate   chan struct{} // when set, FillsSince waits for it (or ctx)

	orderCalls int
	orderGate  chan struct{} // when set, RestingOrders answers (with the list as it was when called) once it closes
}

func (r *fakeReconciler) RestingOrders(ctx context.Context) ([]model.Order, error) {
	r.mu.Lock()
	r.orderCalls++
	orders, gate := slices.Clone(r.orders), r.orderGate
	r.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return orders, nil
}

func (r *fakeReconciler) restingCalls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.orderCalls
}

func (r *fakeReconciler) FillsSince(ctx context.Context, since int64) ([]model.Fill, error) {
	r.mu.Lock()
	r.calls++
	r.since = append(r.since, since)
	gate := r.gate
	r.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.fills), nil
}

func (r *fakeReconciler) Positions(context.Context) ([]model.MarketPosition, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.pos), nil
}

func (r *fakeReconciler) fillCalls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

// startClient runs a client until the test ends.
func startClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, _ := runClient(t, cfg)
	return c
}

// runClient runs a client until stop is called or the test ends. Once stop
// returns the client handles no more frames, so its books and its
// recording hold the same history.
func runClient(t *testing.T, cfg Config) (c *Client, stop func()) {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = testLogger()
	}
	c = New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := c.Run(ctx); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	stop = func() {
		cancel()
		<-done
	}
	t.Cleanup(stop)
	return c, stop
}

// eventLog collects a client's events in the background.
type eventLog struct {
	mu  sync.Mutex
	evs []Event
}

func collectEvents(t *testing.T, c *Client) *eventLog {
	l := &eventLog{}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-c.PrivateReady():
				batch := c.DrainPrivate(nil)
				l.mu.Lock()
				for _, d := range batch {
					l.evs = append(l.evs, d.Event)
				}
				l.mu.Unlock()
			}
		}
	}()
	return l
}

func (l *eventLog) all() []Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.evs)
}

func (l *eventLog) fills() []FillEvent {
	var out []FillEvent
	for _, ev := range l.all() {
		if f, ok := ev.(FillEvent); ok {
			out = append(out, f)
		}
	}
	return out
}

func (l *eventLog) errors() []error {
	var out []error
	for _, ev := range l.all() {
		if e, ok := ev.(ErrorEvent); ok {
			out = append(out, e.Err)
		}
	}
	return out
}

// view returns one book view (or false when absent).
func view(c *Client, ticker string) (BookView, bool) {
	m := map[string]BookView{}
	c.Books(m)
	v, ok := m[ticker]
	return v, ok
}

// freshAndEqual reports whether the client's book is fresh and equals want.
func freshAndEqual(c *Client, ticker string, want *model.OrderBook) bool {
	v, ok := view(c, ticker)
	return ok && !v.Stale && v.Book.Equal(want)
}

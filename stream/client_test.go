package stream

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ladder/model"
)

func TestSnapshotThenDeltas(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("MKT-A", []model.Level{lv("0.40", "10"), lv("0.42", "5")}, []model.Level{lv("0.55", "7")})
	c := startClient(t, Config{URL: x.url(), Auth: &fakeAuth{}})
	c.SetMarkets([]string{"MKT-A"}, []string{"MKT-A"})
	conn := x.waitConn(t, 0)
	eventually(t, "fresh snapshot", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })

	conn.delta("MKT-A", model.Yes, "0.42", "-5")
	conn.delta("MKT-A", model.Yes, "0.43", "2.50")
	conn.delta("MKT-A", model.No, "0.55", "3")
	eventually(t, "deltas applied", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })
	v, _ := view(c, "MKT-A")
	if bid, _ := v.Book.BestBid(model.YesTerms); bid.Price != model.MustPrice("0.43") || bid.Qty != mustSignedQty("2.5") {
		t.Fatalf("best bid = %+v", bid)
	}
	if ask, _ := v.Book.BestAsk(model.YesTerms); ask.Price != model.MustPrice("0.45") || ask.Qty != model.Contracts(10) {
		t.Fatalf("best ask = %+v", ask)
	}

	conn.send(`{"type":"ticker","sid":2,"msg":{"market_ticker":"MKT-A","price_dollars":"0.4300","yes_bid_dollars":"0.4300","yes_ask_dollars":"0.4500","ts_ms":1}}`)
	eventually(t, "ticker", func() bool {
		m := map[string]model.TickerMsg{}
		c.Tickers(m)
		return m["MKT-A"].YesAsk == model.MustPrice("0.45")
	})
	h := c.Health()
	if h.State != Live || h.Gaps != 0 || h.Malformed != 0 || h.BytesReceived == 0 || h.LastFrame.IsZero() {
		t.Fatalf("health = %+v", h)
	}
	// The upgrade was signed for the WebSocket path.
	if sig := x.headers[0].Get("KALSHI-ACCESS-SIGNATURE"); sig != "sig-GET-/trade-api/ws/v2-1" {
		t.Fatalf("signature header = %q", sig)
	}
}

// Books hands out immutable views: an unchanged book costs nothing and is
// the same view; a changed one is a new view, and the old one stays as it
// was, so a reader may keep it while the feed moves on.
func TestBooksAreImmutableVersionedViews(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("MKT-A", []model.Level{lv("0.40", "10")}, nil)
	c := startClient(t, Config{URL: x.url()})
	c.SetMarkets([]string{"MKT-A"}, nil)
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })
	dst := map[string]BookView{}
	c.Books(dst)
	first := dst["MKT-A"]
	if allocs := testing.AllocsPerRun(100, func() { c.Books(dst) }); allocs != 0 {
		t.Fatalf("Books allocates %v per call on an unchanged book", allocs)
	}
	if dst["MKT-A"].Book != first.Book {
		t.Fatal("an unchanged book got a new view")
	}
	conn.delta("MKT-A", model.Yes, "0.41", "1")
	eventually(t, "delta", func() bool {
		c.Books(dst)
		return dst["MKT-A"].Book.SideSize(model.Yes, model.MustPrice("0.41")) == model.Contract
	})
	if dst["MKT-A"].Book == first.Book || dst["MKT-A"].Version == first.Version {
		t.Fatal("a changed book reused the old view")
	}
	if first.Book.SideSize(model.Yes, model.MustPrice("0.41")) != 0 {
		t.Fatal("the old view changed under its reader")
	}
}

func TestGapMarksStaleAndRequestsSnapshot(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("MKT-A", []model.Level{lv("0.40", "10")}, nil)
	x.setBook("MKT-B", []model.Level{lv("0.20", "1")}, nil)
	c := startClient(t, Config{URL: x.url()})
	c.SetMarkets([]string{"MKT-A", "MKT-B"}, nil)
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool {
		return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) && freshAndEqual(c, "MKT-B", x.exchangeBook("MKT-B"))
	})
	x.noSnapshots.Store(true)
	conn.skipSeq(conn.bookSidNow()) // a delta lost on the way
	conn.delta("MKT-A", model.Yes, "0.41", "3")
	eventually(t, "both books stale", func() bool {
		a, _ := view(c, "MKT-A")
		b, _ := view(c, "MKT-B")
		return a.Stale && b.Stale
	})
	if v, _ := view(c, "MKT-A"); !strings.Contains(v.StaleReason, "sequence gap") {
		t.Fatalf("stale reason = %q", v.StaleReason)
	}
	if h := c.Health(); h.State != Resyncing || h.Gaps != 1 {
		t.Fatalf("health = %+v", h)
	}
	cmd := conn.waitCmd(t, "get_snapshot", isCmd("update_subscription", "get_snapshot"))
	if strings.Join(cmd.Params.MarketTickers, ",") != "MKT-A,MKT-B" || cmd.Params.Sids[0] != conn.bookSidNow() {
		t.Fatalf("get_snapshot params = %+v", cmd.Params)
	}
	// Deltas for stale books are dropped; the snapshots make them whole.
	conn.delta("MKT-B", model.Yes, "0.21", "4")
	conn.snapshot("MKT-A")
	conn.snapshot("MKT-B")
	eventually(t, "resynced", func() bool {
		return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) && freshAndEqual(c, "MKT-B", x.exchangeBook("MKT-B"))
	})
	if h := c.Health(); h.State != Live || h.Resyncs != 1 {
		t.Fatalf("health after resync = %+v", h)
	}
}

func TestRejectedDeltaResyncsOneBook(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("MKT-A", []model.Level{lv("0.40", "10")}, nil)
	x.setBook("MKT-B", []model.Level{lv("0.20", "1")}, nil)
	c := startClient(t, Config{URL: x.url()})
	c.SetMarkets([]string{"MKT-A", "MKT-B"}, nil)
	conn := x.waitConn(t, 0)
	// Both books must be fresh first: a book still awaiting its first
	// snapshot is rightly included in any resync request.
	eventually(t, "fresh", func() bool {
		return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) && freshAndEqual(c, "MKT-B", x.exchangeBook("MKT-B"))
	})
	// A delta that would drive a level negative: the book refuses it.
	sid := conn.bookSidNow()
	conn.send(deltaFrameJSON(sid, conn.nextSeq(sid), "MKT-A", model.Yes, model.MustPrice("0.40"), mustSignedQty("-11")))
	cmd := conn.waitCmd(t, "get_snapshot", isCmd("update_subscription", "get_snapshot"))
	if strings.Join(cmd.Params.MarketTickers, ",") != "MKT-A" {
		t.Fatalf("get_snapshot for %v, want only MKT-A", cmd.Params.MarketTickers)
	}
	eventually(t, "fresh again", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })
	if v, _ := view(c, "MKT-B"); v.Stale {
		t.Fatal("MKT-B went stale for MKT-A's bad delta")
	}
}

func TestSnapshotTimeoutResubscribes(t *testing.T) {
	clk := newFakeClock()
	x := newFakeExchange(t)
	x.setBook("MKT-A", []model.Level{lv("0.40", "10")}, nil)
	c := startClient(t, Config{URL: x.url(), Clock: clk, SnapshotTimeout: 3 * time.Second})
	c.SetMarkets([]string{"MKT-A"}, nil)
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })
	x.noSnapshots.Store(true)
	oldSid := conn.bookSidNow()
	conn.skipSeq(oldSid)
	conn.delta("MKT-A", model.Yes, "0.41", "3")
	conn.waitCmd(t, "get_snapshot", isCmd("update_subscription", "get_snapshot"))
	// No snapshot comes; after the timeout the channel is resubscribed.
	unsub := conn.waitCmd(t, "unsubscribe", isCmd("unsubscribe", ""), func() { clk.Advance(500 * time.Millisecond) })
	if unsub.Params.Sids[0] != oldSid {
		t.Fatalf("unsubscribed %v, want sid %d", unsub.Params.Sids, oldSid)
	}
	eventually(t, "fresh after resubscribe", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })
	subs := 0
	for _, cmd := range conn.commands() {
		if cmd.Cmd == "subscribe" && cmd.Params.Channels[0] == "orderbook_delta" {
			subs++
		}
	}
	if subs != 2 || x.numConns() != 1 {
		t.Fatalf("orderbook subscribes = %d, connections = %d; want 2 on one connection", subs, x.numConns())
	}
	// Deltas on the new sid apply; none from the old one are expected.
	conn.delta("MKT-A", model.No, "0.50", "1")
	eventually(t, "delta on new sid", func() bool { return freshAndEqual(c, "MKT-A", x.exchangeBook("MKT-A")) })
	if h := c.Health(); h.Resyncs != 2 || h.Gaps != 1 {
		t.Fatalf("health = %+v (want 1 gap, 2 resyncs: get_snapshot + resubscribe)", h)
	}
}

func TestSetMarketsUpdatesSubscription(t *testing.T) {
	x := newFakeExchange(t)
	for _, m := range []string{"A", "B", "C"} {
		x.setBook(m, []model.Level{lv("0.30", "1")}, nil)
	}
	c := startClient(t, Config{URL: x.url()})
	c.SetMarkets([]string{"A"}, []string{"A"})
	conn := x.waitConn(t, 0)
	eventually(t, "A fresh", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	sid := conn.bookSidNow()

	c.SetMarkets([]string{"A", "B"}, []string{"A", "C"})
	add := conn.waitCmd(t, "add B", func(cmd inCmd) bool {
		return cmd.Params.Action == "add_markets" && cmd.Params.Sids[0] == sid
	})
	if strings.Join(add.Params.MarketTickers, ",") != "B" {
		t.Fatalf("add_markets %v", add.Params.MarketTickers)
	}
	eventually(t, "B fresh", func() bool { return freshAndEqual(c, "B", x.exchangeBook("B")) })
	conn.waitCmd(t, "ticker add C", func(cmd inCmd) bool {
		return cmd.Params.Action == "add_markets" && cmd.Params.Sids[0] != sid && cmd.Params.MarketTickers[0] == "C"
	})

	x.quietDelete.Store(true) // hold the ok so the late delta below races it
	c.SetMarkets([]string{"B"}, nil)
	del := conn.waitCmd(t, "delete A", func(cmd inCmd) bool {
		return cmd.Params.Action == "delete_markets" && cmd.Params.Sids[0] == sid
	})
	if strings.Join(del.Params.MarketTickers, ",") != "A" {
		t.Fatalf("delete_markets %v", del.Params.MarketTickers)
	}
	// Empty ticker set: ticker and trade are unsubscribed.
	eventually(t, "ticker+trade unsubscribed", func() bool {
		n := 0
		for _, cmd := range conn.commands() {
			if cmd.Cmd == "unsubscribe" {
				n++
			}
		}
		return n == 2
	})
	// A late delta for A (sent before the server processed the delete) is expected, not an error.
	conn.delta("A", model.Yes, "0.31", "1")
	conn.delta("B", model.Yes, "0.31", "1")
	eventually(t, "B delta", func() bool { return freshAndEqual(c, "B", x.exchangeBook("B")) })
	if _, ok := view(c, "A"); ok {
		t.Fatal("A is still in Books")
	}
	if h := c.Health(); h.Gaps != 0 || h.Malformed != 0 || h.Resyncs != 0 || x.numConns() != 1 {
		t.Fatalf("health %+v, %d connections", h, x.numConns())
	}
	// A delta for a market never subscribed means our picture is wrong: resync.
	conn.delta("C", model.Yes, "0.31", "1")
	conn.waitCmd(t, "get_snapshot", isCmd("update_subscription", "get_snapshot"))
	eventually(t, "B fresh again", func() bool { return freshAndEqual(c, "B", x.exchangeBook("B")) })
	if h := c.Health(); !strings.Contains(h.LastError, "unknown market C") {
		t.Fatalf("last error %q", h.LastError)
	}
}

func TestCommandErrorReplies(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("A", []model.Level{lv("0.30", "1")}, nil)
	x.errorFor["subscribe"] = inErr{16, "market not found"}
	c := startClient(t, Config{URL: x.url(), NoLifecycle: true})
	events := collectEvents(t, c)
	c.SetMarkets([]string{"A"}, nil)
	eventually(t, "error event", func() bool { return len(events.errors()) > 0 })
	var ce *CommandError
	if !errors.As(events.errors()[0], &ce) || ce.Code != 16 || ce.Cmd != "subscribe" || ce.Channel != "orderbook_delta" {
		t.Fatalf("error = %v", events.errors()[0])
	}
	if !strings.Contains(ce.Error(), "market not found") || !strings.Contains(c.Health().LastError, "16") {
		t.Fatalf("error text %q, health %q", ce.Error(), c.Health().LastError)
	}
	v, _ := view(c, "A")
	if !v.Stale || !strings.Contains(v.StaleReason, "refused") {
		t.Fatalf("view = %+v", v)
	}
	// Changing the set retries; a terminal error on get_snapshot resubscribes.
	c.SetMarkets([]string{"A", "A2"}, nil)
	x.setBook("A2", nil, nil)
	conn := x.waitConn(t, 0)
	eventually(t, "A fresh", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	x.mu.Lock()
	x.errorFor["update_subscription get_snapshot"] = inErr{17, "internal"}
	x.mu.Unlock()
	conn.skipSeq(conn.bookSidNow())
	conn.delta("A", model.Yes, "0.31", "1")
	conn.waitCmd(t, "unsubscribe after terminal error", isCmd("unsubscribe", ""))
	eventually(t, "fresh after resubscribe", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	eventually(t, "terminal error surfaced", func() bool {
		for _, err := range events.errors() {
			if errors.As(err, &ce) && ce.Code == 17 && ce.Terminal() {
				return true
			}
		}
		return false
	})
}

func TestMalformedFrames(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("A", []model.Level{lv("0.30", "1")}, nil)
	c := startClient(t, Config{URL: x.url()})
	c.SetMarkets([]string{"A"}, []string{"A"})
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	sid := conn.bookSidNow()
	// Ticker frames are decoded when the screen takes them (peek.go): an
	// unreadable one is counted then.
	bad := []string{
		`{"type":"orderbook_delta","sid":1,"seq`, // truncated
		`not json at all`,
		`{"type":"mystery","msg":{}}`,                                           // unknown type
		`{"sid":1,"msg":{}}`,                                                    // no type
		`{"type":"ticker","msg":{"price_dollars":"0.5"}}`,                       // missing market_ticker
		`{"type":"fill","msg":{"trade_id":"t"}}`,                                // missing order_id
		`{"type":"ticker","msg":{"market_ticker":"A","yes_bid_dollars":"7.5"}}`, // absurd price
		`[1,2,3]`,
		``,
	}
	for _, f := range bad {
		conn.send(f)
	}
	// A delta with an absurd size in sequence: counted and its book resynced.
	conn.send(strings.Replace(deltaFrameJSON(sid, conn.nextSeq(sid), "A", model.Yes, model.MustPrice("0.30"), 1),
		`"delta_fp":"0.01"`, `"delta_fp":"999999999999.00"`, 1))
	conn.waitCmd(t, "get_snapshot", isCmd("update_subscription", "get_snapshot"))
	eventually(t, "fresh again", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	conn.delta("A", model.No, "0.60", "2")
	eventually(t, "still applying", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	c.Tickers(map[string]model.TickerMsg{})
	h := c.Health()
	if h.Malformed != len(bad)+1 || h.Gaps != 0 || h.Reconnects != 0 || x.numConns() != 1 {
		t.Fatalf("health = %+v, want %d malformed on one connection", h, len(bad)+1)
	}
}

// Regression: the backoff reset only after 60 s healthy, so a link whose
// connections each lasted under a second was live 1 % of the time. Now a
// connection that became useful (subscribed, books fresh) is redialled at
// once, while a server that keeps refusing is asked less and less often.
func TestReconnectBackoffWithFakeClock(t *testing.T) {
	clk := newFakeClock()
	x := newFakeExchange(t)
	x.setBook("A", []model.Level{lv("0.30", "1")}, nil)
	auth := &fakeAuth{}
	c := startClient(t, Config{URL: x.url(), Auth: auth, NoPrivate: true, Clock: clk, Rand: func() float64 { return 0.5 },
		PingInterval: time.Hour})
	c.SetMarkets([]string{"A"}, nil)
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	eventually(t, "useful", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.sess != nil && c.sess.useful
	})

	x.refuse.Store(true)
	conn.stop()
	// A useful connection lost: redialled at once (10 ms, the jitter's middle).
	eventually(t, "backing off", func() bool { return c.Health().State == BackingOff && x.numDials() == 1 })
	if d := c.Health().BackoffUntil.Sub(clk.Now()); d != 10*time.Millisecond {
		t.Fatalf("redial after a useful connection in %v, want at once (10ms)", d)
	}
	clk.Advance(10 * time.Millisecond)
	eventually(t, "first redial", func() bool { return x.numDials() == 2 })
	// Refused connections never become useful: each failure doubles the
	// wait, 0.5s, 1s, 2s, ... capped at 30s.
	for i, want := range []time.Duration{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000} {
		want *= time.Millisecond
		eventually(t, "backing off", func() bool {
			return c.Health().State == BackingOff && x.numDials() == i+2 && slices.Contains(clk.pendingAfter(), want)
		})
		if h := c.Health(); h.BackoffUntil.Sub(clk.Now()) != want {
			t.Fatalf("attempt %d: backoff %v, want %v", i, h.BackoffUntil.Sub(clk.Now()), want)
		}
		if v, _ := view(c, "A"); !v.Stale {
			t.Fatal("book not stale while disconnected")
		}
		clk.Advance(want - time.Millisecond)
		time.Sleep(5 * time.Millisecond)
		if x.numDials() != i+2 {
			t.Fatalf("attempt %d: redialled before the backoff ended", i)
		}
		clk.Advance(time.Millisecond)
		eventually(t, "redial", func() bool { return x.numDials() == i+3 })
	}
	eventually(t, "last backoff", func() bool {
		return c.Health().State == BackingOff && slices.Contains(clk.pendingAfter(), 30*time.Second)
	})
	x.refuse.Store(false)
	clk.Advance(30 * time.Second)
	conn = x.waitConn(t, 1)
	eventually(t, "fresh after reconnect", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	if h := c.Health(); h.Resyncs != 0 || h.State != Live || !strings.Contains(h.LastError, "connection lost") {
		t.Fatalf("health = %+v", h)
	}
	// Every dial signed afresh.
	if n, d := auth.n.Load(), x.numDials(); n != int64(d) {
		t.Fatalf("signed %d times for %d dials", n, d)
	}
	x.mu.Lock()
	if x.headers[0].Get("KALSHI-ACCESS-SIGNATURE") == x.headers[1].Get("KALSHI-ACCESS-SIGNATURE") {
		t.Fatal("reconnect reused the first signature")
	}
	x.mu.Unlock()
	// Useful again: the next loss is redialled at once, not after 30 s.
	eventually(t, "useful again", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.sess != nil && c.sess.useful
	})
	dials := x.numDials()
	conn.stop()
	eventually(t, "backing off again", func() bool { return c.Health().State == BackingOff })
	if d := c.Health().BackoffUntil.Sub(clk.Now()); d != 10*time.Millisecond {
		t.Fatalf("backoff after a useful connection = %v, want at once", d)
	}
	clk.Advance(10 * time.Millisecond)
	eventually(t, "redialled", func() bool { return x.numDials() == dials+1 })
}

func TestSilenceIsADeadConnection(t *testing.T) {
	clk := newFakeClock()
	x := newFakeExchange(t)
	c := startClient(t, Config{URL: x.url(), Clock: clk, SilenceTimeout: 25 * time.Second, Rand: func() float64 { return 0.5 },
		PingInterval: time.Hour})
	conn := x.waitConn(t, 0)
	eventually(t, "live", func() bool { return c.Health().State == Live })
	// Pings count as life: 20 s + ping + 20 s is not silence.
	clk.Advance(20 * time.Second)
	if err := conn.ws.Ping(conn.ctx); err != nil {
		t.Fatal(err)
	}
	clk.Advance(20 * time.Second)
	time.Sleep(20 * time.Millisecond)
	if x.numConns() != 1 || c.Health().State != Live {
		t.Fatalf("reconnected despite a ping: %+v", c.Health())
	}
	// 26 s of nothing: dead.
	eventually(t, "silence detected", func() bool { return c.Health().State == BackingOff }, func() { clk.Advance(time.Second) })
	if h := c.Health(); !strings.Contains(h.LastError, "no frame, ping or pong") {
		t.Fatalf("last error = %q", h.LastError)
	}
	clk.Advance(time.Second)
	x.waitConn(t, 1, func() { clk.Advance(100 * time.Millisecond) })
	eventually(t, "live again", func() bool { return c.Health().State == Live && c.Health().Reconnects == 1 })
}

func TestFillsExactlyOnceAcrossReconnect(t *testing.T) {
	x := newFakeExchange(t)
	rec := &fakeReconciler{}
	c := startClient(t, Config{URL: x.url(), Auth: &fakeAuth{}, Reconciler: rec, BackoffMin: time.Millisecond, BackoffMax: 2 * time.Millisecond})
	events := collectEvents(t, c)
	conn := x.waitConn(t, 0)
	eventually(t, "first reconciliation", func() bool { return rec.fillCalls() == 1 })
	fill := func(trade, order string, ts int64) string {
		return `{"type":"fill","sid":3,"msg":{"trade_id":"` + trade + `","order_id":"` + order +
			`","market_ticker":"A","is_taker":true,"outcome_side":"yes","book_side":"bid","yes_price_dollars":"0.4000","count_fp":"1.00","fee_cost":"0.010000","post_position_fp":"1.00","ts_ms":` +
			itoa(ts) + `}}`
	}
	conn.send(fill("T1", "O1", 1762093800000))
	conn.send(fill("T1", "O1", 1762093800000)) // the exchange repeats itself
	eventually(t, "feed fill", func() bool { return len(events.fills()) == 1 })

	// While disconnected, T2 happens; REST reports T1 (already delivered) and T2.
	rec.mu.Lock()
	rec.fills = []model.Fill{
		{TradeID: "T2", OrderID: "O2", MarketTicker: "A", Count: model.Contract, Ts: 1762093805},
		{TradeID: "T1", OrderID: "O1", MarketTicker: "A", Count: model.Contract, Ts: 1762093800},
	}
	rec.orders = []model.Order{{OrderID: "O3"}}
	rec.mu.Unlock()
	conn.stop()
	conn = x.waitConn(t, 1)
	eventually(t, "second reconciliation", func() bool { return rec.fillCalls() == 2 })
	// The feed then repeats T2 too: still delivered once.
	conn.send(fill("T2", "O2", 1762093805000))
	conn.send(fill("T3", "O3", 1762093806000))
	eventually(t, "three fills", func() bool { return len(events.fills()) == 3 })
	time.Sleep(20 * time.Millisecond)
	fills := events.fills()
	if len(fills) != 3 {
		t.Fatalf("fills = %+v", fills)
	}
	if fills[0].Fill.TradeID != "T1" || fills[0].Reconciled || fills[1].Fill.TradeID != "T2" || !fills[1].Reconciled ||
		fills[2].Fill.TradeID != "T3" || fills[2].Reconciled {
		t.Fatalf("fills = %+v", fills)
	}
	rec.mu.Lock()
	since := rec.since[1]
	rec.mu.Unlock()
	if since != 1762093800 {
		t.Fatalf("second reconciliation asked for fills since %d, want the last seen fill's second", since)
	}
	// An unreadable fill on the feed means one was lost: fetch again.
	conn.send(`{"type":"fill","sid":3,"msg":{"trade_id":"T4","count_fp":"1.00"}}`)
	eventually(t, "reconciliation after a bad fill", func() bool { return rec.fillCalls() == 3 })

	var resting, positions bool
	for _, ev := range events.all() {
		switch e := ev.(type) {
		case RestingOrdersEvent:
			resting = resting || (len(e.Orders) == 1 && e.Orders[0].OrderID == "O3")
		case PositionsEvent:
			positions = true
		}
	}
	if !resting || !positions {
		t.Fatalf("resting orders %v, positions %v events missing", resting, positions)
	}
	// Private channels were subscribed on both connections.
	for i := range 2 {
		var chans []string
		for _, cmd := range x.conn(i).commands() {
			if cmd.Cmd == "subscribe" {
				chans = append(chans, cmd.Params.Channels...)
			}
		}
		if got := strings.Join(chans, ","); !strings.Contains(got, "fill") || !strings.Contains(got, "user_orders") || !strings.Contains(got, "market_positions") {
			t.Fatalf("connection %d subscribed %s", i, got)
		}
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// A fill seen on a fresh connection before its REST reconciliation says
// nothing about fills lost with the previous connection, so the next
// reconciliation must still look back to the last complete point.
func TestReconciliationLooksBehindUnreconciledFills(t *testing.T) {
	x := newFakeExchange(t)
	rec := &fakeReconciler{}
	c := startClient(t, Config{URL: x.url(), Auth: &fakeAuth{}, Reconciler: rec, BackoffMin: time.Millisecond, BackoffMax: 2 * time.Millisecond})
	events := collectEvents(t, c)
	conn := x.waitConn(t, 0)
	eventually(t, "first reconciliation", func() bool { return rec.fillCalls() == 1 })
	eventually(t, "reconciled", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.sess != nil && c.sess.fillsComplete
	})
	fill := func(trade string, ts int64) string {
		return `{"type":"fill","sid":3,"msg":{"trade_id":"` + trade + `","order_id":"O","market_ticker":"A","count_fp":"1.00","yes_price_dollars":"0.4000","ts_ms":` + itoa(ts) + `}}`
	}
	conn.send(fill("T1", 1762093800000))
	eventually(t, "T1", func() bool { return len(events.fills()) == 1 })

	rec.mu.Lock()
	rec.gate = make(chan struct{}) // the next reconciliation hangs
	rec.mu.Unlock()
	conn.stop()
	conn = x.waitConn(t, 1)
	eventually(t, "second reconciliation started", func() bool { return rec.fillCalls() == 2 })
	conn.send(fill("T9", 1762093900000)) // arrives before REST answered
	eventually(t, "T9", func() bool { return len(events.fills()) == 2 })
	conn.stop()
	x.waitConn(t, 2)
	eventually(t, "third reconciliation", func() bool { return rec.fillCalls() == 3 })
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.since[2] != 1762093800 {
		t.Fatalf("third reconciliation looked back to %d, want 1762093800 (T1, the last complete point)", rec.since[2])
	}
}

// A terminal error (here 25, buffer overflow, naming no command) makes the
// client resubscribe every channel; the private ones lose whatever was
// sent between the failure and the new subscription, so once that is live
// the client must fetch the missed fills over REST again.
func TestPrivateResubscribeReconcilesAgain(t *testing.T) {
	x := newFakeExchange(t)
	rec := &fakeReconciler{}
	c := startClient(t, Config{URL: x.url(), Auth: &fakeAuth{}, Reconciler: rec, NoLifecycle: true})
	events := collectEvents(t, c)
	conn := x.waitConn(t, 0)
	eventually(t, "first reconciliation", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.sess != nil && c.sess.fillsComplete
	})
	rec.mu.Lock()
	rec.fills = []model.Fill{{TradeID: "T5", OrderID: "O5", MarketTicker: "A", BookSide: model.Bid, Count: model.Contract, Ts: 1762093805}}
	rec.mu.Unlock()
	conn.send(`{"type":"error","msg":{"code":25,"msg":"subscription buffer overflow"}}`)
	eventually(t, "the missed fill, from REST", func() bool {
		f := events.fills()
		return len(f) == 1 && f[0].Fill.TradeID == "T5" && f[0].Reconciled
	})
	subscribes := 0
	for _, cmd := range conn.commands() {
		if cmd.Cmd == "subscribe" && slices.Contains(cmd.Params.Channels, "fill") {
			subscribes++
		}
	}
	if subscribes != 2 || rec.fillCalls() != 2 || x.numConns() != 1 {
		t.Fatalf("fill subscribed %d times, %d reconciliations, %d connections; want 2, 2, 1", subscribes, rec.fillCalls(), x.numConns())
	}
}

// The REST list of resting orders can be older than user_order updates
// the feed delivers while it is being fetched. Replacing the UI's orders
// with it must not resurrect an order cancelled meanwhile, nor drop one
// placed meanwhile.
func TestRestingOrdersSnapshotDoesNotUndoFeedUpdates(t *testing.T) {
	x := newFakeExchange(t)
	gate := make(chan struct{})
	rec := &fakeReconciler{orderGate: gate, orders: []model.Order{{OrderID: "O1", Ticker: "A", Status: model.Resting}}}
	c := startClient(t, Config{URL: x.url(), Auth: &fakeAuth{}, Reconciler: rec, NoLifecycle: true})
	events := collectEvents(t, c)
	conn := x.waitConn(t, 0)
	eventually(t, "the resting-orders request", func() bool { return rec.restingCalls() == 1 })
	// While REST is answering with its older list, O1 is cancelled and O2
	// is placed.
	conn.send(`{"type":"user_order","sid":4,"msg":{"order_id":"O1","ticker":"A","status":"canceled","book_side":"bid","yes_price_dollars":"0.4000"}}`)
	conn.send(`{"type":"user_order","sid":4,"msg":{"order_id":"O2","ticker":"A","status":"resting","book_side":"bid","yes_price_dollars":"0.4100"}}`)
	eventually(t, "both feed updates", func() bool {
		n := 0
		for _, ev := range events.all() {
			if _, ok := ev.(OrderEvent); ok {
				n++
			}
		}
		return n == 2
	})
	close(gate)
	// Apply the events the way a consumer keeps its list of working orders.
	working := func() map[string]bool {
		w := map[string]bool{}
		for _, ev := range events.all() {
			switch e := ev.(type) {
			case RestingOrdersEvent:
				clear(w)
				for _, o := range e.Orders {
					w[o.OrderID] = true
				}
			case OrderEvent:
				w[e.Order.OrderID] = e.Order.Status == model.Resting
			}
		}
		return w
	}
	eventually(t, "O2 alone working after the REST list", func() bool {
		w := working()
		return !w["O1"] && w["O2"] && slices.ContainsFunc(events.all(), func(ev Event) bool {
			_, ok := ev.(RestingOrdersEvent)
			return ok
		})
	})
}

// Closing a ladder drops its book at once, but the exchange keeps sending
// the market's deltas until the controller's delete_markets lands. Those
// deltas are expected: they must not be taken for a delta of an unknown
// market, which would mark every other book stale and resync it.
func TestDeltaOfJustClosedBookDoesNotResyncOthers(t *testing.T) {
	c := New(Config{URL: "ws://127.0.0.1:1/"})
	c.SetMarkets([]string{"A", "B"}, nil)
	c.mu.Lock()
	c.sess = newSession(time.Now())
	sub := c.sess.sub(chBook)
	sub.sid = 1
	sub.markets["A"], sub.markets["B"] = true, true
	c.sess.bySid[1] = sub
	c.mu.Unlock()
	recv := time.UnixMilli(1762093800000)
	c.handleFrame([]byte(`{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.4000","5.00"]]}}`), recv)
	c.handleFrame([]byte(`{"type":"orderbook_snapshot","sid":1,"seq":2,"msg":{"market_ticker":"B","yes_dollars_fp":[["0.3000","5.00"]]}}`), recv)
	if v, _ := view(c, "A"); v.Stale {
		t.Fatalf("A stale after its snapshot: %+v", v)
	}
	c.SetMarkets([]string{"A"}, nil) // B's ladder closes; no controller has run yet
	c.handleFrame([]byte(deltaFrameJSON(1, 3, "B", model.Yes, model.MustPrice("0.30"), mustSignedQty("-1"))), recv)
	if v, _ := view(c, "A"); v.Stale {
		t.Fatalf("A went stale over a delta of the closed market B: %q", v.StaleReason)
	}
	if h := c.Health(); h.Gaps != 0 || h.LastError != "" {
		t.Fatalf("health %+v", h)
	}
}

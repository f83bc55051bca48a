package sim

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ladder/model"
)

// twoMarkets returns two active markets.
func (h *harness) twoMarkets() (model.Market, model.Market) {
	h.t.Helper()
	var out []model.Market
	for _, m := range h.s.Engine().Markets() {
		if m.Status == "active" {
			out = append(out, m)
		}
	}
	if len(out) < 2 {
		h.t.Fatal("need two active markets")
	}
	return out[0], out[1]
}

// place creates an order directly in the engine.
func (h *harness) place(acct AccountID, req model.CreateOrderRequest) model.CreateOrderResponse {
	h.t.Helper()
	resp, err := h.s.Engine().CreateOrder(acct, req)
	if err != nil {
		h.t.Fatalf("create %+v: %v", req, err)
	}
	return resp
}

func bidAt(ticker, price string, contracts int64) model.CreateOrderRequest {
	r := restingBid(ticker, contracts)
	r.Price = model.MustPrice(price)
	return r
}

func askAt(ticker, price string, contracts int64) model.CreateOrderRequest {
	r := bidAt(ticker, price, contracts)
	r.Side = model.Ask
	return r
}

func TestWSHandshakeRequiresSignature(t *testing.T) {
	h := start(t, nil)
	for name, hdr := range map[string]http.Header{
		"unsigned":         {},
		"stale":            signHeaders(t, h.key, h.keyID, http.MethodGet, wsPath, h.clock.Now().Add(-time.Minute).UnixMilli()),
		"REST path signed": signHeaders(t, h.key, h.keyID, http.MethodGet, apiPrefix+"/markets", h.clock.Now().UnixMilli()),
		"wrong key":        signHeaders(t, testKeys()[2], h.keyID, http.MethodGet, wsPath, h.clock.Now().UnixMilli()),
	} {
		conn, resp, err := h.dialOpts(&websocket.DialOptions{HTTPHeader: hdr})
		if err == nil {
			_ = conn.CloseNow()
			t.Fatalf("%s: handshake succeeded", name)
		}
		if resp == nil || resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("%s: response %v, want 401", name, resp)
		}
	}
	c := h.dial()
	c.command("list_subscriptions", nil)
	if f := c.read(); f.Type != "ok" || string(f.Msg) != "[]" {
		t.Fatalf("fresh connection lists %s %s", f.Type, f.Msg)
	}
}

type snapshotMsg struct {
	MarketTicker string        `json:"market_ticker"`
	MarketID     string        `json:"market_id"`
	Yes          []model.Level `json:"yes_dollars_fp"`
	No           []model.Level `json:"no_dollars_fp"`
}

func decodeMsg[T any](t *testing.T, f frame) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(f.Msg, &v); err != nil {
		t.Fatalf("decoding %s msg %s: %v", f.Type, f.Msg, err)
	}
	return v
}

func TestWSOrderbookSnapshotThenDeltas(t *testing.T) {
	h := start(t, nil)
	a, b := h.twoMarkets()
	h.place(TraderAccount, bidAt(a.Ticker, "0.20", 2))
	h.place(TraderAccount, askAt(a.Ticker, "0.70", 4)) // NO bid at 0.30

	c := h.dial()
	sids := c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_tickers": []string{a.Ticker, b.Ticker}})
	sid := sids[0]
	snaps := map[string]snapshotMsg{}
	for want := int64(1); want <= 2; want++ {
		f := c.read()
		if f.Type != "orderbook_snapshot" || f.Sid != sid || f.Seq != want {
			t.Fatalf("frame %d: %s sid %d seq %d", want, f.Type, f.Sid, f.Seq)
		}
		s := decodeMsg[snapshotMsg](t, f)
		snaps[s.MarketTicker] = s
	}
	if s := snaps[a.Ticker]; len(s.Yes) != 1 || s.Yes[0].Price != model.MustPrice("0.20") || len(s.No) != 1 || s.No[0].Price != model.MustPrice("0.30") || s.MarketID == "" {
		t.Fatalf("snapshot of %s: %+v", a.Ticker, s)
	}
	if raw, _ := json.Marshal(snaps[b.Ticker]); snaps[b.Ticker].MarketTicker != b.Ticker {
		t.Fatalf("snapshot of %s: %s", b.Ticker, raw)
	}

	// Deltas across both markets share one seq sequence.
	h.place(TraderAccount, bidAt(b.Ticker, "0.10", 1))
	o := h.place(TraderAccount, bidAt(a.Ticker, "0.20", 3))
	if _, err := h.s.Engine().CancelOrder(TraderAccount, o.OrderID); err != nil {
		t.Fatal(err)
	}
	type delta struct {
		ticker, price, side string
		qty                 model.Qty
	}
	wants := []delta{{b.Ticker, "0.1000", "yes", 100}, {a.Ticker, "0.2000", "yes", 300}, {a.Ticker, "0.2000", "yes", -300}}
	for i, w := range wants {
		f := c.read()
		if f.Type != "orderbook_delta" || f.Sid != sid || f.Seq != int64(3+i) {
			t.Fatalf("delta %d: %s sid %d seq %d", i, f.Type, f.Sid, f.Seq)
		}
		d := decodeMsg[model.BookDeltaMsg](t, f)
		if d.MarketTicker != w.ticker || d.Price.String() != w.price || d.Side != w.side || d.Delta != w.qty || d.TsMs == 0 {
			t.Fatalf("delta %d: %+v, want %+v", i, d, w)
		}
	}
}

func TestWSUseYesPrice(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	h.place(TraderAccount, askAt(a.Ticker, "0.70", 1)) // NO bid at 0.30
	h.place(TraderAccount, askAt(a.Ticker, "0.60", 1)) // NO bid at 0.40

	yes, no := h.dial(), h.dial()
	yes.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker, "use_yes_price": true})
	no.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})
	if got := levelPrices(decodeMsg[snapshotMsg](t, yes.readType("orderbook_snapshot")).No); !slices.Equal(got, []string{"0.6000", "0.7000"}) {
		t.Fatalf("use_yes_price snapshot NO levels %v, want YES prices ascending", got)
	}
	if got := levelPrices(decodeMsg[snapshotMsg](t, no.readType("orderbook_snapshot")).No); !slices.Equal(got, []string{"0.3000", "0.4000"}) {
		t.Fatalf("default snapshot NO levels %v, want NO prices ascending", got)
	}
	h.place(TraderAccount, askAt(a.Ticker, "0.65", 2)) // NO bid at 0.35
	if d := decodeMsg[model.BookDeltaMsg](t, yes.readType("orderbook_delta")); d.Side != "no" || d.Price != model.MustPrice("0.65") {
		t.Fatalf("use_yes_price delta %+v", d)
	}
	if d := decodeMsg[model.BookDeltaMsg](t, no.readType("orderbook_delta")); d.Side != "no" || d.Price != model.MustPrice("0.35") {
		t.Fatalf("default delta %+v", d)
	}
	h.place(TraderAccount, bidAt(a.Ticker, "0.25", 1)) // YES levels are never converted
	if d := decodeMsg[model.BookDeltaMsg](t, yes.readType("orderbook_delta")); d.Side != "yes" || d.Price != model.MustPrice("0.25") {
		t.Fatalf("use_yes_price YES delta %+v", d)
	}
}

func TestWSDeltaClientOrderIDOnlyForOwner(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	bobID, _, err := h.s.AddAccountKey("bob", 100*model.Dollar, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	mine, theirs := h.dial(), h.as(testKeys()[1], bobID).dial()
	for _, c := range []*wsClient{mine, theirs} {
		c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})
		c.readType("orderbook_snapshot")
	}
	req := bidAt(a.Ticker, "0.20", 1)
	req.ClientOrderID = "mine-1"
	h.place(TraderAccount, req)
	if d := decodeMsg[model.BookDeltaMsg](t, mine.readType("orderbook_delta")); d.ClientOrderID != "mine-1" {
		t.Fatalf("owner's delta lacks client_order_id: %+v", d)
	}
	if f := theirs.readType("orderbook_delta"); strings.Contains(string(f.Msg), "client_order_id") {
		t.Fatalf("another account sees client_order_id: %s", f.Msg)
	}
}

func TestWSUpdateSubscription(t *testing.T) {
	h := start(t, nil)
	a, b := h.twoMarkets()
	c := h.dial()
	sid := c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})[0]
	if f := c.read(); f.Seq != 1 {
		t.Fatalf("first snapshot seq %d", f.Seq)
	}

	// add_markets: ok with the full list, then a snapshot of the new market.
	id := c.command("update_subscription", map[string]any{"sids": []int64{sid}, "action": "add_markets", "market_tickers": []string{b.Ticker}})
	f := c.read()
	var ok struct {
		MarketTickers []string `json:"market_tickers"`
	}
	ok = decodeMsg[struct {
		MarketTickers []string `json:"market_tickers"`
	}](t, f)
	want := []string{a.Ticker, b.Ticker}
	slices.Sort(want)
	if f.Type != "ok" || f.ID != id || f.Sid != sid || !slices.Equal(ok.MarketTickers, want) {
		t.Fatalf("add_markets reply %s id %d sid %d %s", f.Type, f.ID, f.Sid, f.Msg)
	}
	f = c.read()
	if s := decodeMsg[snapshotMsg](t, f); f.Type != "orderbook_snapshot" || f.Seq != 2 || s.MarketTicker != b.Ticker {
		t.Fatalf("after add_markets: %s seq %d %s", f.Type, f.Seq, f.Msg)
	}

	// get_snapshot (single sid form): ok, then a fresh snapshot with the next seq.
	id = c.command("update_subscription", map[string]any{"sid": sid, "action": "get_snapshot", "market_tickers": []string{a.Ticker}})
	if f = c.read(); f.Type != "ok" || f.ID != id {
		t.Fatalf("get_snapshot reply %s %s", f.Type, f.Msg)
	}
	if f = c.read(); f.Type != "orderbook_snapshot" || f.Seq != 3 || decodeMsg[snapshotMsg](t, f).MarketTicker != a.Ticker {
		t.Fatalf("get_snapshot: %s seq %d", f.Type, f.Seq)
	}

	// delete_markets: a's changes stop, b's keep coming.
	c.command("update_subscription", map[string]any{"sid": sid, "action": "delete_markets", "market_ticker": a.Ticker})
	f = c.read()
	ok = decodeMsg[struct {
		MarketTickers []string `json:"market_tickers"`
	}](t, f)
	if f.Type != "ok" || !slices.Equal(ok.MarketTickers, []string{b.Ticker}) {
		t.Fatalf("delete_markets reply %s %s", f.Type, f.Msg)
	}
	h.place(TraderAccount, bidAt(a.Ticker, "0.20", 1))
	h.place(TraderAccount, bidAt(b.Ticker, "0.20", 1))
	if f = c.read(); f.Type != "orderbook_delta" || f.Seq != 4 || decodeMsg[model.BookDeltaMsg](t, f).MarketTicker != b.Ticker {
		t.Fatalf("after delete_markets: %s seq %d %s", f.Type, f.Seq, f.Msg)
	}

	// Non-orderbook channels: add and delete markets change the filter.
	tid := c.subscribe(map[string]any{"channels": []string{"trade"}, "market_ticker": a.Ticker})[0]
	c.command("update_subscription", map[string]any{"sid": tid, "action": "add_markets", "market_tickers": []string{b.Ticker}})
	if f = c.read(); f.Type != "ok" || !strings.Contains(string(f.Msg), b.Ticker) {
		t.Fatalf("trade add_markets %s %s", f.Type, f.Msg)
	}
}

func TestWSListAndUnsubscribe(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	c := h.dial()
	id := c.command("subscribe", map[string]any{"channels": []string{"orderbook_delta", "ticker", "trade"}, "market_ticker": a.Ticker})
	seen := map[string]int64{}
	for len(seen) < 3 {
		f := c.read()
		if f.Type != "subscribed" {
			continue // the orderbook snapshot
		}
		if f.ID != id {
			t.Fatalf("subscribed id %d, want %d", f.ID, id)
		}
		r := decodeMsg[subscriptionRef](t, f)
		seen[r.Channel] = r.Sid
	}
	c.command("list_subscriptions", nil)
	f := c.readType("ok")
	list := decodeMsg[[]subscriptionRef](t, f)
	if len(list) != 3 || list[0].Sid >= list[1].Sid || list[1].Sid >= list[2].Sid {
		t.Fatalf("list %+v", list)
	}
	id = c.command("unsubscribe", map[string]any{"sids": []int64{seen["orderbook_delta"], seen["trade"]}})
	for _, want := range []int64{seen["orderbook_delta"], seen["trade"]} {
		f := c.read()
		if f.Type != "unsubscribed" || f.ID != id || f.Sid != want {
			t.Fatalf("unsubscribe reply %s id %d sid %d", f.Type, f.ID, f.Sid)
		}
		if want == seen["orderbook_delta"] && f.Seq != 1 {
			t.Fatalf("unsubscribed seq %d, want the last seq sent (1)", f.Seq)
		}
	}
	// The book subscription is gone: a change produces nothing on it.
	h.place(TraderAccount, bidAt(a.Ticker, "0.20", 1))
	c.command("list_subscriptions", nil)
	f = c.read()
	for f.Type == "ticker" { // the remaining ticker subscription may speak first
		f = c.read()
	}
	if f.Type != "ok" || len(decodeMsg[[]subscriptionRef](t, f)) != 1 {
		t.Fatalf("after unsubscribe: %s %s", f.Type, f.Msg)
	}
}

func TestWSErrorCodes(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	c := h.dial()
	sid := c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})[0]
	c.readType("orderbook_snapshot")
	tsid := c.subscribe(map[string]any{"channels": []string{"ticker"}})[0]

	c.sendRaw(`{"id":1,"cmd":`)
	c.expectError(0, wsErrProcess)
	raw := func(s string, id int64, code int) {
		t.Helper()
		c.sendRaw(s)
		c.expectError(id, code)
	}
	raw(`{"id":2,"cmd":"subscribe"}`, 2, wsErrParamsRequired)
	raw(`{"id":3,"cmd":"subscribe","params":{"channels":[]}}`, 3, wsErrChannelsRequired)
	raw(`{"id":4,"cmd":"unsubscribe","params":{"sids":[]}}`, 4, wsErrSidsRequired)
	raw(`{"id":5,"cmd":"resubscribe","params":{}}`, 5, wsErrUnknownCommand)
	raw(`{"id":6,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_ticker":"`+a.Ticker+`"}}`, 6, wsErrAlreadySubscribed)
	raw(`{"id":7,"cmd":"subscribe","params":{"channels":["ticker"]}}`, 7, wsErrAlreadySubscribed)
	raw(`{"id":8,"cmd":"unsubscribe","params":{"sids":[999]}}`, 8, wsErrUnknownSid)
	raw(`{"id":9,"cmd":"subscribe","params":{"channels":["orderbook"]}}`, 9, wsErrUnknownChannel)
	raw(`{"id":10,"cmd":"subscribe","params":{"channels":"ticker"}}`, 10, wsErrInvalidParam)
	raw(`{"id":11,"cmd":"update_subscription","params":{"sids":[1,2],"action":"add_markets","market_tickers":["X"]}}`, 11, wsErrOneSid)
	raw(`{"id":12,"cmd":"update_subscription","params":{"action":"add_markets","market_tickers":["X"]}}`, 12, wsErrOneSid)
	raw(`{"id":13,"cmd":"update_subscription","params":{"sid":`+itoa(sid)+`,"action":"replace_markets","market_tickers":["X"]}}`, 13, wsErrUnsupportedAction)
	raw(`{"id":14,"cmd":"update_subscription","params":{"sid":`+itoa(tsid)+`,"action":"get_snapshot","market_tickers":["`+a.Ticker+`"]}}`, 14, wsErrUnsupportedAction)
	raw(`{"id":15,"cmd":"subscribe","params":{"channels":["orderbook_delta","trade"]}}`, 15, wsErrMarketRequired)
	raw(`{"id":16,"cmd":"update_subscription","params":{"sid":`+itoa(sid)+`,"action":"add_markets"}}`, 16, wsErrMarketRequired)
	raw(`{"id":17,"cmd":"update_subscription","params":{"sid":`+itoa(sid)+`}}`, 17, wsErrActionRequired)
	raw(`{"id":18,"cmd":"subscribe","params":{"channels":["trade"],"market_tickers":["NOPE-1"]}}`, 18, wsErrMarketNotFound)
	raw(`{"id":19,"cmd":"update_subscription","params":{"sid":`+itoa(sid)+`,"action":"add_markets","market_tickers":["NOPE-1"]}}`, 19, wsErrMarketNotFound)
	raw(`{"id":20,"cmd":"update_subscription","params":{"sid":`+itoa(tsid)+`,"action":"add_markets","market_tickers":["`+a.Ticker+`"]}}`, 20, wsErrInvalidParam)
	raw(`{"id":21,"cmd":"update_subscription","params":{"sid":`+itoa(sid)+`,"action":"get_snapshot","market_tickers":["NOPE-1"]}}`, 21, wsErrInvalidParam)
	raw(`{"id":22,"cmd":"update_subscription","params":{"sid":777,"action":"get_snapshot","market_tickers":["X"]}}`, 22, wsErrUnknownSid)
	if err := c.conn.Write(c.ctx, websocket.MessageBinary, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	c.expectError(0, wsErrProcess)
	// A failed command changed nothing.
	c.command("list_subscriptions", nil)
	if list := decodeMsg[[]subscriptionRef](t, c.readType("ok")); len(list) != 2 {
		t.Fatalf("subscriptions after errors: %+v", list)
	}
}

func TestWSResubscribeMergesMarkets(t *testing.T) {
	h := start(t, nil)
	a, b := h.twoMarkets()
	c := h.dial()
	sid := c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})[0]
	c.readType("orderbook_snapshot")
	again := c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_tickers": []string{a.Ticker, b.Ticker}})[0]
	if again != sid {
		t.Fatalf("merge answered sid %d, want the existing %d", again, sid)
	}
	if f := c.read(); f.Type != "orderbook_snapshot" || f.Seq != 2 || decodeMsg[snapshotMsg](t, f).MarketTicker != b.Ticker {
		t.Fatalf("merged market snapshot: %s seq %d %s", f.Type, f.Seq, f.Msg)
	}
}

func TestWSPublicChannels(t *testing.T) {
	h := start(t, nil)
	a, b := h.twoMarkets()
	bobID, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	_ = bobID
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"ticker"}, "market_ticker": a.Ticker, "send_initial_snapshot": true})
	f := c.read()
	if f.Type != "ticker" || decodeMsg[model.TickerMsg](t, f).MarketTicker != a.Ticker || f.Seq != 0 {
		t.Fatalf("initial ticker snapshot: %s %s", f.Type, f.Msg)
	}
	c.subscribe(map[string]any{"channels": []string{"trade"}})
	h.place(TraderAccount, bidAt(b.Ticker, "0.40", 1)) // another market: filtered out of ticker
	h.place(TraderAccount, bidAt(a.Ticker, "0.40", 1))
	h.place("bob", askAt(a.Ticker, "0.40", 1))
	var gotTrade, gotTicker bool
	for !gotTrade || !gotTicker {
		f := c.read()
		switch f.Type {
		case "trade":
			tr := decodeMsg[model.TradeMsg](t, f)
			if tr.MarketTicker != a.Ticker || tr.YesPrice != model.MustPrice("0.40") || tr.TakerBookSide != model.Ask || f.Seq != 0 {
				t.Fatalf("trade %s", f.Msg)
			}
			gotTrade = true
		case "ticker":
			if tk := decodeMsg[model.TickerMsg](t, f); tk.MarketTicker != a.Ticker {
				t.Fatalf("ticker for %s leaked through the market filter", tk.MarketTicker)
			}
			gotTicker = true
		default:
			t.Fatalf("unexpected %s %s", f.Type, f.Msg)
		}
	}
}

func TestWSLifecycle(t *testing.T) {
	h := start(t, nil)
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"market_lifecycle_v2"}})
	h.clock.Advance(3 * time.Hour)
	h.s.Engine().Tick(h.clock.Now())
	f := c.readType("market_lifecycle_v2")
	if lc := decodeMsg[model.LifecycleMsg](t, f); lc.MarketTicker == "" || lc.EventType == "" {
		t.Fatalf("lifecycle %s", f.Msg)
	}
}

// TestWSPrivateChannelIsolation trades between two accounts and checks each
// connection sees only its own fills, orders and positions.
func TestWSPrivateChannelIsolation(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	bobID, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	private := []string{"fill", "user_orders", "market_positions"}
	mine, bobs := h.dial(), h.as(testKeys()[1], bobID).dial()
	mine.subscribe(map[string]any{"channels": private})
	bobs.subscribe(map[string]any{"channels": private, "market_ticker": a.Ticker})

	made := h.place(TraderAccount, bidAt(a.Ticker, "0.55", 2))
	took := h.place("bob", askAt(a.Ticker, "0.55", 2))
	collect := func(c *wsClient, wantOrder string) {
		t.Helper()
		got := map[string]bool{}
		for !(got["fill"] && got["user_order"] && got["market_position"]) {
			f := c.read()
			var m struct {
				OrderID  string    `json:"order_id"`
				Position model.Qty `json:"position_fp"`
			}
			_ = json.Unmarshal(f.Msg, &m)
			switch f.Type {
			case "fill", "user_order":
				if m.OrderID != wantOrder {
					t.Fatalf("%s for order %s on the wrong account's connection (want %s)", f.Type, m.OrderID, wantOrder)
				}
			case "market_position":
			default:
				t.Fatalf("unexpected %s", f.Type)
			}
			got[f.Type] = true
		}
	}
	collect(mine, made.OrderID)
	collect(bobs, took.OrderID)
	// Nothing else is queued for either: a list reply comes next.
	for _, c := range []*wsClient{mine, bobs} {
		c.command("list_subscriptions", nil)
		for {
			f := c.read()
			if f.Type == "ok" {
				break
			}
			var m struct {
				OrderID string `json:"order_id"`
			}
			_ = json.Unmarshal(f.Msg, &m)
			if m.OrderID != "" && m.OrderID != made.OrderID && m.OrderID != took.OrderID {
				t.Fatalf("foreign %s", f.Msg)
			}
			if (c == mine && m.OrderID == took.OrderID) || (c == bobs && m.OrderID == made.OrderID) {
				t.Fatalf("leaked %s %s", f.Type, f.Msg)
			}
		}
	}
}

func TestWSHeartbeatPing(t *testing.T) {
	h := start(t, func(c *Config) { c.PingInterval = 20 * time.Millisecond })
	pings := make(chan string, 16)
	conn, _, err := h.dialOpts(&websocket.DialOptions{OnPingReceived: func(_ context.Context, p []byte) bool {
		select {
		case pings <- string(p):
		default:
		}
		return true
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseNow()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go func() { // control frames are processed while reading
		for {
			if _, _, err := conn.Read(ctx); err != nil {
				return
			}
		}
	}()
	// Commands interleave with pings without corrupting either.
	if err := conn.Write(ctx, websocket.MessageText, []byte(`{"id":1,"cmd":"subscribe","params":{"channels":["ticker"]}}`)); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		select {
		case p := <-pings:
			if p != "heartbeat" {
				t.Fatalf("ping payload %q", p)
			}
		case <-ctx.Done():
			t.Fatal("no heartbeat ping")
		}
	}
}

func TestWSSlowConsumerIsDisconnected(t *testing.T) {
	t.Run("frames", func(t *testing.T) { testSlowConsumer(t, func(c *Config) { c.SendQueue = 8 }) })
	t.Run("bytes", func(t *testing.T) { testSlowConsumer(t, func(c *Config) { c.SendQueueBytes = 64 << 10 }) })
}

func testSlowConsumer(t *testing.T, mod func(*Config)) {
	h := start(t, mod)
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"trade"}})
	big := &model.TradeMsg{TradeID: strings.Repeat("x", 16<<10), MarketTicker: "X"}
	// The client reads nothing: the socket buffers fill, then the queue.
	for i := 0; h.s.SlowDisconnects() == 0; i++ {
		if i > 100_000 {
			t.Fatal("the queue never overflowed")
		}
		h.s.hub.publish(Event{Kind: EvTrade, Ticker: "X", Trade: big})
	}
	// Draining now shows the frames that made it, then a close with a reason.
	for {
		_, _, err := c.conn.Read(c.ctx)
		if err == nil {
			continue
		}
		if websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
			t.Fatalf("read ended with %v, want a policy-violation close", err)
		}
		var ce websocket.CloseError
		if !errors.As(err, &ce) || !strings.Contains(ce.Reason, "slow") {
			t.Fatalf("close reason %q", ce.Reason)
		}
		break
	}
	// The server forgot the connection.
	eventually(t, "connection removal", func() bool {
		h.s.hub.mu.RLock()
		defer h.s.hub.mu.RUnlock()
		return len(h.s.hub.conns) == 0 && len(h.s.hub.chans[chTrade]) == 0
	})
}

func TestWSHandshakeFault(t *testing.T) {
	h := start(t, nil)
	mustSet(t, h, "5xx=1")
	if conn, resp, err := h.dialOpts(nil); err == nil || resp == nil || resp.StatusCode < 500 {
		if conn != nil {
			_ = conn.CloseNow()
		}
		t.Fatalf("handshake under a 5xx fault: %v %v", resp, err)
	}
	mustSet(t, h, "")
	h.dial()
}

func TestWSCloseDisconnectsClients(t *testing.T) {
	h := start(t, nil)
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"ticker"}})
	var wg sync.WaitGroup
	wg.Add(1)
	var readErr error
	go func() {
		defer wg.Done()
		for {
			if _, _, err := c.conn.Read(c.ctx); err != nil {
				readErr = err
				return
			}
		}
	}()
	if err := h.s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if readErr == nil {
		t.Fatal("client still connected after Close")
	}
}

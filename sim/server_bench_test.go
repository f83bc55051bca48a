package sim

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ladder/model"
)

// BenchmarkVerifyRequest measures one signature check (RSA-2048 PSS verify
// plus header parsing), the fixed cost of every authenticated request.
func BenchmarkVerifyRequest(b *testing.B) {
	clock := newFakeClock()
	k := newKeyring()
	key := testKeys()[0]
	id, err := k.add(TraderAccount, &key.PublicKey)
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, apiPrefix+"/portfolio/balance", nil)
	req.Header = signHeaders(b, key, id, http.MethodGet, apiPrefix+"/portfolio/balance", clock.Now().UnixMilli())
	b.ReportAllocs()
	for b.Loop() {
		if _, aerr := k.verifyRequest(req, clock.Now(), 30*time.Second); aerr != nil {
			b.Fatal(aerr)
		}
	}
}

// BenchmarkPublishDelta measures the sink's fan-out of one orderbook delta
// to 10 subscribers of the market: encode once, envelope and enqueue each.
func BenchmarkPublishDelta(b *testing.B) {
	s := &Server{cfg: Config{}.withDefaults(), faults: newFaultInjector(1, faultSpec{})}
	s.hub = newHub(s)
	const subs = 10
	var conns []*wsConn
	for i := range subs {
		c := &wsConn{s: s, out: make(chan []byte, 1<<16), overflow: make(chan struct{}), subs: map[int64]*subscription{}}
		conns = append(conns, c)
		sub := &subscription{sid: int64(i + 1), channel: chOrderbook, conn: c, markets: map[string]bool{}, useYes: i%2 == 0}
		s.hub.mu.Lock()
		s.hub.addBookMarketLocked(sub, "KXTEST-1")
		s.hub.mu.Unlock()
	}
	d := &model.BookDeltaMsg{MarketTicker: "KXTEST-1", MarketID: "9b2ef26b-b63e-4a56-a09a-80ccebffd8c7",
		Price: model.MustPrice("0.4200"), Delta: model.Contracts(13), Side: "no", TsMs: 1763650800000}
	ev := Event{Kind: EvBookDelta, Ticker: d.MarketTicker, Delta: d}
	b.ReportAllocs()
	for b.Loop() {
		s.hub.publish(ev)
		for _, c := range conns { // what the writer does, minus the socket
			f := <-c.out
			c.queued.Add(-int64(len(f)))
		}
	}
}

// BenchmarkWSDeltaEndToEnd measures orderbook deltas from the engine to a
// real WebSocket client over loopback: engine order → sink → queue →
// writer → socket → client read. One op is one delta received.
func BenchmarkWSDeltaEndToEnd(b *testing.B) {
	clock := newFakeClock()
	s, err := Start(context.Background(), Config{Activity: "off", TraderKey: testKeys()[0], Now: clock.Now, Tier: "prestige"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	h := &harness{t: b, s: s, clock: clock, key: testKeys()[0], keyID: s.KeyID()}
	m := h.openMarket()
	conn, _, err := h.dialOpts(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.CloseNow()
	ctx := context.Background()
	if err := conn.Write(ctx, websocket.MessageText, []byte(`{"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"],"market_ticker":"`+m.Ticker+`"}}`)); err != nil {
		b.Fatal(err)
	}
	for range 2 { // subscribed + snapshot
		if _, _, err := conn.Read(ctx); err != nil {
			b.Fatal(err)
		}
	}
	req := bidAt(m.Ticker, "0.20", 1)
	eng := s.Engine()
	b.ReportAllocs()
	for b.Loop() {
		o, err := eng.CreateOrder(TraderAccount, req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := eng.CancelOrder(TraderAccount, o.OrderID); err != nil {
			b.Fatal(err)
		}
		for range 2 { // +1 and −1
			if _, _, err := conn.Read(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRESTOrderbook measures a public GET /markets/{t}/orderbook over
// loopback HTTP, including routing, rate limiting and JSON encoding.
func BenchmarkRESTOrderbook(b *testing.B) {
	clock := newFakeClock()
	s, err := Start(context.Background(), Config{Activity: "off", TraderKey: testKeys()[0], Now: clock.Now, Tier: "prestige"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	h := &harness{t: b, s: s, clock: clock}
	m := h.openMarket()
	for _, p := range []string{"0.10", "0.20", "0.30", "0.40"} {
		if _, err := s.Engine().CreateOrder(TraderAccount, bidAt(m.Ticker, p, 5)); err != nil {
			b.Fatal(err)
		}
	}
	url := s.RESTURL() + "/markets/" + m.Ticker + "/orderbook"
	client := &http.Client{}
	b.ReportAllocs()
	for b.Loop() {
		clock.Advance(1e8) // keep the per-IP read bucket topped up
		resp, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

func BenchmarkAppendEnvelope(b *testing.B) {
	msg := []byte(`{"market_ticker":"KXTEST-1","market_id":"9b2ef26b","price_dollars":"0.4200","delta_fp":"13.00","side":"no","ts_ms":1763650800000}`)
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = appendEnvelope(buf[:0], 0, "orderbook_delta", 3, 12345, msg)
	}
}

package sim

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ladder/model"
)

func TestParseFaults(t *testing.T) {
	f, err := parseFaults("drop=0.01, gap=0.005,delay=50ms,5xx=0.01,429=0.02,malformed=0.001,stall=0.01")
	if err != nil {
		t.Fatal(err)
	}
	if f.drop != 0.01 || f.gap != 0.005 || f.delay != 50*time.Millisecond || f.delayProb != 1 || f.err5xx != 0.01 ||
		f.burst429 != 0.02 || f.malformed != 0.001 || f.stall != 0.01 || f.burstLen != defaultBurstLen || f.stallFor != defaultStallFor {
		t.Fatalf("parsed %+v", f)
	}
	f, err = parseFaults("delay=0.25:1s,429burst=9,stallfor=0")
	if err != nil || f.delayProb != 0.25 || f.delay != time.Second || f.burstLen != 9 || f.stallFor != 0 {
		t.Fatalf("parsed %+v, %v", f, err)
	}
	for _, spec := range []string{"", "off", "none", " "} {
		if f, err := parseFaults(spec); err != nil || f.drop != 0 || f.stall != 0 {
			t.Fatalf("%q: %+v %v", spec, f, err)
		}
	}
	for _, bad := range []string{"drop", "drop=2", "drop=-0.1", "drop=NaN", "gap=x", "delay=fast", "delay=2:1s", "delay=-1s",
		"429burst=0", "stallfor=-1s", "explode=1"} {
		if _, err := parseFaults(bad); err == nil {
			t.Errorf("%q accepted", bad)
		} else if !strings.Contains(err.Error(), strings.SplitN(bad, "=", 2)[0]) {
			t.Errorf("%q: error %q does not name the fault", bad, err)
		}
	}
}

func TestFaultDecisionsAreSeeded(t *testing.T) {
	spec, _ := parseFaults("drop=0.3,malformed=0.3,5xx=0.2,gap=0.4")
	run := func(seed int64) string {
		fi := newFaultInjector(seed, spec)
		var b strings.Builder
		for range 200 {
			ff := fi.frame()
			b.WriteString(map[bool]string{true: "d", false: "."}[ff.drop])
			b.WriteString(map[bool]string{true: "m", false: "."}[ff.malformed])
			b.WriteString(map[bool]string{true: "g", false: "."}[fi.gap()])
			b.WriteString(http.StatusText(fi.restFault()))
		}
		return b.String()
	}
	if first, second := run(42), run(42); first != second {
		t.Fatal("the same seed gave different fault sequences")
	}
	if run(42) == run(43) {
		t.Fatal("different seeds gave the same fault sequence")
	}
}

func TestFault429Burst(t *testing.T) {
	fi := newFaultInjector(1, faultSpec{burst429: 1, burstLen: 3})
	if fi.restFault() != http.StatusTooManyRequests {
		t.Fatal("burst did not start")
	}
	fi.mu.Lock()
	fi.spec.burst429 = 0 // no new bursts; the running one continues
	fi.mu.Unlock()
	for i := range 2 {
		if fi.restFault() != http.StatusTooManyRequests {
			t.Fatalf("burst ended after %d requests", i+1)
		}
	}
	if st := fi.restFault(); st != 0 {
		t.Fatalf("burst of 3 lasted longer (%d)", st)
	}
	if fi.countsNow().Forced429 != 3 {
		t.Fatalf("counts %+v", fi.countsNow())
	}
}

func TestFaultRESTErrors(t *testing.T) {
	h := start(t, nil)
	if err := h.s.SetFaults("5xx=1"); err != nil {
		t.Fatal(err)
	}
	r := h.getPublic("/exchange/status")
	if r.status < 500 || r.status > 504 || r.errorCode() != "injected_fault" {
		t.Fatalf("5xx fault: %d %s", r.status, r.body)
	}
	if err := h.s.SetFaults("429=1"); err != nil {
		t.Fatal(err)
	}
	expect429(t, h.get("/portfolio/balance"))
	if err := h.s.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	expect(t, h.getPublic("/exchange/status"), http.StatusOK)
	if err := h.s.SetFaults("gap=3"); err == nil {
		t.Fatal("bad spec accepted")
	}
	if c := h.s.FaultCounts(); c.Errors5xx != 1 || c.Forced429 < 1 {
		t.Fatalf("counts %+v", c)
	}
}

// TestFaultStallAppliesThenDrops is the "did my order land?" case: the
// client never gets an answer, yet the order exists.
func TestFaultStallAppliesThenDrops(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	for _, spec := range []string{"stall=1,stallfor=0", "stall=1,stallfor=1m"} {
		if err := h.s.SetFaults(spec); err != nil {
			t.Fatal(err)
		}
		req := restingBid(m.Ticker, 1)
		req.ClientOrderID = "stall-" + spec[len(spec)-2:]
		raw, _ := json.Marshal(req)
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		hr, _ := http.NewRequestWithContext(ctx, http.MethodPost, h.s.RESTURL()+"/portfolio/events/orders", strings.NewReader(string(raw)))
		for k, v := range signHeaders(t, h.key, h.keyID, http.MethodPost, apiPrefix+"/portfolio/events/orders", h.clock.Now().UnixMilli()) {
			hr.Header[k] = v
		}
		resp, err := http.DefaultTransport.RoundTrip(hr)
		cancel()
		if err == nil {
			resp.Body.Close()
			t.Fatalf("%s: got a response (%d)", spec, resp.StatusCode)
		}
		if err := h.s.SetFaults(""); err != nil {
			t.Fatal(err)
		}
		var op ordersPage
		expect(t, h.get("/portfolio/orders?status=resting"), http.StatusOK).decode(t, &op)
		found := false
		for _, o := range op.Orders {
			found = found || o.ClientOrderID == req.ClientOrderID
		}
		if !found {
			t.Fatalf("%s: the stalled order was not applied", spec)
		}
	}
	if c := h.s.FaultCounts(); c.Stalls != 2 {
		t.Fatalf("counts %+v", c)
	}
}

func TestFaultGapSkipsSeq(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})
	if f := c.read(); f.Seq != 1 {
		t.Fatalf("snapshot seq %d", f.Seq)
	}
	mustSet(t, h, "gap=1")
	h.place(TraderAccount, bidAt(a.Ticker, "0.20", 1)) // lost, seq 2 consumed
	mustSet(t, h, "")
	h.place(TraderAccount, bidAt(a.Ticker, "0.21", 1))
	f := c.read()
	if d := decodeMsg[model.BookDeltaMsg](t, f); f.Type != "orderbook_delta" || f.Seq != 3 || d.Price != model.MustPrice("0.21") {
		t.Fatalf("after a gap: %s seq %d %s; want seq 3 for the 0.21 delta", f.Type, f.Seq, f.Msg)
	}
	// get_snapshot repairs the book.
	c.command("update_subscription", map[string]any{"sid": f.Sid, "action": "get_snapshot", "market_ticker": a.Ticker})
	c.readType("ok")
	if s := decodeMsg[snapshotMsg](t, c.readType("orderbook_snapshot")); len(s.Yes) != 2 {
		t.Fatalf("resync snapshot %+v", s)
	}
}

func mustSet(t *testing.T, h *harness, spec string) {
	t.Helper()
	if err := h.s.SetFaults(spec); err != nil {
		t.Fatal(err)
	}
}

func TestFaultDropConnection(t *testing.T) {
	h := start(t, nil)
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"ticker"}})
	mustSet(t, h, "drop=1")
	c.command("list_subscriptions", nil)
	_, _, err := c.conn.Read(c.ctx)
	if err == nil || websocket.CloseStatus(err) != -1 {
		t.Fatalf("read after a drop: %v; want an abrupt end without a close frame", err)
	}
	mustSet(t, h, "")
	// Reconnecting works.
	c2 := h.dial()
	c2.command("list_subscriptions", nil)
	if f := c2.read(); f.Type != "ok" {
		t.Fatalf("after reconnect: %s", f.Type)
	}
}

func TestFaultMalformedFrame(t *testing.T) {
	h := start(t, nil)
	c := h.dial()
	mustSet(t, h, "malformed=1")
	c.command("list_subscriptions", nil)
	garbage := c.readRaw()
	if json.Valid(garbage) {
		t.Fatalf("malformed frame %q parses", garbage)
	}
	mustSet(t, h, "")
	if f := c.read(); f.Type != "ok" {
		t.Fatalf("the real frame after the malformed one: %s", f.Type)
	}
}

func TestFaultDelayKeepsOrder(t *testing.T) {
	h := start(t, nil)
	a, _ := h.twoMarkets()
	c := h.dial()
	mustSet(t, h, "delay=5ms")
	c.subscribe(map[string]any{"channels": []string{"orderbook_delta"}, "market_ticker": a.Ticker})
	c.read()
	for _, p := range []string{"0.20", "0.21", "0.22"} {
		h.place(TraderAccount, bidAt(a.Ticker, p, 1))
	}
	for want := int64(2); want <= 4; want++ {
		if f := c.read(); f.Seq != want {
			t.Fatalf("delayed frames out of order: seq %d, want %d", f.Seq, want)
		}
	}
	if n := h.s.FaultCounts().Delays; n < 5 {
		t.Fatalf("%d frames delayed, want every one", n)
	}
}

func TestFaultsFromConfig(t *testing.T) {
	if _, err := Start(context.Background(), Config{Faults: "drop=x", Activity: "off", TraderKey: testKeys()[0]}); err == nil ||
		!strings.Contains(err.Error(), "drop") {
		t.Fatalf("Start with a bad fault spec: %v", err)
	}
	h := start(t, func(c *Config) { c.Faults = "5xx=1" })
	if r := h.getPublic("/markets"); r.status < 500 {
		t.Fatalf("configured 5xx fault did not fire: %d", r.status)
	}
}

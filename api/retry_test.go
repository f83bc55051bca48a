package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"ladder/limiter"
)

func TestReadRetriesAfter429(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /portfolio/balance",
		reply{429, `{"error":"too many requests"}`, false},
		reply{200, `{"balance":12345,"balance_dollars":"123.45","portfolio_value":0,"updated_ts":1}`, false})
	b, err := h.c.GetBalance(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if b.Balance != 12345 || b.BalanceDollars.String() != "123.4500" {
		t.Errorf("balance %+v", b)
	}
	if n := h.x.calls("GET /portfolio/balance"); n != 2 {
		t.Errorf("%d calls", n)
	}
	// One pause of 100 ms minus 15 % jitter (Rand = 0.5); the limiter's
	// shared backoff ran out during that pause.
	if got := h.sleeps(); len(got) != 1 || got[0] != 85*time.Millisecond {
		t.Errorf("sleeps %v", got)
	}
	snap := h.c.Limiter().Snapshot()
	if snap.Count429 != 1 || snap.InBackoff || snap.RTTSamples != 2 {
		t.Errorf("limiter snapshot %+v", snap)
	}
}

func TestReadBackoffGrowsAndGivesUp(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /exchange/status", reply{503, `{"code":"unavailable","message":"down"}`, false})
	_, err := h.c.GetExchangeStatus(t.Context())
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 503 || ae.Code != "unavailable" {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls("GET /exchange/status"); n != DefaultMaxAttempts {
		t.Errorf("%d attempts", n)
	}
	want := []time.Duration{85, 170, 340, 680}
	got := h.sleeps()
	if len(got) != len(want) {
		t.Fatalf("sleeps %v", got)
	}
	for i := range want {
		if got[i] != want[i]*time.Millisecond {
			t.Errorf("sleep %d = %v, want %v ms", i, got[i], want[i])
		}
	}
}

func TestReadRetriesMalformedThenSucceeds(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /exchange/status",
		reply{200, `<html>oops</html>`, false},
		reply{200, `{"exchange_active":true,"trading_active":false}`, false})
	st, err := h.c.GetExchangeStatus(t.Context())
	if err != nil || !st.ExchangeActive || st.TradingActive {
		t.Fatalf("%+v %v", st, err)
	}
}

func TestMalformedBodiesGiveTypedErrors(t *testing.T) {
	for name, body := range map[string]string{
		"html":      "<!DOCTYPE html><html><body>Cloudflare</body></html>",
		"truncated": `{"markets":[{"ticker":"A","yes_bid_dollars":"0.5`,
		"empty":     "",
		"bad price": `{"market":{"ticker":"A","yes_bid_dollars":"1.5"}}`,
		"null":      "null",
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.MaxAttempts = 1 })
			h.x.script("GET /markets/A", reply{200, body, false})
			_, err := h.c.GetMarket(t.Context(), "A")
			if name == "null" {
				// JSON null decodes to the zero market; not an error.
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ae *Error
			if !errors.As(err, &ae) || !errors.Is(err, ErrMalformedResponse) || ae.Status != 200 || ae.Path != "/markets/A" {
				t.Fatalf("err %#v", err)
			}
		})
	}
}

func TestNetworkErrorIsRetried(t *testing.T) {
	h := newHarness(t, nil)
	h.x.on("GET /portfolio/balance", func(w http.ResponseWriter, r *http.Request, _ []byte, n int) {
		if n == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // drop the connection without an answer
			}
			return
		}
		writeJSON(w, 200, `{"balance":1}`)
	})
	if _, err := h.c.GetBalance(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := h.x.calls("GET /portfolio/balance"); n != 2 {
		t.Errorf("%d calls", n)
	}
}

func TestNetworkErrorReported(t *testing.T) {
	// Nothing listens on this port once the listener is closed.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	h := newHarness(t, func(c *Config) { c.BaseURL = "http://" + addr + RESTPrefix; c.MaxAttempts = 2 })
	_, err = h.c.GetBalance(t.Context())
	if err == nil || !strings.Contains(err.Error(), "/portfolio/balance") {
		t.Fatalf("err %v", err)
	}
	if snap := h.c.Limiter().Snapshot(); snap.LastError == "" {
		t.Error("limiter did not record the failure")
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	h := newHarness(t, func(c *Config) {
		c.Sleep = func(ctx context.Context, _ time.Duration) error {
			cancel() // the user gives up during the first backoff
			return ctx.Err()
		}
	})
	h.x.script("GET /portfolio/balance", reply{503, ``, false})
	_, err := h.c.GetBalance(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls("GET /portfolio/balance"); n != 1 {
		t.Errorf("%d calls after cancel", n)
	}
}

func TestContextCancelWhileQueuedInLimiter(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /portfolio/balance", reply{200, `{}`, false})
	lim := h.c.Limiter()
	if err := lim.SetLimits(limiter.Limits{Read: limiter.BucketLimits{RefillRate: 1, BucketCapacity: 10}}); err != nil {
		t.Fatal(err)
	}
	if _, err := lim.Wait(t.Context(), limiter.Request{Method: "GET", Path: "/x"}); err != nil {
		t.Fatal(err) // bucket now empty
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { _, err := h.c.GetBalance(ctx); done <- err }()
	h.clock.BlockUntil(1) // queued on the limiter's timer
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls("GET /portfolio/balance"); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// Each kind of request queues at its own priority when tokens are short.
func TestPriorities(t *testing.T) {
	cases := []struct {
		name  string
		route string
		want  limiter.Priority
		call  func(c *Client) error
	}{
		{"cancel", "DELETE /portfolio/events/orders/o1", limiter.PriorityCancel,
			func(c *Client) error { _, err := c.CancelOrder(context.Background(), "o1"); return err }},
		{"batch cancel", "DELETE /portfolio/events/orders/batched", limiter.PriorityCancel,
			func(c *Client) error { _, err := c.BatchCancelOrders(context.Background(), []string{"o1"}); return err }},
		{"amend", "POST /portfolio/events/orders/o1/amend", limiter.PriorityAmend,
			func(c *Client) error { _, err := c.AmendOrder(context.Background(), "o1", amendReq()); return err }},
		{"decrease", "POST /portfolio/events/orders/o1/decrease", limiter.PriorityAmend,
			func(c *Client) error {
				by := qty("1")
				_, err := c.DecreaseOrder(context.Background(), "o1", decreaseBy(by))
				return err
			}},
		{"create", "POST /portfolio/events/orders", limiter.PriorityNew,
			func(c *Client) error { _, err := c.CreateOrder(context.Background(), gtcBid()); return err }},
		{"read", "GET /portfolio/balance", limiter.PriorityRead,
			func(c *Client) error { _, err := c.GetBalance(context.Background()); return err }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.x.script(tc.route, reply{200, `{"order_id":"o1","orders":[]}`, false})
			lim := h.c.Limiter()
			small := limiter.BucketLimits{RefillRate: 1, BucketCapacity: 10}
			if err := lim.SetLimits(limiter.Limits{Read: small, Write: small}); err != nil {
				t.Fatal(err)
			}
			method, path, _ := strings.Cut(tc.route, " ")
			bucket, _ := lim.Cost(method, path, 1)
			drain := limiter.Request{Method: "GET", Path: "/drain"}
			if bucket == limiter.BucketWrite {
				drain = limiter.Request{Method: "POST", Path: "/portfolio/events/orders"}
			}
			if _, err := lim.Wait(t.Context(), drain); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- tc.call(h.c) }()
			h.clock.BlockUntil(1)
			snap := lim.Snapshot()
			if snap.WaitingFor(tc.want) != 1 {
				t.Errorf("waiting by priority %v, want one at %v", snap.Waiting, tc.want)
			}
			h.clock.Advance(time.Minute)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		})
	}
}

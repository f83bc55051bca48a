package api

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const createRoute = "POST /portfolio/events/orders"

// manualClock is the signer's clock in these tests: it moves only when told,
// and the renewer may read it concurrently.
type manualClock struct{ ns atomic.Int64 }

func newManualClock() *manualClock {
	c := &manualClock{}
	c.ns.Store(time.UnixMilli(1_800_000_000_000).UnixNano())
	return c
}

func (c *manualClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *manualClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// authLog records the authentication headers of every create request the
// fake exchange accepted (it verifies each signature first).
type authLog struct {
	mu   sync.Mutex
	seen []http.Header
}

func (a *authLog) install(h *harness) {
	h.x.on(createRoute, func(w http.ResponseWriter, r *http.Request, _ []byte, _ int) {
		a.mu.Lock()
		a.seen = append(a.seen, r.Header.Clone())
		a.mu.Unlock()
		writeJSON(w, 201, `{"order_id":"o1","remaining_count":"5.00","ts_ms":1}`)
	})
}

func (a *authLog) headers() []http.Header {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]http.Header(nil), a.seen...)
}

// waitRenewed waits until the renewer has signed at least n headers.
func waitRenewed(t *testing.T, c *Client, n uint64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for c.PresignStats().Renewed < n {
		if time.Now().After(deadline) {
			t.Fatalf("the renewer signed %d headers, want %d", c.PresignStats().Renewed, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func startPresigning(t *testing.T, c *Client, cfg PresignConfig) {
	t.Helper()
	stop, err := c.StartPresigning(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
}

// A create sent while a fresh header waits uses it, the exchange accepts
// it, and no header is ever sent twice, even under concurrent sends.
func TestPresignedHeaderVerifiesAndIsUsedOnce(t *testing.T) {
	h := newHarness(t, nil)
	var log authLog
	log.install(h)
	// An hour's period: only the start and each take trigger a renewal.
	startPresigning(t, h.c, PresignConfig{Every: time.Hour, MaxAge: 2 * time.Hour})
	waitRenewed(t, h.c, 3)

	if _, err := h.c.CreateOrder(t.Context(), gtcBid()); err != nil {
		t.Fatal(err)
	}
	if s := h.c.PresignStats(); s.Presigned != 1 || s.OnDemand != 0 {
		t.Fatalf("stats %+v, want the first create pre-signed", s)
	}

	const n = 20
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := h.c.CreateOrder(context.Background(), gtcBid()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	s := h.c.PresignStats()
	if s.Presigned+s.OnDemand != n+1 || s.Presigned < 1 {
		t.Fatalf("stats %+v after %d creates", s, n+1)
	}
	seen := map[string]bool{}
	for _, hd := range log.headers() {
		sig := hd.Get(HeaderAccessSignature)
		if seen[sig] {
			t.Fatalf("a signature was sent twice: %s", sig)
		}
		seen[sig] = true
	}
	if len(seen) != n+1 {
		t.Fatalf("the exchange accepted %d creates, want %d", len(seen), n+1)
	}
	// Other endpoints are signed as before and not counted.
	h.x.script("GET /portfolio/balance", reply{200, `{"balance":100}`, false})
	if _, err := h.c.GetBalance(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s2 := h.c.PresignStats(); s2.Presigned+s2.OnDemand != n+1 {
		t.Fatalf("a balance read touched the pre-signed headers: %+v", s2)
	}
}

// A header older than MaxAge is thrown away, never sent: the request signs
// on demand with the current time.
func TestStalePresignedHeaderIsNeverUsed(t *testing.T) {
	clk := newManualClock()
	h := newHarness(t, func(c *Config) { c.Signer = c.Signer.WithClock(clk.now) })
	var log authLog
	log.install(h)
	// No periodic renewal within the test: MaxAge decides alone.
	startPresigning(t, h.c, PresignConfig{Every: time.Hour, MaxAge: time.Hour})
	waitRenewed(t, h.c, 3)
	signedAt := clk.now().UnixMilli()

	clk.advance(time.Hour + time.Millisecond)
	if _, err := h.c.CreateOrder(t.Context(), gtcBid()); err != nil {
		t.Fatal(err)
	}
	if s := h.c.PresignStats(); s.Expired != 1 || s.OnDemand != 1 || s.Presigned != 0 {
		t.Fatalf("stats %+v, want the stale header discarded and the create signed on demand", s)
	}
	got := log.headers()[0].Get(HeaderAccessTimestamp)
	if want := strconv.FormatInt(clk.now().UnixMilli(), 10); got != want {
		t.Fatalf("sent timestamp %s, want the current %s (the stale one was %d)", got, want, signedAt)
	}

	// Taking the stale header woke the renewer, which signed the next one:
	// the next create is pre-signed again, at the current time.
	waitRenewed(t, h.c, 4)
	if _, err := h.c.CreateOrder(t.Context(), gtcBid()); err != nil {
		t.Fatal(err)
	}
	if s := h.c.PresignStats(); s.Presigned != 1 {
		t.Fatalf("stats %+v, want the renewed header used", s)
	}
	if got := log.headers()[1].Get(HeaderAccessTimestamp); got != strconv.FormatInt(clk.now().UnixMilli(), 10) {
		t.Fatalf("renewed header carries timestamp %s", got)
	}
}

// Exactly at MaxAge a header is still usable; a header from the future (the
// clock stepped back) is not.
func TestPresignFreshnessBounds(t *testing.T) {
	clk := newManualClock()
	s := testSigner(t).WithClock(clk.now)
	p := &presigner{signer: s, now: clk.now, every: time.Hour, maxAge: time.Second,
		wake: make(chan struct{}, 1), stats: &presignCounters{}}
	slot := &presignSlot{method: "POST", path: "/trade-api/v2/portfolio/events/orders"}
	p.slots = []*presignSlot{slot}

	p.renew(p.slots)
	clk.advance(time.Second)
	if p.take(slot) == nil {
		t.Fatal("a header exactly MaxAge old was refused")
	}
	if p.take(slot) != nil {
		t.Fatal("the same slot handed out a second header without a renewal")
	}
	p.renew(p.due(false))
	clk.advance(-time.Millisecond)
	if p.take(slot) != nil {
		t.Fatal("a header signed in the future was used")
	}
}

// The renewer ends with its context or with stop, and a stopped client
// signs on demand again.
func TestPresignRenewerStops(t *testing.T) {
	h := newHarness(t, nil)
	var log authLog
	log.install(h)
	ctx, cancel := context.WithCancel(t.Context())
	stop, err := h.c.StartPresigning(ctx, PresignConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.c.StartPresigning(ctx, PresignConfig{}); err == nil {
		t.Fatal("a second renewer started")
	}
	waitRenewed(t, h.c, 3)
	cancel()
	stop() // returns only once the renewer has exited
	stop()
	if h.c.presign.Load() != nil {
		t.Fatal("the stopped renewer is still installed")
	}
	before := h.c.PresignStats()
	if _, err := h.c.CreateOrder(t.Context(), gtcBid()); err != nil {
		t.Fatal(err)
	}
	if after := h.c.PresignStats(); after != before {
		t.Fatalf("stats moved from %+v to %+v after stop", before, after)
	}

	// It can be started again.
	stop, err = h.c.StartPresigning(t.Context(), PresignConfig{})
	if err != nil {
		t.Fatal(err)
	}
	stop()
}

func TestPresignConfigErrors(t *testing.T) {
	h := newHarness(t, nil)
	for _, cfg := range []PresignConfig{
		{Every: time.Second, MaxAge: time.Millisecond},
		{Endpoints: []Endpoint{{"GET", "/portfolio/orders?status=resting"}}},
		{Endpoints: []Endpoint{{"GET", "portfolio/balance"}}},
		{Endpoints: []Endpoint{}},
	} {
		if _, err := h.c.StartPresigning(t.Context(), cfg); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
	unsigned := newHarness(t, func(c *Config) { c.Signer = nil })
	if _, err := unsigned.c.StartPresigning(t.Context(), PresignConfig{}); err == nil {
		t.Error("a client without a signer started pre-signing")
	}
}

// Each tick renews the stalest header, so the three are renewed in turn
// and none grows older than one period; an empty slot is always renewed.
func TestPresignRenewsStalestFirst(t *testing.T) {
	clk := newManualClock()
	p := &presigner{signer: testSigner(t).WithClock(clk.now), now: clk.now, every: 300 * time.Millisecond,
		maxAge: time.Second, wake: make(chan struct{}, 1), stats: &presignCounters{}}
	for _, e := range PresignEndpoints() {
		p.slots = append(p.slots, &presignSlot{method: e.Method, path: "/trade-api/v2" + e.Path})
	}
	p.renew(p.slots)
	for i := range 6 {
		clk.advance(100 * time.Millisecond)
		due := p.due(true)
		if len(due) != 1 || due[0] != p.slots[i%3] {
			t.Fatalf("tick %d renews %d slots, want slot %d alone", i, len(due), i%3)
		}
		p.renew(due)
		for j, s := range p.slots {
			if age := clk.now().Sub(s.at); age > p.every {
				t.Fatalf("tick %d: slot %d is %s old", i, j, age)
			}
		}
	}
	p.take(p.slots[2])
	if due := p.due(false); len(due) != 1 || due[0] != p.slots[2] {
		t.Fatalf("after a take, %d slots are due", len(due))
	}
}

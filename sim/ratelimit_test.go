package sim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"ladder/model"
)

// expect429 checks a rate-limit answer is exactly Kalshi's: the bare body
// and no Retry-After or X-RateLimit-* headers.
func expect429(t *testing.T, r response) {
	t.Helper()
	expect(t, r, http.StatusTooManyRequests)
	if string(r.body) != `{"error":"too many requests"}` {
		t.Fatalf("429 body %q", r.body)
	}
	for k := range r.header {
		if lk := strings.ToLower(k); lk == "retry-after" || strings.HasPrefix(lk, "x-ratelimit") || strings.HasPrefix(lk, "ratelimit") {
			t.Fatalf("429 carries header %s", k)
		}
	}
}

func TestRateLimitReadBucket(t *testing.T) {
	h := start(t, nil) // Basic: read 200/s, capacity 400; the clock is frozen
	for range 40 {
		expect(t, h.get("/portfolio/balance"), http.StatusOK)
	}
	expect429(t, h.get("/portfolio/balance"))
	// Another identity has its own buckets.
	bobID, _, err := h.s.AddAccountKey("bob", model.Dollar, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	expect(t, h.as(testKeys()[1], bobID).get("/portfolio/balance"), http.StatusOK)
	// Half a second refills 100 tokens: ten more requests, not eleven.
	h.clock.Advance(500 * time.Millisecond)
	for range 10 {
		expect(t, h.get("/markets?limit=1"), http.StatusOK)
	}
	expect429(t, h.get("/markets?limit=1"))
}

func TestRateLimitCheapReads(t *testing.T) {
	h := start(t, nil)
	for range 39 { // 390 of 400 tokens
		expect(t, h.get("/portfolio/orders"), http.StatusOK)
	}
	for range 5 { // GET /portfolio/orders/{id} costs 2: five fit in the last 10 tokens
		expect(t, h.get("/portfolio/orders/unknown"), http.StatusNotFound)
	}
	expect429(t, h.get("/portfolio/orders/unknown"))
}

func TestRateLimitWriteBucketAndCosts(t *testing.T) {
	h := start(t, nil) // Basic: write 100/s, capacity 100
	m := h.openMarket()
	var ids []string
	for i := range 9 {
		req := restingBid(m.Ticker, 1)
		req.ClientOrderID = fmt.Sprintf("c%d", i)
		var cr model.CreateOrderResponse
		expect(t, h.send(http.MethodPost, "/portfolio/events/orders", req), http.StatusCreated).decode(t, &cr)
		ids = append(ids, cr.OrderID)
	}
	for _, id := range ids[:5] { // a V2 cancel costs 2: five use the last 10 tokens
		expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+id, nil), http.StatusOK)
	}
	expect429(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+ids[5], nil))
	expect429(t, h.send(http.MethodPost, "/portfolio/events/orders", restingBid(m.Ticker, 1)))
	// Reads are metered separately.
	expect(t, h.get("/portfolio/orders"), http.StatusOK)
	var op ordersPage
	expect(t, h.get("/portfolio/orders?status=resting"), http.StatusOK).decode(t, &op)
	if len(op.Orders) != 4 {
		t.Fatalf("%d resting orders; the refused cancel must not have run", len(op.Orders))
	}
}

func TestRateLimitBatches(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	batch := func(n int) model.BatchCreateRequest {
		var b model.BatchCreateRequest
		for range n {
			b.Orders = append(b.Orders, restingBid(m.Ticker, 1))
		}
		return b
	}
	// 11 orders cost 110 tokens, more than the Basic write bucket holds: rejected whole.
	r := expect(t, h.send(http.MethodPost, "/portfolio/events/orders/batched", batch(11)), http.StatusBadRequest)
	if r.errorCode() != codeBatchTooLarge {
		t.Fatalf("oversized batch: %s", r.body)
	}
	// 10 fit exactly; the next one-order batch is over budget and creates nothing.
	var bc model.BatchCreateResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders/batched", batch(10)), http.StatusCreated).decode(t, &bc)
	if len(bc.Orders) != 10 {
		t.Fatalf("%d results", len(bc.Orders))
	}
	expect429(t, h.send(http.MethodPost, "/portfolio/events/orders/batched", batch(1)))
	var op ordersPage
	expect(t, h.get("/portfolio/orders?status=resting"), http.StatusOK).decode(t, &op)
	if len(op.Orders) != 10 {
		t.Fatalf("%d resting orders, want 10", len(op.Orders))
	}
	// Batch cancel costs 2 per order: 51 is over capacity, 50 (after a refill) fits.
	h.clock.Advance(time.Second)
	cancel := model.BatchCancelRequest{}
	for range 51 {
		cancel.Orders = append(cancel.Orders, model.BatchCancelOrder{OrderID: bc.Orders[0].OrderID})
	}
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/batched", cancel), http.StatusBadRequest)
	cancel.Orders = cancel.Orders[:50]
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/batched", cancel), http.StatusOK)
	expect429(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+bc.Orders[1].OrderID, nil))
}

func TestRateLimitPublicReadsPerIP(t *testing.T) {
	h := start(t, nil)
	for range 40 {
		expect(t, h.getPublic("/exchange/status"), http.StatusOK)
	}
	expect429(t, h.getPublic("/markets"))
	// A signed request is metered by its key, not the address.
	expect(t, h.get("/markets"), http.StatusOK)
}

func TestTokenBucketRefillsFractions(t *testing.T) {
	t0 := time.Unix(0, 0)
	b := newTokenBucket(100, 100, t0)
	if !b.take(100, t0) || b.take(1, t0) {
		t.Fatal("a full bucket of 100 should give exactly 100 tokens")
	}
	// 3 ms at 100/s is 0.3 tokens; four such steps add up to more than one.
	now := t0
	for range 3 {
		now = now.Add(3 * time.Millisecond)
		if b.take(1, now) {
			t.Fatal("took a token that had not refilled yet")
		}
	}
	now = now.Add(3 * time.Millisecond)
	if !b.take(1, now) {
		t.Fatal("1.2 tokens refilled but none could be taken")
	}
	if b.refill(now.Add(2 * time.Hour)); b.micro != 100*microPerToken {
		t.Fatal("a long idle period should fill the bucket exactly")
	}
}

func TestTierTable(t *testing.T) {
	want := map[string][4]int64{
		"basic":    {200, 400, 100, 100},
		"advanced": {300, 600, 300, 600},
		"premier":  {1000, 1000, 1000, 2000},
		"prestige": {10000, 10000, 8000, 16000},
	}
	for name, w := range want {
		tb, err := lookupTier(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := [4]int64{tb.readRate, tb.readCap, tb.writeRate, tb.writeCap}; got != w {
			t.Errorf("%s: %v, want %v", name, got, w)
		}
	}
	if tb, err := lookupTier(""); err != nil || tb.name != "basic" {
		t.Fatalf("default tier %v %v", tb.name, err)
	}
	if _, err := lookupTier("gold"); err == nil {
		t.Fatal("unknown tier accepted")
	}
}

func TestRateLimiterPrunesIdleIdentities(t *testing.T) {
	now := time.Unix(0, 0)
	tier, _ := lookupTier("basic")
	l := newRateLimiter(tier, func() time.Time { return now })
	for i := range maxIdentities {
		l.allow(fmt.Sprintf("ip:%d", i), readBucket, 10)
	}
	now = now.Add(time.Minute) // everyone has refilled
	l.allow("ip:new", readBucket, 10)
	if len(l.pairs) != 1 {
		t.Fatalf("%d identities kept after pruning, want 1", len(l.pairs))
	}
}

package api_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"ladder/api"
	"ladder/model"
	"ladder/sim"
)

// sigRecorder remembers the signature of every request it carries.
type sigRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	sigs []string
}

func (r *sigRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.sigs = append(r.sigs, req.Method+" "+req.URL.Path+" "+req.Header.Get(api.HeaderAccessSignature))
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// The simulator checks every signature (and its ±30 s window) like Kalshi:
// creates, batch creates and batch cancels sent with pre-signed headers
// must all be accepted, and no header may be sent twice.
func TestPresignedOrdersAcceptedBySimulator(t *testing.T) {
	srv, err := sim.Start(t.Context(), sim.Config{Activity: "off", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	signer, err := api.LoadSignerPEM(srv.KeyID(), srv.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	rec := &sigRecorder{next: http.DefaultTransport.(*http.Transport).Clone()}
	c, err := api.NewClient(api.Config{BaseURL: srv.RESTURL(), Signer: signer, HTTPClient: &http.Client{Transport: rec}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	stop, err := c.StartPresigning(t.Context(), api.PresignConfig{Every: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	order := func(cents string) model.CreateOrderRequest {
		return model.CreateOrderRequest{Ticker: "KXFED-26DEC-T3.25", Side: model.Bid, Count: model.Contracts(1),
			Price: model.MustPrice(cents), TimeInForce: model.GTC, STP: model.STPTakerAtCross}
	}
	// waitFresh waits for the renewer to sign after the last take, so the
	// next request finds a header waiting.
	waitFresh := func() {
		n := c.PresignStats().Renewed
		deadline := time.Now().Add(20 * time.Second)
		for c.PresignStats().Renewed < n+3 {
			if time.Now().After(deadline) {
				t.Fatal("the renewer stopped renewing")
			}
			time.Sleep(time.Millisecond)
		}
	}
	var ids []string
	for _, p := range []string{"0.0100", "0.0200", "0.0300"} {
		waitFresh()
		resp, err := c.CreateOrder(context.Background(), order(p))
		if err != nil {
			t.Fatalf("pre-signed create refused: %v", err)
		}
		ids = append(ids, resp.OrderID)
	}
	waitFresh()
	batch, err := c.BatchCreateOrders(context.Background(), []model.CreateOrderRequest{order("0.0400"), order("0.0500")})
	if err != nil {
		t.Fatalf("pre-signed batch create refused: %v", err)
	}
	for _, it := range batch.Orders {
		if it.Error != nil || it.OrderID == "" {
			t.Fatalf("batch item failed: %+v", it)
		}
		ids = append(ids, it.OrderID)
	}
	waitFresh()
	if _, err := c.BatchCancelOrders(context.Background(), ids); err != nil {
		t.Fatalf("pre-signed batch cancel refused: %v", err)
	}
	if left := srv.Engine().Orders(sim.TraderAccount, sim.OrderFilter{Status: string(model.Resting)}); len(left) != 0 {
		t.Fatalf("%d orders still rest after the batch cancel", len(left))
	}

	if s := c.PresignStats(); s.Presigned != 5 || s.OnDemand != 0 || s.Expired != 0 {
		t.Fatalf("stats %+v, want all five order requests pre-signed", s)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	seen := map[string]bool{}
	for _, s := range rec.sigs {
		if seen[s] {
			t.Fatalf("sent twice: %s", s)
		}
		seen[s] = true
	}
}

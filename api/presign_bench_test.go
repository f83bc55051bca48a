package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

const createJSON = `{"order_id":"o1","remaining_count":"5.00","ts_ms":1}`

// BenchmarkCreateOrderSend is one CreateOrder from the call to the answer,
// signing on demand and with a pre-signed header waiting, first with an
// in-memory transport (the client's own cost) and then over loopback. The
// renewer is not running: each pre-signed iteration refills the header
// outside the timer, as the renewer would have done between orders.
func BenchmarkCreateOrderSend(b *testing.B) {
	loopback := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 201, createJSON)
	}))
	defer loopback.Close()
	for _, net := range []struct {
		name string
		url  string
		hc   *http.Client
	}{
		{"in-memory", "http://127.0.0.1:1" + RESTPrefix, &http.Client{Transport: cannedTransport{createJSON}}},
		{"loopback", loopback.URL + RESTPrefix, nil},
	} {
		for _, presigned := range []bool{false, true} {
			name := net.name + "/sign-on-demand"
			if presigned {
				name = net.name + "/presigned"
			}
			b.Run(name, func(b *testing.B) {
				c := benchClient(b, net.url, net.hc, true)
				defer c.CloseIdleConnections()
				var p *presigner
				if presigned {
					p = &presigner{signer: c.signer, now: c.signer.now, every: time.Hour, maxAge: time.Hour,
						wake: make(chan struct{}, 1), stats: &c.presignStats}
					p.slots = []*presignSlot{{method: http.MethodPost, path: c.basePath + "/portfolio/events/orders"}}
					c.presign.Store(p)
				}
				req := gtcBid()
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					if p != nil {
						b.StopTimer()
						p.renew(p.slots)
						b.StartTimer()
					}
					req.ClientOrderID = ""
					if _, err := c.CreateOrder(b.Context(), req); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if s := c.PresignStats(); presigned && s.OnDemand != 0 {
					b.Fatalf("%d sends signed on demand", s.OnDemand)
				}
			})
		}
	}
}

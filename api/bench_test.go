package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ladder/limiter"
)

func BenchmarkSign(b *testing.B) {
	s := testSigner(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sign("POST", "/trade-api/v2/portfolio/events/orders"); err != nil {
			b.Fatal(err)
		}
	}
}

// unlimited returns a limiter that never makes a benchmark wait, so the
// figures measure the client, not the tier's budget.
func unlimited(b *testing.B) *limiter.Limiter {
	lim := limiter.New(limiter.Config{})
	huge := limiter.BucketLimits{RefillRate: 1e12, BucketCapacity: 1e12}
	if err := lim.SetLimits(limiter.Limits{Read: huge, Write: huge}); err != nil {
		b.Fatal(err)
	}
	return lim
}

// cannedTransport answers every request in memory, isolating the client's
// own cost (limiter, request building, signing, decoding) from the network.
type cannedTransport struct{ body string }

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(c.body)), Header: http.Header{}, Request: r}, nil
}

const balanceJSON = `{"balance":1000000,"balance_dollars":"10000.0000","portfolio_value":0,"updated_ts":1}`

func benchClient(b *testing.B, url string, hc *http.Client, signed bool) *Client {
	cfg := Config{BaseURL: url, Limiter: unlimited(b), HTTPClient: hc}
	if signed {
		cfg.Signer = testSigner(b)
	}
	c, err := NewClient(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkClientOverhead(b *testing.B) {
	for _, signed := range []bool{false, true} {
		name := "unsigned"
		if signed {
			name = "signed"
		}
		b.Run(name, func(b *testing.B) {
			c := benchClient(b, "http://127.0.0.1:1"+RESTPrefix, &http.Client{Transport: cannedTransport{balanceJSON}}, signed)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.GetBalance(b.Context()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkClientLoopback(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, balanceJSON)
	}))
	defer srv.Close()
	c := benchClient(b, srv.URL+RESTPrefix, nil, true)
	defer c.CloseIdleConnections()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetBalance(b.Context()); err != nil {
			b.Fatal(err)
		}
	}
}

package api

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/limiter"
)

// testKey is generated once per test binary: RSA-2048 generation takes a
// noticeable fraction of a second.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

const testKeyID = "3f1e0c2a-1111-4222-8333-444455556666"

func pkcs1PEM(k *rsa.PrivateKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

func pkcs8PEM(t testing.TB, k any) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func testSigner(t testing.TB) *Signer {
	t.Helper()
	s, err := LoadSignerPEM(testKeyID, pkcs8PEM(t, testKey()))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// verifySig checks Kalshi's signature scheme the way the exchange does.
func verifySig(pub *rsa.PublicKey, h http.Header, method, path string) error {
	if h.Get(HeaderAccessKey) != testKeyID {
		return fmt.Errorf("key id %q", h.Get(HeaderAccessKey))
	}
	ts := h.Get(HeaderAccessTimestamp)
	if ts == "" {
		return errors.New("no timestamp")
	}
	sig, err := base64.StdEncoding.DecodeString(h.Get(HeaderAccessSignature))
	if err != nil {
		return fmt.Errorf("signature not base64: %w", err)
	}
	digest := sha256.Sum256([]byte(ts + method + path))
	return rsa.VerifyPSS(pub, crypto.SHA256, digest[:], sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
}

// seenRequest is what the fake exchange recorded about one request.
type seenRequest struct {
	Method, Path, RawQuery string
	Body                   []byte
}

// reply is one scripted answer. hang makes the handler wait for the client
// to give up (a timeout from the client's point of view).
type reply struct {
	status int
	body   string
	hang   bool
}

// exchange is a scripted stand-in for Kalshi: it verifies every request's
// signature (401 on failure, and the test fails), records it, and answers
// from per-route handlers or scripts.
type exchange struct {
	t      *testing.T
	srv    *httptest.Server
	pub    *rsa.PublicKey
	mu     sync.Mutex
	seen   []seenRequest
	routes map[string]func(w http.ResponseWriter, r *http.Request, body []byte, n int)
	counts map[string]int
}

func newExchange(t *testing.T) *exchange {
	x := &exchange{t: t, pub: &testKey().PublicKey,
		routes: map[string]func(http.ResponseWriter, *http.Request, []byte, int){},
		counts: map[string]int{}}
	x.srv = httptest.NewServer(http.HandlerFunc(x.serve))
	t.Cleanup(x.srv.Close)
	return x
}

func (x *exchange) baseURL() string { return x.srv.URL + RESTPrefix }

func (x *exchange) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if err := verifySig(x.pub, r.Header, r.Method, r.URL.EscapedPath()); err != nil {
		x.t.Errorf("%s %s: bad signature: %v", r.Method, r.URL.Path, err)
		writeJSON(w, 401, `{"error":{"code":"unauthorized","message":"bad signature"}}`)
		return
	}
	rel := strings.TrimPrefix(r.URL.Path, RESTPrefix)
	key := r.Method + " " + rel
	x.mu.Lock()
	x.seen = append(x.seen, seenRequest{Method: r.Method, Path: rel, RawQuery: r.URL.RawQuery, Body: body})
	x.counts[key]++
	n := x.counts[key]
	h := x.routes[key]
	x.mu.Unlock()
	if h == nil {
		writeJSON(w, 404, `{"error":{"code":"not_found","message":"no route `+key+`"}}`)
		return
	}
	h(w, r, body, n)
}

// on installs a handler for "METHOD /relative/path"; n counts calls from 1.
func (x *exchange) on(route string, h func(w http.ResponseWriter, r *http.Request, body []byte, n int)) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.routes[route] = h
}

// script answers the route's calls in order, repeating the last reply.
func (x *exchange) script(route string, replies ...reply) {
	x.on(route, func(w http.ResponseWriter, r *http.Request, _ []byte, n int) {
		rp := replies[min(n, len(replies))-1]
		if rp.hang {
			<-r.Context().Done()
			return
		}
		writeJSON(w, rp.status, rp.body)
	})
}

func (x *exchange) calls(route string) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.counts[route]
}

func (x *exchange) requests() []seenRequest {
	x.mu.Lock()
	defer x.mu.Unlock()
	return append([]seenRequest(nil), x.seen...)
}

func (x *exchange) last() seenRequest {
	r := x.requests()
	if len(r) == 0 {
		x.t.Fatal("no request recorded")
	}
	return r[len(r)-1]
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// harness is a client wired to a fake exchange, a fake clock shared with
// its limiter, and a Sleep that advances that clock instead of waiting.
type harness struct {
	x     *exchange
	c     *Client
	clock *limiter.FakeClock
	mu    sync.Mutex
	naps  []time.Duration
}

func newHarness(t *testing.T, tweak func(*Config)) *harness {
	t.Helper()
	h := &harness{x: newExchange(t), clock: limiter.NewFakeClock(time.Unix(1_800_000_000, 0))}
	half := func() float64 { return 0.5 }
	cfg := Config{
		BaseURL: h.x.baseURL(),
		Signer:  testSigner(t),
		Limiter: limiter.New(limiter.Config{Tier: limiter.TierPrestige, Clock: h.clock, Rand: half}),
		Clock:   h.clock,
		Rand:    half,
		Sleep: func(ctx context.Context, d time.Duration) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			h.mu.Lock()
			h.naps = append(h.naps, d)
			h.mu.Unlock()
			h.clock.Advance(d)
			return nil
		},
	}
	if tweak != nil {
		tweak(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	h.c = c
	return h
}

func (h *harness) sleeps() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Duration(nil), h.naps...)
}

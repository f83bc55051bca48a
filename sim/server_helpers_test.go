package sim

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ladder/model"
)

// testKeys generates RSA keys once per test binary: key generation is the
// slowest thing a server start does, and the tests need only a few.
var testKeys = sync.OnceValue(func() []*rsa.PrivateKey {
	keys := make([]*rsa.PrivateKey, 3)
	for i := range keys {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		keys[i] = k
	}
	return keys
})

// fakeClock is a settable clock shared by the server and the test signer.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// harness is a running server plus a signed HTTP client for one key.
type harness struct {
	t     testing.TB
	s     *Server
	clock *fakeClock
	key   *rsa.PrivateKey
	keyID string
	hc    *http.Client
}

// start runs a quiet server (no activity, no faults) on a fake clock.
func start(t *testing.T, mod func(*Config)) *harness {
	t.Helper()
	clock := newFakeClock()
	cfg := Config{Activity: "off", TraderKey: testKeys()[0], Now: clock.Now, Seed: 7}
	if mod != nil {
		mod(&cfg)
	}
	s, err := Start(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &harness{t: t, s: s, clock: clock, key: testKeys()[0], keyID: s.KeyID(), hc: &http.Client{Timeout: 10 * time.Second}}
}

// as returns a harness signing with another account's key.
func (h *harness) as(key *rsa.PrivateKey, keyID string) *harness {
	c := *h
	c.key, c.keyID = key, keyID
	return &c
}

// signHeaders signs method+path at ts (Unix ms) with key, as Kalshi's
// clients do: RSA-PSS, SHA-256, salt = digest length, standard base64.
func signHeaders(t testing.TB, key *rsa.PrivateKey, keyID, method, path string, ts int64) http.Header {
	t.Helper()
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	tss := strconv.FormatInt(ts, 10)
	digest := sha256.Sum256([]byte(tss + method + path))
	sig, err := rsa.SignPSS(rand.Reader, key, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	h := http.Header{}
	h.Set(headerAccessKey, keyID)
	h.Set(headerAccessTimestamp, tss)
	h.Set(headerAccessSignature, base64.StdEncoding.EncodeToString(sig))
	return h
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// errorCode extracts the wrapped error's code ("" if not that shape).
func (r response) errorCode() string {
	var w struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.body, &w)
	return w.Error.Code
}

// request sends one request; path is relative to /trade-api/v2 and may carry
// a query. body may be nil, a string (sent raw) or a value to encode.
func (h *harness) request(method, path string, body any, signed bool, extra http.Header) response {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.t.Fatalf("encoding body: %v", err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, h.s.RESTURL()+path, rd)
	if err != nil {
		h.t.Fatalf("request: %v", err)
	}
	if signed {
		for k, v := range signHeaders(h.t, h.key, h.keyID, method, apiPrefix+path, h.clock.Now().UnixMilli()) {
			req.Header[k] = v
		}
	}
	for k, v := range extra {
		req.Header[k] = v
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.hc.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatalf("reading %s %s: %v", method, path, err)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: raw}
}

func (h *harness) get(path string) response { return h.request(http.MethodGet, path, nil, true, nil) }

func (h *harness) getPublic(path string) response {
	return h.request(http.MethodGet, path, nil, false, nil)
}

func (h *harness) send(method, path string, body any) response {
	return h.request(method, path, body, true, nil)
}

// expect fails unless the response has the wanted status.
func expect(t *testing.T, r response, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.body)
	}
	return r
}

// openMarket returns an active market on the linear 1¢ grid (any active
// market if none).
func (h *harness) openMarket() model.Market {
	h.t.Helper()
	var fallback *model.Market
	for _, m := range h.s.Engine().Markets() {
		if m.Status != "active" {
			continue
		}
		if m.PriceLevelStructure == "linear_cent" {
			return m
		}
		if fallback == nil {
			mm := m
			fallback = &mm
		}
	}
	if fallback == nil {
		h.t.Fatal("no active market in the catalogue")
	}
	return *fallback
}

// restingBid is a GTC YES bid at 1¢ that will not cross anything.
func restingBid(ticker string, contracts int64) model.CreateOrderRequest {
	return model.CreateOrderRequest{
		Ticker: ticker, Side: model.Bid, Count: model.Contracts(contracts), Price: model.MustPrice("0.01"),
		TimeInForce: model.GTC, STP: model.STPTakerAtCross,
	}
}

// ---- WebSocket helpers ----

type frame struct {
	ID   int64           `json:"id"`
	Type string          `json:"type"`
	Sid  int64           `json:"sid"`
	Seq  int64           `json:"seq"`
	Msg  json.RawMessage `json:"msg"`
}

type wsClient struct {
	t    testing.TB
	conn *websocket.Conn
	ctx  context.Context
	id   int64
}

func (h *harness) dialOpts(opts *websocket.DialOptions) (*websocket.Conn, *http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if opts == nil {
		opts = &websocket.DialOptions{}
	}
	if opts.HTTPHeader == nil {
		opts.HTTPHeader = signHeaders(h.t, h.key, h.keyID, http.MethodGet, wsPath, h.clock.Now().UnixMilli())
	}
	return websocket.Dial(ctx, h.s.WSURL(), opts)
}

func (h *harness) dial() *wsClient {
	h.t.Helper()
	conn, _, err := h.dialOpts(nil)
	if err != nil {
		h.t.Fatalf("dial: %v", err)
	}
	conn.SetReadLimit(1 << 20)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	h.t.Cleanup(func() {
		cancel()
		_ = conn.CloseNow()
	})
	return &wsClient{t: h.t, conn: conn, ctx: ctx}
}

// command sends {"id":n,"cmd":cmd,"params":params} and returns the id.
func (c *wsClient) command(cmd string, params any) int64 {
	c.t.Helper()
	c.id++
	m := map[string]any{"id": c.id, "cmd": cmd}
	if params != nil {
		m["params"] = params
	}
	raw, _ := json.Marshal(m)
	c.sendRaw(string(raw))
	return c.id
}

func (c *wsClient) sendRaw(s string) {
	c.t.Helper()
	if err := c.conn.Write(c.ctx, websocket.MessageText, []byte(s)); err != nil {
		c.t.Fatalf("ws write: %v", err)
	}
}

func (c *wsClient) readRaw() []byte {
	c.t.Helper()
	typ, data, err := c.conn.Read(c.ctx)
	if err != nil {
		c.t.Fatalf("ws read: %v", err)
	}
	if typ != websocket.MessageText {
		c.t.Fatalf("ws frame type %v, want text", typ)
	}
	return data
}

func (c *wsClient) read() frame {
	c.t.Helper()
	data := c.readRaw()
	var f frame
	if err := json.Unmarshal(data, &f); err != nil {
		c.t.Fatalf("ws frame %s: %v", data, err)
	}
	return f
}

// readType reads frames until one of type typ arrives, failing on an
// error frame of another kind.
func (c *wsClient) readType(typ string) frame {
	c.t.Helper()
	for {
		f := c.read()
		if f.Type == typ {
			return f
		}
		if f.Type == "error" {
			c.t.Fatalf("unexpected error frame waiting for %s: %s", typ, f.Msg)
		}
	}
}

// expectError reads the next frame and checks it is error code with id.
func (c *wsClient) expectError(id int64, code int) {
	c.t.Helper()
	f := c.read()
	var m wsErrorMsg
	_ = json.Unmarshal(f.Msg, &m)
	if f.Type != "error" || f.ID != id || m.Code != code {
		c.t.Fatalf("got %s id=%d msg=%s, want error code %d id %d", f.Type, f.ID, f.Msg, code, id)
	}
	if m.Msg == "" {
		c.t.Fatalf("error %d has no message", code)
	}
}

// subscribe sends a subscribe and returns the sid of each `subscribed`.
func (c *wsClient) subscribe(params map[string]any) []int64 {
	c.t.Helper()
	id := c.command("subscribe", params)
	chans, _ := params["channels"].([]string)
	var sids []int64
	for range chans {
		f := c.readType("subscribed")
		if f.ID != id {
			c.t.Fatalf("subscribed id %d, want %d", f.ID, id)
		}
		var m subscriptionRef
		_ = json.Unmarshal(f.Msg, &m)
		sids = append(sids, m.Sid)
	}
	return sids
}

// eventually polls cond until it holds or a generous deadline passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// mustPEMKey parses a PKCS#8 PEM private key.
func mustPEMKey(t *testing.T, pemBytes []byte) *rsa.PrivateKey {
	t.Helper()
	blk, _ := pem.Decode(pemBytes)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		t.Fatalf("not a PKCS#8 PEM block")
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		t.Fatalf("parse key: %v", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		t.Fatalf("key is %T, want RSA", k)
	}
	return rk
}

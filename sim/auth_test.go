package sim

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAuthSignatureChecks(t *testing.T) {
	h := start(t, nil)
	otherKey := testKeys()[1]
	now := h.clock.Now().UnixMilli()
	const path = "/portfolio/balance"
	signed := func(which, method, signedPath string, ts int64) http.Header {
		key := h.key
		if which == "other" {
			key = otherKey
		}
		return signHeaders(t, key, h.keyID, method, apiPrefix+signedPath, ts)
	}
	cases := []struct {
		name   string
		header http.Header
		code   string
	}{
		{"valid", signed("", http.MethodGet, path, now), ""},
		{"valid at the edge of the window", signed("", http.MethodGet, path, now-30_000), ""},
		{"wrong key", signed("other", http.MethodGet, path, now), codeBadSignature},
		{"stale timestamp", signed("", http.MethodGet, path, now-30_001), codeStaleTimestamp},
		{"future timestamp", signed("", http.MethodGet, path, now+31_000), codeStaleTimestamp},
		{"tampered path", signed("", http.MethodGet, "/portfolio/positions", now), codeBadSignature},
		{"wrong method signed", signed("", http.MethodPost, path, now), codeBadSignature},
		{"missing signature", dropHeader(signed("", http.MethodGet, path, now), headerAccessSignature), codeMissingAuthHeader},
		{"missing timestamp", dropHeader(signed("", http.MethodGet, path, now), headerAccessTimestamp), codeMissingAuthHeader},
		{"missing key", dropHeader(signed("", http.MethodGet, path, now), headerAccessKey), codeMissingAuthHeader},
		{"no headers at all", http.Header{}, codeMissingAuthHeader},
		{"unknown key", setHeader(signed("", http.MethodGet, path, now), headerAccessKey, "00000000-0000-4000-8000-000000000000"), codeUnknownAPIKey},
		{"malformed timestamp", setHeader(signed("", http.MethodGet, path, now), headerAccessTimestamp, "12:00"), codeBadTimestamp},
		{"seconds not milliseconds", signed("", http.MethodGet, path, now/1000), codeStaleTimestamp},
		{"signature not base64", setHeader(signed("", http.MethodGet, path, now), headerAccessSignature, "!!!"), codeBadSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.request(http.MethodGet, path+"?limit=5", nil, false, tc.header)
			if tc.code == "" {
				expect(t, r, http.StatusOK)
				return
			}
			expect(t, r, http.StatusUnauthorized)
			if got := r.errorCode(); got != tc.code {
				t.Fatalf("code %q, want %q (body %s)", got, tc.code, r.body)
			}
		})
	}
}

func dropHeader(h http.Header, name string) http.Header {
	h.Del(name)
	return h
}

func setHeader(h http.Header, name, val string) http.Header {
	h.Set(name, val)
	return h
}

func TestAuthQueryIsNotSigned(t *testing.T) {
	h := start(t, nil)
	// The signer strips the query; the server must verify the bare path.
	expect(t, h.get("/portfolio/orders?limit=5&status=resting"), http.StatusOK)
}

func TestAuthConfigurableWindow(t *testing.T) {
	h := start(t, func(c *Config) { c.TimestampWindow = 2 * time.Second })
	hdr := signHeaders(t, h.key, h.keyID, http.MethodGet, apiPrefix+"/portfolio/balance", h.clock.Now().Add(-3*time.Second).UnixMilli())
	r := expect(t, h.request(http.MethodGet, "/portfolio/balance", nil, false, hdr), http.StatusUnauthorized)
	if r.errorCode() != codeStaleTimestamp {
		t.Fatalf("code %q", r.errorCode())
	}
}

func TestAuthPublicEndpointsNeedNoSignature(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	for _, p := range []string{
		"/exchange/status", "/markets", "/markets/" + m.Ticker, "/markets/" + m.Ticker + "/orderbook",
		"/markets/orderbooks?tickers=" + m.Ticker, "/markets/trades", "/events", "/events/" + m.EventTicker,
		"/series",
	} {
		expect(t, h.getPublic(p), http.StatusOK)
	}
	// A public request that does carry credentials must carry good ones.
	bad := signHeaders(t, testKeys()[1], h.keyID, http.MethodGet, apiPrefix+"/markets", h.clock.Now().UnixMilli())
	expect(t, h.request(http.MethodGet, "/markets", nil, false, bad), http.StatusUnauthorized)
	// Private endpoints refuse unsigned requests.
	for _, p := range []string{"/portfolio/balance", "/portfolio/orders", "/account/limits"} {
		r := expect(t, h.getPublic(p), http.StatusUnauthorized)
		if r.errorCode() != codeMissingAuthHeader {
			t.Fatalf("%s: code %q", p, r.errorCode())
		}
	}
}

func TestAuthSeveralKeysAndAccounts(t *testing.T) {
	h := start(t, nil)
	id2, pem2, err := h.s.AddAccountKey("alice", 500*1_000_000, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	if id2 == h.keyID {
		t.Fatal("second account reused the trader's key id")
	}
	if !mustPEMKey(t, pem2).Equal(testKeys()[1]) {
		t.Fatal("returned PEM is not the supplied key")
	}
	var b1, b2 struct {
		BalanceDollars string `json:"balance_dollars"`
	}
	expect(t, h.get("/portfolio/balance"), http.StatusOK).decode(t, &b1)
	expect(t, h.as(testKeys()[1], id2).get("/portfolio/balance"), http.StatusOK).decode(t, &b2)
	if b1.BalanceDollars != "10000.0000" || b2.BalanceDollars != "500.0000" {
		t.Fatalf("balances %q and %q, want 10000.0000 and 500.0000", b1.BalanceDollars, b2.BalanceDollars)
	}
}

func TestWriteCredentials(t *testing.T) {
	h := start(t, nil)
	dir := filepath.Join(t.TempDir(), "creds")
	if err := h.s.WriteCredentials(dir); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("dir mode %v, err %v; want 0700", st.Mode().Perm(), err)
	}
	for _, name := range []string{"key_id", "private_key.pem"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("%s: mode %v, err %v; want 0600", name, st.Mode().Perm(), err)
		}
	}
	id, _ := os.ReadFile(filepath.Join(dir, "key_id"))
	if strings.TrimSpace(string(id)) != h.s.KeyID() {
		t.Fatalf("key_id %q, want %q", id, h.s.KeyID())
	}
	pemBytes, _ := os.ReadFile(filepath.Join(dir, "private_key.pem"))
	key := mustPEMKey(t, pemBytes)
	// The written key signs requests the server accepts.
	expect(t, h.as(key, strings.TrimSpace(string(id))).get("/portfolio/balance"), http.StatusOK)
	// Writing again replaces the files in place.
	if err := h.s.WriteCredentials(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("%d files in the credentials dir, want 2 (no temp files left)", len(entries))
	}
}

func TestGeneratedKeyIsFreshRSA2048(t *testing.T) {
	if testing.Short() {
		t.Skip("generates an RSA key")
	}
	h := start(t, func(c *Config) { c.TraderKey = nil })
	key := mustPEMKey(t, h.s.PrivateKeyPEM())
	if key.N.BitLen() != 2048 {
		t.Fatalf("key has %d bits", key.N.BitLen())
	}
	if key.Equal(testKeys()[0]) {
		t.Fatal("expected a freshly generated key")
	}
	if len(h.s.KeyID()) != 36 || h.s.KeyID()[14] != '4' {
		t.Fatalf("key id %q is not a v4 UUID", h.s.KeyID())
	}
	expect(t, h.as(key, h.s.KeyID()).get("/portfolio/balance"), http.StatusOK)
}

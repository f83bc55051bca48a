package sim

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runMain starts `ladder sim` with args, waits for its banner and returns
// the banner's REST URL and key id, and a stop function that checks it
// exits cleanly.
func runMain(t *testing.T, args ...string) (banner, rest, keyID string, stop func()) {
	t.Helper()
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- Main(ctx, args, &stdout, &stderr) }()
	eventually(t, "the startup banner", func() bool { return strings.Contains(stdout.String(), "press Ctrl-C") })
	banner = stdout.String()
	for _, line := range strings.Split(banner, "\n") {
		if v, ok := strings.CutPrefix(line, "REST:"); ok {
			rest = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "key id:"); ok {
			keyID = strings.TrimSpace(v)
		}
	}
	stop = func() {
		t.Helper()
		cancel()
		if c := <-code; c != 0 {
			t.Fatalf("exit code %d; stderr %s", c, stderr.String())
		}
	}
	return banner, rest, keyID, stop
}

func readFiles(t *testing.T, dir string) (keyID, keyPEM []byte) {
	t.Helper()
	keyID, err := os.ReadFile(filepath.Join(dir, keyIDFile))
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err = os.ReadFile(filepath.Join(dir, privateKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	return keyID, keyPEM
}

// TestMainReusesCredentials is the regression test for a restarted
// simulator generating a new key, which left a dashboard configured with
// the old key_id and private_key.pem failing with 401 forever.
func TestMainReusesCredentials(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "creds")
	args := []string{"--activity", "off", "--credentials", dir}

	banner, _, firstID, stop := runMain(t, args...)
	stop()
	if !strings.Contains(banner, "credentials: "+dir+" (created") {
		t.Fatalf("first run banner:\n%s", banner)
	}
	idBefore, pemBefore := readFiles(t, dir)

	banner, rest, secondID, stop := runMain(t, args...)
	defer stop()
	if !strings.Contains(banner, "credentials: "+dir+" (reused") {
		t.Fatalf("second run banner:\n%s", banner)
	}
	if secondID != firstID || strings.TrimSpace(string(idBefore)) != firstID {
		t.Fatalf("key id changed across the restart: %s then %s (file %q)", firstID, secondID, idBefore)
	}
	idAfter, pemAfter := readFiles(t, dir)
	if !bytes.Equal(idAfter, idBefore) || !bytes.Equal(pemAfter, pemBefore) {
		t.Fatal("the credential files were rewritten")
	}
	// The dashboard's copy of the key still signs valid requests.
	h := &harness{t: t, key: mustPEMKey(t, pemBefore), keyID: firstID, hc: http.DefaultClient}
	if r := h.requestURL(rest, "/portfolio/balance"); r.status != http.StatusOK {
		t.Fatalf("balance with the reused key: %d %s", r.status, r.body)
	}
}

// TestMainReusesKalshiStyleKey: a PKCS#1 key ("RSA PRIVATE KEY", as Kalshi
// hands them out) with any well-formed key id is reused as is.
func TestMainReusesKalshiStyleKey(t *testing.T) {
	dir := t.TempDir()
	key := testKeys()[1]
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	writeTestFile(t, dir, privateKeyFile, pemBytes)
	writeTestFile(t, dir, keyIDFile, []byte("  my-sim-key.1\n"))
	banner, rest, keyID, stop := runMain(t, "--activity", "off", "--credentials", dir)
	defer stop()
	if keyID != "my-sim-key.1" || !strings.Contains(banner, "(reused") {
		t.Fatalf("banner:\n%s", banner)
	}
	h := &harness{t: t, key: key, keyID: keyID, hc: http.DefaultClient}
	if r := h.requestURL(rest, "/portfolio/balance"); r.status != http.StatusOK {
		t.Fatalf("balance: %d %s", r.status, r.body)
	}
}

func writeTestFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestMainRefusesUnusableCredentials: files that are there but cannot be
// used are reported and left alone, never overwritten (they may be
// someone's real key).
func TestMainRefusesUnusableCredentials(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalPKCS8PrivateKey(ec)
	if err != nil {
		t.Fatal(err)
	}
	ecPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER})
	goodPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(testKeys()[1])})
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"key id only", map[string]string{keyIDFile: "abc"}, "does not"},
		{"key only", map[string]string{privateKeyFile: string(goodPEM)}, "does not"},
		{"not PEM", map[string]string{keyIDFile: "abc", privateKeyFile: "hello"}, "no PEM block"},
		{"EC key", map[string]string{keyIDFile: "abc", privateKeyFile: string(ecPEM)}, "not RSA"},
		{"bad key id", map[string]string{keyIDFile: "a b", privateKeyFile: string(goodPEM)}, "key id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tc.files {
				writeTestFile(t, dir, name, []byte(data))
			}
			var stdout, stderr syncBuffer
			code := Main(context.Background(), []string{"--activity", "off", "--credentials", dir}, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tc.want) || !strings.Contains(stderr.String(), "--credentials") {
				t.Fatalf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), tc.want)
			}
			if strings.Contains(stderr.String(), "PRIVATE KEY") {
				t.Fatal("key material printed")
			}
			for name, data := range tc.files {
				if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != data {
					t.Fatalf("%s was modified", name)
				}
			}
		})
	}
}

// TestStartWithTraderKeyID: Config.TraderKeyID registers TraderKey under
// the given id; it needs the key and a header-safe id.
func TestStartWithTraderKeyID(t *testing.T) {
	h := start(t, func(c *Config) { c.TraderKeyID = "kept-id" })
	if h.s.KeyID() != "kept-id" {
		t.Fatalf("key id %q", h.s.KeyID())
	}
	expect(t, h.get("/portfolio/balance"), http.StatusOK)

	for _, cfg := range []Config{
		{Activity: "off", TraderKeyID: "kept-id"},                             // no key
		{Activity: "off", TraderKey: testKeys()[0], TraderKeyID: "bad id"},    // space
		{Activity: "off", TraderKey: testKeys()[0], TraderKeyID: "x\nKEY: y"}, // header injection
	} {
		if s, err := Start(context.Background(), cfg); err == nil {
			_ = s.Close()
			t.Fatalf("Start accepted TraderKeyID %q (key set: %v)", cfg.TraderKeyID, cfg.TraderKey != nil)
		}
	}
}

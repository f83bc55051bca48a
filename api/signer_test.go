package api

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSignMatchesKalshiExample(t *testing.T) {
	// kalshi-api.md §2: ts 1703123456789, GET /trade-api/v2/portfolio/balance.
	s := testSigner(t).WithClock(func() time.Time { return time.UnixMilli(1703123456789) })
	for _, tc := range []struct{ method, in, signed string }{
		{"GET", "/trade-api/v2/portfolio/balance", "/trade-api/v2/portfolio/balance"},
		{"get", "/trade-api/v2/portfolio/orders?limit=5", "/trade-api/v2/portfolio/orders"},
		{"GET", "/trade-api/ws/v2", "/trade-api/ws/v2"},
		{"POST", "https://external-api.kalshi.com/trade-api/v2/portfolio/events/orders?x=1", "/trade-api/v2/portfolio/events/orders"},
	} {
		h, err := s.Sign(tc.method, tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.Get(HeaderAccessTimestamp); got != "1703123456789" {
			t.Errorf("timestamp %q", got)
		}
		if err := verifySig(&testKey().PublicKey, h, strings.ToUpper(tc.method), tc.signed); err != nil {
			t.Errorf("%s %s: %v", tc.method, tc.in, err)
		}
		raw, _ := base64.StdEncoding.DecodeString(h.Get(HeaderAccessSignature))
		if len(raw) != 256 {
			t.Errorf("signature is %d bytes, want 256 for RSA-2048", len(raw))
		}
	}
}

func TestSignRejectsBadInput(t *testing.T) {
	s := testSigner(t)
	if _, err := s.Sign("GET", "portfolio/balance"); err == nil {
		t.Error("relative path accepted")
	}
	if _, err := s.Sign("", "/x"); err == nil {
		t.Error("empty method accepted")
	}
	var nilSigner *Signer
	if _, err := nilSigner.Sign("GET", "/x"); err == nil {
		t.Error("nil signer signed")
	}
}

// Every request the client sends, with and without a query string, must
// verify on the server side.
func TestClientRequestsVerifyOnServer(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /markets", reply{200, `{"markets":[],"cursor":""}`, false})
	h.x.script("GET /portfolio/balance", reply{200, `{"balance":100}`, false})
	if _, err := h.c.GetMarkets(t.Context(), MarketsQuery{Status: "open", SeriesTicker: "KXHIGHNY"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.c.GetBalance(t.Context()); err != nil {
		t.Fatal(err)
	}
	reqs := h.x.requests()
	if len(reqs) != 2 || reqs[0].RawQuery == "" {
		t.Fatalf("requests %+v", reqs)
	}
	// The exchange's handler fails the test on any bad signature.
}

func writeKeyFile(t *testing.T, data []byte, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(p, data, mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // umask may have masked bits
		t.Fatal(err)
	}
	return p
}

func TestLoadPKCS1AndPKCS8(t *testing.T) {
	der, err := x509.MarshalPKCS8PrivateKey(testKey())
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"pkcs1": pkcs1PEM(testKey()),
		"pkcs8": pkcs8PEM(t, testKey()),
		// A PKCS#8 body under a PKCS#1 label still loads.
		"mislabelled": pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}),
	} {
		t.Run(name, func(t *testing.T) {
			s, warns, err := LoadSignerFile(testKeyID, writeKeyFile(t, data, 0o600))
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) != 0 {
				t.Errorf("warnings for a 0600 key: %q", warns)
			}
			if s.KeyID() != testKeyID {
				t.Errorf("key id %q", s.KeyID())
			}
			hdr, err := s.Sign("GET", "/trade-api/v2/portfolio/balance")
			if err != nil {
				t.Fatal(err)
			}
			if err := verifySig(&testKey().PublicKey, hdr, "GET", "/trade-api/v2/portfolio/balance"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestLoadWarnsOnReadableKeyFile(t *testing.T) {
	p := writeKeyFile(t, pkcs1PEM(testKey()), 0o644)
	s, warns, err := LoadSignerFile(testKeyID, p)
	if err != nil || s == nil {
		t.Fatal(err)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "chmod 600") || !strings.Contains(warns[0], "0644") {
		t.Fatalf("warnings %q", warns)
	}
}

func TestLoadSignerEnv(t *testing.T) {
	oneLine := strings.ReplaceAll(string(pkcs8PEM(t, testKey())), "\n", `\n`)
	t.Setenv("LADDER_TEST_KEY", oneLine)
	s, err := LoadSignerEnv(testKeyID, "LADDER_TEST_KEY")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Sign("GET", "/trade-api/v2/x"); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LADDER_TEST_KEY", "")
	if _, err := LoadSignerEnv(testKeyID, "LADDER_TEST_KEY"); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("empty env: %v", err)
	}
}

// keySecrets are fragments that must never show up in an error or a
// formatted Signer: the PEM body and the key's numbers.
func keySecrets(t *testing.T) []string {
	k := testKey()
	var out []string
	for _, p := range [][]byte{pkcs1PEM(k), pkcs8PEM(t, k)} {
		lines := strings.Split(string(p), "\n")
		out = append(out, lines[1][:24], lines[len(lines)/2][:24])
	}
	return append(out, k.D.String()[:24], k.N.String()[:24], fmt.Sprintf("%x", k.D)[:24], fmt.Sprintf("%x", k.N)[:24])
}

func assertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	for _, secret := range keySecrets(t) {
		if strings.Contains(s, secret) {
			t.Fatalf("%s leaks key material: %q", what, s)
		}
	}
}

func TestBadKeys(t *testing.T) {
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalECPrivateKey(ecKey)
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	pubDER, _ := x509.MarshalPKIXPublicKey(&testKey().PublicKey)
	good := pkcs1PEM(testKey())
	block, _ := pem.Decode(good)
	corrupt := append([]byte(nil), block.Bytes...)
	corrupt[len(corrupt)/2] ^= 0xff
	corrupt = corrupt[:len(corrupt)-40]

	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"not PEM", []byte("this is not a key\n"), ErrKeyNotPEM},
		{"empty", nil, ErrKeyNotPEM},
		{"raw DER", block.Bytes, ErrKeyNotPEM},
		{"certificate-only PEM", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1, 2, 3}}), ErrKeyNotRSA},
		{"no key block", pem.EncodeToMemory(&pem.Block{Type: "EC PARAMETERS", Bytes: []byte{6, 8}}), ErrKeyNotPEM},
		{"EC SEC1", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecDER}), ErrKeyNotRSA},
		{"EC PKCS8", pkcs8PEM(t, ecKey), ErrKeyNotRSA},
		{"Ed25519 PKCS8", pkcs8PEM(t, edKey), ErrKeyNotRSA},
		{"public key", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), ErrKeyNotRSA},
		{"OpenSSH", pem.EncodeToMemory(&pem.Block{Type: "OPENSSH PRIVATE KEY", Bytes: []byte("openssh-key-v1")}), ErrKeyNotRSA},
		{"corrupt RSA", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: corrupt}), ErrKeyNotRSA},
		{"encrypted PKCS8", pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: block.Bytes}), ErrKeyEncrypted},
		{"encrypted legacy PEM", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
			Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF"},
			Bytes:   block.Bytes}), ErrKeyEncrypted},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := LoadSignerFile(testKeyID, writeKeyFile(t, tc.data, 0o600))
			if !errors.Is(err, tc.want) {
				t.Fatalf("file: got %v, want %v", err, tc.want)
			}
			assertNoSecret(t, "file error", err.Error())
			_, err = LoadSignerPEM(testKeyID, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("PEM: got %v, want %v", err, tc.want)
			}
			assertNoSecret(t, "PEM error", err.Error())
		})
	}
}

func TestKeyFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := LoadSignerFile(testKeyID, filepath.Join(dir, "missing.pem")); !errors.Is(err, ErrKeyNotFound) {
		t.Errorf("missing: %v", err)
	}
	if _, _, err := LoadSignerFile(testKeyID, dir); !errors.Is(err, ErrKeyUnreadable) {
		t.Errorf("directory: %v", err)
	}
	if os.Geteuid() != 0 { // root reads mode-000 files anyway
		p := writeKeyFile(t, pkcs1PEM(testKey()), 0o000)
		_, _, err := LoadSignerFile(testKeyID, p)
		if !errors.Is(err, ErrKeyUnreadable) {
			t.Errorf("mode 000: %v", err)
		}
	}
	if _, _, err := LoadSignerFile(" ", writeKeyFile(t, pkcs1PEM(testKey()), 0o600)); err == nil {
		t.Error("empty key id accepted")
	}
}

func TestSignerNeverFormatsKey(t *testing.T) {
	s := testSigner(t)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, s)
		assertNoSecret(t, verb, out)
		if !strings.Contains(out, testKeyID) {
			t.Errorf("%s: %q does not name the key id", verb, out)
		}
	}
	// A signer inside a struct is formatted through its String method too.
	out := fmt.Sprintf("%+v", struct{ S *Signer }{s})
	assertNoSecret(t, "nested", out)
}

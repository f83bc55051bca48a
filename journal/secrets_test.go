package journal

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/api"
)

// signedServer answers a create with 201 and every cancel with 404, and
// remembers the signatures it was sent.
func signedServer(t *testing.T) (*httptest.Server, func() []string) {
	var mu sync.Mutex
	var sigs []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		sigs = append(sigs, r.Header.Get(api.HeaderAccessSignature))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, `{"order_id":"o-1","fill_count":"0.00","remaining_count":"5.00","ts_ms":1}`)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"error":{"code":"not_found","message":"order not found"}}`)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), sigs...) }
}

func TestJournalThroughSignedClientHoldsNoSecrets(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	const keyID = "9d0c1b2a-aaaa-4bbb-8ccc-ddddeeeeffff"
	signer, err := api.LoadSignerPEM(keyID, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	srv, sigs := signedServer(t)
	client, err := api.NewClient(api.Config{BaseURL: srv.URL + "/trade-api/v2", Signer: signer, MaxAttempts: 1,
		Sleep: func(context.Context, time.Duration) error { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	j, path := openTemp(t)
	tr := Wrap(client, j, nil)
	ctx := context.Background()
	if _, err := tr.CreateOrder(ctx, testOrder()); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.CancelOrder(ctx, "o-1"); !errors.Is(err, api.ErrOrderGone) {
		t.Fatalf("cancel err = %v, want gone", err)
	}
	_ = j.Close()

	got := readEntries(t, path) // also rejects any field Entry does not declare
	if len(got) != 4 || got[1].Outcome != OutcomeOK || got[3].Outcome != OutcomeGone {
		t.Fatalf("entries: %+v", got)
	}
	raw, _ := os.ReadFile(path)
	text := string(raw)
	secrets := []string{"PRIVATE KEY", keyID, "KALSHI-ACCESS", api.HeaderAccessSignature, string(keyPEM[40:80])}
	for _, s := range sigs() {
		if s == "" {
			t.Fatal("request reached the server unsigned: the test would prove nothing")
		}
		secrets = append(secrets, s, s[:16])
	}
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("journal contains %q", s)
		}
	}
}

// TestEntryHasNoPlaceForSecrets guards the construction: no field of an
// entry, by Go name or JSON name, could carry a header, key or signature.
func TestEntryHasNoPlaceForSecrets(t *testing.T) {
	line, err := json.Marshal(fullEntry())
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(line, &fields); err != nil {
		t.Fatal(err)
	}
	typ := reflect.TypeFor[Entry]()
	if len(fields) != typ.NumField() {
		t.Fatalf("fullEntry sets %d of %d fields: extend it", len(fields), typ.NumField())
	}
	for i := range typ.NumField() {
		f := typ.Field(i)
		name := strings.ToLower(f.Name + " " + f.Tag.Get("json"))
		for _, bad := range []string{"header", "sign", "key", "secret", "auth", "token", "pem", "password"} {
			if strings.Contains(name, bad) {
				t.Errorf("Entry field %s (%s) looks like it could hold a secret", f.Name, f.Tag.Get("json"))
			}
		}
	}
}

package sim

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a polling reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestMainServesUntilCancelled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "creds")
	var stdout, stderr syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"--addr", "127.0.0.1:0", "--activity", "off", "--seed", "3", "--tier", "premier",
			"--faults", "", "--credentials", dir}, &stdout, &stderr)
	}()
	eventually(t, "the startup banner", func() bool { return strings.Contains(stdout.String(), "press Ctrl-C") })
	out := stdout.String()
	var rest, keyID string
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, "REST:"); ok {
			rest = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "key id:"); ok {
			keyID = strings.TrimSpace(v)
		}
	}
	if !strings.HasPrefix(rest, "http://127.0.0.1:") || !strings.Contains(out, "WS:     ws://127.0.0.1:") || len(keyID) != 36 {
		t.Fatalf("banner:\n%s", out)
	}
	pemBytes, err := os.ReadFile(filepath.Join(dir, "private_key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out+stderr.String(), "PRIVATE KEY") {
		t.Fatal("the private key was printed")
	}
	id, _ := os.ReadFile(filepath.Join(dir, "key_id"))
	if strings.TrimSpace(string(id)) != keyID {
		t.Fatalf("key_id file %q, banner %q", id, keyID)
	}
	// The written credentials work against the running server.
	h := &harness{t: t, key: mustPEMKey(t, pemBytes), keyID: keyID, hc: http.DefaultClient}
	resp := h.requestURL(rest, "/account/limits")
	if resp.status != http.StatusOK || !strings.Contains(string(resp.body), `"usage_tier":"premier"`) {
		t.Fatalf("limits: %d %s", resp.status, resp.body)
	}
	cancel()
	if c := <-code; c != 0 {
		t.Fatalf("exit code %d; stderr %s", c, stderr.String())
	}
}

func nowMillis() int64 { return time.Now().UnixMilli() }

// requestURL sends a signed GET to base+path (the CLI server is not a
// harness server).
func (h *harness) requestURL(base, path string) response {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	for k, v := range signHeaders(h.t, h.key, h.keyID, http.MethodGet, apiPrefix+path, nowMillis()) {
		req.Header[k] = v
	}
	resp, err := h.hc.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b.Bytes()}
}

func TestMainRejectsBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--tier", "gold"}, "unknown tier"},
		{[]string{"--activity", "frantic"}, "activity"},
		{[]string{"--faults", "drop=2"}, "drop"},
		{[]string{"--seed", "x"}, "invalid value"},
		{[]string{"--bogus"}, "flag provided but not defined"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"--addr", "127.0.0.1:99999", "--activity", "off"}, "listen"},
	} {
		var stdout, stderr syncBuffer
		code := Main(context.Background(), tc.args, &stdout, &stderr)
		if code == 0 || !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want non-zero and %q", tc.args, code, stderr.String(), tc.want)
		}
		if strings.Contains(stderr.String(), "goroutine ") {
			t.Errorf("%v: stack trace printed", tc.args)
		}
	}
	var stdout, stderr syncBuffer
	if code := Main(context.Background(), []string{"-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "--credentials") && !strings.Contains(stderr.String(), "-credentials") {
		t.Fatalf("-h: exit %d, %q", code, stderr.String())
	}
}

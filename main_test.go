package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ladder/sim"
)

// isolate points the config and state directories at a temp dir and clears
// the KALSHI_* variables, so tests never read the developer's settings.
func isolate(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	for _, v := range []string{"KALSHI_API_KEY_ID", "KALSHI_PRIVATE_KEY_PATH", "KALSHI_PRIVATE_KEY", "NO_COLOR"} {
		t.Setenv(v, "")
	}
	return dir
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	isolate(t)
	if code, out, _ := runCLI(t, "version"); code != 0 || !strings.Contains(out, "ladder "+version) {
		t.Fatalf("version: code %d, out %q", code, out)
	}
	if code, out, _ := runCLI(t, "--help"); code != 0 || !strings.Contains(out, "ladder sim") || !strings.Contains(out, "--key-file") {
		t.Fatalf("help: code %d, out %q", code, out)
	}
}

// Start-up mistakes give one clear line on stderr and a non-zero exit —
// never a stack trace, never the key.
func TestStartupErrorsAreOneClearLine(t *testing.T) {
	dir := isolate(t)
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	goodKey := writeTestKey(t, dir)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"prod without a key", []string{"--env", "prod"}, "no API key id"},
		{"key id without a key file", []string{"--env", "demo", "--key-id", "abc"}, "no private key"},
		{"missing key file", []string{"--env", "demo", "--key-id", "abc", "--key-file", filepath.Join(dir, "nope.pem")}, "nope.pem"},
		{"key file that is not PEM", []string{"--env", "demo", "--key-id", "abc", "--key-file", notPEM}, "PEM"},
		{"plain http to a remote host", []string{"--env", "demo", "--key-id", "abc", "--key-file", goodKey, "--base-url", "http://example.com/trade-api/v2"}, "plain http is only allowed to loopback"},
		{"plain ws to a remote host", []string{"--env", "demo", "--key-id", "abc", "--key-file", goodKey, "--base-url", "https://example.com/trade-api/v2", "--ws-url", "ws://example.com/trade-api/ws/v2"}, "loopback"},
		{"bad environment", []string{"--env", "staging"}, "staging"},
		{"key without an environment", []string{"--key-id", "abc", "--key-file", notPEM}, "no environment"},
		{"bad theme", []string{"--theme", "neon"}, "neon"},
		{"bad tier", []string{"--tier", "gold"}, "gold"},
		{"stray argument", []string{"foo"}, "foo"},
		{"ws url without a base url", []string{"--ws-url", "ws://127.0.0.1:9/trade-api/ws/v2"}, "--ws-url needs --base-url"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, c.args...)
			if code == 0 {
				t.Fatalf("exit 0, want failure; stderr %q", stderr)
			}
			if !strings.Contains(stderr, c.want) || strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Fatalf("stderr = %q, want one clear message containing %q", stderr, c.want)
			}
		})
	}
}

// TestHalfSetCredentialsAreRefused: a key id without a key (or a key
// without its id) fell back to the embedded simulator without a word.
func TestHalfSetCredentialsAreRefused(t *testing.T) {
	dir := isolate(t)
	key := writeTestKey(t, dir)
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"key id flag alone", []string{"--key-id", "abc"}, nil, "an API key id is set"},
		{"key id variable alone", nil, map[string]string{"KALSHI_API_KEY_ID": "abc"}, "an API key id is set"},
		{"key file alone", []string{"--key-file", key}, nil, "a private key is set"},
		{"key variable alone", nil, map[string]string{"KALSHI_PRIVATE_KEY_PATH": key}, "a private key is set"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			code, _, stderr := runCLI(t, c.args...)
			if code == 0 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Fatalf("code %d, stderr %q; want one line saying %q", code, stderr, c.want)
			}
		})
	}
}

// writeTestKey writes a fresh RSA key (PKCS#8 PEM, mode 0600) that no
// exchange knows.
func writeTestKey(t *testing.T, dir string) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	keyFile := filepath.Join(dir, "other.pem")
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return keyFile
}

func TestUnreachableHostAndRefusedSignature(t *testing.T) {
	dir := isolate(t)
	keyFile := writeTestKey(t, dir)

	// Nothing listens on port 1.
	code, _, stderr := runCLI(t, "--base-url", "http://127.0.0.1:1/trade-api/v2", "--key-id", "k", "--key-file", keyFile)
	if code == 0 || !strings.Contains(stderr, "cannot reach the exchange") {
		t.Fatalf("unreachable: code %d, stderr %q", code, stderr)
	}

	// A running simulator that does not know this key refuses the signature.
	srv, err := sim.Start(context.Background(), sim.Config{Activity: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	code, _, stderr = runCLI(t, "--base-url", srv.RESTURL(), "--key-id", srv.KeyID(), "--key-file", keyFile)
	if code == 0 || !strings.Contains(stderr, "refused our signature") {
		t.Fatalf("wrong key: code %d, stderr %q", code, stderr)
	}
	if strings.Contains(stderr, "PRIVATE KEY") {
		t.Fatal("stderr leaks key material")
	}
}

func TestGroupReadableKeyFileWarns(t *testing.T) {
	dir := isolate(t)
	srv, err := sim.Start(context.Background(), sim.Config{Activity: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	keyFile := filepath.Join(dir, "open.pem")
	if err := os.WriteFile(keyFile, srv.PrivateKeyPEM(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(keyFile, 0o644); err != nil {
		t.Fatal(err)
	}
	f, _ := parseDashFlags([]string{"--base-url", srv.RESTURL(), "--key-id", srv.KeyID(), "--key-file", keyFile}, &bytes.Buffer{})
	cfg, err := loadConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	log, closeLog, _ := openLog("")
	defer closeLog()
	b, err := openBackend(context.Background(), cfg, f, log, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	b.close()
	if !strings.Contains(stderr.String(), "warning") {
		t.Fatalf("no permission warning for a 0644 key file; stderr %q", stderr.String())
	}
}

func TestConfigCommandNeverPrintsTheKey(t *testing.T) {
	isolate(t)
	t.Setenv("KALSHI_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----")
	code, out, stderr := runCLI(t, "config", "--key-id", "my-key-id")
	if code != 0 {
		t.Fatalf("config: code %d, stderr %q", code, stderr)
	}
	if strings.Contains(out, "secret") || strings.Contains(out, "BEGIN") {
		t.Fatalf("config output leaks the key:\n%s", out)
	}
	if !strings.Contains(out, "my-key-id") || !strings.Contains(out, "ladder.bid") {
		t.Fatalf("config output lacks the key id or the key bindings:\n%s", out)
	}
}

func TestRecordedMarketsListsGridsAndTickers(t *testing.T) {
	rec := `{"t":1,"grid":{"market_ticker":"A","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0010"}]}}
{"t":2,"frame":{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.5000","1.00"]]}}}
{"t":3,"frame":{"type":"ticker","sid":2,"msg":{"market_ticker":"B"}}}
not json
`
	events, err := recordedMarkets(strings.NewReader(rec))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || len(events[0].Markets) != 2 {
		t.Fatalf("events = %+v", events)
	}
	a, b := events[0].Markets[0], events[0].Markets[1]
	if a.Ticker != "A" || len(a.PriceRanges) != 1 || a.PriceRanges[0].Step != 10 || b.Ticker != "B" {
		t.Fatalf("markets = %+v / %+v", a, b)
	}
	if _, err := recordedMarkets(strings.NewReader("")); err == nil {
		t.Fatal("an empty recording should be an error")
	}
}

// TestConflictingKeysRefuseToStart: a config that binds quit to the bid key
// must not start a dashboard where pressing b quits (or s buys).
func TestConflictingKeysRefuseToStart(t *testing.T) {
	dir := isolate(t)
	cfgDir := filepath.Join(dir, "config", "ladder")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte("[keys]\n\"global.quit\" = \"b\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t)
	if code == 0 || !strings.Contains(stderr, "global.quit") || !strings.Contains(stderr, "ladder.bid") {
		t.Fatalf("code %d, stderr %q; want a refusal naming both actions", code, stderr)
	}
	// `ladder config` still shows the configuration, with the conflict.
	code, out, _ := runCLI(t, "config")
	if code != 0 || !strings.Contains(out, "# warning: key conflict") {
		t.Fatalf("config: code %d, out:\n%s", code, out)
	}
}

// Regression: a JSON file without frames opened an empty dashboard
// ("● replay 498966h"); it is refused like a garbage file.
func TestReplayOfAFileWithoutFramesIsRefusedLikeGarbage(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	for name, body := range map[string]string{
		"garbage.ndjson":   "not a recording\nat all\n",
		"noframes.ndjson":  `{"t":1,"grid":{"market_ticker":"A","price_ranges":[]}}` + "\n" + `{"hello":"world"}` + "\n",
		"nullframe.ndjson": `{"t":1,"frame":null}` + "\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := runCLI(t, "replay", path)
		if code == 0 || !strings.Contains(stderr, "no recorded frames") {
			t.Errorf("%s: code %d, stderr %q", name, code, stderr)
		}
	}
}

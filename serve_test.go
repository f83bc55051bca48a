package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ladder/journal"
	"ladder/model"
	"ladder/serve"
	"ladder/serve/sshtest"
	"ladder/sim"
)

// serveHarness runs the real `ladder serve` — flags, config, the embedded
// simulator, signed REST, the one WebSocket, the hub and the SSH server —
// on a loopback port, with three keys: alice and carol (trade) and bob (no
// role=, so view).
type serveHarness struct {
	t          *testing.T
	dir        string
	srv        *serve.Server
	sim        *sim.Server
	alice, bob gossh.Signer
	carol      gossh.Signer
	stdout     *lockedBuffer
	cancel     context.CancelFunc
	done       chan error
}

func startServe(t *testing.T, args ...string) *serveHarness {
	t.Helper()
	return startServeIn(t, isolate(t), nil, args...)
}

// startServeIn starts ladder serve with dir as its XDG root; with a
// previous harness it keeps that one's keys and files (a restart).
func startServeIn(t *testing.T, dir string, prev *serveHarness, args ...string) *serveHarness {
	t.Helper()
	h := &serveHarness{t: t, dir: dir, stdout: &lockedBuffer{}, done: make(chan error, 1)}
	if prev != nil {
		h.alice, h.bob, h.carol = prev.alice, prev.bob, prev.carol
	} else {
		var aliceLine, bobLine, carolLine string
		h.alice, aliceLine = sshtest.NewKey(t, "alice@laptop")
		h.bob, bobLine = sshtest.NewKey(t, "bob@phone")
		h.carol, carolLine = sshtest.NewKey(t, "carol@desk")
		keys := filepath.Join(dir, "config", "ladder", "authorized_keys")
		if err := os.MkdirAll(filepath.Dir(keys), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(keys, []byte("role=trade "+aliceLine+"\n"+bobLine+"\n"+"role=trade "+carolLine+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	serving := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		h.done <- runServe(ctx, append([]string{"--ssh", "127.0.0.1:0"}, args...), dashIO{
			stdout: h.stdout, stderr: h.stdout,
			ready:   func(b *backend) { h.sim = b.sim },
			serving: func(s *serve.Server) { h.srv = s; close(serving) },
		})
	}()
	select {
	case <-serving:
	case err := <-h.done:
		t.Fatalf("ladder serve exited early: %v\n%s", err, h.stdout.String())
	case <-time.After(30 * time.Second):
		t.Fatal("ladder serve never listened")
	}
	t.Cleanup(h.stop)
	return h
}

func (h *serveHarness) stop() {
	h.cancel()
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("ladder serve returned %v", err)
		}
		h.done <- nil // a second stop returns at once
	case <-time.After(30 * time.Second):
		h.t.Error("ladder serve did not stop")
	}
}

// open signs in with signer and waits for the dashboard's market list.
func (h *serveHarness) open(signer gossh.Signer) *sshtest.Screen {
	h.t.Helper()
	c, err := sshtest.Dial(h.srv.Addr().String(), gossh.PublicKeys(signer))
	if err != nil {
		h.t.Fatalf("dial: %v", err)
	}
	h.t.Cleanup(func() { _ = c.Close() })
	scr := sshtest.Open(h.t, c, sshtest.Options{Width: 160, Height: 48})
	scr.WaitFor("the markets pane", "Above 3.25%")
	return scr
}

// openLadder opens the first market's ladder and waits for its first
// snapshot (the footer shows the spread).
func openLadder(scr *sshtest.Screen) {
	scr.Type("\r")
	scr.WaitFor("the ladder's first snapshot", "KXFED-26DEC-T3.25", "spr ")
}

func (h *serveHarness) orders(status model.OrderStatus) []model.Order {
	return h.sim.Engine().Orders(sim.TraderAccount, sim.OrderFilter{Status: string(status)})
}

func (h *serveHarness) journal() []journal.Entry {
	h.t.Helper()
	f, err := os.Open(filepath.Join(h.dir, "state", "ladder", "journal.ndjson"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	var out []journal.Entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e journal.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			h.t.Fatalf("journal line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

func TestServeStartLinesNameTheHostKeyAndKeys(t *testing.T) {
	h := startServe(t, "--activity", "calm")
	out := h.stdout.String()
	for _, want := range []string{"ladder serve: listening on 127.0.0.1:", "(SIM exchange)", "new host key " + h.srv.HostFingerprint(),
		"authorized keys: 2 trade, 1 view (1 without role=, so view)", "connect: ssh -p "} {
		if !strings.Contains(out, want) {
			t.Errorf("start-up lines lack %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "warning") {
		t.Errorf("a loopback server warns:\n%s", out)
	}
	if strings.Contains(out, "PRIVATE KEY") {
		t.Fatal("the host key was printed")
	}
}

func TestServeRefusesBadAuthorizedKeysInOneLine(t *testing.T) {
	dir := isolate(t)
	keys := filepath.Join(dir, "keys")
	_, line := sshtest.NewKey(t, "alice@laptop")
	if err := os.WriteFile(keys, []byte("role=admin "+line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "serve", "--authorized-keys", keys)
	if code != 1 || !strings.Contains(stderr, "line 1: unknown role \"admin\": the roles are view and trade") || strings.Count(stderr, "\n") != 1 {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "serve", "--authorized-keys", filepath.Join(dir, "none"))
	if code != 1 || !strings.Contains(stderr, "does not exist: create it") {
		t.Fatalf("missing file: code %d, stderr %q", code, stderr)
	}
}

func TestServeWarnsOffLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:2222": true, "localhost:2222": true, "[::1]:2222": true,
		"0.0.0.0:2222": false, ":2222": false, "myhost:2222": false} {
		if got, err := isLoopback(addr); err != nil || got != want {
			t.Errorf("isLoopback(%q) = %v, %v; want %v", addr, got, err, want)
		}
	}
	if _, err := isLoopback("2222"); err == nil {
		t.Error("a port without a host was accepted")
	}
}

// A view key's keys reach nothing: the exchange sees no order, and the
// journal no order action.
func TestServeViewKeyCannotPlaceAnOrder(t *testing.T) {
	h := startServe(t, "--activity", "calm", "--seed", "7")
	bob := h.open(h.bob)
	openLadder(bob)
	bob.Type("b")
	bob.WaitFor("entry refused in words", "view only SIM: order entry is disabled")
	bob.Type("sBSX!")
	bob.WaitFor("the kill switch refused", "view only: the kill switch is for trading sessions")
	if all := h.orders(""); len(all) != 0 {
		t.Fatalf("a view key's keys reached the exchange: %+v", all)
	}
	for _, e := range h.journal() {
		if e.Action != journal.ActionSessionStart {
			t.Fatalf("the journal holds %s from a view key", e.Action)
		}
	}
}

// An order from a trade key is on the exchange, in the other session's
// orders pane, and in the journal under alice's key.
func TestServeTradeKeyOrderShowsInAnotherSession(t *testing.T) {
	h := startServe(t, "--activity", "calm", "--seed", "7")
	alice, bob := h.open(h.alice), h.open(h.bob)
	bob.WaitFor("bob's screen", "VIEW ONLY", "2 watching", "no working orders")
	openLadder(alice)
	// Ten rows below the cursor is well under the best bid: it rests.
	alice.Type(strings.Repeat("\x1b[B", 10))
	alice.Type("b")
	eventually(t, "one resting order on the exchange", func() bool { return len(h.orders(model.Resting)) == 1 })
	bob.WaitFor("the order in bob's orders pane", "Orders 1", "BUY")
	if strings.Contains(bob.Text(), "no working orders") {
		t.Fatalf("bob's orders pane is empty:\n%s", bob.Text())
	}
	id := h.orders(model.Resting)[0].OrderID
	var found bool
	for _, e := range h.journal() {
		if e.Action == journal.ActionCreate && e.Phase == journal.PhaseResult && e.OrderID == id {
			found = true
			if e.Actor == nil || e.Actor.Comment != "alice@laptop" || e.Actor.Role != "trade" ||
				e.Actor.Fingerprint != gossh.FingerprintSHA256(h.alice.PublicKey()) {
				t.Fatalf("the create is journalled as %+v", e.Actor)
			}
		}
	}
	if !found {
		t.Fatal("the create is not in the journal")
	}
}

// The kill switch pressed in one trading session cancels every resting
// order and locks entry for every session, saying who pressed it; the
// journal records it under that key.
func TestServeKillSwitchLocksEverySessionAndNamesWhoPressedIt(t *testing.T) {
	h := startServe(t, "--activity", "calm", "--seed", "7")
	alice, carol := h.open(h.alice), h.open(h.carol)
	openLadder(alice)
	alice.Type(strings.Repeat("\x1b[B", 10)) // well under the best bid: it rests
	alice.Type("b")
	eventually(t, "alice's order resting", func() bool { return len(h.orders(model.Resting)) == 1 })
	carol.WaitFor("the order in carol's orders pane", "Orders 1")
	carol.Type("!")
	eventually(t, "no resting orders", func() bool { return len(h.orders(model.Resting)) == 0 })
	alice.WaitFor("alice's screen locked and naming carol", "LOCKED", "carol@desk")
	before := len(h.orders(""))
	alice.Type("b")
	alice.WaitFor("alice's order refused", "not sent: entry LOCKED")
	time.Sleep(300 * time.Millisecond)
	if n := len(h.orders("")); n != before {
		t.Fatalf("a locked session reached the exchange: %d orders, was %d", n, before)
	}
	var kill *journal.Entry
	for _, e := range h.journal() {
		if e.Action == journal.ActionKillSwitch {
			kill = &e
		}
	}
	if kill == nil || kill.Actor == nil || kill.Actor.Comment != "carol@desk" || len(kill.OrderIDs) != 1 {
		t.Fatalf("the kill switch is journalled as %+v", kill)
	}
}

// Ten screens, each with a ladder open, on one WebSocket.
func TestServeTenSessionsShareOneWebSocket(t *testing.T) {
	h := startServe(t, "--activity", "calm", "--max-sessions", "10")
	var screens []*sshtest.Screen
	for i := range 10 {
		k := h.bob
		if i%2 == 0 {
			k = h.alice
		}
		screens = append(screens, h.open(k))
	}
	for _, scr := range screens {
		openLadder(scr)
	}
	for _, scr := range screens {
		scr.WaitFor("ten watchers", "10 watching")
	}
	if n := h.sim.WebSocketConnections(); n != 1 {
		t.Fatalf("ten sessions hold %d WebSocket connections, want 1", n)
	}
}

// Shutdown tells each viewer, leaves orders resting and journals it.
func TestServeShutdownLeavesOrdersAndSaysSo(t *testing.T) {
	h := startServe(t, "--activity", "calm", "--seed", "7")
	alice, bob := h.open(h.alice), h.open(h.bob)
	openLadder(alice)
	alice.Type(strings.Repeat("\x1b[B", 10))
	alice.Type("b")
	eventually(t, "one resting order", func() bool { return len(h.orders(model.Resting)) == 1 })
	id := h.orders(model.Resting)[0].OrderID
	h.stop()
	for _, scr := range []*sshtest.Screen{alice, bob} {
		if err := scr.Wait(); err != nil {
			t.Errorf("a session ended with %v", err)
		}
		scr.WaitFor("the goodbye", "ladder serve is shutting down: this session is closed. Resting orders stay on the exchange.")
	}
	entries := h.journal()
	last := entries[len(entries)-1]
	if last.Action != journal.ActionShutdown || len(last.OrderIDs) != 1 || last.OrderIDs[0] != id {
		t.Fatalf("the last journal entry is %+v, want a shutdown leaving %s", last, id)
	}
	if !strings.Contains(h.stdout.String(), "ladder serve: stopped") {
		t.Errorf("stdout:\n%s", h.stdout.String())
	}
}

func TestHelpListsServeAndItsFlags(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"--help"}, {"serve", "--help"}} {
		code, out, errOut := runCLI(t, args...)
		text := out + errOut
		for _, want := range []string{"ladder serve [flags]", "--ssh ADDR", "--authorized-keys FILE", "--host-key FILE",
			"--max-sessions N", "--idle-timeout D", "--output-rate N", "--stall-timeout D", "no role= means view"} {
			if code != 0 || !strings.Contains(text, want) {
				t.Errorf("ladder %v: code %d, lacks %q", args, code, want)
			}
		}
	}
}

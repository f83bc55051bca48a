package serve

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ladder/journal"
	"ladder/serve/sshtest"
)

func TestUnknownKeyIsRefused(t *testing.T) {
	fx := newFixture(t, nil)
	stranger, _ := sshtest.NewKey(t, "mallory")
	_, err := sshtest.Dial(fx.addr, gossh.PublicKeys(stranger))
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unknown key signed in: err = %v", err)
	}
}

// The server offers public keys and nothing else: a password or
// keyboard-interactive attempt finds no method to try.
func TestPasswordAndKeyboardInteractiveAreRefused(t *testing.T) {
	fx := newFixture(t, nil)
	asked := false
	_, err := sshtest.Dial(fx.addr,
		gossh.Password("hunter2"),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
			asked = true
			return []string{"hunter2"}, nil
		}))
	if err == nil {
		t.Fatal("signed in without a key")
	}
	if !strings.Contains(err.Error(), "no supported methods remain") || !strings.Contains(err.Error(), "[none]") {
		t.Errorf("err = %v, want the password and keyboard-interactive methods not even tried", err)
	}
	if asked {
		t.Error("the server asked a keyboard-interactive question")
	}
}

func TestSessionBeyondTheLimitIsToldAndClosed(t *testing.T) {
	fx := newFixture(t, func(c *Config) { c.MaxSessions = 2 })
	fx.open(fx.alice, sshtest.Options{})
	fx.open(fx.bob, sshtest.Options{})
	fx.sessions(2)
	third := sshtest.Open(t, fx.dial(fx.carol), sshtest.Options{})
	var exit *gossh.ExitError
	if err := third.Wait(); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Fatalf("the third session ended with %v, want exit status 1", err)
	}
	if !strings.Contains(third.Stderr(), "ladder: the server is full: 2 of 2 sessions are in use; try again later") {
		t.Fatalf("the third session was told %q", third.Stderr())
	}
	if fx.srv.Sessions() != 2 {
		t.Fatalf("sessions = %d, want 2", fx.srv.Sessions())
	}
}

func TestSessionsNeedATerminalAndNoCommand(t *testing.T) {
	fx := newFixture(t, nil)
	c := fx.dial(fx.alice)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("ls /")
	if err == nil || !strings.Contains(string(out), "ladder serve runs the dashboard only") {
		t.Fatalf("a command ran: %v %q", err, out)
	}
	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	sess.Stderr = &stderr
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Wait(); err == nil || !strings.Contains(stderr.String(), "ladder serve needs a terminal: connect with ssh -t") {
		t.Fatalf("a session without a terminal: %v %q", err, stderr.String())
	}
}

// The screen counts its watchers, a view key's screen says view only, and
// the session ends with the journal naming who came and went.
func TestWatchersViewOnlyAndSessionJournal(t *testing.T) {
	fx := newFixture(t, nil)
	alice := fx.open(fx.alice, sshtest.Options{Width: 120, Height: 40})
	bob := fx.open(fx.bob, sshtest.Options{Width: 120, Height: 40})
	alice.WaitFor("two watchers on alice's screen", "2 watching")
	bob.WaitFor("bob's screen to say view only", "VIEW ONLY", "2 watching")
	if strings.Contains(alice.Text(), "VIEW ONLY") {
		t.Error("a trade key's screen says view only")
	}
	bob.Type("q")
	if err := bob.Wait(); err != nil {
		t.Fatalf("bob's session ended with %v", err)
	}
	alice.WaitFor("one watcher once bob left", "1 watching")
	fx.stop()

	entries := readJournal(t, fx.journal)
	var got []string
	for _, e := range entries {
		who := "server"
		if e.Actor != nil {
			who = e.Actor.Comment + "/" + e.Actor.Role
		}
		got = append(got, string(e.Action)+" "+who)
	}
	want := []string{"session_start alice@laptop/trade", "session_start bob@phone/view", "session_end bob@phone/view",
		"session_end alice@laptop/trade", "shutdown server"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Fatalf("journal:\n got %v\nwant %v", got, want)
	}
	if last := entries[len(entries)-1]; len(last.OrderIDs) != 1 || last.OrderIDs[0] != "o-rest" {
		t.Errorf("the shutdown entry lists %v as left resting, want [o-rest]", last.OrderIDs)
	}
}

func TestShutdownSaysGoodbyeToEverySession(t *testing.T) {
	fx := newFixture(t, nil)
	var screens []*sshtest.Screen
	for _, k := range []gossh.Signer{fx.alice, fx.bob, fx.carol} {
		screens = append(screens, fx.open(k, sshtest.Options{}))
	}
	fx.sessions(3)
	fx.stop()
	for i, s := range screens {
		if err := s.Wait(); err != nil {
			t.Errorf("session %d ended with %v", i, err)
		}
		if !strings.Contains(s.Text(), goodbyeShutdown) {
			t.Errorf("session %d was not told; its screen:\n%s", i, s.Text())
		}
	}
	if _, err := sshtest.Dial(fx.addr, gossh.PublicKeys(fx.alice)); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

func TestIdleSessionIsClosedWithAMessage(t *testing.T) {
	fx := newFixture(t, func(c *Config) { c.IdleTimeout = 300 * time.Millisecond })
	scr := fx.open(fx.carol, sshtest.Options{})
	if err := scr.Wait(); err != nil {
		t.Fatalf("the idle session ended with %v", err)
	}
	if !strings.Contains(scr.Text(), "closed after 300ms without a key press") {
		t.Fatalf("the idle session was not told; its screen:\n%s", scr.Text())
	}
}

// A view key's dashboard reaches no order action, whatever is typed.
func TestViewKeySendsNoOrderAction(t *testing.T) {
	fx := newFixture(t, nil)
	scr := fx.open(fx.carol, sshtest.Options{})
	scr.Type("bsBSxX!")
	scr.WaitFor("the kill key refused", "view only: the kill switch is for trading sessions")
	fx.trader.mu.Lock()
	defer fx.trader.mu.Unlock()
	if fx.trader.actions != 0 {
		t.Fatalf("a view key made %d order actions", fx.trader.actions)
	}
}

func readJournal(t *testing.T, path string) []journal.Entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []journal.Entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e journal.Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("journal line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

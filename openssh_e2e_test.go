package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ladder/model"
	"ladder/serve/sshtest"
)

// tmuxPane drives one tmux pane on a private server socket.
type tmuxPane struct {
	t      *testing.T
	socket string
}

func (p tmuxPane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (p tmuxPane) screen() string { return p.run("capture-pane", "-p", "-t", "e2e") }

func (p tmuxPane) keys(keys ...string) { p.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...) }

func (p tmuxPane) waitFor(what string, texts ...string) {
	p.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		scr := p.screen()
		ok := true
		for _, s := range texts {
			ok = ok && strings.Contains(scr, s)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s; the pane shows:\n%s", what, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The system's OpenSSH client, in a real terminal (tmux), against the
// real server: it checks the host key it was told at start, signs in with
// a key file, trades, and is told goodbye when the server stops.
func TestServeWithOpenSSHClientInTmux(t *testing.T) {
	for _, tool := range []string{"ssh", "tmux"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	h := startServe(t, "--activity", "calm", "--seed", "7")
	// A third key, written as a file for ssh -i, with the trade role.
	_, line, pemKey := sshtest.NewKeyPEM(t, "carol@terminal")
	keyFile := filepath.Join(h.dir, "carol")
	if err := os.WriteFile(keyFile, pemKey, 0o600); err != nil {
		t.Fatal(err)
	}
	// The server read its keys at start; carol's key signs in as alice's
	// does only if it is listed then, so this test restarts the server
	// with carol added.
	h.stop()
	keys := filepath.Join(h.dir, "config", "ladder", "authorized_keys")
	f, err := os.OpenFile(keys, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "role=trade %s\n", line)
	_ = f.Close()
	h = restartServe(t, h, "--activity", "calm", "--seed", "7")

	_, port, _ := net.SplitHostPort(h.srv.Addr().String())
	knownHosts := filepath.Join(h.dir, "known_hosts")
	entry := fmt.Sprintf("[127.0.0.1]:%s %s", port, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(h.srv.HostKey()))))
	if err := os.WriteFile(knownHosts, []byte(entry+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pane := tmuxPane{t: t, socket: fmt.Sprintf("ladder-e2e-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", pane.socket, "kill-server").Run() })
	ssh := fmt.Sprintf("ssh -F /dev/null -t -p %s -i %s -o IdentitiesOnly=yes -o BatchMode=yes -o PasswordAuthentication=no "+
		"-o StrictHostKeyChecking=yes -o UserKnownHostsFile=%s -o GlobalKnownHostsFile=/dev/null trader@127.0.0.1; sleep 60",
		port, keyFile, knownHosts)
	pane.run("new-session", "-d", "-s", "e2e", "-x", "160", "-y", "48", ssh)
	pane.waitFor("the dashboard over OpenSSH", "Above 3.25%", "1 watching")
	pane.keys("Enter")
	pane.waitFor("the ladder", "KXFED-26DEC-T3.25", "spr ")
	for range 10 {
		pane.keys("Down")
	}
	pane.keys("b")
	eventually(t, "carol's order on the exchange", func() bool { return len(h.orders(model.Resting)) == 1 })
	pane.waitFor("the order in carol's orders pane", "Orders 1")
	h.stop()
	pane.waitFor("the goodbye", "ladder serve is shutting down", "Resting orders stay on the exchange.")
}

// restartServe starts ladder serve again in the same isolated directory,
// keeping its host key and authorized keys.
func restartServe(t *testing.T, old *serveHarness, args ...string) *serveHarness {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(old.dir, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(old.dir, "state"))
	h := startServeIn(t, old.dir, old, args...)
	if !strings.Contains(h.stdout.String(), "  host key "+old.srv.HostFingerprint()) {
		t.Fatalf("the host key changed across a restart:\n%s", h.stdout.String())
	}
	return h
}

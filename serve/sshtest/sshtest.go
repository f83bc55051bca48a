// Package sshtest is an SSH client for tests of ladder serve: a session
// with a terminal, whose screen is kept by a virtual terminal so a test
// reads what a person would see rather than the renderer's byte stream.
package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// NewKey returns a fresh ed25519 key and its authorized-keys line (without
// options) with comment.
func NewKey(t testing.TB, comment string) (gossh.Signer, string) {
	t.Helper()
	signer, line, _ := NewKeyPEM(t, comment)
	return signer, line
}

// NewKeyPEM is NewKey with the private key in OpenSSH's file format, for
// the system's ssh client (-i FILE).
func NewKeyPEM(t testing.TB, comment string) (gossh.Signer, string, []byte) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, comment)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment
	return signer, line, pem.EncodeToMemory(block)
}

// Dial signs in to addr with the given methods (usually
// gossh.PublicKeys(signer)). The host key is not checked: tests check the
// fingerprint separately.
func Dial(addr string, methods ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "trader", Auth: methods,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), //nolint:gosec // a test's own server
		Timeout:         20 * time.Second,
	})
}

// Options shape a Screen.
type Options struct {
	Width, Height int
	Env           map[string]string
	// Stalled leaves the session's output unread, like a client whose
	// network or terminal stopped taking bytes.
	Stalled bool
}

// Screen is one session with a terminal.
type Screen struct {
	t     testing.TB
	sess  *gossh.Session
	stdin io.WriteCloser
	out   io.Reader
	err   strings.Builder
	errMu sync.Mutex

	mu    sync.Mutex
	emu   *vt.Emulator
	bytes atomic.Int64
	done  chan struct{} // closed when the session ended
	exit  error
}

// Open starts a session with an xterm-256color terminal of the given size
// running the server's shell (the dashboard).
func Open(t testing.TB, c *gossh.Client, o Options) *Screen {
	t.Helper()
	if o.Width == 0 {
		o.Width, o.Height = 160, 48
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	s := &Screen{t: t, sess: sess, emu: vt.NewEmulator(o.Width, o.Height), done: make(chan struct{})}
	for k, v := range o.Env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if s.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if s.out, err = sess.StdoutPipe(); err != nil {
		t.Fatal(err)
	}
	sess.Stderr = &lockedWriter{mu: &s.errMu, b: &s.err}
	if err := sess.RequestPty("xterm-256color", o.Height, o.Width, gossh.TerminalModes{}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	// The terminal answers the program's queries, as a real one does.
	go func() { _, _ = io.Copy(s.stdin, s.emu) }()
	if !o.Stalled {
		go s.read()
	}
	go func() {
		s.exit = sess.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		_ = sess.Close()
		// Ends the reply copier. Not emu.Close: it races with Read.
		if c, ok := s.emu.InputPipe().(io.Closer); ok {
			_ = c.Close()
		}
	})
	return s
}

func (s *Screen) read() {
	buf := make([]byte, 32<<10)
	for {
		n, err := s.out.Read(buf)
		if n > 0 {
			s.bytes.Add(int64(n))
			s.mu.Lock()
			_, _ = s.emu.Write(buf[:n])
			s.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// Text is the screen as plain text, one line per row.
func (s *Screen) Text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// Stderr is what the server wrote to the session's error stream.
func (s *Screen) Stderr() string {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.err.String()
}

// Bytes counts the output read so far.
func (s *Screen) Bytes() int64 { return s.bytes.Load() }

// Type sends keys as typed.
func (s *Screen) Type(keys string) {
	s.t.Helper()
	if _, err := io.WriteString(s.stdin, keys); err != nil {
		s.t.Fatalf("typing %q: %v", keys, err)
	}
}

// Resize tells the server the terminal's new size (and resizes the
// emulator, as a terminal window does).
func (s *Screen) Resize(w, h int) {
	s.t.Helper()
	s.mu.Lock()
	s.emu.Resize(w, h)
	s.mu.Unlock()
	if err := s.sess.WindowChange(h, w); err != nil {
		s.t.Fatalf("window change: %v", err)
	}
}

// WaitFor polls until the screen shows every one of texts.
func (s *Screen) WaitFor(what string, texts ...string) {
	s.t.Helper()
	s.Eventually(what, func(scr string) bool {
		for _, t := range texts {
			if !strings.Contains(scr, t) {
				return false
			}
		}
		return true
	})
}

// Eventually polls cond on the screen's text until it holds or a generous
// deadline passes.
func (s *Screen) Eventually(what string, cond func(screen string) bool) {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond(s.Text()) {
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; the screen shows:\n%s\nstderr: %s", what, s.Text(), s.Stderr())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Done is closed when the session has ended.
func (s *Screen) Done() <-chan struct{} { return s.done }

// Wait waits for the session to end and returns how (a *gossh.ExitError
// for a non-zero exit status).
func (s *Screen) Wait() error {
	s.t.Helper()
	select {
	case <-s.done:
		return s.exit
	case <-time.After(30 * time.Second):
		s.t.Fatalf("the session did not end; the screen shows:\n%s", s.Text())
		return nil
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

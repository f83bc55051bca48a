// Package serve is ladder serve: the dashboard over SSH. Every connection
// gets a dashboard of its own (focus, ladders, theme, terminal size and
// colours from the client), and all of them share one exchange session:
// one WebSocket behind one hub, one REST client and rate limiter, one
// journal. Only keys in the authorized-keys file may connect, each with a
// role (view or trade); password and keyboard-interactive authentication
// are never offered.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"ladder/api"
)

// Server is a listening ladder serve.
type Server struct {
	cfg   Config
	ln    net.Listener
	ssh   *ssh.Server
	log   *slog.Logger
	reads api.Trader // cfg.Trader with shared reads

	mu       sync.Mutex
	sessions map[*session]struct{}
	closing  bool
	wg       sync.WaitGroup // admitted sessions (admit adds, leave is done)
}

// Listen checks cfg, binds the address and prepares the SSH server; Serve
// starts accepting.
func Listen(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	switch {
	case cfg.Keys == nil:
		return nil, errors.New("serve: no authorized keys")
	case cfg.HostKey == nil:
		return nil, errors.New("serve: no host key")
	case cfg.Hub == nil || cfg.Trader == nil:
		return nil, errors.New("serve: no exchange session")
	}
	s := &Server{cfg: cfg, log: cfg.Logger, reads: shareReads(cfg.Trader), sessions: map[*session]struct{}{}}
	srv, err := wish.NewServer(
		// The host key first: without one wish would write a new key to
		// the working directory.
		func(srv *ssh.Server) error { srv.AddHostKey(cfg.HostKey); return nil },
		wish.WithVersion("ladder"),
		// Public keys only. No password or keyboard-interactive handler
		// is ever set, so the server does not offer those methods.
		wish.WithPublicKeyAuth(s.authorize),
		wish.WithMiddleware(s.handle),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	srv.HandshakeTimeout = 30 * time.Second
	srv.ConnectionFailedCallback = func(c net.Conn, err error) {
		s.log.Info("ssh connection refused", "remote", c.RemoteAddr().String(), "err", err)
	}
	s.ssh = srv
	if s.ln, err = net.Listen("tcp", cfg.Addr); err != nil {
		return nil, fmt.Errorf("listening on %s: %w", cfg.Addr, err)
	}
	return s, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// HostKey is the server's public host key, for a known_hosts line.
func (s *Server) HostKey() gossh.PublicKey { return s.cfg.HostKey.PublicKey() }

// HostFingerprint is the host key's SHA256 fingerprint.
func (s *Server) HostFingerprint() string { return Fingerprint(s.cfg.HostKey) }

// Sessions counts the dashboards open now: the status bar's "watching".
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// authorize admits a public key listed in the authorized-keys file.
func (s *Server) authorize(ctx ssh.Context, pub ssh.PublicKey) bool {
	key, ok := s.cfg.Keys.Lookup(pub)
	if !ok {
		s.log.Warn("ssh key refused", "remote", ctx.RemoteAddr().String(), "user", ctx.User(), "key", fingerprintOf(pub))
		return false
	}
	s.log.Info("ssh key accepted", "remote", ctx.RemoteAddr().String(), "key", key.Fingerprint, "who", key.Comment, "role", key.Role)
	return true
}

// Serve accepts connections until ctx is done, then shuts down: no new
// sessions, a goodbye to every open one (their dashboards quit; resting
// orders stay on the exchange), their connections closed after a grace
// period, and the shutdown journalled. It returns once every session has
// ended.
func (s *Server) Serve(ctx context.Context) error {
	served := make(chan error, 1)
	go func() { served <- s.ssh.Serve(s.ln) }()
	select {
	case err := <-served:
		if !errors.Is(err, ssh.ErrServerClosed) {
			s.closeAll()
			return fmt.Errorf("ssh server: %w", err)
		}
	case <-ctx.Done():
	}
	s.shutdown()
	return nil
}

// shutdown says goodbye to every session and waits for them.
func (s *Server) shutdown() {
	s.mu.Lock()
	s.closing = true
	open := make([]*session, 0, len(s.sessions))
	for ss := range s.sessions {
		open = append(open, ss)
	}
	s.mu.Unlock()
	_ = s.ln.Close()
	s.log.Info("ladder serve shutting down", "sessions", len(open))
	for _, ss := range open {
		ss.quit(goodbyeShutdown)
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(shutdownGrace):
		s.log.Warn("sessions still open after the grace period; closing their connections")
	}
	s.closeAll()
	<-done
	s.journalShutdown()
}

// closeAll closes the listener and every connection.
func (s *Server) closeAll() { _ = s.ssh.Close() }

// admit registers a session, or says why it cannot start.
func (s *Server) admit(ss *session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return errors.New("ladder serve is shutting down")
	case len(s.sessions) >= s.cfg.MaxSessions:
		return fmt.Errorf("the server is full: %d of %d sessions are in use; try again later", len(s.sessions), s.cfg.MaxSessions)
	}
	s.sessions[ss] = struct{}{}
	// Under mu and only while not closing, so no Add races shutdown's Wait.
	s.wg.Add(1)
	return nil
}

func (s *Server) leave(ss *session) {
	s.mu.Lock()
	delete(s.sessions, ss)
	s.mu.Unlock()
	s.wg.Done()
}

func fingerprintOf(pub ssh.PublicKey) string {
	if pub == nil {
		return ""
	}
	return gossh.FingerprintSHA256(pub)
}

package serve

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"

	"ladder/hub"
	"ladder/journal"
	"ladder/ui"
)

// What a session is told when it is closed from the server's side.
const (
	goodbyeShutdown = "ladder serve is shutting down: this session is closed. Resting orders stay on the exchange."
	goodbyeIdle     = "closed after %s without a key press (--idle-timeout). Resting orders stay on the exchange."
)

// session is one SSH session's dashboard.
type session struct {
	srv  *Server
	sess ssh.Session
	key  *Key
	log  *slog.Logger
	in   *input
	out  *output
	view *hub.View // this screen's share of the feed

	mu      sync.Mutex
	send    func(tea.Msg) // the program's, once attached
	goodbye string        // why the server ended the session ("" if the user quit)
	quitAsk bool          // a quit was asked before the program was attached
}

// handle is the SSH handler: one dashboard per session, or one clear line
// saying why not.
func (s *Server) handle(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		key, ok := s.cfg.Keys.Lookup(sess.PublicKey())
		if !ok { // authorize admitted it; never expected
			refuse(sess, "this key is not authorized")
			return
		}
		if sess.RawCommand() != "" || sess.Subsystem() != "" {
			refuse(sess, "ladder serve runs the dashboard only: connect without a command")
			return
		}
		pty, winch, hasPty := sess.Pty()
		if !hasPty {
			refuse(sess, "ladder serve needs a terminal: connect with ssh -t")
			return
		}
		ss := &session{srv: s, sess: sess, key: key,
			log: s.log.With("key", key.Fingerprint, "who", key.Comment, "role", key.Role, "remote", sess.RemoteAddr().String())}
		if err := s.admit(ss); err != nil {
			ss.log.Info("ssh session refused", "why", err)
			refuse(sess, err.Error())
			return
		}
		defer s.leave(ss)
		ss.run(pty, winch)
		next(sess)
		// The exit status goes before leave: once every session has left,
		// shutdown closes the connections.
		_ = sess.Exit(0)
	}
}

// refuse tells the client why in one line and ends the session.
func refuse(sess ssh.Session, why string) {
	fmt.Fprintf(sess.Stderr(), "ladder: %s\r\n", why)
	_ = sess.Exit(1)
}

// run runs the dashboard until the user quits, the server asks it to, or
// the connection goes.
func (ss *session) run(pty ssh.Pty, winch <-chan ssh.Window) {
	s := ss.srv
	ctx, cancel := context.WithCancel(ss.sess.Context())
	defer cancel()
	env := append(ss.sess.Environ(), "TERM="+pty.Term)
	ss.in = newInput(ss.sess)
	ss.out = newOutput(ctx, ss.sess, max(s.cfg.OutputRate, 0))

	view := s.cfg.Hub.Open()
	defer view.Close()
	ss.mu.Lock()
	ss.view = view
	ss.mu.Unlock()
	opts, err := ss.options(env)
	if err != nil {
		refuse(ss.sess, err.Error())
		return
	}
	opts.Feed = view
	opts.Attach = ss.attach
	opts.ProgramOptions = append(opts.ProgramOptions,
		tea.WithInput(ss.in), tea.WithOutput(ss.out),
		tea.WithEnvironment(env),
		tea.WithColorProfile(colorprofile.Env(env)),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height),
		// Signals are the server's: SIGINT and SIGTERM shut every
		// session down through Serve, not one program at a time.
		tea.WithoutSignalHandler(),
	)

	go ss.resize(ctx, winch)
	go ss.guard(ctx, cancel)
	actor := ss.key.Actor()
	ss.note(journal.ActionSessionStart, &actor)
	ss.log.Info("ssh session started", "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
	err = ui.Run(ctx, opts)
	ss.note(journal.ActionSessionEnd, &actor)
	ss.log.Info("ssh session ended", "err", err, "bytes_out", ss.out.bytes.Load(), "dropped_events", view.Dropped())
	ss.mu.Lock()
	goodbye := ss.goodbye
	ss.mu.Unlock()
	if goodbye != "" && ctx.Err() == nil {
		fmt.Fprintf(ss.sess, "%s\r\n", goodbye)
	}
}

// options are the dashboard's for this key and terminal.
func (ss *session) options(env []string) (ui.Options, error) {
	s := ss.srv
	o := s.cfg.Dashboard
	theme, err := sessionTheme(s.cfg.ThemeName, o.Theme, env)
	if err != nil {
		return o, err
	}
	o.Theme = theme
	o.ViewOnly = ss.key.Role != RoleTrade
	t := s.reads
	if o.ViewOnly {
		t = viewOnly{t}
	}
	o.Trader = journal.WrapAs(t, s.cfg.Journal, ss.log, ss.key.Actor())
	o.Actor = ss.key.Actor().Name() // the kill switch's lock says who pressed it
	o.Watchers = s.Sessions
	o.Logger = ss.log
	// Quitting one session stops nothing but that screen.
	o.EmbeddedExchange = false
	// Favourites belong to the server's user; a session may use them but
	// not rewrite the server's state file.
	o.SaveFavourites = nil
	o.ProgramOptions = append([]tea.ProgramOption(nil), o.ProgramOptions...)
	return o, nil
}

// attach is ui.Options.Attach: it keeps the program's send function.
func (ss *session) attach(send func(tea.Msg)) {
	ss.mu.Lock()
	ss.send = send
	ask := ss.quitAsk
	ss.mu.Unlock()
	if ask {
		go send(tea.QuitMsg{})
	}
}

// quit asks the dashboard to quit, leaving orders resting (the event loop
// takes tea.QuitMsg before any dialog could ask), and remembers what to
// tell the user afterwards. It never blocks: a program that is not taking
// messages is closed by the grace period instead.
func (ss *session) quit(goodbye string) {
	ss.mu.Lock()
	ss.goodbye = goodbye
	send := ss.send
	ss.quitAsk = send == nil
	ss.mu.Unlock()
	if send != nil {
		go send(tea.QuitMsg{})
	}
}

// resize forwards the client's window changes to the dashboard. The
// channel is read at once, always, until it is closed: it is fed by the connection's request
// loop, which must never wait for a dashboard that has stopped (a stalled
// client's); the dashboard gets the latest size when it is ready.
func (ss *session) resize(ctx context.Context, winch <-chan ssh.Window) {
	var mu sync.Mutex
	var latest ssh.Window
	changed := make(chan struct{}, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-changed:
			}
			mu.Lock()
			w := latest
			mu.Unlock()
			ss.mu.Lock()
			send := ss.send
			ss.mu.Unlock()
			if send != nil {
				send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height}) // returns once the program has ended
			}
		}
	}()
	// Read until the session's requests end (the library closes winch),
	// even after the dashboard has: a late window change must not block.
	for w := range winch {
		mu.Lock()
		latest = w
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	}
}

// guard ends a session that has been idle too long (with a goodbye) or
// whose client has stopped taking output (at once: it would not read a
// goodbye). Closing the connection unblocks the write in progress.
func (ss *session) guard(ctx context.Context, cancel context.CancelFunc) {
	cfg := ss.srv.cfg
	every := time.Second
	for _, d := range []time.Duration{cfg.IdleTimeout, cfg.StallTimeout} {
		if d > 0 {
			every = min(every, max(d/4, time.Millisecond))
		}
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if cfg.StallTimeout > 0 {
				if stall := ss.out.stalledFor(now); stall > cfg.StallTimeout {
					ss.log.Warn("ssh client stopped reading; closing its connection", "stalled", stall.Round(time.Millisecond))
					cancel()
					if conn, ok := ss.sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
						_ = conn.Close()
					}
					return
				}
			}
			if cfg.IdleTimeout > 0 && ss.in.idleFor(now) > cfg.IdleTimeout {
				ss.log.Info("ssh session idle; closing it", "idle_timeout", cfg.IdleTimeout)
				ss.quit(fmt.Sprintf(goodbyeIdle, cfg.IdleTimeout))
				return
			}
		}
	}
}

// note journals a session lifecycle event.
func (ss *session) note(action journal.Action, actor *journal.Actor) {
	if err := ss.srv.cfg.Journal.Note(action, actor, nil); err != nil {
		ss.log.Warn("journal write failed", "action", action, "err", err)
	}
}

// envValue is the last value of name in env.
func envValue(env []string, name string) (string, bool) {
	val, found := "", false
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			val, found = v, true
		}
	}
	return val, found
}

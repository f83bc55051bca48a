package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"ladder/config"
	"ladder/serve"
)

// serveFlags are ladder serve's own flags; the dashboard's flags choose
// the backend and the screens' settings as for `ladder`.
type serveFlags struct {
	addr           string
	authorizedKeys string
	hostKey        string
	maxSessions    int
	idleTimeout    time.Duration
	outputRate     int
	stallTimeout   time.Duration
}

func (sf *serveFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.addr, "ssh", serve.DefaultAddr, "SSH listen address; anything but loopback must be given explicitly and prints a warning")
	fs.StringVar(&sf.authorizedKeys, "authorized-keys", "", "authorized keys file (default $XDG_CONFIG_HOME/ladder/authorized_keys)")
	fs.StringVar(&sf.hostKey, "host-key", "", "SSH host key, created on first start (default $XDG_STATE_HOME/ladder/ssh_host_ed25519_key)")
	fs.IntVar(&sf.maxSessions, "max-sessions", serve.DefaultMaxSessions, "most dashboards at once")
	fs.DurationVar(&sf.idleTimeout, "idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without a key press (0: never)")
	fs.IntVar(&sf.outputRate, "output-rate", serve.DefaultOutputRate, "output budget per session in bytes a second: a slower client gets fewer frames (0: no cap)")
	fs.DurationVar(&sf.stallTimeout, "stall-timeout", serve.DefaultStallTimeout, "close a connection whose client has taken no output for this long (0: never)")
}

// runServe is `ladder serve`: the dashboard over SSH for every authorized
// key, all on one exchange session, in the foreground until SIGINT or
// SIGTERM.
func runServe(ctx context.Context, args []string, dio dashIO) error {
	var sf serveFlags
	f, err := parseFlags("ladder serve", args, dio.stderr, sf.register)
	if err != nil {
		return err
	}
	if sf.maxSessions < 1 {
		return fmt.Errorf("--max-sessions %d: must be at least 1", sf.maxSessions)
	}
	if sf.idleTimeout < 0 || sf.stallTimeout < 0 || sf.outputRate < 0 {
		return fmt.Errorf("--idle-timeout, --stall-timeout and --output-rate cannot be negative (0 turns each off)")
	}
	loopback, err := isLoopback(sf.addr)
	if err != nil {
		return err
	}
	// Who may connect is settled before anything connects: a mistake in
	// the file is one clear line, not a server nobody can use.
	if sf.authorizedKeys == "" {
		p, err := config.Path()
		if err != nil {
			return err
		}
		sf.authorizedKeys = filepath.Join(filepath.Dir(p), "authorized_keys")
	}
	keys, err := serve.LoadKeys(sf.authorizedKeys)
	if err != nil {
		return err
	}
	if sf.hostKey == "" {
		dir, err := config.StateDir()
		if err != nil {
			return err
		}
		sf.hostKey = filepath.Join(dir, "ssh_host_ed25519_key")
	}
	hostKey, created, err := serve.LoadHostKey(sf.hostKey)
	if err != nil {
		return err
	}

	return withExchange(ctx, f, dio, func(ctx context.Context, su *startup, x *exchange) error {
		srv, err := serve.Listen(serve.Config{
			Addr: sf.addr, Keys: keys, HostKey: hostKey,
			MaxSessions: sf.maxSessions, IdleTimeout: never(sf.idleTimeout),
			OutputRate: int(never(time.Duration(sf.outputRate))), StallTimeout: never(sf.stallTimeout),
			Hub: x.hub, Trader: x.client, Journal: x.journal,
			Dashboard: x.dashboard(su.opts), ThemeName: su.cfg.Theme, Logger: su.log,
		})
		if err != nil {
			return err
		}
		out := dio.stdout
		fmt.Fprintf(out, "ladder serve: listening on %s (%s exchange)\n", srv.Addr(), x.env)
		word := "host key"
		if created {
			word = "new host key"
		}
		fmt.Fprintf(out, "  %s %s (%s)\n", word, srv.HostFingerprint(), sf.hostKey)
		fmt.Fprintf(out, "  authorized keys: %s (%s)\n", keys.Summary(), sf.authorizedKeys)
		if !loopback {
			fmt.Fprintf(out, "  warning: %s is reachable from other machines; only the keys above can sign in\n", srv.Addr())
		}
		host, port, _ := net.SplitHostPort(srv.Addr().String())
		fmt.Fprintf(out, "  connect: ssh -p %s %s   (Ctrl-C here stops the server; resting orders stay)\n", port, host)
		su.log.Info("ladder serve listening", "addr", srv.Addr().String(), "host_key", srv.HostFingerprint(),
			"keys", keys.Summary(), "loopback", loopback)
		if dio.serving != nil {
			dio.serving(srv)
		}
		err = srv.Serve(ctx)
		fmt.Fprintln(out, "ladder serve: stopped")
		return err
	})
}

// never maps a flag's 0 ("off") to serve.Config's negative.
func never(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// isLoopback reports whether addr only listens on this machine. An empty
// host, 0.0.0.0, :: or a name other than localhost listens beyond it.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--ssh %q: %w (want host:port, e.g. 127.0.0.1:2222)", addr, err)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

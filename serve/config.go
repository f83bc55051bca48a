package serve

import (
	"log/slog"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ladder/api"
	"ladder/hub"
	"ladder/journal"
	"ladder/ui"
)

// Defaults for the limits, documented in the README and ladder --help.
const (
	DefaultAddr        = "127.0.0.1:2222"
	DefaultMaxSessions = 8
	// DefaultIdleTimeout closes a session that has sent no key for this
	// long: an unattended trading screen is a risk. 0 turns it off (a wall
	// display that only watches).
	DefaultIdleTimeout = 30 * time.Minute
	// DefaultOutputRate is each session's output budget in bytes a second.
	// A busy 160×48 dashboard at 30 frames a second sends far less (see
	// BENCHMARKS.md); the cap only bites on a full redraw or a storm, where
	// it turns into fewer frames.
	DefaultOutputRate = 256 << 10
	// DefaultStallTimeout ends a connection whose client has taken none of
	// the output sent to it for this long.
	DefaultStallTimeout = 30 * time.Second
	// shutdownGrace is how long sessions get to say goodbye on shutdown
	// before their connections are closed.
	shutdownGrace = 5 * time.Second
)

// Config configures a Server. Keys, HostKey, Hub and Trader are required.
type Config struct {
	Addr        string        // listen address, host:port (default DefaultAddr)
	Keys        *Keys         // who may connect, and their roles
	HostKey     gossh.Signer  // see LoadHostKey
	MaxSessions int           // dashboards at once (default DefaultMaxSessions)
	IdleTimeout time.Duration // see DefaultIdleTimeout; negative: never
	OutputRate  int           // bytes a second per session (default DefaultOutputRate); negative: no cap
	// StallTimeout: see DefaultStallTimeout; negative: never.
	StallTimeout time.Duration

	// The exchange session every dashboard shares.
	Hub     *hub.Hub
	Trader  api.Trader       // the REST client (order actions are journalled per session here)
	Journal *journal.Journal // nil: none
	// Dashboard holds the options every session starts from (key map,
	// theme, risk limits, markets loader, budget gauges …); Feed, Trader,
	// ViewOnly, Watchers, Attach and the terminal are set per session.
	Dashboard ui.Options
	// ThemeName is the configured theme ("" when none was chosen): without
	// one a client that sends NO_COLOR gets mono. A client may pick its own
	// with LADDER_THEME (ssh -o SetEnv=LADDER_THEME=light).
	ThemeName string
	Logger    *slog.Logger // nil: discard
}

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = DefaultMaxSessions
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.OutputRate == 0 {
		c.OutputRate = DefaultOutputRate
	}
	if c.StallTimeout == 0 {
		c.StallTimeout = DefaultStallTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

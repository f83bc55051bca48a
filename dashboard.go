package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/journal"
	"ladder/serve"
	"ladder/ui"
)

// dashIO is where the dashboard reads and draws. Tests pass pipes and a
// fixed window size to run the real program headless.
type dashIO struct {
	stdout, stderr io.Writer
	program        []tea.ProgramOption   // extra options (headless tests)
	ready          func(*backend)        // called once the backend is up (tests)
	serving        func(*serve.Server)   // called once ladder serve listens (tests)
	status         func(ui.StatusReport) // hears the status bar's feed figures (soak tests)
}

// runDashboard is `ladder` itself: resolve config, connect (or start the
// simulator), then hand the terminal to the UI until the user quits. It
// runs on the same exchange session as `ladder serve`, with one screen.
func runDashboard(ctx context.Context, args []string, dio dashIO) error {
	f, err := parseDashFlags(args, dio.stderr)
	if err != nil {
		return err
	}
	return withExchange(ctx, f, dio, func(ctx context.Context, su *startup, x *exchange) error {
		view := x.hub.Open()
		defer view.Close()
		opts := x.dashboard(su.opts)
		opts.Feed = view
		opts.Trader = journal.Wrap(x.client, x.journal, su.log)
		opts.ProgramOptions = dio.program
		opts.OnStatus = dio.status
		return ui.Run(ctx, opts)
	})
}

// withExchange settles the configuration, opens the exchange session and
// runs fn on it, closing everything afterwards in reverse order.
func withExchange(ctx context.Context, f *dashFlags, dio dashIO, fn func(context.Context, *startup, *exchange) error) error {
	su, err := start(f)
	if err != nil {
		return err
	}
	defer su.close()
	// One desk for the session: the hub feeds it every private event once,
	// the dashboards (one here, one per SSH session under serve) read it.
	d := desk.New(desk.Config{Limits: su.opts.Risk.DeskLimits()})
	x, err := openExchange(ctx, su.cfg, f, su.log, dio.stderr, d)
	if err != nil {
		return err
	}
	defer x.close()
	if dio.ready != nil {
		dio.ready(x.backend)
	}
	return fn(ctx, su, x)
}

// runConfig prints the effective configuration (flags and environment laid
// over the file), never the key itself.
func runConfig(args []string, stdout, stderr io.Writer) error {
	f, err := parseDashFlags(args, stderr)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(f)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, cfg.Effective())
	km, warnings, err := buildKeyMap(cfg.Keys)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\n# effective key bindings")
	for _, a := range km.Actions() {
		fmt.Fprintf(stdout, "# %-28s %s\n", a.Name, strings.Join(quoteAll(a.Binding.Keys()), ", "))
	}
	for _, w := range warnings {
		fmt.Fprintln(stdout, "# warning:", w)
	}
	return nil
}

// quoteAll quotes each key name so brackets and spaces read unambiguously.
func quoteAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strconv.Quote(k)
	}
	return out
}

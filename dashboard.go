package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/journal"
	"ladder/model"
	"ladder/stream"
	"ladder/ui"
)

// dashIO is where the dashboard reads and draws. Tests pass pipes and a
// fixed window size to run the real program headless.
type dashIO struct {
	stdout, stderr io.Writer
	program        []tea.ProgramOption // extra options (headless tests)
	ready          func(*backend)      // called once the backend is up (tests)
}

// runDashboard is `ladder` itself: resolve config, connect (or start the
// simulator), then hand the terminal to the UI until the user quits.
func runDashboard(ctx context.Context, args []string, dio dashIO) error {
	f, err := parseDashFlags(args, dio.stderr)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(f)
	if err != nil {
		return err
	}
	if err := checkEnvChoice(cfg, f); err != nil {
		return err
	}
	km, conflicts, err := buildKeyMap(cfg.Keys)
	if err != nil {
		return err
	}
	// A conflicting trading key is refused, not warned about: a key that
	// silently does something else (quit, or buy instead of sell) is worse
	// than not starting.
	if len(conflicts) > 0 {
		return fmt.Errorf("the [keys] section of the config file has conflicts; fix them and start again:\n  %s", strings.Join(conflicts, "\n  "))
	}
	theme, err := chooseTheme(cfg.Theme)
	if err != nil {
		return err
	}
	log, closeLog, err := openLog(cfg.LogFile)
	if err != nil {
		return err
	}
	defer closeLog()
	stopProfile, err := startProfile()
	if err != nil {
		return err
	}
	defer stopProfile()
	opts, err := uiOptions(cfg, km, theme, log)
	if err != nil {
		return err
	}

	// The journal is opened first so it is closed last: order calls still
	// in flight while the feed and backend shut down get their entries.
	j := journal.Discard()
	if cfg.JournalFile != "" {
		if j, err = journal.Open(cfg.JournalFile); err != nil {
			return fmt.Errorf("audit journal: %w", err)
		}
	}
	defer j.Close()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	b, err := openBackend(ctx, cfg, f, log, dio.stderr)
	if err != nil {
		return err
	}
	defer b.close()
	log.Info("backend ready", "env", b.env, "rest", b.rest, "ws", b.ws, "key_id", b.signer.KeyID())

	var record io.Writer
	if cfg.RecordFile != "" {
		rf, err := os.OpenFile(cfg.RecordFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return fmt.Errorf("record file: %w", err)
		}
		defer rf.Close()
		record = rf
	}
	feed := stream.New(stream.Config{
		URL: b.ws, Auth: b.signer, Reconciler: b.client, Record: record,
		Logger: log, GridFor: b.grids.gridFor,
	})
	feedDone := make(chan struct{})
	go func() {
		defer close(feedDone)
		// Run returns when ctx ends; anything else is worth the log.
		if err := feed.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("feed stopped", "err", err)
		}
	}()
	defer func() { cancel(); <-feedDone }()

	// One desk for the session: the feed bridge feeds it, the dashboard
	// reads it (a later `ladder serve` shares it between dashboards).
	b.desk = desk.New(desk.Config{Limits: opts.Risk.DeskLimits()})
	opts.Desk = b.desk
	if dio.ready != nil {
		dio.ready(b)
	}
	opts.Env = b.env
	opts.Trader = journal.Wrap(b.client, j, log)
	opts.Feed = feed
	opts.Budget = b.lim.Snapshot
	opts.Preview = b.lim.Preview
	opts.Markets = func(ctx context.Context) ([]model.Event, error) {
		events, err := b.client.GetEvents(ctx, api.EventsQuery{WithNestedMarkets: true, Status: "open"})
		if err == nil {
			b.grids.learn(events)
		}
		return events, err
	}
	opts.Notices = append(opts.Notices, b.warnings...) // seen after the screen is taken
	opts.EmbeddedExchange = b.sim != nil               // quitting stops the exchange: say so, send no cancels
	opts.ProgramOptions = dio.program
	return ui.Run(ctx, opts)
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

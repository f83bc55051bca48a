package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"

	"ladder/api"
	"ladder/config"
	"ladder/desk"
	"ladder/hub"
	"ladder/journal"
	"ladder/model"
	"ladder/stream"
	"ladder/ui"
)

// exchange is one session with the exchange, shared by every dashboard
// this process shows (one for `ladder`, one per SSH session for `ladder
// serve`): the backend (REST client, rate limiter, signer, the embedded
// simulator), the one WebSocket feed, the hub that shares it, and the
// audit journal.
type exchange struct {
	*backend
	log     *slog.Logger
	journal *journal.Journal
	feed    *stream.Client
	hub     *hub.Hub

	stop    context.CancelFunc
	wg      sync.WaitGroup // the feed and the hub
	closers []func()
}

// openExchange builds the exchange session both `ladder` and `ladder
// serve` run on: the journal, the backend chosen from the config exactly
// as for the dashboard, the feed and the hub, running. It lives until
// close, not until ctx: ctx only bounds the start (Ctrl-C while it
// connects), so a server shutting down gracefully keeps its exchange
// while it says goodbye.
func openExchange(ctx context.Context, cfg config.Config, f *dashFlags, log *slog.Logger, stderr io.Writer, d *desk.Desk) (_ *exchange, err error) {
	life, stop := context.WithCancel(context.WithoutCancel(ctx))
	x := &exchange{log: log, stop: stop, journal: journal.Discard()}
	defer func() {
		if err != nil {
			x.close()
		}
	}()
	abandon := context.AfterFunc(ctx, stop) // a Ctrl-C during the start
	defer abandon()

	// The journal is opened first so it is closed last: order calls still
	// in flight while the feed and backend shut down get their entries.
	if cfg.JournalFile != "" {
		if x.journal, err = journal.Open(cfg.JournalFile); err != nil {
			return nil, fmt.Errorf("audit journal: %w", err)
		}
	}
	x.closers = append(x.closers, func() { _ = x.journal.Close() })

	if x.backend, err = openBackend(life, cfg, f, log, stderr); err != nil {
		return nil, err
	}
	x.closers = append(x.closers, x.backend.close)
	x.backend.desk = d
	log.Info("backend ready", "env", x.env, "rest", x.rest, "ws", x.ws, "key_id", x.signer.KeyID())

	var record io.Writer
	if cfg.RecordFile != "" {
		rf, err := os.OpenFile(cfg.RecordFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, fmt.Errorf("record file: %w", err)
		}
		x.closers = append(x.closers, func() { _ = rf.Close() })
		record = rf
	}
	x.feed = stream.New(stream.Config{
		URL: x.ws, Auth: x.signer, Reconciler: x.client, Record: record,
		Logger: log, GridFor: x.grids.gridFor,
	})
	x.backend.feed = x.feed
	// The hub is the one ordered path into the desk: one call per private
	// event, whatever the number of screens, before any screen hears of it.
	x.hub = hub.New(hub.Config{Source: x.feed, Apply: ui.DeskApplier(d), Logger: log})
	x.wg.Add(2)
	go func() {
		defer x.wg.Done()
		// Run returns when life ends; anything else is worth the log.
		if err := x.feed.Run(life); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("feed stopped", "err", err)
		}
	}()
	go func() { defer x.wg.Done(); x.hub.Run(life) }()
	x.closers = append(x.closers, func() { stop(); x.wg.Wait() })
	return x, nil
}

// close stops the feed and the hub, then the backend, then the journal.
func (x *exchange) close() {
	x.stop()
	for i := len(x.closers) - 1; i >= 0; i-- {
		x.closers[i]()
	}
	x.closers = nil
}

// dashboard completes a dashboard's options with what the exchange
// session provides; the caller adds the feed (a hub view) and the Trader.
func (x *exchange) dashboard(o ui.Options) ui.Options {
	o.Env = x.env
	o.Budget = x.lim.Snapshot
	o.Preview = x.lim.Preview
	o.Markets = func(ctx context.Context) ([]model.Event, error) {
		events, err := x.client.GetEvents(ctx, api.EventsQuery{WithNestedMarkets: true, Status: "open"})
		if err == nil {
			x.grids.learn(events)
		}
		return events, err
	}
	o.EmbeddedExchange = x.sim != nil // quitting stops the exchange: say so, send no cancels
	o.Exchange = x.client             // candlesticks, limits, usage level, subaccounts
	o.Desk = x.desk
	o.Notices = append(o.Notices, x.warnings...) // seen after the screen is taken
	return o
}

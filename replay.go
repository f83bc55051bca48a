package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"

	"ladder/desk"
	"ladder/hub"
	"ladder/model"
	"ladder/stream"
	"ladder/ui"
)

// runReplay is `ladder replay FILE [--speed X]`: a recording played through
// the live decode path into a read-only dashboard.
func runReplay(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(stderr)
	speed := fs.Float64("speed", 1, "playback speed: 1 is real time, 10 is ten times faster, 0 is as fast as possible")
	themeName := fs.String("theme", "", "colour theme: dark, light, high-contrast, mono")
	fps := fs.Int("fps", 30, "redraw cap in frames per second")
	logPath := fs.String("log", "", "log file (default: none)")
	// Flags may come before or after the file name.
	var file string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		rest = fs.Args()
		if len(rest) > 0 {
			if file != "" {
				return fmt.Errorf("replay takes one recording, got %q and %q: %w", file, rest[0], errUsage)
			}
			file, rest = rest[0], rest[1:]
		}
	}
	if file == "" {
		fmt.Fprintln(stderr, "usage: ladder replay FILE [--speed X]")
		return errUsage
	}
	if math.IsNaN(*speed) || math.IsInf(*speed, 0) || *speed < 0 {
		return fmt.Errorf("--speed %v: must be 0 (as fast as possible) or more", *speed)
	}
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	defer f.Close()
	events, err := recordedMarkets(f)
	if err != nil {
		return fmt.Errorf("recording %s: %w", file, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	theme, err := chooseTheme(*themeName)
	if err != nil {
		return err
	}
	log, closeLog, err := openLog(*logPath)
	if err != nil {
		return err
	}
	defer closeLog()
	km, _, err := buildKeyMap(nil)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	feed := stream.ReplayWith(ctx, f, *speed, stream.Config{Logger: log})
	// The recording's fills, orders and positions reach the desk the way a
	// live feed's do: through a hub, once each, before the screen.
	d := desk.New(desk.Config{})
	h := hub.New(hub.Config{Source: feed, Apply: ui.DeskApplier(d), Logger: log})
	hubDone := make(chan struct{})
	go func() { defer close(hubDone); h.Run(ctx) }()
	view := h.Open()
	// The replay goroutine reads f: stop it, close f (which ends a read
	// blocked on a pipe) and wait for it and the hub to return.
	defer func() {
		view.Close()
		cancel()
		_ = f.Close()
		feed.Wait()
		<-hubDone
	}()
	return ui.Run(ctx, ui.Options{
		Env: ui.EnvReplay, ReadOnly: true, Feed: view, Desk: d, KeyMap: km, Theme: theme, FPS: *fps, Logger: log,
		Markets: func(context.Context) ([]model.Event, error) { return events, nil },
	})
}

// recordedMarkets lists the markets a recording covers, as one event for
// the markets pane, with the price grids the recorder wrote down.
func recordedMarkets(r io.Reader) ([]model.Event, error) {
	type line struct {
		Grid *struct {
			MarketTicker string             `json:"market_ticker"`
			PriceRanges  []model.PriceRange `json:"price_ranges"`
		} `json:"grid"`
		Frame *struct {
			Msg struct {
				MarketTicker string `json:"market_ticker"`
			} `json:"msg"`
		} `json:"frame"`
	}
	ranges := map[string][]model.PriceRange{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 8<<20)
	n := 0
	for sc.Scan() {
		var l line
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue // the replay itself counts malformed lines
		}
		n++
		switch {
		case l.Grid != nil && l.Grid.MarketTicker != "":
			ranges[l.Grid.MarketTicker] = l.Grid.PriceRanges
		case l.Frame != nil && l.Frame.Msg.MarketTicker != "":
			if _, ok := ranges[l.Frame.Msg.MarketTicker]; !ok {
				ranges[l.Frame.Msg.MarketTicker] = nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("no recorded frames (is this a file written by --record?)")
	}
	ev := model.Event{EventTicker: "REPLAY", Title: "Recorded markets", SubTitle: "read-only replay"}
	for t, pr := range ranges {
		if pr == nil {
			pr = model.LinearCentRanges()
		}
		ev.Markets = append(ev.Markets, model.Market{Ticker: t, EventTicker: "REPLAY", Title: t, Status: "active", PriceRanges: pr})
	}
	sort.Slice(ev.Markets, func(i, j int) bool { return ev.Markets[i].Ticker < ev.Markets[j].Ticker })
	return []model.Event{ev}, nil
}

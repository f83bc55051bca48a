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
	"strings"

	"ladder/config"
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
	configPath := fs.String("config", "", "config file for the key bindings (default $XDG_CONFIG_HOME/ladder/config.toml)")
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
	// The user's key bindings, as for a live session: a replay is driven
	// from the same keyboard.
	var cfg config.Config
	if *configPath != "" {
		cfg, err = config.LoadFile(*configPath)
	} else {
		cfg, err = config.Load()
	}
	if err != nil {
		return err
	}
	km, conflicts, err := buildKeyMap(cfg.Keys)
	if err != nil {
		return err
	}
	if len(conflicts) > 0 {
		return fmt.Errorf("the [keys] section of the config file has conflicts; fix them and start again:\n  %s", strings.Join(conflicts, "\n  "))
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
		// Every time on screen is the recording's, and the replay keys
		// drive the engine.
		Replay: feed, Now: feed.ReplayClock, NoColor: os.Getenv("NO_COLOR") != "",
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
		Frame json.RawMessage `json:"frame"`
	}
	type frame struct {
		Msg struct {
			MarketTicker string `json:"market_ticker"`
		} `json:"msg"`
	}
	ranges := map[string][]model.PriceRange{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 8<<20)
	frames := 0
	for sc.Scan() {
		var l line
		if json.Unmarshal(sc.Bytes(), &l) != nil {
			continue // the replay itself counts malformed lines
		}
		switch {
		case l.Grid != nil && l.Grid.MarketTicker != "":
			ranges[l.Grid.MarketTicker] = l.Grid.PriceRanges
		case len(l.Frame) > 0 && string(l.Frame) != "null":
			// Only frames make a recording: a JSON file without them is
			// as much not a recording as a garbage file. A frame kept
			// verbatim (a string) counts, and names no market.
			frames++
			var f frame
			_ = json.Unmarshal(l.Frame, &f)
			if t := f.Msg.MarketTicker; t != "" {
				if _, ok := ranges[t]; !ok {
					ranges[t] = nil
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if frames == 0 {
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

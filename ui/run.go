package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// maxFPS bounds the frame rate whatever the configuration says.
const maxFPS = 120

// Run starts the dashboard in the alternate screen, with the feed bridge
// goroutine, and returns when the user quits or ctx is done. The bridge is
// joined before Run returns. Extra program options (here or in
// Options.ProgramOptions) are for headless runs: tea.WithInput,
// tea.WithOutput, tea.WithWindowSize, ...
func Run(ctx context.Context, opts Options, extra ...tea.ProgramOption) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts = opts.withDefaults()
	fps := min(opts.FPS, maxFPS)

	m := New(opts).withContext(ctx)
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(fps)}
	popts = append(popts, opts.ProgramOptions...)
	popts = append(popts, extra...)
	p := tea.NewProgram(m, popts...)
	if opts.Attach != nil {
		opts.Attach(p.Send)
	}

	var wg sync.WaitGroup
	if opts.Feed != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			frames := time.NewTicker(time.Second / time.Duration(fps))
			defer frames.Stop()
			runBridge(ctx, opts.Feed, p.Send, frames.C)
		}()
	}
	_, err := p.Run()
	cancel()
	wg.Wait()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrProgramKilled) && parent.Err() != nil:
		// Stopped because the caller's context ended: a normal shutdown.
		return nil
	}
	opts.Logger.Error("dashboard stopped", "err", err)
	return fmt.Errorf("dashboard: %w", err)
}

package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"ladder/model"
	"ladder/stream"
)

// syncBuffer is a log sink safe for the program and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunHeadlessPlacesAndCancelsByKeystrokes runs the real program (tea
// program, feed bridge, commands) without a terminal and trades from the
// keyboard: open a ladder, bid, cancel at the level, quit.
func TestRunHeadlessPlacesAndCancelsByKeystrokes(t *testing.T) {
	trader := &fakeTrader{}
	feed := newFakeFeed()
	feed.books[fedTicker] = fedBook(t)
	var logs syncBuffer
	in, keys := io.Pipe()
	opts := Options{
		Env: EnvSim, Trader: trader, Feed: feed, Budget: fixtureBudget, Preview: fixturePreview,
		Markets: func(context.Context) ([]model.Event, error) { return fixtureEvents(), nil },
		Logger:  slog.New(slog.NewTextHandler(&logs, nil)),
		FPS:     60,
	}
	errc := make(chan error, 1)
	go func() {
		errc <- Run(context.Background(), opts,
			tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithWindowSize(120, 40),
			tea.WithColorProfile(colorprofile.ANSI256), tea.WithEnvironment([]string{"TERM=xterm-256color"}))
	}()
	typeKeys := func(s string) {
		if _, err := keys.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	feedSubscribed := func(ticker string) bool {
		feed.mu.Lock()
		defer feed.mu.Unlock()
		return len(feed.sets) > 0 && slices.Contains(feed.sets[len(feed.sets)-1], ticker)
	}
	waitFor(t, "markets to load", func() bool {
		feed.mu.Lock()
		defer feed.mu.Unlock()
		return len(feed.sets) > 0
	})
	typeKeys("jj\r") // 3.75% → 4.25%, open
	waitFor(t, "the ladder's book subscription", func() bool { return feedSubscribed(fedTicker) })
	feed.touch()
	waitFor(t, "a book frame", func() bool {
		feed.mu.Lock()
		defer feed.mu.Unlock()
		return feed.copies > 0
	})
	// The bridge forwards this only after handing over the frame.
	feed.push(stream.ErrorEvent{Err: errors.New("book delivered")})
	waitFor(t, "the book frame", func() bool { return strings.Contains(logs.String(), "book delivered") })

	typeKeys("b")
	waitFor(t, "the order to be placed", func() bool { return strings.Contains(logs.String(), "placed BUY 1 YES") })
	trader.mu.Lock()
	req := trader.creates[0]
	trader.mu.Unlock()
	if req.Ticker != fedTicker || req.Side != model.Bid || req.ClientOrderID == "" {
		t.Fatalf("placed %+v", req)
	}
	typeKeys("x")
	waitFor(t, "the cancel", func() bool { return strings.Contains(logs.String(), "cancelled BUY 1 YES") })
	typeKeys("q")
	if err := <-errc; err != nil {
		t.Fatalf("Run: %v", err)
	}
	_ = keys.Close()
}

package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ladder/stream"
	"ladder/ui/status"
	"ladder/ui/styles"
	"ladder/ui/text"
)

func statusText(hs *harness, w int) string { return text.Strip(status.Bar(hs.m.statusCtx(), w)) }

// Regression: under a storm the status bar said "● live age 0.0s" while the
// tape was 96 s behind. Public lag is the reader's lag when the frame was
// copied plus the time since; above a second the bar says "behind" with
// words, amber, and above five seconds red.
func TestStatusNeverSaysLiveWhileBehind(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	send := func(readLag time.Duration, copiedAgo time.Duration) {
		hs.feed.health.ReadLag = readLag
		msg := BooksMsg{Books: map[string]stream.BookView{}, Health: hs.feed.Health(), CopiedAt: hs.now.Add(-copiedAgo)}
		hs.feed.Books(msg.Books)
		hs.send(msg)
	}
	send(12*time.Millisecond, 0)
	if s := statusText(hs, 160); !strings.Contains(s, "● live lag 12ms") {
		t.Fatalf("caught up: %q", s)
	}
	send(2*time.Second, 500*time.Millisecond)
	bar := status.Bar(hs.m.statusCtx(), 160)
	if s := text.Strip(bar); strings.Contains(s, "live") || !strings.Contains(s, "● behind prices 2.5s behind") {
		t.Fatalf("2.5 s behind: %q", s)
	}
	if !strings.Contains(bar, hs.m.st.Warning.Render("prices 2.5s behind")) {
		t.Error("lag above a second is not amber")
	}
	send(6*time.Second, 0)
	if bar := status.Bar(hs.m.statusCtx(), 160); !strings.Contains(bar, hs.m.st.Error.Render("prices 6.0s behind")) {
		t.Errorf("lag above five seconds is not red: %q", text.Strip(bar))
	}
	// Caught up again: a spike stays in view for lagHold, then goes.
	send(0, 0)
	if s := statusText(hs, 160); !strings.Contains(s, "6.0s behind") {
		t.Fatalf("a spike must stay visible for a moment: %q", s)
	}
	hs.advance(lagHold + time.Millisecond)
	send(5*time.Millisecond, 0)
	if s := statusText(hs, 160); !strings.Contains(s, "● live") {
		t.Fatalf("caught up: %q", s)
	}
}

// Private events late by more than a second mark order entry degraded,
// whether they were applied late or are still waiting in the feed.
func TestPrivateLagMarksEntryDegraded(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.send(FeedEventMsg{Event: stream.ErrorEvent{Err: errors.New("x")}, At: hs.now.Add(-1500 * time.Millisecond)})
	if s := statusText(hs, 160); !strings.Contains(s, "my orders 1.5s behind · entry degraded") {
		t.Fatalf("late private event: %q", s)
	}
	hs.advance(lagHold + time.Millisecond)
	hs.send(tickMsg{})
	if s := statusText(hs, 160); strings.Contains(s, "degraded") {
		t.Fatalf("an old figure must expire: %q", s)
	}
	// Events still queued in the feed count from the oldest one's time.
	hs.feed.health.PrivatePending = 3
	hs.feed.health.PrivateOldest = hs.now.Add(-2 * time.Second)
	hs.frame()
	if s := statusText(hs, 160); !strings.Contains(s, "my orders 2.0s behind · entry degraded") {
		t.Fatalf("queued private events: %q", s)
	}
}

// A silent socket: the feed says it is stalled and for how long, in red.
func TestStatusShowsAStalledFeed(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.feed.health.State = stream.Stalled
	hs.feed.health.PingDue = 3200 * time.Millisecond
	hs.frame()
	bar := status.Bar(hs.m.statusCtx(), 120)
	if !strings.Contains(bar, hs.m.st.Error.Render(" no answer for 3.2s")) || !strings.Contains(text.Strip(bar), "● stalled") {
		t.Fatalf("stalled: %q", text.Strip(bar))
	}
}

// While the feed is down every book is drawn dimmed, without depth bars or
// best-level colours, and so are the markets pane's quotes; they were left
// in full colour while the feed was reconnecting.
func TestDisconnectedBooksAndQuotesAreDimmed(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	st := hs.m.st
	live := hs.m.Render()
	if !strings.Contains(live, st.Ladder.BestBidBar.Normal.Prefix()) {
		t.Fatal("a live book draws its best bid's bar")
	}
	quotes := strings.Join(hs.m.markets.View(hs.m.marketsCtx()), "\n")
	if !strings.Contains(quotes, st.Bid.Normal.Prefix()) {
		t.Fatal("live quotes are in the bid colour")
	}
	hs.feed.health.State = stream.BackingOff
	hs.feed.stale[fedTicker] = "disconnected"
	hs.frame()
	down := hs.m.Render()
	for _, p := range []styles.Paint{st.Ladder.BestBidBar.Normal, st.Ladder.BidBar.Normal, st.Ladder.BestAskBar.Normal, st.Ladder.AskBar.Normal} {
		if strings.Contains(down, p.Prefix()) {
			t.Fatalf("a stale book still draws bars or best-level colours:\n%s", text.Strip(down))
		}
	}
	quotes = strings.Join(hs.m.markets.View(hs.m.marketsCtx()), "\n")
	if strings.Contains(quotes, st.Bid.Normal.Prefix()) || strings.Contains(quotes, st.Ask.Normal.Prefix()) {
		t.Fatal("quotes keep their colours while the feed is down")
	}
}

// Regression: after an exchange restart a "websocket error 16 (market not
// found)" stayed in the message line for minutes. It now goes as soon as
// the feed no longer holds the refusal (the market left the view).
func TestRefusedMarketMessageClearsOnceResolved(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	refusal := &stream.CommandError{Code: 16, Msg: "Market not found", Market: "KXGONE"}
	hs.feed.health.Refused = map[string]string{"KXGONE": refusal.Error()}
	hs.send(FeedEventMsg{Event: stream.ErrorEvent{Err: refusal}})
	hs.frame()
	if !strings.Contains(hs.screen(), "market not found") {
		t.Fatalf("the refusal is not shown:\n%s", hs.screen())
	}
	hs.feed.health.Refused = nil
	hs.frame()
	if s := hs.screen(); strings.Contains(s, "market not found") {
		t.Fatalf("a resolved refusal is still shown:\n%s", s)
	}
}

// Regression: after the exchange restarted, "feed down: cannot connect"
// stayed on the message line and "feed: cannot connect" in the status bar
// although the feed was live again (the backing-off state reached the
// screen coalesced into connecting → live).
func TestReconnectLeavesNothingStaleOnScreen(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	down := stream.Health{State: stream.BackingOff, LastError: "cannot connect: dial tcp: connection refused",
		LastErrorAt: hs.now, BackoffUntil: hs.now.Add(3 * time.Second)}
	hs.feed.health = down
	hs.send(FeedEventMsg{Event: stream.StateEvent{Health: down}})
	hs.frame()
	if s := hs.screen(); !strings.Contains(s, "feed down") {
		t.Fatalf("no feed down message:\n%s", s)
	}
	hs.advance(2 * time.Second)
	live := stream.Health{State: stream.Live, LastError: down.LastError, LastErrorAt: down.LastErrorAt,
		ConnectedAt: hs.now, Reconnects: 1}
	hs.feed.health = live
	hs.send(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Connecting}}})
	hs.send(FeedEventMsg{Event: stream.StateEvent{Health: live}})
	hs.frame()
	s := hs.screen()
	if strings.Contains(s, "feed down") || strings.Contains(s, "cannot connect") || !strings.Contains(s, "feed live again") {
		t.Fatalf("stale feed trouble on a live screen:\n%s", s)
	}
}

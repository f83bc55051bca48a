package ui

import (
	"strings"
	"testing"
	"time"

	"ladder/model"
	"ladder/stream"
)

// fakeReplay records the replay keys' requests and plays the engine's
// part by hand.
type fakeReplay struct {
	cmds  []stream.ReplayCmd
	state stream.ReplayState
}

func (f *fakeReplay) ReplayControl(c stream.ReplayCmd) { f.cmds = append(f.cmds, c) }
func (f *fakeReplay) ReplayState() stream.ReplayState  { return f.state }

// replayHarness is a read-only replay dashboard with its fake engine.
func replayHarness(t *testing.T, w, h int, theme string) (*harness, *fakeReplay) {
	t.Helper()
	rp := &fakeReplay{state: stream.ReplayState{At: t0, Speed: 1}}
	hs := richHarness(t, w, h, theme)
	hs.m.opts.Env, hs.m.opts.ReadOnly, hs.m.opts.Replay, hs.m.opts.Trader = EnvReplay, true, rp, nil
	hs.feed.health.State = stream.Replaying
	hs.frame()
	hs.send(tickMsg{})
	return hs, rp
}

func TestReplayKeysDriveTheEngine(t *testing.T) {
	hs, rp := replayHarness(t, 120, 40, "dark")
	hs.press("space", ".", "left", "right", "shift+left", "shift+right", ">", "<")
	want := []stream.ReplayCmd{
		{Op: stream.ReplayTogglePause}, {Op: stream.ReplayStep},
		{Op: stream.ReplaySeek, Delta: -10 * time.Second}, {Op: stream.ReplaySeek, Delta: 10 * time.Second},
		{Op: stream.ReplaySeek, Delta: -time.Minute}, {Op: stream.ReplaySeek, Delta: time.Minute},
		{Op: stream.ReplaySpeed, Factor: 2}, {Op: stream.ReplaySpeed, Factor: 0.5},
	}
	if len(rp.cmds) != len(want) {
		t.Fatalf("requests = %+v", rp.cmds)
	}
	for i := range want {
		if rp.cmds[i] != want[i] {
			t.Errorf("request %d = %+v, want %+v", i, rp.cmds[i], want[i])
		}
	}
	hs.press("?")
	if scr := hs.screen(); !strings.Contains(scr, "replay keys") || !strings.Contains(scr, "pause / play") {
		t.Errorf("the help does not list the replay keys:\n%s", scr)
	}
}

// The user's rebound keys drive the replay (they were ignored).
func TestReplayKeysFollowTheKeyMap(t *testing.T) {
	hs, rp := replayHarness(t, 120, 40, "dark")
	if err := hs.m.keys.Rebind(map[string][]string{"replay.pause": {"p"}}); err != nil {
		t.Fatal(err)
	}
	hs.press("p")
	if len(rp.cmds) != 1 || rp.cmds[0].Op != stream.ReplayTogglePause {
		t.Fatalf("a rebound pause key sent %+v", rp.cmds)
	}
}

// The end of a recording is said once, with why it ended, and the status
// bar keeps saying it.
func TestReplayEndSaysWhy(t *testing.T) {
	hs, rp := replayHarness(t, 120, 40, "dark")
	rp.state.Ended, rp.state.Reason = true, "recording cut at line 812"
	hs.send(tickMsg{})
	lines := strings.Split(hs.screen(), "\n")
	if msg := lines[len(lines)-2]; !strings.Contains(msg, "replay ended: recording cut at line 812") {
		t.Errorf("message line: %q", msg)
	}
	if bar := lines[len(lines)-1]; !strings.Contains(bar, "■ ended") {
		t.Errorf("status bar: %q", bar)
	}
}

// A rewind starts the tape afresh: the trades read again are not shown
// twice.
func TestReplayRewindClearsTheTape(t *testing.T) {
	hs, rp := replayHarness(t, 120, 40, "dark")
	if len(hs.m.trades) == 0 {
		t.Fatal("fixture has no trades")
	}
	rp.state.Rewinds = 1
	hs.send(replayTickMsg{})
	if len(hs.m.trades) != 0 {
		t.Errorf("the tape kept %d trades across a rewind", len(hs.m.trades))
	}
}

// A seek backwards empties the desk before the recording's fills are
// played again: the position on screen is the recording's at the point
// sought, not the fills played before plus the same fills again.
func TestReplaySeekBackRebuildsPositionsFromTheStart(t *testing.T) {
	hs, _ := replayHarness(t, 160, 48, "dark")
	fill := model.FillMsg{TradeID: "t9", OrderID: "o9", MarketTicker: fedTicker, BookSide: model.Bid,
		YesPrice: model.MustPrice("0.54"), Count: model.Contracts(10), FeeCost: 17 * model.MoneyPerCent,
		PostPosition: model.Contracts(10), TsMs: t0.UnixMilli()}
	before := hs.position(fedTicker).Size
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill}})
	hs.event(FeedEventMsg{Event: stream.RewoundEvent{}})
	if scr := hs.screen(); !strings.Contains(scr, "read again from its start") {
		t.Fatalf("the message line does not say the replay was read again:\n%s", scr)
	}
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill}}) // played again
	if got := hs.position(fedTicker).Size; got != model.Contracts(10) {
		t.Fatalf("position after the rewind and the fill played again = %s (was %s before the replay's fill), want +10",
			got.Short(), before.Short())
	}
	if n := len(hs.fills()); n != 1 {
		t.Fatalf("%d fills listed, want the one played again", n)
	}
}

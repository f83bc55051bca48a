package stream

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"ladder/model"
)

// replayRecording is a book A: a snapshot at t0, a delta adding 0.41 at
// t0+2s, one adding 0.42 at t0+20s, and one adding 0.43 at t0+80s.
func replayRecording(tail string) string {
	snap := `{"type":"subscribed","id":1,"msg":{"channel":"orderbook_delta","sid":1}}`
	lines := []string{
		`{"t":1762093800000,"frame":` + snap + `}`,
		`{"t":1762093800000,"frame":{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.4000","1.00"]]}}}`,
		`{"t":1762093802000,"frame":` + deltaFrameJSON(1, 2, "A", model.Yes, model.MustPrice("0.41"), model.Contract) + `}`,
		`{"t":1762093820000,"frame":` + deltaFrameJSON(1, 3, "A", model.Yes, model.MustPrice("0.42"), model.Contract) + `}`,
		`{"t":1762093880000,"frame":` + deltaFrameJSON(1, 4, "A", model.Yes, model.MustPrice("0.43"), model.Contract) + `}`,
	}
	if tail != "" {
		lines = append(lines, tail)
	}
	return strings.Join(lines, "\n")
}

var replayT0 = time.UnixMilli(1762093800000)

func has(rp *Client, price string) bool {
	v, ok := view(rp, "A")
	return ok && v.Book.SideSize(model.Yes, model.MustPrice(price)) == model.Contract
}

func TestReplayPauseHoldsTheClockAndStepFeedsOneFrame(t *testing.T) {
	clk := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rp := ReplayWith(ctx, strings.NewReader(replayRecording("")), 1, Config{Clock: clk})
	eventually(t, "snapshot", func() bool { v, ok := view(rp, "A"); return ok && !v.Stale })
	rp.ReplayControl(ReplayCmd{Op: ReplayTogglePause})
	eventually(t, "paused", func() bool { return rp.ReplayState().Paused })
	clk.Advance(5 * time.Second)
	time.Sleep(10 * time.Millisecond)
	if has(rp, "0.41") {
		t.Fatal("a paused replay fed the next frame")
	}
	if at := rp.ReplayClock(); !at.Equal(replayT0) {
		t.Fatalf("a paused clock moved to %v", at)
	}
	rp.ReplayControl(ReplayCmd{Op: ReplayStep})
	eventually(t, "stepped", func() bool { return has(rp, "0.41") })
	eventually(t, "clock at the frame", func() bool { return rp.ReplayClock().Equal(replayT0.Add(2 * time.Second)) })
	if has(rp, "0.42") || !rp.ReplayState().Paused {
		t.Fatal("a step fed more than one frame, or played on")
	}
}

func TestReplaySeekForwardFeedsUpToTheTarget(t *testing.T) {
	clk := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rp := ReplayWith(ctx, strings.NewReader(replayRecording("")), 1, Config{Clock: clk})
	eventually(t, "snapshot", func() bool { v, ok := view(rp, "A"); return ok && !v.Stale })
	rp.ReplayControl(ReplayCmd{Op: ReplaySeek, Delta: 30 * time.Second})
	eventually(t, "sought", func() bool { return has(rp, "0.41") && has(rp, "0.42") })
	if has(rp, "0.43") {
		t.Fatal("a seek of 30 s fed the frame 80 s in")
	}
	if at := rp.ReplayClock(); !at.Equal(replayT0.Add(30 * time.Second)) {
		t.Fatalf("clock after the seek = %v, want t0+30s", at.Sub(replayT0))
	}
	rp.ReplayControl(ReplayCmd{Op: ReplaySpeed, Factor: 4})
	eventually(t, "speed", func() bool { return rp.ReplayState().Speed == 4 })
}

func TestReplaySeekBackReadsTheRecordingAgain(t *testing.T) {
	clk := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rp := ReplayWith(ctx, strings.NewReader(replayRecording("")), 1, Config{Clock: clk})
	eventually(t, "snapshot", func() bool { v, ok := view(rp, "A"); return ok && !v.Stale })
	rp.ReplayControl(ReplayCmd{Op: ReplaySeek, Delta: 100 * time.Second})
	<-rp.Done()
	if s := rp.ReplayState(); !s.Ended || s.Reason != "end of recording" || !has(rp, "0.43") {
		t.Fatalf("at the end: %+v", s)
	}
	rp.ReplayControl(ReplayCmd{Op: ReplaySeek, Delta: -70 * time.Second}) // to t0+10s
	eventually(t, "rewound", func() bool { s := rp.ReplayState(); return s.Rewinds == 1 && !s.Ended })
	eventually(t, "rebuilt", func() bool { v, ok := view(rp, "A"); return ok && !v.Stale && has(rp, "0.41") })
	if has(rp, "0.42") || has(rp, "0.43") {
		t.Fatal("the book after seeking back keeps levels from after the target")
	}
}

// A recording cut in the middle of its last line ends saying so.
func TestReplaySaysWhyItEnded(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rp := ReplayWith(ctx, strings.NewReader(replayRecording(`{"t":1762093890000,"frame":{"type":"orderb`)), 0, Config{Clock: newFakeClock()})
	<-rp.Done()
	if s := rp.ReplayState(); !s.Ended || s.Reason != "recording cut at line 6" {
		t.Fatalf("state = %+v", s)
	}
}

// A reader that cannot be read again refuses to seek back, and says so.
func TestReplayFromAPipeCannotRewind(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rp := ReplayWith(ctx, strings.NewReader(replayRecording("")), 0, Config{Clock: newFakeClock()})
	<-rp.Done()
	if rp.ReplayState().NoRewind {
		t.Fatal("a strings.Reader can be read again")
	}
	rp2 := ReplayWith(ctx, io.MultiReader(strings.NewReader(replayRecording(""))), 0, Config{Clock: newFakeClock()})
	<-rp2.Done()
	if !rp2.ReplayState().NoRewind {
		t.Fatal("a plain reader claims it can rewind")
	}
}

// A seek backwards plays my fills again, after a RewoundEvent that tells
// the desk to start empty: each fill once per reading, never twice in
// one, so positions are the recording's at the point sought.
func TestReplaySeekBackPlaysMyFillsAgainAfterARewind(t *testing.T) {
	clk := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sub := `{"t":1762093800000,"frame":{"type":"subscribed","id":2,"msg":{"channel":"fill","sid":3}}}`
	fill := `{"t":1762093805000,"frame":{"type":"fill","sid":3,"msg":{"trade_id":"T1","order_id":"O1","market_ticker":"A","is_taker":true,"outcome_side":"yes","book_side":"bid","yes_price_dollars":"0.4000","count_fp":"1.00","fee_cost":"0.010000","post_position_fp":"1.00","ts_ms":1762093805000}}}`
	// The fill lines go in time order, after the book's first frames.
	lines := strings.Split(replayRecording(""), "\n")
	rec := strings.Join(append(lines[:3:3], append([]string{sub, fill}, lines[3:]...)...), "\n")
	rp := ReplayWith(ctx, strings.NewReader(rec), 1, Config{Clock: clk})
	events := collectEvents(t, rp)
	rp.ReplayControl(ReplayCmd{Op: ReplaySeek, Delta: 100 * time.Second})
	<-rp.Done()
	eventually(t, "the fill", func() bool { return len(events.fills()) == 1 })
	rp.ReplayControl(ReplayCmd{Op: ReplaySeek, Delta: -70 * time.Second}) // to t0+10s, after the fill
	eventually(t, "the fill played again", func() bool { return len(events.fills()) == 2 })
	var order []string
	for _, ev := range events.all() {
		switch ev.(type) {
		case FillEvent:
			order = append(order, "fill")
		case RewoundEvent:
			order = append(order, "rewound")
		}
	}
	if strings.Join(order, " ") != "fill rewound fill" {
		t.Fatalf("events %v, want a fill, the rewind, the fill again", order)
	}
}

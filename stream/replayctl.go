package stream

import (
	"sync"
	"time"
)

// A replay can be paused, stepped frame by frame, moved through (seek)
// and sped up or slowed down while it plays. The dashboard asks with
// ReplayControl and reads where the replay stands with ReplayState; the
// replay goroutine (replayplayer.go) is the only one that acts on the
// requests, so the books keep one owner.

// ReplayOp is what a replay request asks.
type ReplayOp uint8

// Replay requests.
const (
	ReplayTogglePause ReplayOp = iota // pause, or play again
	ReplayStep                        // while paused: feed the next frame
	ReplaySeek                        // move the recording's clock by Delta
	ReplaySpeed                       // multiply the speed by Factor
)

// ReplayCmd is one request to a replay.
type ReplayCmd struct {
	Op     ReplayOp
	Delta  time.Duration // ReplaySeek: forwards when positive
	Factor float64       // ReplaySpeed: 2 doubles, 0.5 halves
}

// ReplayState is where a replay stands.
type ReplayState struct {
	// At is the recording's clock: the time the recorder received the
	// frame just fed, moved on by the time played since (at the speed).
	At     time.Time
	Paused bool
	// Speed is the playback speed: 1 is real time; 0 is as fast as
	// possible.
	Speed float64
	// Ended says the recording has been fed to its end; Reason says why
	// it ended: "end of recording", or the line the recording was cut at.
	Ended  bool
	Reason string
	// Rewinds counts backward seeks: the tape and books start again from
	// the recording's beginning, so a reader of the tape starts afresh.
	Rewinds int
	// NoRewind says the recording cannot be read again (a pipe): seeking
	// back is refused.
	NoRewind bool
}

// replayCtl is the shared state between the dashboard and the replay
// goroutine.
type replayCtl struct {
	cmds chan ReplayCmd // buffered; a request beyond it is dropped

	mu    sync.Mutex
	state ReplayState
	// anchor is the wall time at which the clock read state.At while
	// playing; the clock runs from there at the speed.
	anchor time.Time
}

// replayCmdCap bounds queued requests: keys pressed faster than the
// replay takes them are dropped, never block the dashboard.
const replayCmdCap = 16

// ReplayControl asks a replay to pause, step, seek or change speed. It
// never blocks; a live client ignores it.
func (c *Client) ReplayControl(cmd ReplayCmd) {
	if c.rctl == nil {
		return
	}
	select {
	case c.rctl.cmds <- cmd:
	default:
	}
}

// ReplayState returns where a replay stands, its clock read now. A live
// client returns the zero state.
func (c *Client) ReplayState() ReplayState {
	if c.rctl == nil {
		return ReplayState{}
	}
	return c.rctl.read(c.clock.Now())
}

// ReplayClock is the recording's clock now: what a replay's dashboard
// shows as the time. Before the first frame it is the wall clock.
func (c *Client) ReplayClock() time.Time {
	if s := c.ReplayState(); !s.At.IsZero() {
		return s.At
	}
	return c.clock.Now()
}

// read is the state with the clock moved on to now.
func (r *replayCtl) read(now time.Time) ReplayState {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.state
	if !s.Paused && !s.Ended && !s.At.IsZero() && s.Speed > 0 && !r.anchor.IsZero() {
		s.At = s.At.Add(time.Duration(float64(now.Sub(r.anchor)) * s.Speed))
	}
	return s
}

// update changes the state under the lock; the clock is re-anchored at
// now, so what update sets is what the clock reads from now on.
func (r *replayCtl) update(now time.Time, f func(s *ReplayState)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f(&r.state)
	r.anchor = now
}

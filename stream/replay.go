package stream

import (
	"context"
	"encoding/json"
	"io"

	"ladder/model"
)

// Replay returns a read-only client that feeds a recording (see Config.Record)
// through the same decode path as a live connection, honouring the recorded
// gaps between frames divided by speed (0 = as fast as possible). Health
// shows State Replaying; books appear as their snapshots are replayed.
// Errors reading the recording are reported as ErrorEvents. ReplayControl
// pauses, steps, seeks and changes the speed (replayplayer.go); a reader
// that can seek (a file) can be sought backwards too.
func Replay(ctx context.Context, r io.Reader, speed float64) *Client {
	return ReplayWith(ctx, r, speed, Config{})
}

// ReplayWith is Replay with a Config for its logger, clock and grids.
func ReplayWith(ctx context.Context, r io.Reader, speed float64, cfg Config) *Client {
	cfg.Record = nil
	cfg.Auth = nil
	c := New(cfg)
	c.readOnly = true
	c.mu.Lock()
	c.sess = newSession(c.clock.Now())
	c.h.conn = connReplay
	c.h.published = Replaying
	c.mu.Unlock()
	c.replaying = true
	c.rctl = &replayCtl{cmds: make(chan ReplayCmd, replayCmdCap)}
	go c.replay(ctx, r, speed)
	return c
}

// replayLine is one line of a recording.
type replayLine struct {
	T       int64           `json:"t"`
	Frame   json.RawMessage `json:"frame"`
	Grid    *gridLine       `json:"grid"`
	Connect *connectLine    `json:"connect"`
}

// Done is closed when a replay has fed its whole recording (or was
// cancelled before); for a live client it is never closed. The replay
// goroutine itself stays, at the end, for a seek backwards until its
// context is done.
func (c *Client) Done() <-chan struct{} { return c.replayFed }

// Wait blocks until a replay's goroutine has returned: the context given
// to Replay done. Callers cancel that context, then
// Wait, so nothing reads the recording after they close it. A live client
// has no such goroutine (Run is the caller's): Wait returns at once.
func (c *Client) Wait() {
	if c.replaying {
		<-c.replayDone
	}
}

// replayConnect mirrors what a live client does on a new connection: the
// subscriptions start again and every book waits for its next snapshot.
func (c *Client) replayConnect(l connectLine) {
	c.mu.Lock()
	c.cfg.UseYesPrice = l.UseYesPrice
	if c.h.lastFrame.IsZero() {
		c.sess = newSession(c.clock.Now())
	} else {
		c.h.reconnects++
		c.sess = newSession(c.h.lastFrame)
		c.markAllStaleLocked("connecting")
	}
	c.unlockAndNotify()
}

func (c *Client) replayError(err error) {
	c.log.Warn("replay", "err", err)
	c.mu.Lock()
	c.setErrorLocked(err.Error())
	c.pushNowLocked(ErrorEvent{Err: err})
	c.mu.Unlock()
	c.signal()
}

// inferGrid picks the coarsest standard grid holding every level of a
// snapshot, for replays of recordings without grid lines.
func inferGrid(s *model.BookSnapshotMsg) *model.Grid {
	for _, ranges := range [][]model.PriceRange{
		model.LinearCentRanges(), model.TaperedDeciCentRanges(), model.DeciCentRanges(),
	} {
		g := model.MustGrid(ranges)
		if fits(g, s.Yes) && fits(g, s.No) {
			return g
		}
	}
	return model.MustGrid([]model.PriceRange{{Start: 0, End: model.OneDollar, Step: 1}})
}

func fits(g *model.Grid, levels []model.Level) bool {
	for _, l := range levels {
		if !g.Valid(l.Price) && !g.Valid(l.Price.Complement()) {
			return false
		}
	}
	return true
}

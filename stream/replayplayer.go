package stream

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"ladder/model"
)

// The replay player. One goroutine reads the recording line by line and
// feeds each frame through the live decode path at the recorded pace,
// answering the dashboard's requests (replayctl.go) between frames:
//
//   - pause stops the clock; step feeds one frame while paused;
//   - a seek forwards feeds the frames up to the target without waiting;
//   - a seek backwards reads the recording again from its start (books,
//     tape and tickers start afresh; the frames up to the target are fed
//     without waiting), which is the simplest way to rebuild the books
//     exactly: every delta since the last snapshot is needed anyway. My
//     orders, fills and positions are played again too: a RewoundEvent
//     goes first so the desk starts empty, and the fill ledger is
//     forgotten so each fill is delivered once per reading. Positions are
//     then what the recording had at the target, not what was played;
//   - speed multiplies the pace, from 1/16 to 64 times real time.
//
// At the end the player says why it ended (the last line, or a line cut
// short) and waits for a seek backwards or the end of the context.

// Replay speed bounds for ReplaySpeed.
const (
	replaySpeedMin = 1.0 / 16
	replaySpeedMax = 64
)

// passEnd is how one reading of the recording ended.
type passEnd uint8

const (
	passCancelled passEnd = iota // the context is done
	passEnded                    // the recording was fed to its end
	passRewind                   // a seek backwards: read it again
)

// player is the replay goroutine's state.
type player struct {
	c      *Client
	ctl    *replayCtl
	rewind bool // the reader can be read again from its start
	first  time.Time
	last   time.Time // receive time of the last frame fed
	target time.Time // seeking: feed without waiting up to here
	step   bool      // feed one frame while paused
}

func (c *Client) replay(ctx context.Context, r io.Reader, speed float64) {
	defer close(c.replayDone)
	p := &player{c: c, ctl: c.rctl}
	rs, ok := r.(io.ReadSeeker)
	if ok {
		_, err := rs.Seek(0, io.SeekCurrent) // a pipe is a ReadSeeker that cannot
		p.rewind = err == nil
	}
	p.ctl.update(c.clock.Now(), func(s *ReplayState) { s.Speed, s.NoRewind = speed, !p.rewind })
	fed := false
	defer func() {
		if !fed {
			close(c.replayFed) // cancelled before the end: nothing more will be fed
		}
	}()
	for {
		switch p.pass(ctx, r) {
		case passCancelled:
			return
		case passEnded:
			if !fed {
				fed = true
				close(c.replayFed)
			}
			if !p.waitAtEnd(ctx) {
				return
			}
		}
		if _, err := rs.Seek(0, io.SeekStart); err != nil {
			c.replayError(fmt.Errorf("rewinding the recording: %w", err))
			return
		}
		c.replayRewind()
		p.ctl.update(c.clock.Now(), func(s *ReplayState) { s.Ended, s.Reason = false, ""; s.Rewinds++ })
	}
}

// pass reads the recording from where r stands to its end, or until a
// seek backwards or the end of ctx.
func (p *player) pass(ctx context.Context, r io.Reader) passEnd {
	c := p.c
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), int(c.cfg.ReadLimit)+1024)
	line := 0
	cut := "" // the last line did not parse: the recording was cut there
	for sc.Scan() {
		if ctx.Err() != nil {
			return passCancelled
		}
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var l replayLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			cut = fmt.Sprintf("recording cut at line %d", line)
			c.replayError(fmt.Errorf("recording line %d: %w", line, err))
			continue
		}
		cut = ""
		if l.Connect != nil {
			c.replayConnect(*l.Connect)
			continue
		}
		if l.Grid != nil {
			if g, err := model.NewGrid(l.Grid.PriceRanges); err == nil {
				c.mu.Lock()
				c.grids[l.Grid.MarketTicker] = g
				c.mu.Unlock()
			}
			continue
		}
		frame := []byte(l.Frame)
		if len(frame) > 0 && frame[0] == '"' {
			var s string
			if json.Unmarshal(frame, &s) == nil {
				frame = []byte(s) // a frame that was not JSON, kept verbatim
			}
		}
		if len(frame) == 0 {
			c.replayError(fmt.Errorf("recording line %d: no frame", line))
			continue
		}
		at := time.UnixMilli(l.T)
		if p.first.IsZero() {
			p.first = at
			p.ctl.update(c.clock.Now(), func(s *ReplayState) { s.At = at })
		}
		if end, stop := p.pace(ctx, at); stop {
			return end
		}
		c.handleFrame(frame, at)
		p.last = at
		p.ctl.update(c.clock.Now(), func(s *ReplayState) { s.At = at })
	}
	reason := "end of recording"
	switch err := sc.Err(); {
	case err != nil && !errors.Is(err, context.Canceled) && ctx.Err() == nil:
		c.replayError(fmt.Errorf("reading recording: %w", err))
		reason = fmt.Sprintf("recording unreadable after line %d: %v", line, err)
	case cut != "":
		reason = cut
	}
	if ctx.Err() != nil {
		return passCancelled
	}
	p.ctl.update(c.clock.Now(), func(s *ReplayState) { s.Ended, s.Reason, s.At, s.Paused = true, reason, p.last, false })
	return passEnded
}

// pace waits until the frame received at `at` is due, answering requests
// meanwhile. stop says the pass must end (with end).
func (p *player) pace(ctx context.Context, at time.Time) (end passEnd, stop bool) {
	c := p.c
	for {
		if !p.target.IsZero() {
			if !at.After(p.target) {
				return 0, false // seeking: no waiting up to the target
			}
			target := p.target
			p.target = time.Time{}
			p.ctl.update(c.clock.Now(), func(s *ReplayState) { s.At = target })
		}
		now := c.clock.Now()
		st := p.ctl.read(now)
		var wait <-chan time.Time
		switch {
		case st.Paused && p.step:
			p.step = false
			return 0, false
		case st.Paused:
			// no timer: only a request moves a paused replay
		case st.Speed <= 0:
			return 0, false
		default:
			d := time.Duration(float64(at.Sub(st.At)) / st.Speed)
			if d <= 0 {
				return 0, false
			}
			wait = c.clock.After(d)
		}
		select {
		case <-ctx.Done():
			return passCancelled, true
		case <-wait:
			return 0, false
		case cmd := <-p.ctl.cmds:
			if p.handle(cmd) {
				return passRewind, true
			}
		}
	}
}

// handle applies a request; it reports whether it asks to read the
// recording again from its start.
func (p *player) handle(cmd ReplayCmd) (rewind bool) {
	now := p.c.clock.Now()
	st := p.ctl.read(now)
	switch cmd.Op {
	case ReplayTogglePause:
		p.ctl.update(now, func(s *ReplayState) { s.At, s.Paused = st.At, !st.Paused })
	case ReplayStep:
		if !st.Paused {
			p.ctl.update(now, func(s *ReplayState) { s.At, s.Paused = st.At, true })
			return false
		}
		p.step = true
	case ReplaySpeed:
		speed := st.Speed
		if speed <= 0 {
			speed = 1 // "as fast as possible" slows to real time, or speeds from it
		}
		speed = min(max(speed*cmd.Factor, replaySpeedMin), replaySpeedMax)
		p.ctl.update(now, func(s *ReplayState) { s.At, s.Speed = st.At, speed })
	case ReplaySeek:
		target := st.At.Add(cmd.Delta)
		if target.Before(p.first) {
			target = p.first
		}
		if cmd.Delta >= 0 {
			p.target = target
			return false
		}
		if !p.rewind {
			return false
		}
		p.target = target
		return true
	}
	return false
}

// waitAtEnd waits at the end of the recording for a seek backwards (true)
// or the end of ctx (false).
func (p *player) waitAtEnd(ctx context.Context) bool {
	for {
		select {
		case <-ctx.Done():
			return false
		case cmd := <-p.ctl.cmds:
			if cmd.Op == ReplaySeek && cmd.Delta < 0 && p.handle(cmd) {
				return true
			}
		}
	}
}

// replayRewind starts the client's state afresh for a second reading of
// the recording: books wait for their snapshots again, the tape, tickers,
// volumes and last trades are forgotten, and so are my fills (the ledger),
// after a RewoundEvent that tells the desk to forget them too. Between
// the two, each of my fills is delivered once per reading.
func (c *Client) replayRewind() {
	c.mu.Lock()
	c.pushNowLocked(RewoundEvent{})
	c.fills = newFillLedger()
	c.sess = newSession(c.clock.Now())
	for _, lb := range c.books {
		lb.vol, lb.last = nil, LastTrade{}
	}
	c.markAllStaleLocked("rewinding")
	c.tape.seq = 0
	clear(c.tickers)
	clear(c.rawTickers)
	c.dirty = true
	c.unlockAndNotify()
	c.signal()
}

package ui

import (
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/stream"
	"ladder/ui/keys"
	"ladder/ui/text"
)

// `ladder replay`'s controls: the replay keys (pause, step, seek, speed)
// go to the replay engine (stream.Client.ReplayControl), which alone moves
// the recording; the dashboard reads where it stands on every status tick
// and says when it ended and why. Every time shown is the recording's
// clock (the replay passes it as Options.Now).

// Replay is the replay engine as the dashboard drives it; nil when live.
type Replay interface {
	ReplayControl(stream.ReplayCmd)
	ReplayState() stream.ReplayState
}

// Seek steps of the replay keys.
const (
	replaySeekShort = 10 * time.Second
	replaySeekLong  = time.Minute
)

// replayKey handles a replay key; ok is false for any other key.
func (m *Model) replayKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	r := m.keys.Replay
	var c stream.ReplayCmd
	switch {
	case key.Matches(msg, r.Pause):
		c = stream.ReplayCmd{Op: stream.ReplayTogglePause}
	case key.Matches(msg, r.Step):
		c = stream.ReplayCmd{Op: stream.ReplayStep}
	case key.Matches(msg, r.Back):
		c = stream.ReplayCmd{Op: stream.ReplaySeek, Delta: -replaySeekShort}
	case key.Matches(msg, r.Forward):
		c = stream.ReplayCmd{Op: stream.ReplaySeek, Delta: replaySeekShort}
	case key.Matches(msg, r.BackMore):
		c = stream.ReplayCmd{Op: stream.ReplaySeek, Delta: -replaySeekLong}
	case key.Matches(msg, r.ForwardMore):
		c = stream.ReplayCmd{Op: stream.ReplaySeek, Delta: replaySeekLong}
	case key.Matches(msg, r.Faster):
		c = stream.ReplayCmd{Op: stream.ReplaySpeed, Factor: 2}
	case key.Matches(msg, r.Slower):
		c = stream.ReplayCmd{Op: stream.ReplaySpeed, Factor: 0.5}
	default:
		return nil, false
	}
	if c.Op == stream.ReplaySeek && c.Delta < 0 && m.replay.NoRewind {
		m.say(lvlWarn, "this recording cannot be read again (a pipe): no seeking back")
		return nil, true
	}
	m.opts.Replay.ReplayControl(c)
	// The engine answers between frames; the next status tick shows it.
	return m.after(replayAnswer, replayTickMsg{}), true
}

// replayAnswer is how soon the dashboard looks again after a replay key.
const replayAnswer = 50 * time.Millisecond

// replayTickMsg asks for a fresh look at the replay's state.
type replayTickMsg struct{}

// onReplayTick reads the replay's state: a rewind starts the tape afresh,
// the end is said once with its reason.
func (m *Model) onReplayTick() {
	if m.opts.Replay == nil {
		return
	}
	s := m.opts.Replay.ReplayState()
	prev := m.replay
	m.replay = s
	if s.Rewinds != prev.Rewinds {
		m.trades, m.tapeSkipped = nil, 0
	}
	switch {
	case s.Ended && !prev.Ended:
		m.sayHint(lvlWarn, "replay ended: "+s.Reason+" at "+text.Clock(s.At, m.opts.Location),
			keys.First(m.keys.Replay.Back)+" seeks back")
	case s.Paused != prev.Paused && s.Paused:
		m.say(lvlInfo, "replay paused at "+text.Clock(s.At, m.opts.Location))
	case s.Paused != prev.Paused:
		m.say(lvlInfo, "replay playing at "+speedWords(s.Speed))
	case s.Speed != prev.Speed:
		m.say(lvlInfo, "replay speed "+speedWords(s.Speed))
	}
}

// speedWords names a replay speed: "×2", "×0.5", "full speed".
func speedWords(s float64) string {
	if s <= 0 {
		return "full speed"
	}
	return "×" + strconv.FormatFloat(s, 'g', 3, 64)
}

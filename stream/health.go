package stream

import "time"

// connState is the socket's condition; State adds book freshness to it.
type connState int

const (
	connConnecting connState = iota
	connUp
	connBackingOff
	connDown
	connReplay
)

// healthState holds the raw figures behind Health. Guarded by Client.mu.
type healthState struct {
	conn         connState
	backoffUntil time.Time
	lastFrame    time.Time
	lastActivity time.Time // last frame or ping: the silence watchdog's reference
	lastTs       time.Time // ts_ms of the newest timestamped message
	gaps         int
	resyncs      int
	reconnects   int
	malformed    int
	overflows    int
	bytes        int64
	lastError    string
	lastErrorAt  time.Time
	lastPong     time.Time // the exchange's last answer to our ping
	pingSent     time.Time // when the outstanding ping went out; zero when none is
	silent       bool      // a ping is overdue: every book is stale until the pong
	rate         rateWindow
	published    State // the state last announced with a StateEvent
}

// rateWindow counts frames per wall-clock second over a sliding window of
// whole seconds, without allocating.
type rateWindow struct {
	secs    int // window length in seconds (1..len(buckets))
	buckets [60]struct {
		sec int64
		n   int
	}
}

func (r *rateWindow) add(t time.Time) {
	sec := t.Unix()
	b := &r.buckets[uint64(sec)%uint64(len(r.buckets))]
	if b.sec != sec {
		b.sec, b.n = sec, 0
	}
	b.n++
}

// perSecond averages the last secs complete seconds before now plus the
// current one, scaled to the elapsed time.
func (r *rateWindow) perSecond(now time.Time) float64 {
	if r.secs <= 0 {
		return 0
	}
	sec := now.Unix()
	total := 0
	for _, b := range r.buckets {
		if b.sec > sec-int64(r.secs) && b.sec <= sec {
			total += b.n
		}
	}
	span := float64(r.secs-1) + float64(now.Nanosecond())/1e9
	if span < 1 {
		span = 1
	}
	return float64(total) / span
}

// stateLocked derives the public state.
func (c *Client) stateLocked() State {
	switch c.h.conn {
	case connUp:
		if c.h.silent {
			return Stalled
		}
		if c.staleCount > 0 {
			return Resyncing
		}
		return Live
	case connBackingOff:
		return BackingOff
	case connDown:
		return Down
	case connReplay:
		return Replaying
	}
	return Connecting
}

// healthLocked builds the snapshot.
func (c *Client) healthLocked() Health {
	now := c.clock.Now()
	if c.h.conn == connReplay {
		now = c.h.lastFrame // a recording's "now" is its own receive time
	}
	h := Health{
		State:          c.stateLocked(),
		LastFrame:      c.h.lastFrame,
		ReadLag:        c.lag.lastLag,
		LastPong:       c.h.lastPong,
		PrivatePending: len(c.private.q),
		PrivateOldest:  c.private.oldest(),
		MsgsPerSec:     c.h.rate.perSecond(now),
		Gaps:           c.h.gaps,
		Resyncs:        c.h.resyncs,
		Reconnects:     c.h.reconnects,
		Malformed:      c.h.malformed,
		Overflows:      c.h.overflows,
		BytesReceived:  c.h.bytes,
		LastError:      c.h.lastError,
		LastErrorAt:    c.h.lastErrorAt,
	}
	if !c.h.pingSent.IsZero() {
		h.PingDue = now.Sub(c.h.pingSent)
	}
	if c.sess != nil && c.h.conn == connUp {
		h.ConnectedAt = c.sess.connectedAt
	}
	if h.State == BackingOff {
		h.BackoffUntil = c.h.backoffUntil
	}
	if len(c.refused) > 0 {
		h.Refused = make(map[string]string, len(c.refused))
		for t, why := range c.refused {
			h.Refused[t] = why
		}
	}
	if !c.h.lastTs.IsZero() {
		h.MessageAge = now.Sub(c.h.lastTs)
	}
	return h
}

// publishStateLocked emits a StateEvent when the derived state changed.
func (c *Client) publishStateLocked() {
	s := c.stateLocked()
	if s == c.h.published {
		return
	}
	c.h.published = s
	h := c.healthLocked()
	c.log.Info("stream state", "state", s.String(), "last_error", h.LastError)
	c.pushStateLocked(StateEvent{Health: h})
	c.dirty = true
}

// setConnLocked changes the socket state and announces it.
func (c *Client) setConnLocked(s connState) {
	c.h.conn = s
	c.publishStateLocked()
}

// noteFrameLocked records the arrival of one frame.
func (c *Client) noteFrameLocked(n int, recv time.Time) {
	c.h.bytes += int64(n)
	c.h.lastFrame = recv
	c.h.lastActivity = recv
	c.h.rate.add(recv)
}

// noteTsLocked records a message timestamp; implausible ones (more than a
// day from the receive time) are ignored so one bad field cannot make the
// feed look ancient or from the future.
func (c *Client) noteTsLocked(tsMs int64, recv time.Time) {
	if tsMs <= 0 {
		return
	}
	ts := time.UnixMilli(tsMs)
	if d := recv.Sub(ts); d > 24*time.Hour || d < -24*time.Hour {
		return
	}
	if ts.After(c.h.lastTs) {
		c.h.lastTs = ts
	}
	c.lag.note(ts, recv)
}

// setErrorLocked records the latest problem with the time it happened, so
// the status bar can let an old one fade instead of showing it for ever.
func (c *Client) setErrorLocked(text string) {
	c.h.lastError = text
	c.h.lastErrorAt = c.clock.Now()
	c.dirty = true
}

// pushStateLocked queues a state change. Only the newest state matters, so
// one still waiting in the queue is replaced rather than followed.
func (c *Client) pushStateLocked(ev StateEvent) {
	if n := len(c.private.q); n > 0 {
		if _, ok := c.private.q[n-1].Event.(StateEvent); ok {
			c.private.q[n-1] = Delivered{Event: ev, At: c.clock.Now()}
			return
		}
	}
	c.pushNowLocked(ev)
}

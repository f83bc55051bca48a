package stream

import "time"

// lagClock turns exchange timestamps into local times, so lag is measured
// without trusting the two clocks to agree. For every timestamped frame,
// receive time − ts_ms is the network delay plus the clock offset plus any
// backlog (frames queued at the exchange or in our socket). The smallest
// value seen on the connection is taken as network plus offset; whatever a
// frame carries beyond it is backlog, which is what "behind" means.
// Guarded by Client.mu.
type lagClock struct {
	base    time.Duration // smallest recv − ts on this connection
	hasBase bool
	lastLag time.Duration // backlog of the newest timestamped frame
}

// reset starts a new connection: the path and the exchange may differ.
func (l *lagClock) reset() { *l = lagClock{} }

// note records one timestamped frame and returns its exchange time on the
// local clock.
func (l *lagClock) note(ts, recv time.Time) time.Time {
	d := recv.Sub(ts)
	if !l.hasBase || d < l.base {
		l.base, l.hasBase = d, true
	}
	l.lastLag = d - l.base
	return ts.Add(l.base)
}

// at is the local time at which the exchange produced a message with
// timestamp tsMs (0: none, then the receive time stands in).
func (l *lagClock) at(tsMs int64, recv time.Time) time.Time {
	if tsMs <= 0 || !l.hasBase {
		return recv
	}
	at := time.UnixMilli(tsMs).Add(l.base)
	if at.After(recv) {
		return recv
	}
	return at
}

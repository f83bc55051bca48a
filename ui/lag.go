package ui

import "time"

// lagHold keeps a lag figure on screen this long after it was measured, so
// a spike is seen rather than overwritten by the next quiet frame. The
// status bar decides when a figure is worth a warning (package status).
const lagHold = 3 * time.Second

// lagMeter measures how far the screen is behind the exchange, per class:
// public data (books, tickers, the tape) and my private events (fills,
// orders, positions). Each figure is taken when the data is applied, from
// the time the exchange produced it (see stream.Delivered.At and
// stream.Health.ReadLag), so it includes every queue between the exchange
// and the screen.
type lagMeter struct {
	pub, priv     time.Duration // the largest recent figure of each class
	pubAt, privAt time.Time     // when it was measured
	pubSeen       bool          // a public frame has been measured
}

// public records a frame: the reader's lag when the bridge copied it plus
// the time since the copy.
func (l *lagMeter) public(readLag time.Duration, copied, now time.Time) {
	if copied.IsZero() {
		return
	}
	lag := readLag + max(now.Sub(copied), 0)
	l.pub, l.pubAt = hold(l.pub, l.pubAt, lag, now), now
	l.pubSeen = true
}

// private records one must-deliver event produced by the exchange at at.
func (l *lagMeter) private(at, now time.Time) {
	if at.IsZero() {
		return
	}
	lag := max(now.Sub(at), 0)
	l.priv, l.privAt = hold(l.priv, l.privAt, lag, now), now
}

// hold keeps the larger of the held figure (while younger than lagHold)
// and the new one.
func hold(held time.Duration, at time.Time, lag time.Duration, now time.Time) time.Duration {
	if now.Sub(at) < lagHold && held > lag {
		return held
	}
	return lag
}

// figures are the lags to show now. pending is how long the oldest private
// event still queued in the feed has waited (zero when none): an event not
// yet applied is behind by at least that much.
func (l *lagMeter) figures(now time.Time, pending time.Duration) (pub, priv time.Duration) {
	if now.Sub(l.pubAt) < lagHold {
		pub = l.pub
	}
	if now.Sub(l.privAt) < lagHold {
		priv = l.priv
	}
	return pub, max(priv, pending)
}

package ui

import "time"

// lagHold keeps a lag peak on screen this long after it was measured, so
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
	pub, priv lagFigure
}

// lagFigure is one class's latest measurement and its recent peak.
type lagFigure struct {
	last   time.Duration
	lastAt time.Time
	peak   time.Duration
	peakAt time.Time
}

func (f *lagFigure) record(lag time.Duration, now time.Time) {
	f.last, f.lastAt = lag, now
	if lag >= f.peak || now.Sub(f.peakAt) >= lagHold {
		f.peak, f.peakAt = lag, now
	}
}

// held is the peak while it is recent, else zero.
func (f *lagFigure) held(now time.Time) time.Duration {
	if f.peakAt.IsZero() || now.Sub(f.peakAt) >= lagHold {
		return 0
	}
	return f.peak
}

// public records a frame: the reader's lag when the bridge copied it plus
// the time since the copy.
func (l *lagMeter) public(readLag time.Duration, copied, now time.Time) {
	if copied.IsZero() {
		return
	}
	l.pub.record(readLag+max(now.Sub(copied), 0), now)
}

// private records one must-deliver event produced by the exchange at at.
func (l *lagMeter) private(at, now time.Time) {
	if at.IsZero() {
		return
	}
	l.priv.record(max(now.Sub(at), 0), now)
}

// figures are the lags to show now. Public data arrives every frame, so
// its figure is the latest measurement or a recent peak, whichever is
// larger. Private events are occasional: the figure is a recent peak, and
// pending — how long the oldest private event still queued in the feed
// has waited (zero when none) — since an event not yet applied is behind
// by at least that much.
func (l *lagMeter) figures(now time.Time, pending time.Duration) (pub, priv time.Duration) {
	if !l.pub.lastAt.IsZero() && now.Sub(l.pub.lastAt) < lagHold {
		pub = l.pub.last
	}
	pub = max(pub, l.pub.held(now))
	return pub, max(l.priv.held(now), pending)
}

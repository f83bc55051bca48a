package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"ladder/limiter"
	"ladder/model"
	"ladder/stream"
)

// statusCtx is everything the status bar shows. It is refreshed by the
// status tick, so the countdowns and ages stay accurate.
type statusCtx struct {
	st         *Styles
	now        time.Time
	env        string
	readOnly   bool
	locked     bool
	hasFeed    bool
	health     stream.Health
	lastMsgAt  time.Time // local time of the newest exchange timestamp (setHealth)
	haveBudget bool
	budget     limiter.Snapshot
	coalesced  int
}

// segment is one part of the status bar; when the bar is too narrow the
// segments with the highest drop rank go first.
type segment struct {
	text string
	w    int
	drop int // 0 never dropped
}

func seg(text string, drop int) segment {
	return segment{text: text, w: ansi.StringWidth(text), drop: drop}
}

// statusBar draws the status bar in exactly w cells.
func statusBar(cx statusCtx, w int) string {
	st := cx.st
	var segs []segment
	segs = append(segs, seg(envBadge(st, cx.env, w >= 120), 0))
	if cx.locked {
		segs = append(segs, seg(st.Locked.s(" LOCKED "), 0))
	}
	if cx.readOnly {
		segs = append(segs, seg(st.ReadOnly.s(" READ-ONLY "), 0))
	}
	segs = append(segs, seg(connection(cx, w), 1))
	if cx.haveBudget {
		b := cx.budget
		segs = append(segs, seg(gauge(st, "W", b.Write, w >= 120), 1))
		segs = append(segs, seg(gauge(st, "R", b.Read, w >= 120), 2))
		segs = append(segs, seg(st.Subtle.n.s(b.Tier.String()), 5))
		wait := 0
		for _, n := range b.Waiting {
			wait += n
		}
		wt := st.Subtle.n
		if wait > 0 {
			wt = st.Warning.n
		}
		segs = append(segs, seg(wt.s("wait "+itoa(wait)), 3))
		if b.InBackoff {
			segs = append(segs, seg(st.Warning.n.s("backoff "+shortDuration(b.BackoffUntil.Sub(cx.now))), 1))
		}
		ct := st.Subtle.n
		if b.Count429 > 0 {
			ct = st.Error.n
		}
		segs = append(segs, seg(ct.s("429×"+strconv.FormatUint(b.Count429, 10)), 3))
		if b.RTTSamples > 0 {
			rtt := "rtt " + millis(b.RTTP50)
			if w >= 150 {
				rtt += " p99 " + millis(b.RTTP99)
			}
			segs = append(segs, seg(st.Subtle.n.s(rtt), 4))
		}
	}
	if cx.hasFeed && w >= 150 {
		rate := strconv.Itoa(int(cx.health.MsgsPerSec+0.5)) + " msg/s"
		if cx.coalesced > 0 {
			// Book notifications folded into frames: saturation made visible.
			rate += " · " + qtyText(model.Contracts(int64(cx.coalesced))) + " coalesced"
		}
		segs = append(segs, seg(st.Subtle.n.s(rate), 6))
	}
	const sep = "  "
	total := func() int {
		n := 0
		for i, s := range segs {
			if i > 0 {
				n += len(sep)
			}
			n += s.w
		}
		return n
	}
	for total() > w {
		worst := -1
		for i, s := range segs {
			if s.drop > 0 && (worst < 0 || s.drop >= segs[worst].drop) {
				worst = i
			}
		}
		if worst < 0 {
			break
		}
		segs = append(segs[:worst], segs[worst+1:]...)
	}
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s.text)
	}
	line := b.String()
	used := ansi.StringWidth(line)
	if errText := lastError(cx); errText != "" && w-used > 12 {
		line += sep + st.Error.n.s(trunc(errText, w-used-len(sep)))
	}
	return fit(line, w)
}

// envBadge is the environment block; PROD says so twice.
func envBadge(st *Styles, env string, long bool) string {
	switch env {
	case EnvProd:
		if long {
			return st.BadgeProd.s(" PROD · REAL MONEY ")
		}
		return st.BadgeProd.s(" PROD ")
	case EnvDemo:
		return st.BadgeDemo.s(" DEMO ")
	case EnvReplay:
		return st.BadgeReplay.s(" REPLAY ")
	}
	return st.BadgeSim.s(" " + env + " ")
}

// Feed ages above these are shown as warnings: no exchange timestamp for
// staleAge means the prices on screen may be old; no frame at all for
// silentFor means the socket itself has gone quiet.
const (
	staleAge  = 2 * time.Second
	silentFor = 5 * time.Second
)

// connection is the feed's state with the age of the newest exchange
// message (local now − its ts_ms), the figure that says whether the prices
// on screen are current; wider bars add the time since the last frame of
// any kind. While backing off it is the reconnect countdown instead.
func connection(cx statusCtx, w int) string {
	st := cx.st
	if !cx.hasFeed {
		return st.Subtle.n.s("○ no feed")
	}
	h := cx.health
	dot := st.OK.n
	switch h.State {
	case stream.Connecting, stream.Resyncing:
		dot = st.Warning.n
	case stream.BackingOff, stream.Down:
		dot = st.Error.n
	case stream.Replaying:
		dot = st.Accent.n
	}
	s := dot.s("●") + " " + st.Text.n.s(h.State.String())
	if h.State == stream.BackingOff && !h.BackoffUntil.IsZero() {
		return s + st.Warning.n.s(" retry "+shortDuration(h.BackoffUntil.Sub(cx.now)))
	}
	hasAge := !cx.lastMsgAt.IsZero()
	if hasAge {
		age := cx.now.Sub(cx.lastMsgAt)
		at := st.Subtle.n
		if age > staleAge {
			at = st.Warning.n
		}
		if w >= 120 {
			s += st.Subtle.n.s(" age")
		}
		s += at.s(" " + shortDuration(age))
	}
	// The frame age is the only one until a timestamped message arrives.
	if !h.LastFrame.IsZero() && (w >= 150 || !hasAge) {
		rx := cx.now.Sub(h.LastFrame)
		ft := st.Subtle.n
		if rx > silentFor {
			ft = st.Warning.n
		}
		if hasAge {
			s += st.Subtle.n.s(" · frame")
		}
		s += ft.s(" " + shortDuration(rx))
	}
	return s
}

// gauge draws a token bucket: label, bar, tokens/capacity.
func gauge(st *Styles, label string, b limiter.BucketSnapshot, long bool) string {
	cells := 5
	if long {
		cells = 8
	}
	tokens := int(b.Tokens)
	full := 0
	if b.Capacity > 0 {
		full = clamp((tokens*cells+b.Capacity/2)/b.Capacity, 0, cells)
	}
	fp := st.GaugeFull
	if b.Capacity > 0 && tokens*4 < b.Capacity {
		fp = st.GaugeLow
	}
	return st.Subtle.n.s(label+" ") + fp.s(repeat("━", full)) + st.GaugeEmpty.s(repeat("─", cells-full)) +
		" " + st.Text.n.s(itoa(tokens)+"/"+itoa(b.Capacity))
}

// lastError is the most recent error of the REST client or the feed, in
// words, with its age.
func lastError(cx statusCtx) string {
	if cx.haveBudget && cx.budget.LastError != "" {
		s := cx.budget.LastError
		if !cx.budget.LastErrorAt.IsZero() {
			s += " (" + shortDuration(cx.now.Sub(cx.budget.LastErrorAt)) + " ago)"
		}
		return s
	}
	if cx.hasFeed && cx.health.LastError != "" {
		return "feed: " + feedTrouble(cx.health.LastError)
	}
	return ""
}

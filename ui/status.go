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
	st       *Styles
	now      time.Time
	env      string
	readOnly bool
	// readOnlyWord names the read-only state: "read-only" (a replay) or
	// "view only" (a viewer of ladder serve).
	readOnlyWord string
	// watchers is how many people watch this exchange session; shown
	// when hasWatchers (ladder serve).
	watchers    int
	hasWatchers bool
	locked      bool
	hasFeed     bool
	health      stream.Health
	lastMsgAt   time.Time // local time of the newest exchange timestamp (setHealth)
	// pubLag and privLag are how far the screen is behind the exchange
	// for public data and for my own events (lag.go).
	pubLag, privLag time.Duration
	haveBudget      bool
	budget          limiter.Snapshot
	coalesced       int
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
		segs = append(segs, seg(st.ReadOnly.s(" "+strings.ToUpper(cx.readOnlyWord)+" "), 0))
	}
	if cx.hasWatchers {
		segs = append(segs, seg(st.Text.n.s(itoa(cx.watchers)+" watching"), 2))
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

// silentFor is how long without any frame makes the frame age worth
// showing: a quiet market sends little, but the figure tells a trader the
// socket has gone quiet.
const silentFor = 5 * time.Second

// connection is the feed's state and how far the screen is behind the
// exchange. It says "live" only when the connection is up, every book is
// fresh, the exchange answers pings and both classes of data are less than
// lagWarn behind; otherwise it says what is behind and by how much, in
// amber above lagWarn and red above lagBad. Private lag above lagWarn marks
// order entry as degraded. While backing off it is the reconnect
// countdown instead.
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
	case stream.BackingOff, stream.Down, stream.Stalled:
		dot = st.Error.n
	case stream.Replaying:
		dot = st.Accent.n
	}
	worst := max(cx.pubLag, cx.privLag)
	word := h.State.String()
	if h.State == stream.Live && !claimsLive(h.State, cx.pubLag, cx.privLag) {
		dot, word = lagPaint(st, worst), "behind"
	}
	s := dot.s("●") + " " + st.Text.n.s(word)
	switch h.State {
	case stream.BackingOff:
		if !h.BackoffUntil.IsZero() {
			return s + st.Warning.n.s(" retry "+shortDuration(h.BackoffUntil.Sub(cx.now)))
		}
		return s
	case stream.Stalled:
		return s + st.Error.n.s(" no answer for "+shortDuration(h.PingDue))
	case stream.Replaying:
		if !cx.lastMsgAt.IsZero() {
			s += st.Subtle.n.s(" " + shortDuration(cx.now.Sub(cx.lastMsgAt)))
		}
		return s
	}
	if worst >= lagWarn {
		if cx.privLag >= lagWarn {
			s += " " + lagPaint(st, cx.privLag).s("my orders "+shortDuration(cx.privLag)+" behind · entry degraded")
		}
		if cx.pubLag >= lagWarn && (cx.privLag < lagWarn || w >= 120) {
			s += " " + lagPaint(st, cx.pubLag).s("prices "+shortDuration(cx.pubLag)+" behind")
		}
	} else if w >= 120 && worst > 0 {
		s += st.Subtle.n.s(" lag " + millis(worst))
	}
	// A socket with nothing to say for a while is worth a word; the ping
	// decides whether it is alive.
	if !h.LastFrame.IsZero() && w >= 150 {
		if rx := cx.now.Sub(h.LastFrame); rx > silentFor {
			s += st.Warning.n.s(" · quiet " + shortDuration(rx))
		}
	}
	return s
}

// claimsLive is the one rule for saying "live": connected with every book
// fresh and answering (stream.Live), and nothing lagWarn or more behind.
func claimsLive(s stream.State, pubLag, privLag time.Duration) bool {
	return s == stream.Live && max(pubLag, privLag) < lagWarn
}

// lagPaint colours a lag figure: amber from lagWarn, red from lagBad.
func lagPaint(st *Styles, lag time.Duration) paint {
	if lag >= lagBad {
		return st.Error.n
	}
	return st.Warning.n
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

// feedErrorShownFor is how long a feed error stays in the status bar once
// the feed is live again: it recovers by itself (resyncs, reconnects), and
// an error it has recovered from must not read as a present problem.
const feedErrorShownFor = 30 * time.Second

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
	h := cx.health
	troubled := h.State != stream.Live && h.State != stream.Replaying
	if cx.hasFeed && h.LastError != "" && (troubled || cx.now.Sub(h.LastErrorAt) < feedErrorShownFor) {
		return "feed: " + feedTrouble(cx.health.LastError)
	}
	return ""
}

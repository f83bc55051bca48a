// Package status draws the status bar: the environment, the feed's health
// and how far the screen is behind the exchange, the rate-limit budget and
// the last error, in one line that drops its least useful parts first when
// the terminal is narrow.
package status

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"ladder/limiter"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Ctx is everything the status bar shows. It is refreshed by the
// status tick, so the countdowns and ages stay accurate.
type Ctx struct {
	Styles   *styles.Styles
	Now      time.Time
	Env      string // EnvSim, EnvDemo, EnvProd, EnvReplay or another name
	ReadOnly bool
	// ReadOnlyWord names the read-only state: "read-only" (a replay) or
	// "view only" (a viewer of ladder serve).
	ReadOnlyWord string
	// Watchers is how many people watch this exchange session; shown when
	// HasWatchers (ladder serve).
	Watchers    int
	HasWatchers bool
	Locked      bool
	HasFeed     bool
	Health      stream.Health
	LastMsgAt   time.Time // local time of the newest exchange timestamp
	// PubLag and PrivLag are how far the screen is behind the exchange
	// for public data and for my own events.
	PubLag, PrivLag time.Duration
	HaveBudget      bool
	Budget          limiter.Snapshot
	Coalesced       int
	// Subaccount names the subaccount traded on ("sub 2", "primary");
	// shown beside the environment once more than one is in play.
	Subaccount string
	// Replay is where `ladder replay` stands, when IsReplay: the
	// recording's clock, paused or playing at a speed, or ended and why.
	Replay   stream.ReplayState
	IsReplay bool
	Loc      *time.Location
}

// Env names the environment shown in the badge.
const (
	EnvSim    = "SIM"
	EnvDemo   = "DEMO"
	EnvProd   = "PROD"
	EnvReplay = "REPLAY"
)

// Lag thresholds: behind by more than lagWarn is shown in amber with words,
// by more than lagBad in red. Private lag above lagWarn also marks order
// entry as degraded.
const (
	lagWarn = time.Second
	lagBad  = 5 * time.Second
)

// segment is one part of the status bar; when the bar is too narrow the
// segments with the highest drop rank go first.
type segment struct {
	cell string
	w    int
	drop int // 0 never dropped
}

// errorOutranks is the drop rank from which a segment gives way to the
// last error: the round trips, the tier and the message rate.
const errorOutranks = 4

func seg(cell string, drop int) segment {
	return segment{cell: cell, w: ansi.StringWidth(cell), drop: drop}
}

// Bar draws the status bar in exactly w cells.
func Bar(cx Ctx, w int) string {
	st := cx.Styles
	var segs []segment
	segs = append(segs, seg(envBadge(st, cx.Env, w >= 120), 0))
	if cx.Subaccount != "" {
		segs = append(segs, seg(st.Accent.Render(cx.Subaccount), 0))
	}
	if cx.Locked {
		segs = append(segs, seg(st.Locked.Render(" LOCKED "), 0))
	}
	if cx.ReadOnly {
		word := cx.ReadOnlyWord
		if word == "" {
			word = "read-only"
		}
		segs = append(segs, seg(st.ReadOnly.Render(" "+strings.ToUpper(word)+" "), 0))
	}
	if cx.HasWatchers {
		segs = append(segs, seg(st.Text.Render(strconv.Itoa(cx.Watchers)+" watching"), 2))
	}
	segs = append(segs, seg(connection(cx, w), 1))
	if cx.HaveBudget {
		b := cx.Budget
		segs = append(segs, seg(gauge(st, "W", b.Write, w >= 120), 1))
		segs = append(segs, seg(gauge(st, "R", b.Read, w >= 120), 2))
		segs = append(segs, seg(st.Subtle.Render(b.Tier.String()), 5))
		wait := 0
		for _, n := range b.Waiting {
			wait += n
		}
		wt := st.Subtle.Normal
		if wait > 0 {
			wt = st.Warning.Normal
		}
		segs = append(segs, seg(wt.Render("wait "+text.Itoa(wait)), 3))
		// The snapshot was taken a moment before this draw: a backoff that
		// has run out since is not one ("backoff 0.0s").
		if b.InBackoff && b.BackoffUntil.After(cx.Now) {
			segs = append(segs, seg(st.Warning.Render("backoff "+text.ShortDuration(b.BackoffUntil.Sub(cx.Now))), 1))
		}
		ct := st.Subtle.Normal
		if b.Count429 > 0 {
			ct = st.Error.Normal
		}
		segs = append(segs, seg(ct.Render("429×"+strconv.FormatUint(b.Count429, 10)), 3))
		if b.RTTSamples > 0 {
			rtt := "rtt " + text.Millis(b.RTTP50)
			if w >= 150 {
				rtt += " p99 " + text.Millis(b.RTTP99)
			}
			segs = append(segs, seg(st.Subtle.Render(rtt), 4))
		}
	}
	if cx.HasFeed && w >= 150 {
		rate := strconv.Itoa(int(cx.Health.MsgsPerSec+0.5)) + " msg/s"
		if cx.Coalesced > 0 {
			// Book notifications folded into frames: saturation made visible.
			rate += " · " + text.Qty(model.Contracts(int64(cx.Coalesced))) + " coalesced"
		}
		segs = append(segs, seg(st.Subtle.Render(rate), 6))
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
	// drop removes the least useful segment ranked at least rank,
	// reporting whether there was one.
	drop := func(rank int) bool {
		worst := -1
		for i, s := range segs {
			if s.drop >= rank && s.drop > 0 && (worst < 0 || s.drop >= segs[worst].drop) {
				worst = i
			}
		}
		if worst < 0 {
			return false
		}
		segs = append(segs[:worst], segs[worst+1:]...)
		return true
	}
	for total() > w {
		if !drop(1) {
			break
		}
	}
	// The last error says what went wrong; the rates, round trips and the
	// tier beside it matter less, so they make room for it before it is cut.
	errText := lastError(cx)
	if errText != "" {
		for total()+len(sep)+ansi.StringWidth(errText) > w {
			if !drop(errorOutranks) {
				break
			}
		}
	}
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s.cell)
	}
	line := b.String()
	used := ansi.StringWidth(line)
	if errText != "" && w-used > 12 {
		line += sep + st.Error.Render(text.Trunc(errText, w-used-len(sep)))
	}
	return text.Fit(line, w)
}

// envBadge is the environment block; PROD says so twice.
func envBadge(st *styles.Styles, env string, long bool) string {
	switch env {
	case EnvProd:
		if long {
			return st.BadgeProd.Render(" PROD · REAL MONEY ")
		}
		return st.BadgeProd.Render(" PROD ")
	case EnvDemo:
		return st.BadgeDemo.Render(" DEMO ")
	case EnvReplay:
		return st.BadgeReplay.Render(" REPLAY ")
	}
	return st.BadgeSim.Render(" " + env + " ")
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
func connection(cx Ctx, w int) string {
	st := cx.Styles
	if !cx.HasFeed {
		return st.Subtle.Render("○ no feed")
	}
	h := cx.Health
	dot := st.OK.Normal
	switch h.State {
	case stream.Connecting, stream.Resyncing:
		dot = st.Warning.Normal
	case stream.BackingOff, stream.Down, stream.Stalled:
		dot = st.Error.Normal
	case stream.Replaying:
		dot = st.Accent.Normal
	}
	worst := max(cx.PubLag, cx.PrivLag)
	word := h.State.String()
	if h.State == stream.Live && !ClaimsLive(h.State, cx.PubLag, cx.PrivLag) {
		dot, word = lagPaint(st, worst), "behind"
	}
	s := dot.Render("●") + " " + st.Text.Render(word)
	switch h.State {
	case stream.BackingOff:
		if !h.BackoffUntil.IsZero() {
			return s + st.Warning.Render(" retry "+text.ShortDuration(h.BackoffUntil.Sub(cx.Now)))
		}
		return s
	case stream.Stalled:
		return s + st.Error.Render(" no answer for "+text.ShortDuration(h.PingDue))
	case stream.Replaying:
		if cx.IsReplay {
			return s + replayWords(cx)
		}
		if !cx.LastMsgAt.IsZero() {
			s += st.Subtle.Render(" " + text.ShortDuration(cx.Now.Sub(cx.LastMsgAt)))
		}
		return s
	}
	if worst >= lagWarn {
		if cx.PrivLag >= lagWarn {
			s += " " + lagPaint(st, cx.PrivLag).Render("my orders "+text.ShortDuration(cx.PrivLag)+" behind · entry degraded")
		}
		if cx.PubLag >= lagWarn && (cx.PrivLag < lagWarn || w >= 120) {
			s += " " + lagPaint(st, cx.PubLag).Render("prices "+text.ShortDuration(cx.PubLag)+" behind")
		}
	} else if w >= 120 && worst > 0 {
		s += st.Subtle.Render(" lag " + text.Millis(worst))
	}
	// A socket with nothing to say for a while is worth a word; the ping
	// decides whether it is alive.
	if !h.LastFrame.IsZero() && w >= 150 {
		if rx := cx.Now.Sub(h.LastFrame); rx > silentFor {
			s += st.Warning.Render(" · quiet " + text.ShortDuration(rx))
		}
	}
	return s
}

// ClaimsLive is the one rule for saying "live": connected with every book
// fresh and answering (stream.Live), and nothing lagWarn or more behind.
func ClaimsLive(s stream.State, pubLag, privLag time.Duration) bool {
	return s == stream.Live && max(pubLag, privLag) < lagWarn
}

// lagPaint colours a lag figure: amber from lagWarn, red from lagBad.
func lagPaint(st *styles.Styles, lag time.Duration) styles.Paint {
	if lag >= lagBad {
		return st.Error.Normal
	}
	return st.Warning.Normal
}

// gauge draws a token bucket: label, bar, tokens/capacity.
func gauge(st *styles.Styles, label string, b limiter.BucketSnapshot, long bool) string {
	cells := 5
	if long {
		cells = 8
	}
	tokens := int(b.Tokens)
	full := 0
	if b.Capacity > 0 {
		full = text.Clamp((tokens*cells+b.Capacity/2)/b.Capacity, 0, cells)
	}
	fp := st.GaugeFull
	if b.Capacity > 0 && tokens*4 < b.Capacity {
		fp = st.GaugeLow
	}
	return st.Subtle.Render(label+" ") + fp.Render(text.Repeat("━", full)) + st.GaugeEmpty.Render(text.Repeat("─", cells-full)) +
		" " + st.Text.Render(text.Itoa(tokens)+"/"+text.Itoa(b.Capacity))
}

// feedErrorShownFor is how long a feed error stays in the status bar once
// the feed is live again: it recovers by itself (resyncs, reconnects), and
// an error it has recovered from must not read as a present problem.
const feedErrorShownFor = 30 * time.Second

// lastError is the most recent error of the REST client or the feed, in
// words, with its age.
func lastError(cx Ctx) string {
	if cx.HaveBudget && cx.Budget.LastError != "" {
		s := cx.Budget.LastError
		if !cx.Budget.LastErrorAt.IsZero() {
			s += " (" + text.ShortDuration(cx.Now.Sub(cx.Budget.LastErrorAt)) + " ago)"
		}
		return s
	}
	h := cx.Health
	troubled := h.State != stream.Live && h.State != stream.Replaying
	// Once live again, only an error of this connection is worth showing,
	// and only for a while: one the feed recovered from by reconnecting
	// (a failed dial, a lost connection) describes nothing present.
	recent := cx.Now.Sub(h.LastErrorAt) < feedErrorShownFor && !h.LastErrorAt.Before(h.ConnectedAt)
	if cx.HasFeed && h.LastError != "" && (troubled || recent) {
		return "feed: " + Trouble(cx.Health.LastError)
	}
	return ""
}

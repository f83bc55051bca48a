// Package accountview is the account view: the usage tier and the read and write
// budgets (GET /account/limits, and the limiter's live buckets), the API
// usage level's volume progress toward the next tier, the balance and
// portfolio value over the session, and the subaccounts, one of which the
// dashboard trades on. Where the exchange does not offer an endpoint the
// view says so instead of guessing.
package accountview

import (
	"strconv"
	"time"

	tea "charm.land/bubbletea/v2"

	"charm.land/bubbles/v2/key"

	"ladder/limiter"
	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Pane is the account view.
type Pane struct {
	keys   *keys.KeyMap
	cursor int // index into the subaccount list
	w, h   int
}

// New makes the view; km is the dashboard's keymap, read only.
func New(km *keys.KeyMap) *Pane { return &Pane{keys: km} }

// SetSize gives the pane its rectangle.
func (ap *Pane) SetSize(w, h int) { ap.w, ap.h = w, h }

// HandleKey moves the cursor over n subaccounts; it reports whether the
// key was the view's.
func (ap *Pane) HandleKey(msg tea.KeyPressMsg, n int) bool {
	k := ap.keys.Account
	switch {
	case key.Matches(msg, k.Up):
		ap.cursor--
	case key.Matches(msg, k.Down):
		ap.cursor++
	default:
		return false
	}
	ap.cursor = text.Clamp(ap.cursor, 0, max(n-1, 0))
	return true
}

// Selected is the subaccount under the cursor.
func (ap *Pane) Selected(subs []model.SubaccountBalance) (int, bool) {
	if ap.cursor < 0 || ap.cursor >= len(subs) {
		return 0, false
	}
	return subs[ap.cursor].SubaccountNumber, true
}

// Point is the account's cash and portfolio value at one moment.
type Point struct {
	At          time.Time
	Cash, Value model.Money
}

// Ctx is what the account view draws from the root.
type Ctx struct {
	Styles *styles.Styles
	Loc    *time.Location
	// Limits is /account/limits; LimitsErr says why it is missing.
	Limits    *limiter.Limits
	LimitsErr string
	// Budget is the limiter's live view of both buckets.
	Budget     limiter.Snapshot
	HaveBudget bool
	// Volume is /account/api_usage_level/volume_progress.
	Volume    []model.VolumeProgress
	VolumeErr string
	// History is the balance over the session, oldest first.
	History []Point
	// Subs lists the subaccounts with their cash; Trading is the one
	// traded on.
	Subs    []model.SubaccountBalance
	SubsErr string
	Trading int
}

// View draws the account view into exactly ap.w × ap.h cells.
func (ap *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := ap.w - 2
	label := func(s string) string { return st.Subtle.Render(text.PadRight(s, 10)) }
	var body []string

	// The tier and the budgets.
	tier := ""
	switch {
	case cx.Limits != nil && cx.Limits.UsageTier != "":
		tier = st.Header.Render(cx.Limits.UsageTier) + st.Subtle.Render("  (/account/limits)")
	case cx.HaveBudget:
		tier = st.Header.Render(cx.Budget.Tier.String()) + st.Subtle.Render("  (the limiter's; /account/limits: "+orUnknown(cx.LimitsErr)+")")
	default:
		tier = st.Subtle.Render(orUnknown(cx.LimitsErr))
	}
	body = append(body, label("tier")+tier)
	bucket := func(name string, lim *limiter.BucketLimits, live limiter.BucketSnapshot) string {
		s := ""
		if lim != nil && lim.RefillRate > 0 {
			s = st.Text.Render(rate(lim.RefillRate)+" tokens/s") + st.Subtle.Render(" · bucket ") + st.Text.Render(rate(lim.BucketCapacity))
		} else if cx.HaveBudget {
			s = st.Text.Render(rate(live.Refill)+" tokens/s") + st.Subtle.Render(" · bucket ") + st.Text.Render(text.Itoa(live.Capacity))
		}
		if cx.HaveBudget {
			s += st.Subtle.Render(" · now ") + gauge(st, live, 12)
		}
		if s == "" {
			s = st.Subtle.Render("unknown")
		}
		return label(name) + s
	}
	var rl, wl *limiter.BucketLimits
	if cx.Limits != nil {
		rl, wl = &cx.Limits.Read, &cx.Limits.Write
	}
	body = append(body, bucket("read", rl, cx.Budget.Read), bucket("write", wl, cx.Budget.Write))

	// The usage level's volume progress.
	switch {
	case cx.VolumeErr != "":
		body = append(body, label("volume")+st.Subtle.Render("progress toward the next tier: "+cx.VolumeErr))
	case len(cx.Volume) == 0:
		body = append(body, label("volume")+st.Subtle.Render("no volume progress reported"))
	default:
		current := ""
		if cx.Limits != nil {
			current = cx.Limits.UsageTier
		}
		for i, vp := range cx.Volume {
			when := ""
			if vp.ComputedTS > 0 {
				when = " (as of " + time.Unix(vp.ComputedTS, 0).In(loc(cx.Loc)).Format("Jan 2 15:04") + ")"
			}
			name := "volume"
			if i > 0 {
				name = ""
			}
			body = append(body, label(name)+st.Text.Render(text.Qty(vp.Trailing30dVolume)+" contracts")+st.Subtle.Render(" traded in 30 days"+when))
			for _, g := range vp.Goals {
				body = append(body, label("")+goalLine(st, vp.Trailing30dVolume, g, current, inner-10))
			}
		}
	}

	// The balance over the session.
	body = append(body, "")
	if n := len(cx.History); n > 0 {
		last := cx.History[n-1]
		cash := make([]int64, n)
		value := make([]int64, n)
		for i, p := range cx.History {
			cash[i], value[i] = int64(p.Cash), int64(p.Cash+p.Value)
		}
		spark := max(min(inner-40, 40), 8)
		first := cx.History[0]
		body = append(body, label("cash")+st.Header.Render(text.Money(last.Cash))+" "+st.Accent.Render(Sparkline(cash, spark))+
			st.Subtle.Render(" from "+text.Money(first.Cash)))
		body = append(body, label("+ value")+st.Text.Render(text.Money(last.Cash+last.Value))+" "+st.Accent.Render(Sparkline(value, spark))+
			st.Subtle.Render(" since "+first.At.In(loc(cx.Loc)).Format("15:04")))
	} else {
		body = append(body, label("cash")+st.Subtle.Render("…"))
	}

	// The subaccounts.
	body = append(body, "", st.Header.Render(text.PadRight("  subaccount", 20)+text.PadLeft("cash", 14)))
	switch {
	case cx.SubsErr != "":
		body = append(body, st.Subtle.Render("  subaccounts: "+cx.SubsErr))
		body = append(body, subLine(st, model.SubaccountBalance{}, cx.Trading == 0, ap.cursor == 0, false))
	case len(cx.Subs) == 0:
		body = append(body, st.Subtle.Render("  listing…"))
	default:
		room := max(ap.h-2-len(body), 1)
		start := max(ap.cursor-room+1, 0)
		for i := start; i < len(cx.Subs) && i < start+room; i++ {
			b := cx.Subs[i]
			body = append(body, subLine(st, b, b.SubaccountNumber == cx.Trading, i == ap.cursor, true))
		}
	}
	k := ap.keys.Account
	footer := st.Subtle.Render(keys.First(k.Use) + " trade on it · " + keys.First(k.Refresh) + " refresh · " + keys.First(k.Close) + " back")
	return st.Frame(ap.w, ap.h, styles.Border{Title: st.Title.Render("Account"), Footer: footer, Focused: true}, body)
}

// subLine is one subaccount's row.
func subLine(st *styles.Styles, b model.SubaccountBalance, trading, cur, haveCash bool) string {
	mark := "  "
	if cur {
		mark = "▶ "
	}
	name := text.Itoa(b.SubaccountNumber)
	if b.SubaccountNumber == 0 {
		name += " primary"
	}
	cash := "—"
	if haveCash {
		cash = text.Money(b.Balance)
	}
	s := st.Accent.On(cur).Render(mark) + st.Text.On(cur).Render(text.PadRight(name, 18)) + st.Text.On(cur).Render(text.PadLeft(cash, 14))
	if trading {
		s += st.OK.On(cur).Render("  ● trading")
	}
	return s
}

// goalLine is one usage level's volume goal against the trailing volume.
func goalLine(st *styles.Styles, vol model.Qty, g model.VolumeGoal, current string, w int) string {
	s := st.Text.Render(text.PadRight(g.Level, 10))
	if g.EarnVolumeGoal > 0 {
		pct := min(int64(vol)*100/int64(g.EarnVolumeGoal), 100)
		done := vol >= g.EarnVolumeGoal
		s += st.Subtle.Render(" earn ") + st.Text.Render(text.PadLeft(text.Qty(g.EarnVolumeGoal), 6)) + " " + bar(st, int(pct), 10)
		if done {
			s += st.OK.Render(" earned")
		} else {
			s += st.Subtle.Render(text.PadLeft(strconv.FormatInt(pct, 10)+"%", 7))
		}
	}
	if g.KeepVolumeGoal > 0 {
		s += st.Subtle.Render(" · keep ") + st.Text.Render(text.Qty(g.KeepVolumeGoal))
	}
	if g.Level == current {
		s += st.Accent.Render("  ← yours")
	}
	return text.Trunc(s, w)
}

// bar is a progress bar of w cells, pct percent full.
func bar(st *styles.Styles, pct, w int) string {
	full := text.Clamp(pct*w/100, 0, w)
	return st.GaugeFull.Render(text.Repeat("━", full)) + st.GaugeEmpty.Render(text.Repeat("─", w-full))
}

// gauge is a live bucket: its fill and tokens/capacity.
func gauge(st *styles.Styles, b limiter.BucketSnapshot, w int) string {
	pct := 0
	if b.Capacity > 0 {
		pct = int(b.Tokens) * 100 / b.Capacity
	}
	return bar(st, pct, w) + " " + st.Text.Render(text.Itoa(int(b.Tokens))+"/"+text.Itoa(b.Capacity))
}

// rate formats a token rate or capacity (a count, not money).
func rate(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func orUnknown(s string) string {
	if s == "" {
		return "loading…"
	}
	return s
}

func loc(l *time.Location) *time.Location {
	if l == nil {
		return time.UTC
	}
	return l
}

// sparks are the eight heights of a sparkline cell.
var sparks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values as w cells of block heights, the newest at the
// right; with more values than cells it keeps the newest. A flat series
// sits at the bottom. Integer arithmetic throughout.
func Sparkline(values []int64, w int) string {
	if w <= 0 || len(values) == 0 {
		return ""
	}
	if len(values) > w {
		values = values[len(values)-w:]
	}
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo, hi = min(lo, v), max(hi, v)
	}
	out := make([]rune, len(values))
	for i, v := range values {
		lvl := 0
		if hi > lo {
			lvl = int((v - lo) * int64(len(sparks)-1) / (hi - lo))
		}
		out[i] = sparks[lvl]
	}
	return string(out)
}

// ShortHelp lists the view's keys.
func (ap *Pane) ShortHelp() []key.Binding {
	k := ap.keys.Account
	return []key.Binding{k.Use, k.Refresh, k.Close}
}

// FullHelp lists the view's keys.
func (ap *Pane) FullHelp() [][]key.Binding {
	k := ap.keys.Account
	return [][]key.Binding{{k.Up, k.Down, k.Use, k.Refresh, k.Close}}
}

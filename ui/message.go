package ui

import (
	"github.com/charmbracelet/x/ansi"

	"ladder/desk"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// messageLine shows the last notice on the left and a key hint on the
// right; the kill-switch lock is a banner that stays until unlocked. When
// the line is too narrow the least useful parts go first: the key hint on
// the right, the notice's own hint, the banner's long form, the clock; only
// then is the notice itself cut.
func (m *Model) messageLine(w int) string {
	st := m.st
	hint := st.Subtle.Render(keys.First(m.keys.Global.Help) + " help · " + keys.First(m.keys.Global.Quit) + " quit")
	if w >= 150 {
		// Room for the focused pane's most used keys.
		h := m.help
		h.SetWidth(w / 2)
		hint = h.ShortHelpView(m.focusedHelp().ShortHelp())
	}
	kw := ansi.StringWidth(hint)
	variants := []messageParts{{longBanner: true, clock: true, hint: true}, {longBanner: true, clock: true}, {clock: true}, {}}
	full := m.messageLeft(variants[0])
	if room := w - kw - 2; room >= 20 && ansi.StringWidth(full) <= room {
		return text.Fit(full, room) + "  " + hint
	}
	for _, v := range variants {
		if left := m.messageLeft(v); ansi.StringWidth(left) <= w {
			return text.Fit(left, w)
		}
	}
	return text.Fit(m.messageLeft(variants[len(variants)-1]), w)
}

// messageParts says which optional parts of the message line to draw.
type messageParts struct{ longBanner, clock, hint bool }

// messageLeft is the lock banner and the notice, with the parts asked for.
func (m *Model) messageLeft(p messageParts) string {
	st := m.st
	left := ""
	if l := m.desk.View().Lock; l.Locked() {
		unlock := keys.Label(m.keys.Global.Unlock)
		if p.longBanner {
			left = st.Locked.Render(" ■ ORDER ENTRY LOCKED — "+lockBannerWords(l)+" · "+unlock+" unlocks ") + " "
		} else {
			left = st.Locked.Render(" ■ LOCKED · "+unlock+" unlocks ") + " "
		}
	}
	n := m.notice
	if n.text == "" {
		return left
	}
	if m.unread > 0 {
		// Messages replaced before they could be read (a fill above all)
		// are counted until the history is opened: nothing is lost unseen.
		left += st.Accent.Render("+"+text.Itoa(m.unread)+" earlier ("+keys.First(m.keys.Global.History)+")") + " "
	}
	if p.clock {
		left += st.Subtle.Render(text.Clock(n.at, m.opts.Location) + " ")
	}
	left += noticePaint(st, n.lvl).Render(n.text)
	if p.hint && n.hint != "" {
		left += st.Subtle.Render(" · " + n.hint)
	}
	return left
}

// noticePaint is the paint of a notice of the level.
func noticePaint(st *styles.Styles, lvl level) styles.Paint {
	switch lvl {
	case lvlGood:
		return st.OK.Normal
	case lvlWarn:
		return st.Warning.Normal
	case lvlBad:
		return st.Error.Normal
	}
	return st.Text.Normal
}

// lockBannerWords names what locked entry, for the banner: "kill switch",
// "daily loss limit", "exchange guard".
func lockBannerWords(l desk.Lock) string {
	switch l.Reason {
	case desk.LockLoss:
		return "daily loss limit (" + text.SignedMoney(l.PnL) + ")"
	case desk.LockGuard:
		return "exchange order-group guard"
	}
	if l.By != "" {
		return "kill switch by " + l.By
	}
	return "kill switch"
}

package ui

import (
	"ladder/ui/keys"
	"ladder/ui/layout"
	"ladder/ui/text"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The too-small screen: below the minimum size the dashboard cannot draw
// its panes, but the safety keys still work — the kill switch, cancel all
// in the active ladder's market, unlock (with its confirmation) and quit
// (with the resting-orders question) — and the screen says what they did.

// tooSmallKey handles a key on the too-small screen.
func (m *Model) tooSmallKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.keys.Global
	if d := m.currentDialog(); d != nil {
		switch {
		case d.kind == dialogQuit || d.kind == dialogUnlock:
			return m.dialogKey(d, msg)
		case key.Matches(msg, m.keys.Dialog.Dismiss):
			// An order can only be confirmed where it can be read.
			return m.dialogKey(d, msg)
		}
	}
	switch {
	case key.Matches(msg, g.Kill):
		return m.kill()
	case key.Matches(msg, g.KillSubaccount):
		return m.killSubaccount()
	case key.Matches(msg, g.Unlock):
		return m.askUnlock()
	case key.Matches(msg, g.Quit):
		m.closeModals(isTicket)
		return m.quit()
	case key.Matches(msg, m.keys.Ladder.CancelAll):
		lp := m.activeLadder()
		if lp == nil {
			m.say(lvlWarn, "no ladder open: "+keys.First(g.Kill)+" cancels every order")
			return nil
		}
		return m.cancelMarket(lp)
	}
	m.say(lvlInfo, "screen too small: only the keys below work")
	return nil
}

// tooSmall explains the minimum size, shows the message line and an open
// quit or unlock question, and lists the keys that still work.
func (m *Model) tooSmall() string {
	st := m.st
	w := m.width
	k := m.keys
	lines := []string{
		st.Warning.Render(text.Center(text.Trunc("ladder needs at least "+text.Itoa(layout.MinWidth)+"×"+text.Itoa(layout.MinHeight)+" (this is "+text.Itoa(m.width)+"×"+text.Itoa(m.height)+")", w), w)),
	}
	if l := m.desk.View().Lock; l.Locked() {
		lines = append(lines, st.Locked.Render(text.Center(text.Trunc("■ ENTRY LOCKED: "+lockWords(l), w), w)))
	}
	if n := m.notice; n.text != "" {
		tone := st.Text.Normal
		switch n.lvl {
		case lvlGood:
			tone = st.OK.Normal
		case lvlWarn:
			tone = st.Warning.Normal
		case lvlBad:
			tone = st.Error.Normal
		}
		for _, l := range text.WrapWords(n.text, w) {
			lines = append(lines, tone.Render(text.Center(l, w)))
		}
	}
	if d := m.currentDialog(); d != nil {
		lines = append(lines, "")
		for _, l := range d.short {
			for _, wl := range text.WrapWords(l, w) {
				lines = append(lines, st.Header.Render(text.Center(wl, w)))
			}
		}
		if !d.armed(m.now) {
			lines = append(lines, st.Subtle.Render(text.Center("arming…", w)))
		}
	}
	keys := keys.First(k.Global.Kill) + " kill · " + keys.First(k.Ladder.CancelAll) + " cancel all · " +
		keys.First(k.Global.Unlock) + " unlock · " + keys.First(k.Global.Quit) + " quit"
	lines = append(lines, "", st.Subtle.Render(text.Center(text.Trunc("enlarge it; these keys work here:", w), w)))
	for _, l := range text.WrapWords(keys, w) {
		lines = append(lines, st.Subtle.Render(text.Center(l, w)))
	}
	if len(lines) > m.height {
		lines = lines[len(lines)-m.height:]
	}
	out := make([]string, m.height)
	top := max((m.height-len(lines))/2, 0)
	for i := range out {
		if j := i - top; j >= 0 && j < len(lines) {
			out[i] = text.Fit(lines[j], w)
			continue
		}
		out[i] = text.Spaces(w)
	}
	return strings.Join(out, "\n")
}

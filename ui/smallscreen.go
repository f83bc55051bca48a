package ui

import (
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
	if d := m.dialog; d != nil {
		switch {
		case d.kind == dialogQuit || d.kind == dialogUnlock:
			return m.dialogKey(msg)
		case key.Matches(msg, m.keys.Dialog.Dismiss):
			// An order can only be confirmed where it can be read.
			return m.dialogKey(msg)
		}
	}
	switch {
	case key.Matches(msg, g.Kill):
		return m.kill()
	case key.Matches(msg, g.Unlock):
		return m.askUnlock()
	case key.Matches(msg, g.Quit):
		m.ticket = nil
		return m.quit()
	case key.Matches(msg, m.keys.Ladder.CancelAll):
		lp := m.activeLadder()
		if lp == nil {
			m.say(lvlWarn, "no ladder open: "+firstKey(g.Kill)+" cancels every order")
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
		st.Warning.n.s(center(trunc("ladder needs at least "+itoa(MinWidth)+"×"+itoa(MinHeight)+" (this is "+itoa(m.width)+"×"+itoa(m.height)+")", w), w)),
	}
	if l := m.desk.View().Lock; l.Locked() {
		lines = append(lines, st.Locked.s(center(trunc("■ ENTRY LOCKED: "+lockWords(l), w), w)))
	}
	if n := m.notice; n.text != "" {
		tone := st.Text.n
		switch n.lvl {
		case lvlGood:
			tone = st.OK.n
		case lvlWarn:
			tone = st.Warning.n
		case lvlBad:
			tone = st.Error.n
		}
		for _, l := range wrapWords(n.text, w) {
			lines = append(lines, tone.s(center(l, w)))
		}
	}
	if d := m.dialog; d != nil {
		lines = append(lines, "")
		for _, l := range d.short {
			for _, wl := range wrapWords(l, w) {
				lines = append(lines, st.Header.n.s(center(wl, w)))
			}
		}
		if !d.armed(m.now) {
			lines = append(lines, st.Subtle.n.s(center("arming…", w)))
		}
	}
	keys := firstKey(k.Global.Kill) + " kill · " + firstKey(k.Ladder.CancelAll) + " cancel all · " +
		firstKey(k.Global.Unlock) + " unlock · " + firstKey(k.Global.Quit) + " quit"
	lines = append(lines, "", st.Subtle.n.s(center(trunc("enlarge it; these keys work here:", w), w)))
	for _, l := range wrapWords(keys, w) {
		lines = append(lines, st.Subtle.n.s(center(l, w)))
	}
	if len(lines) > m.height {
		lines = lines[len(lines)-m.height:]
	}
	out := make([]string, m.height)
	top := max((m.height-len(lines))/2, 0)
	for i := range out {
		if j := i - top; j >= 0 && j < len(lines) {
			out[i] = fit(lines[j], w)
			continue
		}
		out[i] = spaces(w)
	}
	return strings.Join(out, "\n")
}

// wrapWords breaks plain text into lines of at most w cells at spaces.
func wrapWords(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case width(line)+1+width(word) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
		for width(line) > w {
			out = append(out, trunc(line, w))
			line = ""
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// The message history: every notice the message line showed, with its
// time, so nothing said is lost when the next message replaces it. The
// history key opens the last historyMax of them in a modal.

// historyMax is how many notices the history keeps.
const historyMax = 200

// readTime is how long a notice must have been on the line to count as
// read when the next replaces it; a fill counts as unread whatever its time.
const readTime = 2 * time.Second

// history is a ring of the last historyMax notices. The model holds it by
// pointer: every copy of the model shares one history.
type history struct {
	buf  [historyMax]notice
	next int // notices ever kept; the newest is buf[(next-1)%historyMax]
}

// add keeps a notice, dropping the oldest beyond historyMax.
func (h *history) add(n notice) {
	h.buf[h.next%historyMax] = n
	h.next++
}

// amendLast replaces the newest notice (a tally whose counts moved).
func (h *history) amendLast(n notice) {
	if h.next == 0 {
		h.add(n)
		return
	}
	h.buf[(h.next-1)%historyMax] = n
}

// len is how many notices are kept.
func (h *history) len() int { return min(h.next, historyMax) }

// at returns the i-th newest notice (0 is the newest).
func (h *history) at(i int) notice { return h.buf[(h.next-1-i)%historyMax] }

// remember keeps a notice that replaces the one on the line, and counts
// the one it replaces as unread when it was a fill, or a warning or news
// (not mere information) on the line for less than readTime.
func (m *Model) remember(n notice, amend bool) {
	if amend {
		m.hist.amendLast(n)
		return
	}
	if old := m.notice; old.text != "" && (old.fill || (old.lvl != lvlInfo && m.now.Sub(old.at) < readTime)) {
		m.unread++
	}
	m.hist.add(n)
}

// historyOverlay is the message history modal: newest first, scrolling.
type historyOverlay struct {
	keys *keys.KeyMap // read only
	top  int
}

// openHistory shows the history from its newest message; everything said
// is now seen.
func (m *Model) openHistory() {
	m.unread = 0
	m.pushModal(&historyOverlay{keys: m.keys})
}

// Update closes or scrolls the history; the kill switch works there too.
func (h *historyOverlay) Update(m *Model, msg tea.Msg) tea.Cmd {
	return m.readingKey(h, msg, m.keys.Global.History, h.scroll)
}

// ShortHelp is the keys that close the history.
func (h *historyOverlay) ShortHelp() []key.Binding {
	return []key.Binding{h.keys.Global.History, h.keys.Dialog.Dismiss}
}

// FullHelp is the history's own keys: closing and scrolling.
func (h *historyOverlay) FullHelp() [][]key.Binding {
	mk := h.keys.Markets
	return [][]key.Binding{h.ShortHelp(), {mk.Down, mk.Up, mk.PageDown, mk.PageUp}}
}

// scroll moves the window by delta lines, within the history.
func (h *historyOverlay) scroll(m *Model, delta int) {
	h.top = text.Clamp(h.top+delta, 0, max(m.hist.len()-m.helpRoom(), 0))
}

// View draws the history as a box as wide as the screen allows: each
// notice on one line with its time, newest first; the border says how
// many more there are above and below.
func (h *historyOverlay) View(m *Model) []string {
	st := m.st
	w := max(m.width-4, 30)
	inner := w - 3 // border and the box's left margin
	room := m.helpRoom() - 1
	n := m.hist.len()
	top := text.Clamp(h.top, 0, max(n-room, 0))
	// Each message whole: a long one wraps under its text, never cut.
	var lines []string
	const clockW = 9 // "15:04:05 "
	shown := 0
	for i := top; i < n && len(lines) < room; i++ {
		shown++
		e := m.hist.at(i)
		words := e.text
		if e.hint != "" {
			words += " · " + e.hint
		}
		for j, part := range text.WrapWords(words, inner-clockW) {
			lead := st.Subtle.Render(text.Clock(e.at, m.opts.Location) + " ")
			if j > 0 {
				lead = text.Spaces(clockW)
			}
			lines = append(lines, lead+noticePaint(st, e.lvl).Render(part))
		}
	}
	lines = lines[:min(len(lines), room)]
	if n == 0 {
		lines = append(lines, st.Subtle.Render("nothing said yet"))
	}
	title := st.Title.Render("Messages") + st.Subtle.Render(" newest first · "+text.Itoa(n)+" of the last "+text.Itoa(historyMax))
	if top > 0 {
		title += st.Accent.Render(" ↑" + text.Itoa(top) + " newer")
	}
	closeHint := keys.First(m.keys.Global.History) + " or " + keys.Label(m.keys.Dialog.Dismiss) + " closes"
	footer := st.Subtle.Render(closeHint)
	if below := n - top - shown; below > 0 {
		footer = st.Accent.Render("↓"+text.Itoa(below)+" older") + st.Subtle.Render(" · "+keys.First(m.keys.Markets.Down)+"/"+keys.First(m.keys.Markets.Up)+" scroll · "+closeHint)
	}
	body := make([]string, 0, len(lines))
	for _, l := range lines {
		body = append(body, " "+l)
	}
	return st.Frame(w, len(body)+2, styles.Border{Title: title, Footer: footer, Focused: true}, body)
}

package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// helpOverlay is the help: every key of the focused pane and the global
// ones, generated from the keymap, in a box that scrolls when it is taller
// than the screen.
type helpOverlay struct {
	keys *keys.KeyMap // read only
	top  int          // first line shown when the help scrolls
}

// openHelp shows the help from its first line.
func (m *Model) openHelp() { m.pushModal(&helpOverlay{keys: m.keys}) }

// Update closes or scrolls the help; the kill switch works there too.
func (h *helpOverlay) Update(m *Model, msg tea.Msg) tea.Cmd {
	return m.readingKey(h, msg, m.keys.Global.Help, h.scroll)
}

// readingKey is the keys of an overlay that is read and scrolled (the
// help, the message history): its own key, dismiss or quit close it, the
// kill switch closes it and fires, the list-moving keys scroll it.
func (m *Model) readingKey(md Modal, msg tea.Msg, own key.Binding, scroll func(*Model, int)) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	g, mk := m.keys.Global, m.keys.Markets
	switch {
	case key.Matches(k, own, m.keys.Dialog.Dismiss, g.Quit):
		m.closeModal(md)
	case key.Matches(k, g.Kill):
		m.closeModal(md)
		return m.kill()
	case key.Matches(k, mk.Down, m.keys.Ladder.Down):
		scroll(m, 1)
	case key.Matches(k, mk.Up, m.keys.Ladder.Up):
		scroll(m, -1)
	case key.Matches(k, mk.PageDown, m.keys.Ladder.PageDown):
		scroll(m, m.helpRoom()-1)
	case key.Matches(k, mk.PageUp, m.keys.Ladder.PageUp):
		scroll(m, -(m.helpRoom() - 1))
	}
	return nil
}

// ShortHelp is the keys that close the help.
func (h *helpOverlay) ShortHelp() []key.Binding {
	return []key.Binding{h.keys.Global.Help, h.keys.Dialog.Dismiss}
}

// FullHelp is the help's own keys: closing and scrolling.
func (h *helpOverlay) FullHelp() [][]key.Binding {
	mk := h.keys.Markets
	return [][]key.Binding{h.ShortHelp(), {mk.Down, mk.Up, mk.PageDown, mk.PageUp}}
}

// helpContext names the focused pane's keys in the help: "ladder keys".
func (m *Model) helpContext() string {
	if m.full != fullNone {
		return m.full.String()
	}
	return m.focus.String()
}

// helpLines is the help's body: every binding of the focused pane and the
// global ones, generated from the keymap (so rebinding changes the help
// too), then the quantity presets, the confirmation policy and the
// start-up notices.
func (m *Model) helpLines() []string {
	st := m.st
	ctx := m.helpContext()
	global := m.keys.GlobalHelp()
	pane := m.focusedHelp().FullHelp()
	presetsShown := m.showPresets(pane)
	h := m.help
	h.SetWidth(0) // the box sizes itself; never cut a column
	avail := max(m.width-8, 20)
	var lines []string
	lines = append(lines, st.Header.Render(ctx+" keys"))
	lines = append(lines, helpRows(h, pane, avail)...)
	lines = append(lines, "", st.Header.Render("global keys"))
	lines = append(lines, helpRows(h, global, avail)...)
	if !m.opts.NoMouse {
		lines = append(lines, "", st.Header.Render("mouse"))
		lines = append(lines, helpRows(h, mouseHelp(), avail)...)
	}
	if m.opts.Replay != nil {
		lines = append(lines, "", st.Header.Render("replay keys"))
		lines = append(lines, helpRows(h, m.keys.ReplayHelp(), avail)...)
	}
	lines = append(lines, "")
	if !presetsShown {
		lines = append(lines, st.Subtle.Render("quantity presets "+presetText(m.opts.QtyPresets)))
	}
	lines = append(lines, st.Subtle.Render("confirmation: "+confirmText(m.opts.Confirm)))
	// The start-up notices stay readable here after the message line moved on.
	for _, n := range m.opts.Notices {
		lines = append(lines, st.Warning.Render(text.Trunc("! "+n, avail)))
	}
	return lines
}

// helpRoom is how many help lines fit: the main rows minus the border.
func (m *Model) helpRoom() int { return max(m.height-2-2, 1) }

// scroll moves the help window by delta lines, within its length.
func (h *helpOverlay) scroll(m *Model, delta int) {
	total := len(m.helpLines())
	h.top = text.Clamp(h.top+delta, 0, max(total-m.helpRoom(), 0))
}

// View draws the help as a box. When it is taller than the screen it
// scrolls, and the border says how much is above and below and how to
// reach it; nothing is cut off silently.
func (h *helpOverlay) View(m *Model) []string {
	st := m.st
	lines := m.helpLines()
	w := 0
	for _, l := range lines {
		w = max(w, text.Width(text.Strip(l)))
	}
	room := m.helpRoom()
	top := text.Clamp(h.top, 0, max(len(lines)-room, 0))
	title := st.Title.Render("Keys")
	closeHint := keys.First(m.keys.Global.Help) + " or " + keys.Label(m.keys.Dialog.Dismiss) + " closes"
	footer := st.Subtle.Render(closeHint)
	if len(lines) > room {
		below := len(lines) - room - top
		if top > 0 {
			title += st.Accent.Render(" ↑" + text.Itoa(top) + " more")
		}
		scroll := keys.First(m.keys.Markets.Down) + "/" + keys.First(m.keys.Markets.Up) + " scroll"
		if below > 0 {
			footer = st.Accent.Render("↓"+text.Itoa(below)+" more") + st.Subtle.Render(" · "+scroll+" · "+closeHint)
		} else {
			footer = st.Subtle.Render(scroll + " · " + closeHint)
		}
		lines = lines[top : top+room]
		// The footer must fit in the border too.
		w = max(w, text.Width(text.Strip(footer))+2)
	}
	body := make([]string, len(lines))
	for i, l := range lines {
		body[i] = " " + l
	}
	// How to close it sits in the border, where it never costs a line.
	return st.Frame(min(w+4, m.width-2), len(body)+2, styles.Border{Title: title, Footer: footer, Focused: true}, body)
}

// showPresets writes each quantity preset's contracts into its help entry
// ("1 qty 10"), which saves the help a line of notes on small screens. It
// reports whether the presets are among the bindings.
func (m *Model) showPresets(cols [][]key.Binding) bool {
	shown := false
	presets := m.keys.Ladder.Presets()
	for _, col := range cols {
		for j, b := range col {
			for i, p := range presets {
				if i < len(m.opts.QtyPresets) && b.Help() == p.Help() && slices.Equal(b.Keys(), p.Keys()) {
					col[j].SetHelp(b.Help().Key, "qty "+m.opts.QtyPresets[i].Short())
					shown = true
				}
			}
		}
	}
	return shown
}

// helpRows lays the help columns out in as many rows as the width needs,
// so a narrow terminal wraps columns instead of cutting them.
func helpRows(h help.Model, groups [][]key.Binding, avail int) []string {
	var out []string
	var row [][]key.Binding
	flush := func() {
		if len(row) > 0 {
			if len(out) > 0 {
				out = append(out, "")
			}
			out = append(out, strings.Split(h.FullHelpView(row), "\n")...)
			row = nil
		}
	}
	for _, g := range groups {
		try := append(append([][]key.Binding(nil), row...), g)
		if len(row) > 0 && maxLineWidth(h.FullHelpView(try)) > avail {
			flush()
			try = [][]key.Binding{g}
		}
		row = try
	}
	flush()
	return out
}

// maxLineWidth is the widest line of a block.
func maxLineWidth(s string) int {
	w := 0
	for _, l := range strings.Split(s, "\n") {
		w = max(w, ansi.StringWidth(l))
	}
	return w
}

func presetText(ps []model.Qty) string {
	parts := make([]string, len(ps))
	for i, q := range ps {
		parts[i] = text.Itoa(i+1) + "→" + q.Short()
	}
	return strings.Join(parts, " ")
}

func confirmText(p ConfirmPolicy) string {
	switch p.Mode {
	case ConfirmAlways:
		return "every order"
	case ConfirmNever:
		return "only far-from-market orders"
	}
	var parts []string
	if p.AboveQty > 0 {
		parts = append(parts, "above "+p.AboveQty.Short()+" contracts")
	}
	if p.AboveNotional > 0 {
		parts = append(parts, "above "+text.Money(p.AboveNotional))
	}
	if len(parts) == 0 {
		return "only far-from-market orders"
	}
	return strings.Join(parts, " or ")
}

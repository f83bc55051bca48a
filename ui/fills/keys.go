package fills

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The fills pane's keys are keys.FillsKeys: they only scroll, so all of
// them act here.

// HandleKey scrolls through total fills for the pane's keys and reports
// whether msg was one of them.
func (fp *Pane) HandleKey(msg tea.KeyPressMsg, total int) bool {
	k := fp.keys.Fills
	switch {
	case key.Matches(msg, k.Up):
		fp.scroll(-1, total)
	case key.Matches(msg, k.Down):
		fp.scroll(1, total)
	case key.Matches(msg, k.PageUp):
		fp.scroll(-fp.rowsShown(), total)
	case key.Matches(msg, k.PageDown):
		fp.scroll(fp.rowsShown(), total)
	default:
		return false
	}
	return true
}

// Offset is how many fills are scrolled past at the top (0: the newest).
func (fp *Pane) Offset() int { return fp.offset }

// ShortHelp is the pane's keys for the message line.
func (fp *Pane) ShortHelp() []key.Binding {
	f, g := fp.keys.Fills, fp.keys.Global
	return []key.Binding{f.Down, f.Up, g.NextPane, g.Help, g.Quit}
}

// FullHelp is the pane's keys in the help's columns.
func (fp *Pane) FullHelp() [][]key.Binding {
	f := fp.keys.Fills
	return [][]key.Binding{{f.Up, f.Down, f.PageUp, f.PageDown}}
}

package markets

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The markets list's keys are keys.MarketsKeys, and keys.FilterKeys while a
// query is typed. Moving the list and the filter act here; opening a
// ladder and saving favourites are the root's (ui/route.go).

// HandleKey moves the list for the pane's navigation keys, clears a kept
// filter, and reports whether msg was one of those.
func (mp *Pane) HandleKey(msg tea.KeyPressMsg) bool {
	k := mp.keys.Markets
	switch {
	case key.Matches(msg, k.Up):
		mp.Move(-1)
	case key.Matches(msg, k.Down):
		mp.Move(1)
	case key.Matches(msg, k.PageUp):
		mp.Move(-mp.ListRows())
	case key.Matches(msg, k.PageDown):
		mp.Move(mp.ListRows())
	case key.Matches(msg, k.ClearFilter) && mp.filter() != "":
		mp.input.Reset()
		mp.rebuild()
	default:
		return false
	}
	return true
}

// ShortHelp is the list's most used keys, for the message line.
func (mp *Pane) ShortHelp() []key.Binding {
	m, g := mp.keys.Markets, mp.keys.Global
	return []key.Binding{m.Open, g.Filter, m.Favourite, g.NextPane, g.Help, g.Quit}
}

// FullHelp is the list's keys in the help's columns.
func (mp *Pane) FullHelp() [][]key.Binding {
	m := mp.keys.Markets
	return [][]key.Binding{{m.Up, m.Down, m.PageUp, m.PageDown, m.Open, m.Favourite, m.ClearFilter, m.Board}}
}

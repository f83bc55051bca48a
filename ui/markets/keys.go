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
	case key.Matches(msg, k.ClearFilter) && mp.filter != "":
		mp.filter = ""
		mp.rebuild()
	default:
		return false
	}
	return true
}

// Editing reports whether a query is being typed into the filter.
func (mp *Pane) Editing() bool { return mp.editing }

// StartFilter starts typing into the filter.
func (mp *Pane) StartFilter() {
	mp.editing = true
	mp.scroll()
}

// Filter is the query the list is filtered by ("" for none).
func (mp *Pane) Filter() string { return mp.filter }

// FilterKey edits the filter while it is typed: text, backspace, enter
// keeps it, esc clears it; the up and down keys that type no text still
// move the list.
func (mp *Pane) FilterKey(msg tea.KeyPressMsg) {
	switch {
	case msg.Code == tea.KeyEnter:
		mp.editing = false
	case msg.Code == tea.KeyEscape:
		mp.editing = false
		mp.filter = ""
		mp.rebuild()
	case msg.Code == tea.KeyBackspace:
		if r := []rune(mp.filter); len(r) > 0 {
			mp.filter = string(r[:len(r)-1])
			mp.rebuild()
		}
	case key.Matches(msg, mp.keys.Markets.Up) && msg.Text == "":
		mp.Move(-1)
	case key.Matches(msg, mp.keys.Markets.Down) && msg.Text == "":
		mp.Move(1)
	case msg.Text != "":
		mp.filter += msg.Text
		mp.rebuild()
	}
}

// ShortHelp is the list's most used keys, for the message line.
func (mp *Pane) ShortHelp() []key.Binding {
	m, g := mp.keys.Markets, mp.keys.Global
	return []key.Binding{m.Open, g.Filter, m.Favourite, g.NextPane, g.Help, g.Quit}
}

// FullHelp is the list's keys in the help's columns.
func (mp *Pane) FullHelp() [][]key.Binding {
	m := mp.keys.Markets
	return [][]key.Binding{{m.Up, m.Down, m.PageUp, m.PageDown, m.Open, m.Favourite, m.ClearFilter}}
}

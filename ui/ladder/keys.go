package ladder

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The ladder's keys are keys.LadderKeys (rebindable from the config file).
// The ones that only move the window act here; order entry, quantities,
// the terms toggle and closing, which speak on the message line or span
// panes, are the root's (ui/entry.go).

// HandleKey moves the cursor for the ladder's navigation keys and reports
// whether msg was one of them.
func (lp *Pane) HandleKey(msg tea.KeyPressMsg) bool {
	k := lp.keys.Ladder
	switch {
	case key.Matches(msg, k.Up):
		lp.Move(1)
	case key.Matches(msg, k.Down):
		lp.Move(-1)
	case key.Matches(msg, k.PageUp):
		lp.Page(1)
	case key.Matches(msg, k.PageDown):
		lp.Page(-1)
	case key.Matches(msg, k.Recenter):
		lp.Recenter()
	default:
		return false
	}
	return true
}

// ShortHelp is the ladder's most used keys, for the message line.
func (lp *Pane) ShortHelp() []key.Binding {
	l, g := lp.keys.Ladder, lp.keys.Global
	return []key.Binding{l.Bid, l.Ask, l.BuyNow, l.SellNow, l.CancelLevel, l.Ticket, g.Help, g.Quit}
}

// FullHelp is the ladder's keys in the help's columns (the global keys
// follow them there).
func (lp *Pane) FullHelp() [][]key.Binding {
	l := lp.keys.Ladder
	return [][]key.Binding{
		{l.Up, l.Down, l.PageUp, l.PageDown, l.Recenter, l.ToggleTerms},
		{l.Bid, l.Ask, l.BuyNow, l.SellNow, l.Ticket, l.Move},
		{l.CancelLevel, l.CancelAll, l.Flatten, l.QtyUp, l.QtyDown, l.Close},
		{l.Preset1, l.Preset2, l.Preset3, l.Preset4, l.Preset5},
		{l.JoinBid, l.JoinAsk, l.Count, l.Zoom, l.PnL},
	}
}

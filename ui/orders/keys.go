package orders

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
)

// The orders pane's keys are keys.OrdersKeys. The cursor and the selection
// act here; cancelling and amending, which send to the exchange, are the
// root's (ui/route.go).

// HandleKey moves the cursor and the selection over list (the orders as
// drawn) for the pane's own keys, and reports whether msg was one of them.
// The caller clamps the cursor afterwards (ClampCursor), as orders may
// have gone.
func (op *Pane) HandleKey(msg tea.KeyPressMsg, list []desk.Order) bool {
	k := op.keys.Orders
	switch {
	case key.Matches(msg, k.Up):
		op.cursor--
	case key.Matches(msg, k.Down):
		op.cursor++
	case key.Matches(msg, k.Select):
		op.toggle(list)
	case key.Matches(msg, k.SelectAll):
		op.selectAll(list)
	default:
		return false
	}
	return true
}

// ClearSelection drops every selected order (they are being cancelled).
func (op *Pane) ClearSelection() { clear(op.selected) }

// ShortHelp is the pane's most used keys, for the message line.
func (op *Pane) ShortHelp() []key.Binding {
	o, g := op.keys.Orders, op.keys.Global
	return []key.Binding{o.Select, o.Cancel, o.CancelSelected, o.Amend, g.Help, g.Quit}
}

// FullHelp is the pane's keys in the help's columns.
func (op *Pane) FullHelp() [][]key.Binding {
	o := op.keys.Orders
	return [][]key.Binding{
		{o.Up, o.Down, o.Select, o.SelectAll},
		{o.Cancel, o.CancelSelected, o.Amend},
	}
}

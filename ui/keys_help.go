package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// ContextHelp is the help for one context; it satisfies help.KeyMap, so
// help.Model.View(km.Help(ui.ContextLadder)) renders it.
type ContextHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

var _ help.KeyMap = ContextHelp{}

// ShortHelp returns the one-line help: the context's most used keys.
func (h ContextHelp) ShortHelp() []key.Binding { return h.short }

// FullHelp returns the help overlay's columns: the context's keys, then the
// global keys when the context is not modal.
func (h ContextHelp) FullHelp() [][]key.Binding { return h.full }

// Help returns the help for a context (one of the Context constants). An
// unknown context gets the global help only.
func (km KeyMap) Help(context string) ContextHelp {
	g, l, m, o, f, d, t := km.Global, km.Ladder, km.Markets, km.Orders, km.Fills, km.Dialog, km.Ticket
	globalCols := [][]key.Binding{
		{g.Help, g.Quit, g.NextPane, g.PrevPane, g.Filter},
		{g.Kill, g.Unlock, g.Theme, g.PrevLadder, g.NextLadder},
	}
	switch context {
	case ContextLadder:
		return ContextHelp{
			short: []key.Binding{l.Bid, l.Ask, l.BuyNow, l.SellNow, l.CancelLevel, l.Ticket, g.Help, g.Quit},
			full: append([][]key.Binding{
				{l.Up, l.Down, l.PageUp, l.PageDown, l.Recenter, l.ToggleTerms},
				{l.Bid, l.Ask, l.BuyNow, l.SellNow, l.Ticket, l.Move},
				{l.CancelLevel, l.CancelAll, l.Flatten, l.QtyUp, l.QtyDown, l.Close},
				{l.Preset1, l.Preset2, l.Preset3, l.Preset4, l.Preset5},
			}, globalCols...),
		}
	case ContextMarkets:
		return ContextHelp{
			short: []key.Binding{m.Open, g.Filter, m.Favourite, g.NextPane, g.Help, g.Quit},
			full: append([][]key.Binding{
				{m.Up, m.Down, m.PageUp, m.PageDown, m.Open, m.Favourite},
			}, globalCols...),
		}
	case ContextOrders:
		return ContextHelp{
			short: []key.Binding{o.Select, o.Cancel, o.CancelSelected, o.Amend, g.Help, g.Quit},
			full: append([][]key.Binding{
				{o.Up, o.Down, o.Select, o.SelectAll},
				{o.Cancel, o.CancelSelected, o.Amend},
			}, globalCols...),
		}
	case ContextFills:
		return ContextHelp{
			short: []key.Binding{f.Down, f.Up, g.NextPane, g.Help, g.Quit},
			full: append([][]key.Binding{
				{f.Up, f.Down, f.PageUp, f.PageDown},
			}, globalCols...),
		}
	case ContextDialog:
		keys := []key.Binding{d.Confirm, d.Dismiss}
		return ContextHelp{short: keys, full: [][]key.Binding{keys}}
	case ContextTicket:
		return ContextHelp{
			short: []key.Binding{t.NextField, t.Decrease, t.Increase, t.Submit, t.Cancel},
			full: [][]key.Binding{
				{t.NextField, t.PrevField, t.Decrease, t.Increase},
				{t.Submit, t.Cancel},
			},
		}
	default:
		return ContextHelp{
			short: []key.Binding{g.Help, g.Quit, g.NextPane, g.Theme},
			full:  globalCols,
		}
	}
}

// HelpFor returns the full help columns for a context: its own bindings plus
// the global ones (modal contexts: only their own).
func (km KeyMap) HelpFor(context string) [][]key.Binding {
	return km.Help(context).FullHelp()
}

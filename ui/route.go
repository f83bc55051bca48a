package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/ui/keys"
	"ladder/ui/layout"
)

// Key routing: the top modal first (modal.go: a dialog, the ticket or the
// help), then the markets filter, the global keys, and finally the
// focused pane. Each pane
// handles the keys that only move it (HandleKey); the keys that act on the
// exchange or span panes are handled here and in entry.go.

// handleKey routes a key press.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.keys.Global
	if m.layout.TooSmall {
		return m.tooSmallKey(msg)
	}
	if md := m.topModal(); md != nil {
		return m.updateModal(md, msg)
	}
	if m.markets.Editing() {
		return m.filterKey(msg)
	}
	if m.opts.Replay != nil {
		if cmd, ok := m.replayKey(msg); ok {
			return cmd
		}
	}
	if m.full != fullNone {
		// A full-screen view's keys come first (views.go).
		if cmd, ok := m.fullKey(msg); ok {
			return cmd
		}
		if m.leavesFull(msg) {
			m.closeViews()
		}
	}

	switch {
	case key.Matches(msg, g.Help):
		m.openHelp()
		return nil
	case key.Matches(msg, g.Quit):
		return m.quit()
	case key.Matches(msg, g.NextPane):
		m.cycleFocus(1)
		return nil
	case key.Matches(msg, g.PrevPane):
		m.cycleFocus(-1)
		return nil
	case key.Matches(msg, g.Filter):
		m.setFocus(layout.FocusMarkets)
		m.markets.StartFilter()
		return nil
	case key.Matches(msg, g.Kill):
		return m.kill()
	case key.Matches(msg, g.Unlock):
		return m.askUnlock()
	case key.Matches(msg, g.Theme):
		m.nextTheme()
		return nil
	case key.Matches(msg, g.PrevLadder):
		m.switchLadder(-1)
		return nil
	case key.Matches(msg, g.NextLadder):
		m.switchLadder(1)
		return nil
	case key.Matches(msg, g.History):
		m.openHistory()
		return nil
	case key.Matches(msg, g.KillSubaccount):
		return m.killSubaccount()
	case key.Matches(msg, g.Chart):
		return m.openChart()
	case key.Matches(msg, g.Account):
		return m.openAccount()
	}
	if m.full != fullNone {
		return nil // the panes under a view take no keys
	}

	switch m.focus {
	case layout.FocusLadder:
		return m.ladderKey(msg)
	case layout.FocusOrders:
		return m.ordersKey(msg)
	case layout.FocusFills:
		m.fills.HandleKey(msg, len(m.view().Fills))
		return nil
	default:
		return m.marketsKey(msg)
	}
}

// handlePaste gives pasted text to the focused input: the top modal's
// (the ticket's price or quantity field), else the markets filter while
// it is typed. Nowhere else takes text.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if m.layout.TooSmall {
		return nil
	}
	if md := m.topModal(); md != nil {
		return m.updateModal(md, msg)
	}
	m.markets.Paste(msg)
	return nil
}

// filterKey edits the markets filter; ctrl+ with the quit key still quits.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.Mod&tea.ModCtrl != 0 && key.Matches(msg, m.keys.Global.Quit) {
		return m.quit()
	}
	m.markets.FilterKey(msg)
	return nil
}

// marketsKey handles the markets list: opening a ladder and saving
// favourites here, moving in the pane.
func (m *Model) marketsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Markets
	mp := m.markets
	if mp.HandleKey(msg) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if mk := mp.Selected(); mk != nil {
			m.openLadder(mk.Ticker)
		}
	case key.Matches(msg, k.Board):
		m.openBoard()
	case key.Matches(msg, k.Favourite):
		favs, ok := mp.ToggleFavourite()
		if ok && m.opts.SaveFavourites != nil {
			return saveFavourites(m.opts.SaveFavourites, favs)
		}
	}
	return nil
}

// ordersKey handles the working-orders pane: cancels and amends here, the
// cursor and selection in the pane.
func (m *Model) ordersKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Orders
	op := m.orders
	v := m.view()
	list := orderList(v)
	op.ClampCursor(list) // orders may have gone since the last key
	var cmd tea.Cmd
	switch {
	case op.HandleKey(msg, list):
	case key.Matches(msg, k.Cancel):
		if o, ok := op.Current(list); ok {
			if o.ID == "" {
				// In flight: cancelled as soon as it lands.
				m.desk.FlagInFlight(o.Ticker, o.Price)
				m.say(lvlInfo, "will cancel "+m.orderWords(o)+" when it lands")
				break
			}
			cmd = m.cancelOrders([]desk.Order{o}, cancelSelected)
		}
	case key.Matches(msg, k.CancelSelected):
		var sel []desk.Order
		for _, id := range op.SelectedIDs(list) {
			if o, ok := v.Order(id); ok {
				sel = append(sel, o)
			}
		}
		if len(sel) == 0 {
			m.sayHint(lvlWarn, "nothing selected", keys.Label(k.Select)+" selects, "+keys.Label(k.SelectAll)+" selects all")
			break
		}
		op.ClearSelection()
		cmd = m.cancelOrders(sel, cancelSelected)
	case key.Matches(msg, k.Amend):
		if o, ok := op.Current(list); ok && o.ID != "" {
			m.openAmendTicket(o)
		}
	}
	op.ClampCursor(orderList(m.view()))
	return cmd
}

// orderList is what the orders pane shows: working orders first, then
// those in flight (the desk's View keeps them in that order; it must not
// be modified).
func orderList(v *desk.View) []desk.Order { return v.Orders }

package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/ui/keys"
	"ladder/ui/layout"
)

// Key routing: a modal dialog or ticket first, then the help overlay, the
// markets filter, the global keys, and finally the focused pane. Each pane
// handles the keys that only move it (HandleKey); the keys that act on the
// exchange or span panes are handled here and in entry.go.

// handleKey routes a key press.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.keys.Global
	if m.layout.TooSmall {
		return m.tooSmallKey(msg)
	}
	switch {
	case m.dialog != nil:
		return m.dialogKey(msg)
	case m.ticket != nil:
		return m.ticketKey(msg)
	case m.showHelp:
		return m.helpKey(msg)
	case m.markets.Editing():
		return m.filterKey(msg)
	}

	switch {
	case key.Matches(msg, g.Help):
		m.showHelp, m.helpTop = true, 0
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
	}

	switch m.focus {
	case layout.FocusLadder:
		return m.ladderKey(msg)
	case layout.FocusOrders:
		return m.ordersKey(msg)
	case layout.FocusFills:
		m.fills.HandleKey(msg, len(m.desk.View().Fills))
		return nil
	default:
		return m.marketsKey(msg)
	}
}

// helpKey closes or scrolls the help; the kill switch works there too.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	g, mk := m.keys.Global, m.keys.Markets
	switch {
	case key.Matches(msg, g.Help, m.keys.Dialog.Dismiss, g.Quit):
		m.showHelp = false
	case key.Matches(msg, g.Kill):
		m.showHelp = false
		return m.kill()
	case key.Matches(msg, mk.Down, m.keys.Ladder.Down):
		m.scrollHelp(1)
	case key.Matches(msg, mk.Up, m.keys.Ladder.Up):
		m.scrollHelp(-1)
	case key.Matches(msg, mk.PageDown, m.keys.Ladder.PageDown):
		m.scrollHelp(m.helpRoom() - 1)
	case key.Matches(msg, mk.PageUp, m.keys.Ladder.PageUp):
		m.scrollHelp(-(m.helpRoom() - 1))
	}
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
	v := m.desk.View()
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
	op.ClampCursor(orderList(m.desk.View()))
	return cmd
}

// orderList is what the orders pane shows: working orders first, then
// those in flight (the desk's View keeps them in that order; it must not
// be modified).
func orderList(v *desk.View) []desk.Order { return v.Orders }

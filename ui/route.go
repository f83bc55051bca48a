package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/themes"
)

// handleKey routes a key press: a modal dialog or ticket first, then the
// help overlay, the markets filter, the global keys, and finally the
// focused pane.
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
	case m.markets.editing:
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
		m.setFocus(FocusMarkets)
		m.markets.editing = true
		m.markets.scroll()
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
	case FocusLadder:
		return m.ladderKey(msg)
	case FocusOrders:
		return m.ordersKey(msg)
	case FocusFills:
		m.fillsKey(msg)
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

// setFocus moves focus and relayouts (narrow layouts depend on focus).
func (m *Model) setFocus(f Focus) {
	if f == FocusLadder && len(m.ladders) == 0 {
		f = FocusMarkets
	}
	m.focus = f
	m.relayout()
}

// cycleFocus moves focus to the next or previous pane, skipping the ladder
// while none is open.
func (m *Model) cycleFocus(dir int) {
	f := m.focus
	for range numFocus {
		f = (f + Focus(dir) + numFocus) % numFocus
		if f == FocusLadder && len(m.ladders) == 0 {
			continue
		}
		break
	}
	m.setFocus(f)
}

// switchLadder activates the previous or next open ladder.
func (m *Model) switchLadder(dir int) {
	if len(m.ladders) == 0 {
		return
	}
	m.active = (m.active + dir + len(m.ladders)) % len(m.ladders)
	m.moving = ""
	m.setFocus(FocusLadder)
}

// closeLadder closes the active ladder; its orders keep working and stay
// in the orders pane. The neighbour to the left becomes active, or the
// market list takes focus when no ladder is left.
func (m *Model) closeLadder() {
	lp := m.activeLadder()
	if lp == nil {
		return
	}
	m.ladders = append(m.ladders[:m.active], m.ladders[m.active+1:]...)
	m.active = max(m.active-1, 0)
	m.moving = ""
	hint := ""
	if n := m.desk.View().CountWorking(lp.ticker); n > 0 {
		hint = "its " + itoa(n) + " working order(s) stay working"
	}
	m.sayHint(lvlInfo, "closed "+lp.ticker, hint)
	m.setFocus(FocusLadder) // falls back to the markets when none is left
}

// nextTheme cycles the theme and rebuilds the styles once.
func (m *Model) nextTheme() {
	t, err := themes.ByName(themes.Next(m.opts.Theme.Name))
	if err != nil {
		m.say(lvlBad, err.Error())
		return
	}
	m.opts.Theme = t
	st := NewStyles(t)
	m.st = &st
	m.help.Styles = st.Help
	m.say(lvlInfo, "theme "+t.Name)
}

// filterKey edits the markets filter: text, backspace, enter keeps it,
// esc clears it.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	mp := &m.markets
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
	case msg.Mod&tea.ModCtrl != 0 && key.Matches(msg, m.keys.Global.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Markets.Up) && msg.Text == "":
		mp.move(-1)
	case key.Matches(msg, m.keys.Markets.Down) && msg.Text == "":
		mp.move(1)
	case msg.Text != "":
		mp.filter += msg.Text
		mp.rebuild()
	}
	return nil
}

// marketsKey handles the markets list.
func (m *Model) marketsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Markets
	mp := &m.markets
	switch {
	case key.Matches(msg, k.Up):
		mp.move(-1)
	case key.Matches(msg, k.Down):
		mp.move(1)
	case key.Matches(msg, k.PageUp):
		mp.move(-mp.listRows())
	case key.Matches(msg, k.PageDown):
		mp.move(mp.listRows())
	case key.Matches(msg, k.Open):
		if mk := mp.selected(); mk != nil {
			m.openLadder(mk.Ticker)
		}
	case key.Matches(msg, k.Favourite):
		favs, ok := mp.toggleFavourite()
		if ok && m.opts.SaveFavourites != nil {
			return saveFavourites(m.opts.SaveFavourites, favs)
		}
	}
	return nil
}

// openLadder opens (or activates) the ladder of a market and focuses it.
func (m *Model) openLadder(ticker string) {
	for i, lp := range m.ladders {
		if lp.ticker == ticker {
			m.active = i
			m.setFocus(FocusLadder)
			return
		}
	}
	mk := m.markets.find(ticker)
	if mk == nil {
		m.say(lvlBad, "unknown market "+ticker)
		return
	}
	lp, err := newLadder(*mk)
	if err != nil {
		m.say(lvlBad, err.Error())
		return
	}
	if v, ok := m.books[ticker]; ok {
		lp.setBook(v)
	}
	if len(m.ladders) >= maxLadders {
		// Replace the oldest ladder that is not the active one.
		drop := 0
		if m.active == 0 {
			drop = 1
		}
		m.ladders = append(m.ladders[:drop], m.ladders[drop+1:]...)
		if m.active > drop {
			m.active--
		}
	}
	m.ladders = append(m.ladders, lp)
	m.active = len(m.ladders) - 1
	m.moving = ""
	m.setFocus(FocusLadder)
	m.say(lvlInfo, "opened "+ticker)
}

// ordersKey handles the working-orders pane.
func (m *Model) ordersKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Orders
	op := &m.ordersUI
	v := m.desk.View()
	list := orderList(v)
	op.clampCursor(list) // orders may have gone since the last key
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, k.Up):
		op.cursor--
	case key.Matches(msg, k.Down):
		op.cursor++
	case key.Matches(msg, k.Select):
		op.toggle(list)
	case key.Matches(msg, k.SelectAll):
		op.selectAll(list)
	case key.Matches(msg, k.Cancel):
		if o, ok := op.current(list); ok {
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
		for _, id := range op.selectedIDs(list) {
			if o, ok := v.Order(id); ok {
				sel = append(sel, o)
			}
		}
		if len(sel) == 0 {
			m.sayHint(lvlWarn, "nothing selected", bindingKey(k.Select)+" selects, "+bindingKey(k.SelectAll)+" selects all")
			break
		}
		clear(op.selected)
		cmd = m.cancelOrders(sel, cancelSelected)
	case key.Matches(msg, k.Amend):
		if o, ok := op.current(list); ok && o.ID != "" {
			m.openAmendTicket(o)
		}
	}
	op.clampCursor(orderList(m.desk.View()))
	return cmd
}

// fillsKey scrolls the fills pane.
func (m *Model) fillsKey(msg tea.KeyPressMsg) {
	k := m.keys.Fills
	fp := &m.fillsUI
	n := len(m.desk.View().Fills)
	switch {
	case key.Matches(msg, k.Up):
		fp.scroll(-1, n)
	case key.Matches(msg, k.Down):
		fp.scroll(1, n)
	case key.Matches(msg, k.PageUp):
		fp.scroll(-fp.rowsShown(), n)
	case key.Matches(msg, k.PageDown):
		fp.scroll(fp.rowsShown(), n)
	}
}

// firstKey is the first key of a binding as help shows it, for hints
// where room is short.
func firstKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return helpKeys(ks[:1])
	}
	return "(unbound)"
}

// bindingKey is every key of a binding as help shows it.
func bindingKey(b key.Binding) string {
	if k := b.Help().Key; k != "" {
		return k
	}
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return "(unbound)"
}

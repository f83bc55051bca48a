package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/ui/ladder"
	"ladder/ui/layout"
)

// The mouse (on unless Options.NoMouse): a left click on a ladder's bid
// or ask cells bids or offers the current quantity at that row, a right
// click cancels my orders at that row, the wheel scrolls, a click on a
// market opens its ladder and a click on a pane focuses it.
//
// Clicks are keys by another name: each puts the cursor where the click
// was and then calls the very function the key calls (placeAtCursor,
// cancelAtLevel, openLadder), so the same entry blocks, desk checks and
// confirmations apply. A click is never an answer: while a dialog, the
// ticket or the help is open, clicks and the wheel do nothing, and a
// confirmation still needs its key.
//
// Hit-testing uses the rectangles the screen was drawn with (m.layout,
// the same ones Render places the panes at) and, inside a ladder, its
// own column widths and row → price mapping (ladder.HitTest), computed
// from the same state the last frame was drawn from.

// mouseOn reports whether mouse input is taken at all right now.
func (m *Model) mouseOn() bool {
	return !m.opts.NoMouse && !m.layout.TooSmall && m.topModal() == nil && !m.markets.Editing()
}

// onClick handles a mouse button press.
func (m *Model) onClick(ms tea.Mouse) tea.Cmd {
	if !m.mouseOn() {
		return nil
	}
	l := m.layout
	for slot, i := range m.visibleLadders() {
		if r := l.Ladders[slot]; inside(r, ms) {
			return m.clickLadder(i, r, ms)
		}
	}
	switch {
	case inside(l.Markets, ms):
		return m.clickMarkets(l.Markets, ms)
	case inside(l.Orders, ms):
		m.setFocus(layout.FocusOrders)
		m.orders.CursorAt(ms.Y-l.Orders.Y, orderList(m.desk.View()))
	case inside(l.Fills, ms):
		m.setFocus(layout.FocusFills)
	}
	return nil
}

// clickLadder activates and focuses the clicked ladder, puts its cursor
// on the clicked row and acts as b, s or x would there.
func (m *Model) clickLadder(i int, r layout.Rect, ms tea.Mouse) tea.Cmd {
	if i != m.active {
		m.moving = "" // as switching ladders by key does
	}
	m.active = i
	m.setFocus(layout.FocusLadder)
	lp := m.ladders[i]
	h := lp.HitTest(m.ladderCtx(m.desk.View(), lp, true), ms.X-r.X, ms.Y-r.Y)
	if h.Zone == ladder.ZoneNone {
		return nil
	}
	lp.CursorToIndex(h.Index)
	lp.Touch(m.now)
	switch {
	case ms.Button == tea.MouseRight:
		return m.cancelAtLevel(lp)
	case ms.Button != tea.MouseLeft:
		return nil
	case h.Zone == ladder.ZoneBid:
		return m.placeAtCursor(lp, true)
	case h.Zone == ladder.ZoneAsk:
		return m.placeAtCursor(lp, false)
	}
	return nil
}

// clickMarkets focuses the list; a left click on a market opens its
// ladder, as the open key does.
func (m *Model) clickMarkets(r layout.Rect, ms tea.Mouse) tea.Cmd {
	m.setFocus(layout.FocusMarkets)
	// The focus may have changed the layout (narrow screens): find the
	// row in the list as it was drawn, at the rectangle clicked.
	mk, ok := m.markets.RowAt(ms.Y - r.Y)
	if ok && ms.Button == tea.MouseLeft {
		m.openLadder(mk.Ticker)
	}
	return nil
}

// wheelStep is how many rows one wheel notch scrolls.
const wheelStep = 3

// onWheel scrolls the pane under the pointer: a ladder's window (the
// cursor follows only if it would leave it), the market list or the
// orders.
func (m *Model) onWheel(ms tea.Mouse) {
	if !m.mouseOn() {
		return
	}
	dir := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		dir = 1
	case tea.MouseWheelDown:
		dir = -1
	default:
		return
	}
	l := m.layout
	for slot, i := range m.visibleLadders() {
		if inside(l.Ladders[slot], ms) {
			lp := m.ladders[i]
			lp.Scroll(dir * wheelStep)
			lp.Touch(m.now)
			return
		}
	}
	switch {
	case inside(l.Markets, ms):
		m.markets.Move(-dir)
	case inside(l.Orders, ms):
		m.orders.Step(-dir, orderList(m.desk.View()))
	}
}

// inside reports whether the pointer is over a visible rectangle.
func inside(r layout.Rect, ms tea.Mouse) bool {
	return r.Visible() && ms.X >= r.X && ms.X < r.X+r.W && ms.Y >= r.Y && ms.Y < r.Y+r.H
}

// mouseHelp is the mouse's actions for the help, as help entries (they
// are not key bindings: nothing matches them).
func mouseHelp() [][]key.Binding {
	b := func(what, does string) key.Binding { return key.NewBinding(key.WithHelp(what, does)) }
	return [][]key.Binding{
		{b("click bids", "bid qty at that price"), b("click asks", "offer qty at that price"), b("right-click", "cancel mine at that price")},
		{b("click price", "cursor to that price"), b("wheel", "scroll"), b("click market", "open its ladder"), b("click pane", "focus it")},
	}
}

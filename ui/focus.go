package ui

import (
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"ladder/ui/text"
)

// Focus, the open ladders and the layout: the root model owns all three.
// The layout is recomputed when any of them or the terminal size changes,
// and the new sizes are pushed down to the panes.

// setFocus moves focus and relayouts (narrow layouts depend on focus).
func (m *Model) setFocus(f layout.Focus) {
	if f == layout.FocusLadder && len(m.ladders) == 0 {
		f = layout.FocusMarkets
	}
	m.focus = f
	m.relayout()
}

// cycleFocus moves focus to the next or previous pane, skipping the ladder
// while none is open.
func (m *Model) cycleFocus(dir int) {
	const n = layout.NumFocus
	f := m.focus
	for range n {
		f = (f + layout.Focus(dir) + n) % n
		if f == layout.FocusLadder && len(m.ladders) == 0 {
			continue
		}
		break
	}
	m.setFocus(f)
}

// activeLadder returns the ladder with focus (or nil).
func (m *Model) activeLadder() *ladder.Pane {
	if m.active < 0 || m.active >= len(m.ladders) {
		return nil
	}
	return m.ladders[m.active]
}

// ladderFor returns the open ladder of a market.
func (m *Model) ladderFor(ticker string) *ladder.Pane {
	for _, lp := range m.ladders {
		if lp.Ticker() == ticker {
			return lp
		}
	}
	return nil
}

// openLadder opens (or activates) the ladder of a market and focuses it.
func (m *Model) openLadder(ticker string) {
	for i, lp := range m.ladders {
		if lp.Ticker() == ticker {
			m.active = i
			m.setFocus(layout.FocusLadder)
			return
		}
	}
	mk := m.markets.Find(ticker)
	if mk == nil {
		m.say(lvlBad, "unknown market "+ticker)
		return
	}
	lp, err := ladder.New(*mk, m.keys)
	if err != nil {
		m.say(lvlBad, err.Error())
		return
	}
	if v, ok := m.books[ticker]; ok {
		lp.SetBook(v)
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
	m.refreshNames()
	m.moving = ""
	m.setFocus(layout.FocusLadder)
	m.say(lvlInfo, "opened "+ticker)
}

// switchLadder activates the previous or next open ladder.
func (m *Model) switchLadder(dir int) {
	if len(m.ladders) == 0 {
		return
	}
	m.active = (m.active + dir + len(m.ladders)) % len(m.ladders)
	m.moving = ""
	m.setFocus(layout.FocusLadder)
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
	if n := m.view().CountWorking(lp.Ticker()); n > 0 {
		hint = "its " + text.Itoa(n) + " working order(s) stay working"
	}
	m.sayHint(lvlInfo, "closed "+lp.Ticker(), hint)
	m.setFocus(layout.FocusLadder) // falls back to the markets when none is left
}

// resize recomputes the layout and pushes sizes down to the panes.
func (m *Model) resize(w, h int) {
	m.width, m.height = w, h
	m.relayout()
}

// relayout recomputes the layout for the current size, focus and ladders.
func (m *Model) relayout() {
	m.ladderMax = m.ladderWidth()
	m.layout = layout.Compute(layout.Input{Width: m.width, Height: m.height, Focus: m.focus, Ladders: len(m.ladders),
		LadderMax: m.ladderMax})
	l := m.layout
	if l.TooSmall {
		return
	}
	if l.Markets.Visible() {
		m.markets.SetSize(l.Markets.W, l.Markets.H)
	}
	m.fixLadderWindow()
	if len(l.Ladders) > 0 {
		// Every slot has the same size; hidden ladders are sized too, so
		// switching to one shows it with the right window at once.
		for _, lp := range m.ladders {
			lp.SetSize(l.Ladders[0].W, l.Ladders[0].H)
		}
	}
	m.orders.SetSize(l.Orders.W, l.Orders.H)
	m.account.SetSize(l.Account.W, l.Account.H)
	m.fills.SetSize(l.Fills.W, l.Fills.H)
	m.tape.SetSize(l.Tape.W, l.Tape.H)
	m.help.SetWidth(max(m.width-8, 20))
	m.sizeFull()
}

// fixLadderWindow moves the window of visible ladders minimally so that it
// contains the active one.
func (m *Model) fixLadderWindow() {
	n := min(len(m.layout.Ladders), len(m.ladders))
	if n == 0 {
		m.ladderStart = 0
		return
	}
	if m.active < m.ladderStart {
		m.ladderStart = m.active
	}
	if m.active >= m.ladderStart+n {
		m.ladderStart = m.active - n + 1
	}
	m.ladderStart = text.Clamp(m.ladderStart, 0, len(m.ladders)-n)
}

// visibleLadders returns the indexes of the ladders that get a slot.
func (m *Model) visibleLadders() []int {
	n := min(len(m.layout.Ladders), len(m.ladders))
	out := make([]int, n)
	for i := range out {
		out[i] = m.ladderStart + i
	}
	return out
}

// ladderWidth is the widest any open ladder has a use for with the
// columns it has something for (my orders' queue places, P&L at price):
// the layout gives width beyond it to the other panes.
func (m *Model) ladderWidth() int {
	w := 0
	dv := m.desk.View()
	for _, lp := range m.ladders {
		t := lp.Ticker()
		want := lp.Want(ladder.Ctx{Mine: dv.Mine(t), Pos: dv.Position(t).Position})
		w = max(w, ladder.MaxWidth(want))
	}
	return w
}

// fitLadders lays the screen out again when the open ladders' useful
// width changed (an order rested in a market without one, a position
// opened or closed, the P&L column was toggled).
func (m *Model) fitLadders() {
	if m.ladderWidth() != m.ladderMax {
		m.relayout()
	}
}

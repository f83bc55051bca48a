package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/ui/layout"
	"ladder/ui/status"
)

// The full-screen views: the event board (ui/board), the price chart
// (ui/chart) and the account (ui/accountview). One at a time takes the panes'
// place above the message line and the status bar; its keys come first
// after a modal's, the global keys still work (the kill switch, help,
// quit), and moving focus to a pane closes it. Each keeps the pane
// contract; the root gathers its context (board.go, chart.go, accountview.go).

// fullView names the full-screen view on show.
type fullView int

const (
	fullNone fullView = iota
	fullBoard
	fullChart
	fullAccount
)

// String names the view for the help.
func (f fullView) String() string {
	switch f {
	case fullBoard:
		return "event board"
	case fullChart:
		return "chart"
	case fullAccount:
		return "account"
	}
	return ""
}

// fullRect is the view's rectangle: everything above the message line.
func (m *Model) fullRect() layout.Rect {
	return layout.Rect{X: 0, Y: 0, W: m.width, H: max(m.height-2, 0)}
}

// sizeFull pushes the view's size down (on resize and on open).
func (m *Model) sizeFull() {
	r := m.fullRect()
	m.board.SetSize(r.W, r.H)
	m.chart.SetSize(r.W, r.H)
	m.acct.SetSize(r.W, r.H)
}

// openFull shows a view. A view opened from another (the chart of a
// board's row) goes back to it when closed.
func (m *Model) openFull(f fullView) {
	if m.full != f {
		m.fullBack = m.full
	}
	m.full = f
	m.sizeFull()
}

// closeFull goes back to the view it was opened from, else the panes.
func (m *Model) closeFull() {
	if m.full == fullChart {
		m.chartSeries, m.chartTicker = nil, ""
	}
	m.full, m.fullBack = m.fullBack, fullNone
}

// fullKey gives a key to the view on show; it reports whether the view
// took it. Keys it does not know fall through to the global keys.
func (m *Model) fullKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch m.full {
	case fullBoard:
		return m.boardKey(msg)
	case fullChart:
		return m.chartKey(msg)
	case fullAccount:
		return m.accountKey(msg)
	}
	return nil, false
}

// leavesFull reports whether a global key moves to the panes, which
// closes the view first.
func (m *Model) leavesFull(msg tea.KeyPressMsg) bool {
	g := m.keys.Global
	return key.Matches(msg, g.NextPane, g.PrevPane, g.Filter, g.PrevLadder, g.NextLadder)
}

// renderFull draws the view on show in the panes' place.
func (m *Model) renderFull() []string {
	switch m.full {
	case fullBoard:
		return m.board.View(m.boardCtx())
	case fullChart:
		return m.chart.View(m.chartCtx())
	case fullAccount:
		return m.acct.View(m.acctCtx())
	}
	return nil
}

// fullHelp is the view's help (nil with none on show).
func (m *Model) fullHelp() help.KeyMap {
	switch m.full {
	case fullBoard:
		return m.board
	case fullChart:
		return m.chart
	case fullAccount:
		return m.acct
	}
	return nil
}

// focusedMarket is the market the chart opens on: the board's row, the
// active ladder's market, or the market list's selection.
func (m *Model) focusedMarket() string {
	switch {
	case m.full == fullBoard:
		return m.board.Selected()
	case m.focus == layout.FocusLadder:
		if lp := m.activeLadder(); lp != nil {
			return lp.Ticker()
		}
	}
	if lp := m.activeLadder(); lp != nil && m.focus != layout.FocusMarkets {
		return lp.Ticker()
	}
	return m.markets.SelectedTicker()
}

// renderFullScreen is Render with a view in the panes' place.
func (m *Model) renderFullScreen() string {
	l := m.layout
	screen := compose([]block{{m.fullRect(), m.renderFull()}}, l.Width, l.Height-2)
	screen = append(screen, m.messageLine(l.Message.W), status.Bar(m.statusCtx(), l.Status.W))
	if md := m.topModal(); md != nil {
		m.overlay(screen, m.viewModal(md))
	}
	return strings.Join(screen, "\n")
}

// statusSubaccount is the status bar's subaccount badge: the one traded
// on, once more than one is in play.
func (m *Model) statusSubaccount() string {
	if !m.subaccountsInUse() {
		return ""
	}
	return subaccountWord(m.sub)
}

// closeViews goes back to the panes from any view.
func (m *Model) closeViews() {
	m.fullBack = fullNone
	m.closeFull()
}

package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"ladder/ui/keys"
	"ladder/ui/layout"
	"ladder/ui/status"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// View renders the whole screen. It only reads state.
func (m Model) View() tea.View {
	m.yieldToOrder()
	v := tea.NewView(m.Render())
	v.AltScreen = true
	if !m.opts.NoMouse {
		// Clicks and the wheel only: cell motion is the lightest mode that
		// reports them (drags arrive too and are ignored).
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "ladder — " + m.opts.Env
	return v
}

// Render draws the screen as a string of exactly height lines of width
// cells (exported for tests and benchmarks): every visible pane at its
// rectangle, the message line and the status bar, then the open modal.
func (m *Model) Render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	l := m.layout
	if l.TooSmall {
		return m.tooSmall()
	}
	if m.full != fullNone {
		return m.renderFullScreen()
	}
	dv := m.view() // one snapshot for the whole frame
	var blocks []block
	add := func(r layout.Rect, lines []string) {
		if r.Visible() && lines != nil {
			blocks = append(blocks, block{r, lines})
		}
	}
	if l.Markets.Visible() {
		add(l.Markets, m.markets.View(m.marketsCtx()))
	}
	vis := m.visibleLadders()
	for slot, i := range vis {
		lp := m.ladders[i]
		cx := m.ladderCtx(dv, lp, i == m.active)
		// Open ladders without a slot are counted at the window's edges.
		if slot == 0 {
			cx.HiddenLeft = vis[0]
		}
		if slot == len(vis)-1 {
			cx.HiddenRight = len(m.ladders) - 1 - i
		}
		add(l.Ladders[slot], lp.View(cx))
	}
	if len(vis) == 0 && len(l.Ladders) > 0 {
		r := l.Ladders[0]
		add(r, m.st.Frame(r.W, r.H, styles.Border{Title: m.st.Title.Render("Ladder")}, []string{
			"", m.st.Subtle.Render(" open a market with " + keys.Label(m.keys.Markets.Open)),
		}))
	}
	if l.Account.Visible() {
		add(l.Account, m.account.View(m.accountCtx(dv)))
	}
	if l.Orders.Visible() {
		add(l.Orders, m.orders.View(m.ordersCtx(dv)))
	}
	if l.Fills.Visible() {
		add(l.Fills, m.fills.View(m.fillsCtx(dv)))
	}
	if l.Tape.Visible() {
		add(l.Tape, m.tape.View(m.tapeCtx()))
	}
	screen := compose(blocks, l.Width, l.Height-2)
	screen = append(screen, m.messageLine(l.Message.W), status.Bar(m.statusCtx(), l.Status.W))

	if md := m.topModal(); md != nil {
		m.overlayModal(screen, md)
	}
	return strings.Join(screen, "\n")
}

// overlay centres a modal box over the screen.
func (m *Model) overlay(screen, box []string) {
	if len(box) == 0 {
		return
	}
	bw := text.Width(text.Strip(box[0]))
	x := max((m.width-bw)/2, 0)
	y := max((m.height-2-len(box))/2, 0)
	placeBlock(screen, box, x, y, m.width)
}

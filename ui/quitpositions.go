package ui

import (
	"ladder/desk"
	"ladder/ui/text"
)

// quitShown is how many open positions the quit dialog names; the rest
// are counted.
const quitShown = 5

// quitPositionLines lists my open positions for the quit dialog: quitting
// leaves them open, whatever happens to the orders.
func (m *Model) quitPositionLines() []string {
	st := m.st
	var open []desk.Position
	for _, p := range m.desk.View().Positions {
		if p.Size != 0 {
			open = append(open, p)
		}
	}
	if len(open) == 0 {
		return []string{st.Subtle.Render("No open positions.")}
	}
	lines := []string{st.Header.Render("Open positions stay open:")}
	for i, p := range open {
		if i == quitShown {
			lines = append(lines, st.Subtle.Render("  +"+text.Itoa(len(open)-quitShown)+" more"))
			break
		}
		row := "  " + text.PadRight(m.names.Short(p.Ticker), 12) + " " + text.PadLeft(text.SignedQty(p.Size), 6)
		if avg, ok := p.AvgEntry(); ok {
			row += " @" + m.priceFormatFor(p.Ticker).Format(text.AvgPrice(avg))
		}
		line := st.Text.Render(row)
		if mark, ok := m.markFor(p.Ticker); ok {
			pnl := p.Net(mark)
			line += st.Subtle.Render("  P&L ") + st.PnL(pnl).Render(text.SignedMoney(pnl))
		}
		lines = append(lines, line)
	}
	return lines
}

// positionsShort counts open positions for the too-small screen's quit
// question: ", 2 open positions".
func positionsShort(ps []desk.Position) string {
	n := 0
	for _, p := range ps {
		if p.Size != 0 {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return " and " + text.Itoa(n) + " open position" + plural(n)
}

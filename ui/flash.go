package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
)

// flashFor is how long my fill flashes its ladder row and the fills
// pane's title: long enough to catch the eye, short enough not to hide
// the next one.
const flashFor = 1500 * time.Millisecond

// fillFlash is the fill on show: its market, YES price and when the flash
// ends.
type fillFlash struct {
	ticker string
	price  model.Price // YES terms
	until  time.Time
}

// flashEndMsg redraws once the flash is over.
type flashEndMsg struct{}

// on reports whether the flash is showing at now.
func (f fillFlash) on(now time.Time) bool { return f.ticker != "" && now.Before(f.until) }

// flashFill starts the flash of a fill, rings the bell when asked to, and
// schedules the redraw that ends the flash.
func (m *Model) flashFill(f model.Fill) tea.Cmd {
	ticker := f.MarketTicker
	if ticker == "" {
		ticker = f.Ticker
	}
	m.flash = fillFlash{ticker: ticker, price: f.YesPrice, until: m.now.Add(flashFor)}
	cmds := []tea.Cmd{m.after(flashFor, flashEndMsg{})}
	if m.opts.Bell {
		cmds = append(cmds, tea.Raw("\a"))
	}
	return tea.Batch(cmds...)
}

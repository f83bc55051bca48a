package ui

import "ladder/ui/text"

// refreshNames rebuilds the ticker shortening (text.Tickers) over every
// market in view: the market list, the open ladders, my positions and
// orders. It runs when that set changes (markets loaded, a ladder opened),
// not per frame; a ticker outside it still gets a suffix no market of the
// set shares.
func (m *Model) refreshNames() {
	all := append([]string(nil), m.markets.AllTickers()...)
	for _, lp := range m.ladders {
		all = append(all, lp.Ticker())
	}
	dv := m.desk.View()
	for _, p := range dv.Positions {
		all = append(all, p.Ticker)
	}
	for _, o := range dv.Orders {
		all = append(all, o.Ticker)
	}
	m.names = text.NewTickers(all)
}

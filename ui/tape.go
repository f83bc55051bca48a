package ui

import (
	"strings"
	"time"

	"ladder/model"
)

// tapePane is the public trade tape of the markets in view, newest first.
type tapePane struct{ w, h int }

// SetSize gives the pane its rectangle.
func (tp *tapePane) SetSize(w, h int) { tp.w, tp.h = w, h }

// View draws the pane into exactly tp.w × tp.h cells. Trades in the active
// ladder's market are emphasised.
func (tp *tapePane) View(st *Styles, loc *time.Location, trades []model.TradeMsg, active string, prices priceFormats) []string {
	inner := tp.w - 2
	tickW := max(inner-8-1-6-1-1-7-1, 0)
	hdr := padRight("time", 8) + " " + padLeft("price", 6) + "  " + padLeft("qty", 7) + " " + padRight(marketTitle(tickW), tickW)
	body := []string{st.Header.n.s(padRight(hdr, inner))}
	if len(trades) == 0 {
		body = append(body, st.Subtle.n.s("no trades yet"))
	}
	for i := 0; i < len(trades) && len(body) < tp.h-2; i++ {
		t := trades[i]
		var b strings.Builder
		st.Subtle.n.to(&b, clockTime(msTime(t.TsMs), loc))
		b.WriteString(" ")
		dir, arrow := st.Up.n, "▲"
		if t.TakerBookSide == model.Ask {
			dir, arrow = st.Down.n, "▼"
		}
		dir.to(&b, padLeft(prices(t.MarketTicker).text(t.YesPrice), 6))
		dir.to(&b, arrow)
		b.WriteString(" ")
		qt := st.Text.n
		if t.IsBlockTrade {
			qt = st.Warning.n
		}
		qt.to(&b, padLeft(t.Count.Short(), 7))
		b.WriteString(" ")
		tt := st.Subtle.n
		if t.MarketTicker == active {
			tt = st.Text.n
		}
		tt.to(&b, tickerCell(t.MarketTicker, tickW))
		body = append(body, b.String())
	}
	return st.frame(Rect{W: tp.w, H: tp.h}, st.Title.n.s("Tape"), "", body, false, false)
}

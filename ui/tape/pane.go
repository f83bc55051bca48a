package tape

import (
	"strings"
	"time"

	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"

	"charm.land/bubbles/v2/key"
)

// Pane is the public trade tape of the markets in view, newest first.
type Pane struct{ w, h int }

// SetSize gives the pane its rectangle.
func (tp *Pane) SetSize(w, h int) { tp.w, tp.h = w, h }

// Ctx is what the tape draws from the root.
type Ctx struct {
	Styles *styles.Styles
	Loc    *time.Location
	Trades []model.TradeMsg // newest first
	Active string           // the active ladder's market, emphasised
	Prices text.PriceFormats
	// Tickers shortens tickers without ambiguity among the markets in view.
	Tickers text.Tickers
}

// View draws the pane into exactly tp.w × tp.h cells. Trades in the active
// ladder's market are emphasised.
func (tp *Pane) View(cx Ctx) []string {
	st, loc, trades, active, prices := cx.Styles, cx.Loc, cx.Trades, cx.Active, cx.Prices
	inner := tp.w - 2
	tickW := max(inner-8-1-6-1-1-7-1, 0)
	hdr := text.PadRight("time", 8) + " " + text.PadLeft("price", 6) + "  " + text.PadLeft("qty", 7) + " " + text.PadRight(text.MarketTitle(tickW), tickW)
	body := []string{st.Header.Render(text.PadRight(hdr, inner))}
	if len(trades) == 0 {
		body = append(body, st.Subtle.Render("no trades yet"))
	}
	for i := 0; i < len(trades) && len(body) < tp.h-2; i++ {
		t := trades[i]
		var b strings.Builder
		st.Subtle.Write(&b, text.Clock(msTime(t.TsMs), loc))
		b.WriteString(" ")
		dir, arrow := st.Up.Normal, "▲"
		if t.TakerBookSide == model.Ask {
			dir, arrow = st.Down.Normal, "▼"
		}
		dir.Write(&b, text.PadLeft(prices(t.MarketTicker).Format(t.YesPrice), 6))
		dir.Write(&b, arrow)
		b.WriteString(" ")
		qt := st.Text.Normal
		if t.IsBlockTrade {
			qt = st.Warning.Normal
		}
		qt.Write(&b, text.PadLeft(t.Count.Short(), 7))
		b.WriteString(" ")
		tt := st.Subtle.Normal
		if t.MarketTicker == active {
			tt = st.Text.Normal
		}
		tt.Write(&b, cx.Tickers.Cell(t.MarketTicker, tickW))
		body = append(body, b.String())
	}
	return st.Frame(tp.w, tp.h, styles.Border{Title: st.Title.Render("Tape")}, body)
}

// ShortHelp is nil: the tape has no keys of its own.
func (tp *Pane) ShortHelp() []key.Binding { return nil }

// FullHelp is nil: the tape has no keys of its own.
func (tp *Pane) FullHelp() [][]key.Binding { return nil }

// msTime converts Unix milliseconds; zero stays the zero time.
func msTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

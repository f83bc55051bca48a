package fills

import (
	"ladder/desk"
	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"
	"strings"
	"time"
)

// fillTicker is the market of a fill (REST fills name it twice).
func fillTicker(f model.Fill) string {
	if f.MarketTicker != "" {
		return f.MarketTicker
	}
	return f.Ticker
}

// cols are the fills pane's columns for an inner width.
type cols struct {
	at     string // " @ ", or " " when the market column needs the room
	ticker int
	fee    bool // the fee and maker/taker columns
}

// feeW fits every fee up to $99.9999 exactly; larger fees are rounded to
// the cent (FeeText).
const feeW = 8

func colsFor(inner int) cols {
	c := cols{at: " @ ", fee: inner >= 39+feeW}
	c.ticker = inner - 8 - 1 - 4 - 1 - 6 - 3 - 6 - 1
	if c.fee {
		c.ticker -= 1 + feeW + 2
	}
	if c.ticker < 7 {
		c.at = " " // room for "T4.25" rather than an @
		c.ticker += 2
	}
	c.ticker = max(c.ticker, 0)
	return c
}

// FeeText is a fee exactly ($0.0027, never $0.00; text.ExactMoney), or
// by the money rule (to the cent) when the exact amount is wider than the
// column.
func FeeText(m model.Money) string {
	if s := text.ExactMoney(m); text.Width(s) <= feeW {
		return s
	}
	return text.Money(m)
}

// Ctx is what the fills pane draws from the root.
type Ctx struct {
	Styles *styles.Styles
	Loc    *time.Location
	Fills  []model.Fill // newest first
	Prices text.PriceFormats
	// Tickers shortens tickers without ambiguity among the markets in view.
	Tickers text.Tickers
	Focused bool
	// Flash marks a fill that just arrived: the title is painted
	// Styles.Flash for a moment.
	Flash bool
}

// View draws the pane into exactly fp.w × fp.h cells. The columns depend on
// the width only, so the header reads the same before and after a fill.
func (fp *Pane) View(cx Ctx) []string {
	st, fills := cx.Styles, cx.Fills
	inner := fp.w - 2
	c := colsFor(inner)
	hdr := text.PadRight("time", 8) + " " + text.PadRight("side", 4) + " " + text.PadLeft("qty", 6) + text.Spaces(len(c.at)) + text.PadLeft("price", 6) + " " + text.PadRight(text.MarketTitle(c.ticker), c.ticker)
	if c.fee {
		hdr += " " + text.PadLeft("fee", feeW) + "  "
	}
	body := []string{st.Header.Render(text.PadRight(hdr, inner))}
	if len(fills) == 0 {
		body = append(body, st.Subtle.Render("no fills yet"))
	}
	n := fp.rowsShown()
	off := text.Clamp(fp.offset, 0, max(len(fills)-n, 0)) // the list may have shrunk
	for i := off; i < len(fills) && i < off+n; i++ {
		f := fills[i]
		var b strings.Builder
		st.Subtle.Write(&b, text.Clock(desk.FillTime(f), cx.Loc))
		b.WriteString(" ")
		side := st.Bid.Normal
		if f.BookSide == model.Ask {
			side = st.Ask.Normal
		}
		side.Write(&b, text.PadRight(text.SideWord(f.BookSide), 4))
		b.WriteString(" ")
		st.Fill.Write(&b, text.PadLeft(f.Count.Short(), 6))
		b.WriteString(c.at)
		ticker := fillTicker(f)
		st.Text.Write(&b, text.PadLeft(cx.Prices(ticker).Format(f.YesPrice), 6))
		b.WriteString(" ")
		st.Subtle.Write(&b, text.PadRight(cx.Tickers.Cell(ticker, c.ticker), c.ticker))
		if c.fee {
			b.WriteString(" ")
			st.Subtle.Write(&b, text.PadLeft(FeeText(f.FeeCost), feeW))
			mt := " M"
			if f.IsTaker {
				mt = " T"
			}
			st.Subtle.Write(&b, mt)
		}
		body = append(body, b.String())
	}
	title := st.Title.Render("Fills")
	if cx.Flash {
		title = st.Flash.Render("Fills")
	}
	if len(fills) > 0 {
		title += st.Subtle.Render(" " + text.Itoa(len(fills)))
	}
	footer := ""
	if len(fills) > n {
		last := min(off+n, len(fills))
		footer = st.Subtle.Render(text.Itoa(off+1) + "–" + text.Itoa(last) + " of " + text.Itoa(len(fills)))
	}
	return st.Frame(fp.w, fp.h, styles.Border{Title: title, Footer: footer, Focused: cx.Focused}, body)
}

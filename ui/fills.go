package ui

import (
	"strings"
	"time"

	"ladder/desk"
	"ladder/model"
)

// fillsPane lists my own fills, newest first. With focus it scrolls back
// through the history the dashboard keeps (maxFills).
type fillsPane struct {
	w, h   int
	offset int // fills scrolled past at the top; 0 shows the newest
}

// SetSize gives the pane its rectangle.
func (fp *fillsPane) SetSize(w, h int) { fp.w, fp.h = w, h }

// rowsShown is how many fills fit below the column header.
func (fp *fillsPane) rowsShown() int { return max(fp.h-3, 1) }

// scroll moves the view by delta fills (positive: older), within the list.
func (fp *fillsPane) scroll(delta, total int) {
	fp.offset = clamp(fp.offset+delta, 0, max(total-fp.rowsShown(), 0))
}

// prepended keeps a scrolled view on the same fills when a new one arrives
// at the top; the newest view follows the new fill.
func (fp *fillsPane) prepended() {
	if fp.offset > 0 {
		fp.offset++
	}
}

// fillTime is when a fill happened.
func fillTime(f model.Fill) time.Time { return desk.FillTime(f) }

// fillTicker is the market of a fill (REST fills name it twice).
func fillTicker(f model.Fill) string {
	if f.MarketTicker != "" {
		return f.MarketTicker
	}
	return f.Ticker
}

// fillsCols are the fills pane's columns for an inner width.
type fillsCols struct {
	at     string // " @ ", or " " when the market column needs the room
	ticker int
	fee    bool // the fee and maker/taker columns
}

// feeW fits every fee up to $99.9999 exactly; larger fees are rounded to
// the cent (feeText).
const feeW = 8

func fillsColsFor(inner int) fillsCols {
	c := fillsCols{at: " @ ", fee: inner >= 39+feeW}
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

// feeText is a fee exactly ($0.0027, never $0.00), or rounded to the cent
// when the exact amount is wider than the column.
func feeText(m model.Money) string {
	s := m.Dollars()
	if width(s) <= feeW {
		return s
	}
	half := model.MoneyPerCent / 2
	if m < 0 {
		half = -half
	}
	return ((m + half) / model.MoneyPerCent * model.MoneyPerCent).Dollars()
}

// fillsCtx is what the fills pane draws from the root.
type fillsCtx struct {
	st      *Styles
	loc     *time.Location
	fills   []model.Fill // newest first
	prices  priceFormats
	focused bool
}

// View draws the pane into exactly fp.w × fp.h cells. The columns depend on
// the width only, so the header reads the same before and after a fill.
func (fp *fillsPane) View(cx fillsCtx) []string {
	st, fills := cx.st, cx.fills
	inner := fp.w - 2
	c := fillsColsFor(inner)
	hdr := padRight("time", 8) + " " + padRight("side", 4) + " " + padLeft("qty", 6) + spaces(len(c.at)) + padLeft("price", 6) + " " + padRight(marketTitle(c.ticker), c.ticker)
	if c.fee {
		hdr += " " + padLeft("fee", feeW) + "  "
	}
	body := []string{st.Header.n.s(padRight(hdr, inner))}
	if len(fills) == 0 {
		body = append(body, st.Subtle.n.s("no fills yet"))
	}
	n := fp.rowsShown()
	off := clamp(fp.offset, 0, max(len(fills)-n, 0)) // the list may have shrunk
	for i := off; i < len(fills) && i < off+n; i++ {
		f := fills[i]
		var b strings.Builder
		st.Subtle.n.to(&b, clockTime(fillTime(f), cx.loc))
		b.WriteString(" ")
		side := st.Bid.n
		if f.BookSide == model.Ask {
			side = st.Ask.n
		}
		side.to(&b, padRight(sideWord(f.BookSide), 4))
		b.WriteString(" ")
		st.Fill.n.to(&b, padLeft(f.Count.Short(), 6))
		b.WriteString(c.at)
		ticker := fillTicker(f)
		st.Text.n.to(&b, padLeft(cx.prices(ticker).text(f.YesPrice), 6))
		b.WriteString(" ")
		st.Subtle.n.to(&b, padRight(tickerCell(ticker, c.ticker), c.ticker))
		if c.fee {
			b.WriteString(" ")
			st.Subtle.n.to(&b, padLeft(feeText(f.FeeCost), feeW))
			mt := " M"
			if f.IsTaker {
				mt = " T"
			}
			st.Subtle.n.to(&b, mt)
		}
		body = append(body, b.String())
	}
	title := st.Title.n.s("Fills")
	if len(fills) > 0 {
		title += st.Subtle.n.s(" " + itoa(len(fills)))
	}
	footer := ""
	if len(fills) > n {
		last := min(off+n, len(fills))
		footer = st.Subtle.n.s(itoa(off+1) + "–" + itoa(last) + " of " + itoa(len(fills)))
	}
	return st.frame(Rect{W: fp.w, H: fp.h}, title, footer, body, cx.focused, false)
}

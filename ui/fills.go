package ui

import (
	"strings"
	"time"

	"ladder/model"
)

// fillsPane lists my own fills, newest first.
type fillsPane struct{ w, h int }

// SetSize gives the pane its rectangle.
func (fp *fillsPane) SetSize(w, h int) { fp.w, fp.h = w, h }

// fillTime is when a fill happened.
func fillTime(f model.Fill) time.Time {
	switch {
	case !f.CreatedTime.IsZero():
		return f.CreatedTime
	case f.Ts > 0:
		return time.Unix(f.Ts, 0)
	}
	return time.Time{}
}

// View draws the pane into exactly fp.w × fp.h cells.
func (fp *fillsPane) View(st *Styles, loc *time.Location, fills []model.Fill) []string {
	inner := fp.w - 2
	// Fees are shown exactly ($0.0027, not $0.00), so their column is as
	// wide as the widest fee on screen.
	shown := min(len(fills), max(fp.h-3, 0))
	feeW := 7
	for _, f := range fills[:shown] {
		feeW = max(feeW, width(f.FeeCost.Dollars()))
	}
	showFee := inner >= 39+feeW
	tickW := inner - 8 - 1 - 4 - 1 - 6 - 3 - 6 - 1
	if showFee {
		tickW -= feeW + 3
	}
	at := " @ "
	if tickW < 7 {
		at = " " // room for "T4.25" rather than an @
		tickW += 2
	}
	hdr := padRight("time", 8) + " " + padRight("side", 4) + " " + padLeft("qty", 6) + spaces(len(at)) + padLeft("price", 6) + " " + padRight(marketTitle(tickW), max(tickW, 0))
	if showFee {
		hdr += " " + padLeft("fee", feeW) + "  "
	}
	body := []string{st.Header.n.s(padRight(hdr, inner))}
	if len(fills) == 0 {
		body = append(body, st.Subtle.n.s("no fills yet"))
	}
	for i := 0; i < len(fills) && len(body) < fp.h-2; i++ {
		f := fills[i]
		var b strings.Builder
		st.Subtle.n.to(&b, clockTime(fillTime(f), loc))
		b.WriteString(" ")
		side := st.Bid.n
		if f.BookSide == model.Ask {
			side = st.Ask.n
		}
		side.to(&b, padRight(sideWord(f.BookSide), 4))
		b.WriteString(" ")
		st.Fill.n.to(&b, padLeft(f.Count.Short(), 6))
		b.WriteString(at)
		st.Text.n.to(&b, padLeft(f.YesPrice.Cents(), 6))
		b.WriteString(" ")
		ticker := f.MarketTicker
		if ticker == "" {
			ticker = f.Ticker
		}
		if width(ticker) > tickW {
			ticker = shortTicker(ticker)
		}
		st.Subtle.n.to(&b, padRight(trunc(ticker, max(tickW, 0)), max(tickW, 0)))
		if showFee {
			b.WriteString(" ")
			st.Subtle.n.to(&b, padLeft(f.FeeCost.Dollars(), feeW))
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
	return st.frame(Rect{W: fp.w, H: fp.h}, title, "", body, false, false)
}

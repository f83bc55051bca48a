package ui

import (
	"strings"

	"ladder/desk"
	"ladder/model"
)

// accountPane shows the balance and my positions with average price and
// realized / unrealized P&L net of fees.
type accountPane struct{ w, h int }

// SetSize gives the pane its rectangle.
func (ap *accountPane) SetSize(w, h int) { ap.w, ap.h = w, h }

type accountCtx struct {
	st          *Styles
	balance     model.Balance
	haveBalance bool
	positions   []desk.Position
	mark        func(ticker string) (model.Price, bool)
	prices      priceFormats
	// day is the session P&L the daily loss limit watches, shown when a
	// limit is set (dayLimit > 0).
	day, dayLimit model.Money
}

// balanceMoney is the cash balance, preferring the exact dollars field.
func balanceMoney(b model.Balance) model.Money {
	if b.BalanceDollars != 0 {
		return b.BalanceDollars
	}
	return model.MoneyFromCents(b.Balance)
}

// positionRow is one position's cells, formatted before the columns are
// sized so every amount is shown exactly and in full.
type positionRow struct {
	p                           model.Position
	ticker, size, avg           string
	unreal, real, fees, net     string
	unrealM, realM, feesM, netM model.Money
}

// accountCols are the widths of the position columns; a zero width is a
// column left out for lack of room.
type accountCols struct{ ticker, size, avg, unreal, real, fees, net int }

// View draws the pane into exactly ap.w × ap.h cells. Amounts are exact:
// fees and P&L are often fractions of a cent.
func (ap *accountPane) View(cx accountCtx) []string {
	st := cx.st
	inner := ap.w - 2
	var body []string

	// Totals over every position.
	var realized, fees, unreal model.Money
	unpriced := 0
	for i := range cx.positions {
		p := &cx.positions[i].Position
		realized += p.Realized
		fees += p.Fees
		if p.Size == 0 {
			continue
		}
		if mark, ok := cx.mark(p.Ticker); ok {
			unreal += p.Unrealized(mark)
		} else {
			unpriced++
		}
	}
	bal := st.Subtle.n.s("cash ")
	if cx.haveBalance {
		bal += st.Header.n.s(balanceMoney(cx.balance).Dollars())
		if cx.balance.PortfolioValue != 0 {
			bal += st.Subtle.n.s("  value ") + st.Text.n.s(model.MoneyFromCents(cx.balance.PortfolioValue).Dollars())
		}
	} else {
		bal += st.Subtle.n.s("…")
	}
	body = append(body, bal)
	net := realized + unreal - fees
	head := st.Subtle.n.s("P&L ") + pnlTone(st, net).s(signedMoney(net))
	detail := st.Subtle.n.s("  real ") + pnlTone(st, realized).s(signedMoney(realized)) +
		st.Subtle.n.s("  unreal ") + pnlTone(st, unreal).s(signedMoney(unreal))
	feesText := st.Subtle.n.s("  fees ") + st.Text.n.s(fees.Dollars())
	if unpriced > 0 {
		// The totals leave out what cannot be valued; say so.
		feesText += st.Warning.n.s("  " + itoa(unpriced) + " unpriced")
	}
	day := ""
	if cx.dayLimit > 0 {
		// The session's P&L against the daily loss limit: it goes before
		// the realized/unrealized detail when room is short.
		day = st.Subtle.n.s("  day ") + pnlTone(st, cx.day).s(signedMoney(cx.day)) + st.Subtle.n.s(" of -"+cx.dayLimit.Dollars())
	}
	switch {
	case width(stripped(head+detail+feesText+day)) <= inner:
		head += detail
		feesText += day
	case day != "" && width(stripped(head+feesText+day)) <= inner:
		feesText += day
	case width(stripped(head+detail+feesText)) <= inner:
		head += detail
	}
	body = append(body, head+feesText)

	// The positions that fit, formatted first so the columns fit them.
	room := max(ap.h-2-len(body)-1, 0)
	var rows []positionRow
	more := 0
	for i := range cx.positions {
		p := cx.positions[i].Position
		if p.Size == 0 && p.Realized == 0 && p.Fees == 0 {
			continue
		}
		if len(rows) >= room {
			more++
			continue
		}
		rows = append(rows, formatPosition(p, cx.mark, cx.prices(p.Ticker)))
	}
	c := positionCols(rows, inner)
	body = append(body, st.Header.n.s(padRight(positionHeader(c), inner)))
	for _, r := range rows {
		body = append(body, positionLine(st, c, r))
	}
	if len(rows) == 0 && room > 0 {
		body = append(body, st.Subtle.n.s("flat"))
	}
	footer := ""
	if more > 0 {
		footer = st.Subtle.n.s("+" + itoa(more) + " more")
	}
	return st.frame(Rect{W: ap.w, H: ap.h}, st.Title.n.s("Account"), footer, body, false, false)
}

// formatPosition formats one position's cells.
func formatPosition(p model.Position, mark func(string) (model.Price, bool), pf priceFormat) positionRow {
	r := positionRow{p: p, ticker: p.Ticker, size: signedQty(p.Size), avg: "—"}
	if a, ok := p.AvgEntry(); ok {
		r.avg = pf.text(avgPrice(a))
	}
	m, marked := mark(p.Ticker)
	if marked && p.Size != 0 {
		r.unrealM = p.Unrealized(m)
	}
	r.realM, r.feesM = p.Realized, p.Fees
	r.netM = r.realM + r.unrealM - r.feesM
	r.unreal, r.real, r.fees, r.net = signedMoney(r.unrealM), signedMoney(r.realM), r.feesM.Dollars(), signedMoney(r.netM)
	if p.Size != 0 && !marked {
		// No price to value it at: say so rather than show $0.00.
		r.unreal, r.net, r.unrealM, r.netM = "—", "—", 0, 0
	}
	return r
}

// positionCols sizes the columns to their widest cell (at least their
// usual width, so ordinary amounts line up with room between them) and
// drops fees, then realized, then unrealized until the market column has
// room.
func positionCols(rows []positionRow, inner int) accountCols {
	widest := func(floor int, cell func(positionRow) string) int {
		w := floor
		for _, r := range rows {
			w = max(w, width(cell(r)))
		}
		return w
	}
	c := accountCols{
		size:   widest(7, func(r positionRow) string { return r.size }),
		avg:    widest(7, func(r positionRow) string { return r.avg }),
		unreal: widest(8, func(r positionRow) string { return r.unreal }),
		real:   widest(7, func(r positionRow) string { return r.real }),
		fees:   widest(7, func(r positionRow) string { return r.fees }),
		net:    widest(8, func(r positionRow) string { return r.net }),
	}
	const minTicker = 8 // long tickers are cut to their last part ("T4.25")
	for _, drop := range []*int{&c.fees, &c.real, &c.unreal, nil} {
		c.ticker = inner - c.used()
		if c.ticker >= minTicker || drop == nil {
			break
		}
		*drop = 0
	}
	c.ticker = max(c.ticker, 0)
	return c
}

// used is the width of every column but the market's, with their gaps.
func (c accountCols) used() int {
	n := 0
	for _, w := range []int{c.size, c.avg, c.unreal, c.real, c.fees, c.net} {
		if w > 0 {
			n += 1 + w
		}
	}
	return n
}

func positionHeader(c accountCols) string {
	h := padRight(marketTitle(c.ticker), c.ticker)
	for _, col := range []struct {
		title string
		w     int
	}{{"pos", c.size}, {"avg", c.avg}, {"unreal", c.unreal}, {"real", c.real}, {"fees", c.fees}, {"net", c.net}} {
		if col.w > 0 {
			h += " " + padLeft(col.title, col.w)
		}
	}
	return h
}

func positionLine(st *Styles, c accountCols, r positionRow) string {
	var b strings.Builder
	st.Text.n.to(&b, padRight(tickerCell(r.ticker, c.ticker), c.ticker))
	sz := st.Text.n
	if r.p.Size > 0 {
		sz = st.Bid.n
	} else if r.p.Size < 0 {
		sz = st.Ask.n
	}
	b.WriteString(" ")
	sz.to(&b, padLeft(r.size, c.size))
	b.WriteString(" ")
	st.Subtle.n.to(&b, padLeft(r.avg, c.avg))
	if c.unreal > 0 {
		b.WriteString(" ")
		pnlTone(st, r.unrealM).to(&b, padLeft(r.unreal, c.unreal))
	}
	if c.real > 0 {
		b.WriteString(" ")
		pnlTone(st, r.realM).to(&b, padLeft(r.real, c.real))
	}
	if c.fees > 0 {
		b.WriteString(" ")
		st.Subtle.n.to(&b, padLeft(r.fees, c.fees))
	}
	b.WriteString(" ")
	pnlTone(st, r.netM).to(&b, padLeft(r.net, c.net))
	return b.String()
}

// pnlTone colours money by sign.
func pnlTone(st *Styles, m model.Money) paint {
	switch {
	case m > 0:
		return st.Up.n
	case m < 0:
		return st.Down.n
	}
	return st.Text.n
}

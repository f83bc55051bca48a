package account

import (
	"strings"

	"ladder/desk"
	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"

	"charm.land/bubbles/v2/key"
)

// Pane shows the balance and my positions with average price and
// realized / unrealized P&L net of fees.
type Pane struct{ w, h int }

// SetSize gives the pane its rectangle.
func (ap *Pane) SetSize(w, h int) { ap.w, ap.h = w, h }

// Ctx is what the account pane draws from the root.
type Ctx struct {
	Styles      *styles.Styles
	Balance     model.Balance
	HaveBalance bool
	Positions   []desk.Position
	Mark        func(ticker string) (model.Price, bool) // the price a position is valued at
	Prices      text.PriceFormats
	// Tickers shortens tickers without ambiguity among the markets in view.
	Tickers text.Tickers
	// Day is the session P&L the daily loss limit watches, shown when a
	// limit is set (DayLimit > 0).
	Day, DayLimit model.Money
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

// cols are the widths of the position columns; a zero width is a
// column left out for lack of room.
type cols struct{ ticker, size, avg, unreal, real, fees, net int }

// View draws the pane into exactly ap.w × ap.h cells. Amounts are exact:
// fees and P&L are often fractions of a cent.
func (ap *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := ap.w - 2
	var body []string

	// Totals over every position.
	var realized, fees, unreal model.Money
	unpriced := 0
	for i := range cx.Positions {
		p := &cx.Positions[i].Position
		realized += p.Realized
		fees += p.Fees
		if p.Size == 0 {
			continue
		}
		if mark, ok := cx.Mark(p.Ticker); ok {
			unreal += p.Unrealized(mark)
		} else {
			unpriced++
		}
	}
	bal := st.Subtle.Render("cash ")
	if cx.HaveBalance {
		bal += st.Header.Render(text.Money(balanceMoney(cx.Balance)))
		if cx.Balance.PortfolioValue != 0 {
			bal += st.Subtle.Render("  value ") + st.Text.Render(text.Money(model.MoneyFromCents(cx.Balance.PortfolioValue)))
		}
	} else {
		bal += st.Subtle.Render("…")
	}
	body = append(body, bal)
	net := realized + unreal - fees
	head := st.Subtle.Render("P&L ") + st.PnL(net).Render(text.SignedMoney(net))
	detail := st.Subtle.Render("  real ") + st.PnL(realized).Render(text.SignedMoney(realized)) +
		st.Subtle.Render("  unreal ") + st.PnL(unreal).Render(text.SignedMoney(unreal))
	feesText := st.Subtle.Render("  fees ") + st.Text.Render(text.ExactMoney(fees))
	if unpriced > 0 {
		// The totals leave out what cannot be valued; say so.
		feesText += st.Warning.Render("  " + text.Itoa(unpriced) + " unpriced")
	}
	day := ""
	if cx.DayLimit > 0 {
		// The session's P&L against the daily loss limit: it goes before
		// the realized/unrealized detail when room is short.
		day = st.Subtle.Render("  day ") + st.PnL(cx.Day).Render(text.SignedMoney(cx.Day)) + st.Subtle.Render(" of -"+text.Money(cx.DayLimit))
	}
	switch {
	case text.Width(text.Strip(head+detail+feesText+day)) <= inner:
		head += detail
		feesText += day
	case day != "" && text.Width(text.Strip(head+feesText+day)) <= inner:
		feesText += day
	case text.Width(text.Strip(head+detail+feesText)) <= inner:
		head += detail
	}
	body = append(body, head+feesText)

	// The positions that fit, formatted first so the columns fit them.
	room := max(ap.h-2-len(body)-1, 0)
	var rows []positionRow
	more := 0
	for i := range cx.Positions {
		p := cx.Positions[i].Position
		if p.Size == 0 && p.Realized == 0 && p.Fees == 0 {
			continue
		}
		if len(rows) >= room {
			more++
			continue
		}
		rows = append(rows, formatPosition(p, cx.Mark, cx.Prices(p.Ticker)))
	}
	c := positionCols(rows, inner)
	body = append(body, st.Header.Render(text.PadRight(positionHeader(c), inner)))
	for _, r := range rows {
		body = append(body, positionLine(st, cx.Tickers, c, r))
	}
	if len(rows) == 0 && room > 0 {
		body = append(body, st.Subtle.Render("flat"))
	}
	footer := ""
	if more > 0 {
		footer = st.Subtle.Render("+" + text.Itoa(more) + " more")
	}
	return st.Frame(ap.w, ap.h, styles.Border{Title: st.Title.Render("Account"), Footer: footer}, body)
}

// formatPosition formats one position's cells.
func formatPosition(p model.Position, mark func(string) (model.Price, bool), pf text.PriceFormat) positionRow {
	r := positionRow{p: p, ticker: p.Ticker, size: text.SignedQty(p.Size), avg: "—"}
	if a, ok := p.AvgEntry(); ok {
		r.avg = pf.Format(text.AvgPrice(a))
	}
	m, marked := mark(p.Ticker)
	if marked && p.Size != 0 {
		r.unrealM = p.Unrealized(m)
	}
	r.realM, r.feesM = p.Realized, p.Fees
	r.netM = r.realM + r.unrealM - r.feesM
	r.unreal, r.real, r.fees, r.net = text.SignedMoney(r.unrealM), text.SignedMoney(r.realM), text.ExactMoney(r.feesM), text.SignedMoney(r.netM)
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
func positionCols(rows []positionRow, inner int) cols {
	widest := func(floor int, cell func(positionRow) string) int {
		w := floor
		for _, r := range rows {
			w = max(w, text.Width(cell(r)))
		}
		return w
	}
	c := cols{
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
func (c cols) used() int {
	n := 0
	for _, w := range []int{c.size, c.avg, c.unreal, c.real, c.fees, c.net} {
		if w > 0 {
			n += 1 + w
		}
	}
	return n
}

func positionHeader(c cols) string {
	h := text.PadRight(text.MarketTitle(c.ticker), c.ticker)
	for _, col := range []struct {
		title string
		w     int
	}{{"pos", c.size}, {"avg", c.avg}, {"unreal", c.unreal}, {"real", c.real}, {"fees", c.fees}, {"net", c.net}} {
		if col.w > 0 {
			h += " " + text.PadLeft(col.title, col.w)
		}
	}
	return h
}

func positionLine(st *styles.Styles, tickers text.Tickers, c cols, r positionRow) string {
	var b strings.Builder
	st.Text.Write(&b, text.PadRight(tickers.Cell(r.ticker, c.ticker), c.ticker))
	sz := st.Text.Normal
	if r.p.Size > 0 {
		sz = st.Bid.Normal
	} else if r.p.Size < 0 {
		sz = st.Ask.Normal
	}
	b.WriteString(" ")
	sz.Write(&b, text.PadLeft(r.size, c.size))
	b.WriteString(" ")
	st.Subtle.Write(&b, text.PadLeft(r.avg, c.avg))
	if c.unreal > 0 {
		b.WriteString(" ")
		st.PnL(r.unrealM).Write(&b, text.PadLeft(r.unreal, c.unreal))
	}
	if c.real > 0 {
		b.WriteString(" ")
		st.PnL(r.realM).Write(&b, text.PadLeft(r.real, c.real))
	}
	if c.fees > 0 {
		b.WriteString(" ")
		st.Subtle.Write(&b, text.PadLeft(r.fees, c.fees))
	}
	b.WriteString(" ")
	st.PnL(r.netM).Write(&b, text.PadLeft(r.net, c.net))
	return b.String()
}

// ShortHelp is nil: the account pane has no keys of its own.
func (ap *Pane) ShortHelp() []key.Binding { return nil }

// FullHelp is nil: the account pane has no keys of its own.
func (ap *Pane) FullHelp() [][]key.Binding { return nil }

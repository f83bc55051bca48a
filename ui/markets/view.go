package markets

import (
	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"
	"strings"
	"time"
)

// Ctx is what the pane needs from the root to draw itself.
type Ctx struct {
	Styles  *styles.Styles
	Loc     *time.Location
	Zone    string // Loc's abbreviation now, named once in the closes header
	Focused bool
	Tickers map[string]model.TickerMsg // the latest quotes, over the catalogue's
	Open    map[string]bool            // markets with a ladder
	Stale   bool                       // the feed is down or silent: quotes are dimmed
}

// cols are the optional columns that fit a width.
type cols struct {
	name         int
	ticker, last bool
	vol, close   bool
	tickerW      int
	priceW, volW int // a price column fits "99.99¢"
}

// markW is the markers before a market's name: cursor, favourite and open
// ladder, each in a column of its own, then a space.
const markW = 4

func colsFor(inner int) cols {
	c := cols{priceW: 6, volW: 7}
	rest := inner - markW - 2*c.priceW - 2
	if rest >= 30+1+c.priceW {
		c.last, rest = true, rest-1-c.priceW
	}
	if rest >= 30+8 {
		c.vol, rest = true, rest-8
	}
	if rest >= 30+13 {
		c.close, rest = true, rest-13
	}
	if rest >= 34+23 {
		c.ticker, c.tickerW, rest = true, 22, rest-23
	}
	// A very wide name column puts the prices far from the names they
	// belong to: past nameMax the room goes to whole tickers, and what is
	// left stays blank at the right.
	const nameMax, tickerMax = 48, 34
	if c.ticker && rest > nameMax {
		grow := min(rest-nameMax, tickerMax-c.tickerW)
		c.tickerW += grow
		rest -= grow
	}
	c.name = text.Clamp(rest, 8, nameMax)
	return c
}

// View draws the pane into exactly mp.w × mp.h cells.
func (mp *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := mp.w - 2
	c := colsFor(inner)
	body := make([]string, 0, mp.h)
	var hdr strings.Builder
	hdr.WriteString(text.Spaces(markW))
	hdr.WriteString(text.PadRight("market", c.name))
	if c.ticker {
		hdr.WriteString(" " + text.PadRight("ticker", c.tickerW))
	}
	hdr.WriteString(" " + text.PadLeft("bid", c.priceW) + " " + text.PadLeft("ask", c.priceW))
	if c.last {
		hdr.WriteString(" " + text.PadLeft("last", c.priceW))
	}
	if c.vol {
		hdr.WriteString(" " + text.PadLeft("vol", c.volW))
	}
	if c.close {
		hdr.WriteString(" " + text.PadLeft(text.Trunc("closes "+cx.Zone, 12), 12))
	}
	body = append(body, st.Header.Render(text.PadRight(hdr.String(), inner)))

	n := mp.ListRows()
	switch {
	case mp.loading:
		body = append(body, st.Subtle.Render("  loading markets…"))
	case mp.err != "":
		body = append(body, st.Error.Render("  "+mp.err))
	case len(mp.rows) == 0 && mp.filter() != "":
		body = append(body, st.Subtle.Render("  no market matches “"+mp.filter()+"”"))
	case len(mp.rows) == 0:
		body = append(body, st.Subtle.Render("  no markets"))
	}
	for i := mp.offset; i < len(mp.rows) && len(body) < n+1; i++ {
		body = append(body, mp.rowView(cx, c, i, inner))
	}
	for len(body) < n+1 {
		body = append(body, "")
	}
	if mp.editing || mp.filter() != "" {
		body = append(body, mp.filterLine(st))
	}
	title := st.Title.Render("Markets")
	if mp.filter() != "" {
		title += st.Subtle.Render(" (filtered)")
	}
	footer := ""
	if len(mp.rows) > n {
		footer = st.Subtle.Render(rowCounter(mp.cursor, mp.rows))
	}
	return st.Frame(mp.w, mp.h, styles.Border{Title: title, Footer: footer, Focused: cx.Focused}, body)
}

// rowCounter is "12/48" over market rows.
func rowCounter(cursor int, rows []Row) string {
	pos, total := 0, 0
	for i, r := range rows {
		if r.Market != nil {
			total++
			if i <= cursor {
				pos = total
			}
		}
	}
	return text.Itoa(pos) + "/" + text.Itoa(total)
}

func (mp *Pane) rowView(cx Ctx, c cols, i, inner int) string {
	st := cx.Styles
	r := mp.rows[i]
	if r.Market == nil {
		s := st.Accent.Render(text.Trunc(r.Header, inner))
		if r.Sub != "" && text.Width(r.Header)+text.Width(r.Sub)+3 <= inner {
			s += " " + st.Subtle.Render(r.Sub)
		}
		return s
	}
	m := r.Market
	cur := i == mp.cursor && cx.Focused
	sel := i == mp.cursor
	bid, ask, last, vol := m.YesBid, m.YesAsk, m.LastPrice, m.Volume
	if t, ok := cx.Tickers[m.Ticker]; ok {
		bid, ask, last, vol = t.YesBid, t.YesAsk, t.Price, t.Volume
	}
	var b strings.Builder
	gap := styles.Paint{}
	if cur {
		gap = st.Cursor
	}
	// Each marker has its own column, so a favourite keeps the cursor
	// and none of them touches the name.
	curMark, favMark, openMark := " ", " ", " "
	if sel {
		curMark = "›"
	}
	if mp.favs[m.Ticker] {
		favMark = "★"
	}
	if cx.Open[m.Ticker] {
		openMark = "▸"
	}
	st.Accent.On(cur).Write(&b, curMark)
	st.Own.On(cur).Write(&b, favMark+openMark+" ")
	name := text.MarketName(*m, true)
	nameTone := st.Text
	if sel {
		nameTone = st.Header
	}
	nameTone.On(cur).Write(&b, text.PadRight(text.FitName(name, c.name), c.name))
	if c.ticker {
		gap.Write(&b, " ")
		st.Subtle.On(cur).Write(&b, text.PadRight(text.Trunc(m.Ticker, c.tickerW), c.tickerW))
	}
	gap.Write(&b, " ")
	pf := mp.PriceFormat(m.Ticker)
	bidTone, askTone, lastTone := st.Bid, st.Ask, st.Text
	if cx.Stale {
		bidTone, askTone, lastTone = st.Subtle, st.Subtle, st.Subtle
	}
	bidTone.On(cur).Write(&b, text.PadLeft(pf.DashOr(bid), c.priceW))
	gap.Write(&b, " ")
	askTone.On(cur).Write(&b, text.PadLeft(pf.DashOr(ask), c.priceW))
	if c.last {
		gap.Write(&b, " ")
		lastTone.On(cur).Write(&b, text.PadLeft(pf.DashOr(last), c.priceW))
	}
	if c.vol {
		gap.Write(&b, " ")
		st.Subtle.On(cur).Write(&b, text.PadLeft(text.Qty(vol), c.volW))
	}
	if c.close {
		gap.Write(&b, " ")
		st.Subtle.On(cur).Write(&b, text.PadLeft(text.CloseTime(m.CloseTime, cx.Loc), 12))
	}
	used := markW + c.name + 2*(1+c.priceW)
	if c.ticker {
		used += 1 + c.tickerW
	}
	if c.last {
		used += 1 + c.priceW
	}
	if c.vol {
		used += 1 + c.volW
	}
	if c.close {
		used += 13
	}
	gap.Write(&b, text.Spaces(inner-used))
	return b.String()
}

package ui

import (
	"slices"
	"strings"
	"time"

	"ladder/model"
)

// marketsPane browses events and their markets, filters them with a typed
// query and marks favourites.
type marketsPane struct {
	events  []model.Event
	rows    []marketRow // after the filter, with event headers
	cursor  int         // index into rows; always a market row when any exist
	offset  int         // first row shown
	filter  string
	editing bool // typing into the filter
	favs    map[string]bool
	formats map[string]priceFormat // by ticker, from each market's grid
	// allTickers lists every market of the catalogue, sorted, for the
	// ticker subscription.
	allTickers []string
	w, h       int
	loading    bool
	err        string
}

// marketRow is an event header (market == nil) or one market.
type marketRow struct {
	header string
	sub    string
	market *model.Market
}

func newMarketsPane(favourites []string) marketsPane {
	favs := map[string]bool{}
	for _, f := range favourites {
		favs[f] = true
	}
	return marketsPane{favs: favs, loading: true}
}

// SetSize gives the pane its rectangle.
func (mp *marketsPane) SetSize(w, h int) {
	mp.w, mp.h = w, h
	mp.scroll()
}

// setEvents replaces the catalogue.
func (mp *marketsPane) setEvents(events []model.Event) {
	mp.events, mp.loading, mp.err = events, false, ""
	mp.formats = make(map[string]priceFormat)
	mp.allTickers = mp.allTickers[:0]
	for ei := range events {
		for _, m := range events[ei].Markets {
			mp.formats[m.Ticker] = formatFor(m.PriceRanges)
			mp.allTickers = append(mp.allTickers, m.Ticker)
		}
	}
	slices.Sort(mp.allTickers)
	mp.allTickers = slices.Compact(mp.allTickers)
	mp.rebuild()
}

// priceFormat is how a market of the catalogue writes its prices; a market
// not in the catalogue writes each price as it needs.
func (mp *marketsPane) priceFormat(ticker string) priceFormat { return mp.formats[ticker] }

// listRows is how many list rows fit (inside the frame, below the column
// header, above the filter line).
func (mp *marketsPane) listRows() int {
	n := mp.h - 2 - 1
	if mp.editing || mp.filter != "" {
		n--
	}
	return max(n, 1)
}

// rebuild recomputes the rows from the catalogue, the filter and the
// favourites, keeping the cursor on the same market when it survives.
func (mp *marketsPane) rebuild() {
	keep := mp.selectedTicker()
	mp.rows = mp.rows[:0]
	q := strings.ToLower(strings.TrimSpace(mp.filter))
	match := func(e *model.Event, m *model.Market) bool {
		if q == "" {
			return true
		}
		hay := strings.ToLower(m.Ticker + " " + m.Title + " " + m.Subtitle + " " + m.YesSubTitle + " " + e.Title + " " + e.EventTicker)
		return strings.Contains(hay, q)
	}
	var favRows []marketRow
	for ei := range mp.events {
		e := &mp.events[ei]
		for mi := range e.Markets {
			m := &e.Markets[mi]
			if mp.favs[m.Ticker] && match(e, m) {
				favRows = append(favRows, marketRow{market: m})
			}
		}
	}
	if len(favRows) > 0 {
		slices.SortFunc(favRows, func(a, b marketRow) int { return strings.Compare(a.market.Ticker, b.market.Ticker) })
		mp.rows = append(mp.rows, marketRow{header: "★ Favourites"})
		mp.rows = append(mp.rows, favRows...)
	}
	for ei := range mp.events {
		e := &mp.events[ei]
		first := true
		for mi := range e.Markets {
			m := &e.Markets[mi]
			if !match(e, m) {
				continue
			}
			if first {
				mp.rows = append(mp.rows, marketRow{header: e.Title, sub: e.EventTicker})
				first = false
			}
			mp.rows = append(mp.rows, marketRow{market: m})
		}
	}
	mp.cursor = 0
	if keep != "" {
		for i, r := range mp.rows {
			if r.market != nil && r.market.Ticker == keep {
				mp.cursor = i
				break
			}
		}
	}
	mp.snapCursor(1)
	mp.scroll()
}

// snapCursor moves the cursor off header rows in direction dir.
func (mp *marketsPane) snapCursor(dir int) {
	if len(mp.rows) == 0 {
		mp.cursor = 0
		return
	}
	mp.cursor = clamp(mp.cursor, 0, len(mp.rows)-1)
	for i := mp.cursor; i >= 0 && i < len(mp.rows); i += dir {
		if mp.rows[i].market != nil {
			mp.cursor = i
			return
		}
	}
	for i := mp.cursor; i >= 0 && i < len(mp.rows); i -= dir {
		if mp.rows[i].market != nil {
			mp.cursor = i
			return
		}
	}
}

// move moves the cursor by delta market rows.
func (mp *marketsPane) move(delta int) {
	if len(mp.rows) == 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir, delta = -1, -delta
	}
	for ; delta > 0; delta-- {
		next := mp.cursor + dir
		for next >= 0 && next < len(mp.rows) && mp.rows[next].market == nil {
			next += dir
		}
		if next < 0 || next >= len(mp.rows) {
			break
		}
		mp.cursor = next
	}
	mp.scroll()
}

// scroll keeps the cursor in view, showing its event header when possible.
func (mp *marketsPane) scroll() {
	n := mp.listRows()
	if mp.cursor < mp.offset {
		mp.offset = mp.cursor
		if mp.offset > 0 && mp.rows[mp.offset-1].market == nil {
			mp.offset--
		}
	}
	if mp.cursor >= mp.offset+n {
		mp.offset = mp.cursor - n + 1
	}
	mp.offset = clamp(mp.offset, 0, max(len(mp.rows)-n, 0))
}

// selected returns the highlighted market.
func (mp *marketsPane) selected() *model.Market {
	if mp.cursor < 0 || mp.cursor >= len(mp.rows) {
		return nil
	}
	return mp.rows[mp.cursor].market
}

func (mp *marketsPane) selectedTicker() string {
	if m := mp.selected(); m != nil {
		return m.Ticker
	}
	return ""
}

// toggleFavourite flips the highlighted market and returns the new list.
func (mp *marketsPane) toggleFavourite() ([]string, bool) {
	m := mp.selected()
	if m == nil {
		return nil, false
	}
	if mp.favs[m.Ticker] {
		delete(mp.favs, m.Ticker)
	} else {
		mp.favs[m.Ticker] = true
	}
	mp.rebuild()
	return mp.favourites(), true
}

// favourites returns the favourite tickers, sorted.
func (mp *marketsPane) favourites() []string {
	out := make([]string, 0, len(mp.favs))
	for t := range mp.favs {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// visibleTickers lists the markets on screen, for ticker subscriptions.
func (mp *marketsPane) visibleTickers() []string {
	var out []string
	n := mp.listRows()
	for i := mp.offset; i < len(mp.rows) && i < mp.offset+n; i++ {
		if m := mp.rows[i].market; m != nil {
			out = append(out, m.Ticker)
		}
	}
	return out
}

// find returns a market of the catalogue by ticker.
func (mp *marketsPane) find(ticker string) *model.Market {
	for ei := range mp.events {
		for mi := range mp.events[ei].Markets {
			if m := &mp.events[ei].Markets[mi]; m.Ticker == ticker {
				return m
			}
		}
	}
	return nil
}

// marketsCtx is what the pane needs from the root to draw itself.
type marketsCtx struct {
	st      *Styles
	loc     *time.Location
	zone    string // loc's abbreviation now, named once in the closes header
	focused bool
	tickers map[string]model.TickerMsg
	open    map[string]bool // markets with a ladder
	stale   bool            // the feed is down or silent: quotes are dimmed
}

// marketCols are the optional columns that fit a width.
type marketCols struct {
	name         int
	ticker, last bool
	vol, close   bool
	tickerW      int
	priceW, volW int // a price column fits "99.99¢"
}

// markW is the markers before a market's name: cursor, favourite and open
// ladder, each in a column of its own, then a space.
const markW = 4

func marketColsFor(inner int) marketCols {
	c := marketCols{priceW: 6, volW: 7}
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
	c.name = clamp(rest, 8, nameMax)
	return c
}

// View draws the pane into exactly mp.w × mp.h cells.
func (mp *marketsPane) View(cx marketsCtx) []string {
	st := cx.st
	inner := mp.w - 2
	c := marketColsFor(inner)
	body := make([]string, 0, mp.h)
	var hdr strings.Builder
	hdr.WriteString(spaces(markW))
	hdr.WriteString(padRight("market", c.name))
	if c.ticker {
		hdr.WriteString(" " + padRight("ticker", c.tickerW))
	}
	hdr.WriteString(" " + padLeft("bid", c.priceW) + " " + padLeft("ask", c.priceW))
	if c.last {
		hdr.WriteString(" " + padLeft("last", c.priceW))
	}
	if c.vol {
		hdr.WriteString(" " + padLeft("vol", c.volW))
	}
	if c.close {
		hdr.WriteString(" " + padLeft(trunc("closes "+cx.zone, 12), 12))
	}
	body = append(body, st.Header.n.s(padRight(hdr.String(), inner)))

	n := mp.listRows()
	switch {
	case mp.loading:
		body = append(body, st.Subtle.n.s("  loading markets…"))
	case mp.err != "":
		body = append(body, st.Error.n.s("  "+mp.err))
	case len(mp.rows) == 0 && mp.filter != "":
		body = append(body, st.Subtle.n.s("  no market matches “"+mp.filter+"”"))
	case len(mp.rows) == 0:
		body = append(body, st.Subtle.n.s("  no markets"))
	}
	for i := mp.offset; i < len(mp.rows) && len(body) < n+1; i++ {
		body = append(body, mp.rowView(cx, c, i, inner))
	}
	for len(body) < n+1 {
		body = append(body, "")
	}
	if mp.editing || mp.filter != "" {
		line := st.Accent.n.s("/ ") + st.Text.n.s(mp.filter)
		if mp.editing {
			line += st.Accent.n.s("▏") + st.Subtle.n.s("  enter keep · esc clear")
		}
		body = append(body, line)
	}
	title := st.Title.n.s("Markets")
	if mp.filter != "" {
		title += st.Subtle.n.s(" (filtered)")
	}
	footer := ""
	if len(mp.rows) > n {
		footer = st.Subtle.n.s(rowCounter(mp.cursor, mp.rows))
	}
	return st.frame(Rect{W: mp.w, H: mp.h}, title, footer, body, cx.focused, false)
}

// rowCounter is "12/48" over market rows.
func rowCounter(cursor int, rows []marketRow) string {
	pos, total := 0, 0
	for i, r := range rows {
		if r.market != nil {
			total++
			if i <= cursor {
				pos = total
			}
		}
	}
	return itoa(pos) + "/" + itoa(total)
}

func (mp *marketsPane) rowView(cx marketsCtx, c marketCols, i, inner int) string {
	st := cx.st
	r := mp.rows[i]
	if r.market == nil {
		s := st.Accent.n.s(trunc(r.header, inner-2))
		if r.sub != "" && width(r.header)+width(r.sub)+3 <= inner {
			s += " " + st.Subtle.n.s(r.sub)
		}
		return s
	}
	m := r.market
	cur := i == mp.cursor && cx.focused
	sel := i == mp.cursor
	bid, ask, last, vol := m.YesBid, m.YesAsk, m.LastPrice, m.Volume
	if t, ok := cx.tickers[m.Ticker]; ok {
		bid, ask, last, vol = t.YesBid, t.YesAsk, t.Price, t.Volume
	}
	var b strings.Builder
	gap := paint{}
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
	if cx.open[m.Ticker] {
		openMark = "▸"
	}
	st.Accent.on(cur).to(&b, curMark)
	st.Own.on(cur).to(&b, favMark+openMark+" ")
	name := marketName(*m, true)
	nameTone := st.Text
	if sel {
		nameTone = st.Header
	}
	nameTone.on(cur).to(&b, padRight(trunc(name, c.name), c.name))
	if c.ticker {
		gap.to(&b, " ")
		st.Subtle.on(cur).to(&b, padRight(trunc(m.Ticker, c.tickerW), c.tickerW))
	}
	gap.to(&b, " ")
	pf := mp.priceFormat(m.Ticker)
	bidTone, askTone, lastTone := st.Bid, st.Ask, st.Text
	if cx.stale {
		bidTone, askTone, lastTone = st.Subtle, st.Subtle, st.Subtle
	}
	bidTone.on(cur).to(&b, padLeft(pf.dashOr(bid), c.priceW))
	gap.to(&b, " ")
	askTone.on(cur).to(&b, padLeft(pf.dashOr(ask), c.priceW))
	if c.last {
		gap.to(&b, " ")
		lastTone.on(cur).to(&b, padLeft(pf.dashOr(last), c.priceW))
	}
	if c.vol {
		gap.to(&b, " ")
		st.Subtle.on(cur).to(&b, padLeft(qtyText(vol), c.volW))
	}
	if c.close {
		gap.to(&b, " ")
		st.Subtle.on(cur).to(&b, padLeft(closeTime(m.CloseTime, cx.loc), 12))
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
	gap.to(&b, spaces(inner-used))
	return b.String()
}

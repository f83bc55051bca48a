package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"

	"ladder/desk"
	"ladder/model"
)

// ladderCtx is what a ladder needs from the root to draw itself.
type ladderCtx struct {
	st       *Styles
	now      time.Time
	loc      *time.Location
	focused  bool            // the ladder has keyboard focus
	active   bool            // the ladder the ladder keys act on
	mine     *desk.LevelSums // my orders in this market, by YES price (nil: none)
	pos      model.Position  // my position in this market
	qty      model.Qty       // the order quantity the keys will send
	blocked  string          // why order entry is blocked; "" when it is not
	stale    bool            // the book may not be trusted: drawn dimmed
	moving   *desk.Order     // the order picked up with the move key
	recenter key.Binding     // named in the "market out of view" hint
	move     key.Binding     // named in the "moving" hint

	// hiddenLeft and hiddenRight count the open ladders beyond the window
	// of visible ones, shown in the title of the ladder at that edge.
	hiddenLeft, hiddenRight int
}

// ladderCols are the column widths of one ladder, from its inner width.
// cum is zero when the cumulative depth columns are not shown.
type ladderCols struct{ my, cum, size, price, vol int }

const (
	// ladderFixed is the cursor mark 1, spaces 5, last-trade mark 1.
	ladderFixed = 1 + 5 + 1
	// cumW is the width of a cumulative depth column ("12.5k" fits).
	cumW = 7
	// sizeMax caps the size columns: their depth bars have resolution
	// enough at this width, and longer ones only push the columns apart.
	sizeMax = 24
)

// width is the inner width the columns take.
func (c ladderCols) width() int {
	w := ladderFixed + 2*c.my + 2*c.size + c.price + c.vol
	if c.cum > 0 {
		w += 2 * (c.cum + 1)
	}
	return w
}

// colsFor spends a ladder's width: the base columns (46 cells, a 48-column
// ladder), then longer depth bars, then cumulative depth on both sides,
// then a digit more for my orders and the volume, then longer bars again up
// to sizeMax. What is left widens the volume column, the rightmost.
func colsFor(inner int) ladderCols {
	c := ladderCols{my: 5, size: 8, price: 6, vol: 7}
	extra := inner - c.width()
	grow := clamp(extra/2, 0, 4)
	c.size += grow
	extra -= 2 * grow
	if extra >= 2*(cumW+1) {
		c.cum = cumW
		extra -= 2 * (cumW + 1)
	}
	if extra >= 4 {
		c.my++
		c.vol++
		extra -= 3
	}
	if extra > 0 {
		grow = min(extra/2, sizeMax-c.size)
		c.size += grow
		extra -= 2 * grow
	}
	c.vol += max(extra, 0)
	return c
}

// rowCtx is what every row of one frame shares: the inside market, the
// size that scales the depth bars and the cumulative depth by row.
type rowCtx struct {
	bb, ba         model.Level
	hasBid, hasAsk bool
	maxSize        model.Qty
	cumBid, cumAsk []model.Qty // by row from the top; nil when not shown
}

// View draws the ladder into exactly lp.w × lp.h cells.
func (lp *ladderPane) View(cx ladderCtx) []string {
	st := cx.st
	inner := lp.w - 2
	cols := colsFor(inner)
	body := make([]string, 0, lp.h)
	body = append(body, fit(lp.marketLine(cx), inner))
	body = append(body, fit(lp.stateLine(cx), inner))
	body = append(body, lp.headerLine(st, cols, inner))

	var rc rowCtx
	if lp.hasBook() {
		rc.bb, rc.hasBid = lp.book.Book.BestBid(lp.terms)
		rc.ba, rc.hasAsk = lp.book.Book.BestAsk(lp.terms)
	}
	rc.maxSize = lp.visibleMax()
	if cols.cum > 0 {
		lp.cumulative()
		rc.cumBid, rc.cumAsk = lp.cumBid, lp.cumAsk
	}
	var b strings.Builder
	for r := 0; r < lp.rows; r++ {
		i := lp.top - r
		if i < 0 {
			body = append(body, spaces(inner))
			continue
		}
		b.Reset()
		lp.row(&b, cx, cols, &rc, r)
		body = append(body, b.String())
	}
	title := st.Title.n.s(lp.ticker)
	if lp.terms == model.NoTerms {
		title += st.Ask.n.s(" NO")
	}
	if cx.hiddenLeft > 0 {
		title = st.Accent.n.s("◂"+itoa(cx.hiddenLeft)) + " " + title
	}
	if cx.hiddenRight > 0 {
		title += " " + st.Accent.n.s(itoa(cx.hiddenRight)+"▸")
	}
	return st.frame(Rect{W: lp.w, H: lp.h}, title, lp.footer(cx, &rc), body, cx.focused, true)
}

// cumulative fills cumBid and cumAsk for the visible rows: the size a
// market order would sweep to reach each price (bids from the best bid
// down, offers from the best offer up). The slices are the pane's scratch
// space, reused every frame.
func (lp *ladderPane) cumulative() {
	n := lp.rows
	lp.cumBid = resizeQty(lp.cumBid, n)
	lp.cumAsk = resizeQty(lp.cumAsk, n)
	if !lp.hasBook() {
		return
	}
	b := lp.book.Book
	const all = 1 << 30
	lp.scratch = b.TopBids(lp.terms, all, lp.scratch[:0]) // best (highest) first
	var sum model.Qty
	k := 0
	for r := 0; r < n && lp.top-r >= 0; r++ {
		p := lp.priceAt(lp.top - r)
		for ; k < len(lp.scratch) && lp.scratch[k].Price >= p; k++ {
			sum += lp.scratch[k].Qty
		}
		lp.cumBid[r] = sum
	}
	lp.scratch = b.TopAsks(lp.terms, all, lp.scratch[:0]) // best (lowest) first
	sum, k = 0, 0
	for r := n - 1; r >= 0; r-- {
		i := lp.top - r
		if i < 0 {
			continue
		}
		p := lp.priceAt(i)
		for ; k < len(lp.scratch) && lp.scratch[k].Price <= p; k++ {
			sum += lp.scratch[k].Qty
		}
		lp.cumAsk[r] = sum
	}
}

// resizeQty returns s with length n and every element zero, reusing its
// storage when it is large enough.
func resizeQty(s []model.Qty, n int) []model.Qty {
	if cap(s) < n {
		return make([]model.Qty, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// visibleMax is the largest size in the visible window, which scales the
// depth bars.
func (lp *ladderPane) visibleMax() model.Qty {
	if !lp.hasBook() {
		return 0
	}
	var m model.Qty
	for r := 0; r < lp.rows; r++ {
		i := lp.top - r
		if i < 0 {
			break
		}
		p := lp.priceAt(i)
		m = max(m, lp.book.Book.BidSize(lp.terms, p), lp.book.Book.AskSize(lp.terms, p))
	}
	return m
}

// marketLine names the market and when it closes.
func (lp *ladderPane) marketLine(cx ladderCtx) string {
	s := cx.st.Text.n.s(marketName(lp.market, false))
	if lp.missing {
		// Before the name: the header is cut from the right.
		return cx.st.Error.n.s("✗ market not found ") + s
	}
	if c := closeTime(lp.market.CloseTime, cx.loc); c != "" {
		s += cx.st.Subtle.n.s(" · closes " + c + " " + zoneName(lp.market.CloseTime, cx.loc))
	}
	return s
}

// stateLine shows the terms, the quantity the keys will send and my
// position, or, when entry is blocked, why.
func (lp *ladderPane) stateLine(cx ladderCtx) string {
	st := cx.st
	terms := st.Bid.n.s("YES")
	if lp.terms == model.NoTerms {
		terms = st.Ask.n.s("NO ")
	}
	s := terms + st.Subtle.n.s(" qty ") + st.Header.n.s(cx.qty.Short())
	if cx.blocked != "" {
		return s + " " + st.Stale.n.s("■ "+cx.blocked)
	}
	if cx.pos.Size != 0 {
		avg, _ := cx.pos.AvgEntry()
		size := cx.pos.Size
		if lp.terms == model.NoTerms {
			// A YES short is a NO long at 1 − the YES average.
			size = -size
			avg = model.Dollar - avg
		}
		s += st.Subtle.n.s(" pos ") + st.Text.n.s(signedQty(size)+" @"+lp.pf.text(avgPrice(avg)))
		mark, ok := lp.mark()
		if ok {
			pnl := cx.pos.Net(mark)
			tn := st.Up.n
			if pnl < 0 {
				tn = st.Down.n
			}
			s += st.Subtle.n.s(" P&L ") + tn.s(signedMoney(pnl))
		}
	}
	return s
}

// mark is the YES price positions are valued at: the mid, else the last.
func (lp *ladderPane) mark() (model.Price, bool) {
	if lp.hasBook() {
		if mid, ok := lp.book.Book.Mid(model.YesTerms); ok {
			return mid, true
		}
	}
	if lp.hasLast {
		return lp.last, true
	}
	return 0, false
}

func (lp *ladderPane) headerLine(st *Styles, c ladderCols, inner int) string {
	var b strings.Builder
	b.WriteString(" ")
	if c.cum > 0 {
		b.WriteString(padLeft("Σbids", c.cum))
		b.WriteString(" ")
	}
	b.WriteString(padLeft("mine", c.my))
	b.WriteString(" ")
	b.WriteString(padLeft("bids", c.size))
	b.WriteString(" ")
	b.WriteString(padLeft("price", c.price))
	b.WriteString("  ")
	b.WriteString(padRight("asks", c.size))
	b.WriteString(" ")
	b.WriteString(padRight("mine", c.my))
	b.WriteString(" ")
	if c.cum > 0 {
		b.WriteString(padRight("Σasks", c.cum))
		b.WriteString(" ")
	}
	b.WriteString(padLeft("vol", c.vol))
	return st.Header.n.s(padRight(b.String(), inner))
}

// row draws the price level of row r (grid index top − r).
func (lp *ladderPane) row(b *strings.Builder, cx ladderCtx, c ladderCols, rc *rowCtx, r int) {
	st := cx.st
	i := lp.top - r
	bb, ba, hasBid, hasAsk, maxSize := rc.bb, rc.ba, rc.hasBid, rc.hasAsk, rc.maxSize
	L := &st.L
	if cx.stale {
		L = &st.LStale
	}
	// Only the active ladder paints its cursor row; the others mark it.
	cur := i == lp.cursor && cx.active
	mark := i == lp.cursor
	p := lp.priceAt(i)
	yp := lp.yes(p)
	var bid, ask model.Qty
	if lp.hasBook() {
		bid = lp.book.Book.BidSize(lp.terms, p)
		ask = lp.book.Book.AskSize(lp.terms, p)
	}
	// My orders in the shown terms: a NO bid at p is my YES ask at 1 − p.
	var myBid, myBidPend, myAsk, myAskPend model.Qty
	unconfirmed := false
	if ls := cx.mine; ls != nil {
		myBid, myBidPend = ls.Bids[yp], ls.PendingBids[yp]
		myAsk, myAskPend = ls.Asks[yp], ls.PendingAsks[yp]
		unconfirmed = ls.Unconfirmed[yp]
	}
	if lp.terms == model.NoTerms {
		myBid, myBidPend, myAsk, myAskPend = myAsk, myAskPend, myBid, myBidPend
	}
	gap := st.Cursor
	if !cur {
		gap = paint{}
	}

	// Cursor mark.
	switch {
	case cur:
		L.CursorMark.c.to(b, "▶")
	case mark:
		st.Subtle.n.to(b, "▷")
	default:
		b.WriteByte(' ')
	}
	if c.cum > 0 {
		cumCell(b, L.Cum, rc.cumBid[r], bid, c.cum, cur, true)
		gap.to(b, " ")
	}
	// My bids.
	ownCell(b, st, L.OwnBid, myBid, myBidPend, unconfirmed && myBid > 0, c.my, cur, true)
	gap.to(b, " ")
	// Bid size with its depth bar growing from the price column.
	isBestBid := hasBid && p == bb.Price
	bidText, bidBar := L.BidSize, L.BidBar
	if isBestBid {
		bidText, bidBar = L.BestBidSize, L.BestBidBar
	}
	sizeCell(b, bidText, bidBar, gap, bid, maxSize, c.size, cur, true)
	gap.to(b, " ")
	// Price.
	pt := L.Price
	switch {
	case isBestBid:
		pt = L.PriceBestBid
	case hasAsk && p == ba.Price:
		pt = L.PriceBestAs
	case hasBid && hasAsk && p > bb.Price && p < ba.Price:
		pt = L.PriceSpread
	case bid == 0 && ask == 0 && myBid == 0 && myAsk == 0:
		pt = L.PriceDim
	}
	pt.on(cur).to(b, padLeft(lp.label(i), c.price))
	// Last-trade mark.
	lp.lastMark(b, cx, p, cur)
	gap.to(b, " ")
	// Ask size, bar growing from the price column.
	isBestAsk := hasAsk && p == ba.Price
	askText, askBar := L.AskSize, L.AskBar
	if isBestAsk {
		askText, askBar = L.BestAskSize, L.BestAskBar
	}
	sizeCell(b, askText, askBar, gap, ask, maxSize, c.size, cur, false)
	gap.to(b, " ")
	ownCell(b, st, L.OwnAsk, myAsk, myAskPend, unconfirmed && myAsk > 0, c.my, cur, false)
	gap.to(b, " ")
	if c.cum > 0 {
		cumCell(b, L.Cum, rc.cumAsk[r], ask, c.cum, cur, false)
		gap.to(b, " ")
	}
	// Session volume at this price.
	L.Volume.on(cur).to(b, padLeft(qtyText(lp.volumeAt(yp)), c.vol))
}

// footer summarises the inside market in the bottom border, or the order
// being moved. It fits the border: the spread goes first when room is
// short, then the words around the out-of-view arrow.
func (lp *ladderPane) footer(cx ladderCtx, rc *rowCtx) string {
	st := cx.st
	room := lp.w - 2 - 4 // the border's label room (edge)
	bb, ba, hasBid, hasAsk := rc.bb, rc.ba, rc.hasBid, rc.hasAsk
	if cx.moving != nil {
		o := cx.moving
		side := o.Side
		if lp.terms == model.NoTerms {
			side = side.Opposite()
		}
		s := "moving " + sideWord(side) + " " + o.Remaining.Short() + " @ " + lp.pf.text(lp.inTerms(o.Price))
		if hint := " · " + firstKey(cx.move) + " places it"; width(s+hint) <= room {
			s += hint
		}
		return st.Own.n.s(s)
	}
	// The column does not follow the market: say where it went, first.
	away := ""
	if hasBid || hasAsk {
		p := bb.Price
		if !hasBid {
			p = ba.Price
		}
		if i, ok := lp.grid.Index(p); ok {
			switch {
			case i > lp.top:
				away = "▲"
			case i < lp.top-lp.rows+1:
				away = "▼"
			}
		}
	}
	var bid, ask, spr string
	if hasBid {
		bid = lp.pf.text(bb.Price) + "×" + qtyText(bb.Qty)
	}
	if hasAsk {
		ask = lp.pf.text(ba.Price) + "×" + qtyText(ba.Qty)
	}
	if hasBid && hasAsk {
		spr = "spr " + lp.pf.text(ba.Price-bb.Price)
	}
	build := func(awayWord string, withSpread bool) (string, int) {
		var parts []string
		w := 0
		add := func(text string, p paint) {
			if text == "" {
				return
			}
			if len(parts) > 0 {
				w += 3
			}
			parts = append(parts, p.s(text))
			w += width(text)
		}
		if away != "" {
			add(awayWord+away+" "+firstKey(cx.recenter), st.Warning.n)
		}
		add(bid, st.Bid.n)
		add(ask, st.Ask.n)
		if withSpread {
			add(spr, st.Subtle.n)
		}
		return strings.Join(parts, st.Subtle.n.s(" · ")), w
	}
	for _, v := range []struct {
		word   string
		spread bool
	}{{"market ", true}, {"market ", false}, {"", false}} {
		if s, w := build(v.word, v.spread); w <= room {
			return s
		}
	}
	s, _ := build("", false)
	return s
}

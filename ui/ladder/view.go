package ladder

import (
	"strings"
	"time"

	"ladder/desk"
	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Ctx is what a ladder draws from the root, gathered once per frame.
type Ctx struct {
	Styles  *styles.Styles
	Now     time.Time
	Loc     *time.Location
	Focused bool            // the ladder has keyboard focus
	Active  bool            // the ladder the ladder keys act on
	Mine    *desk.LevelSums // my orders in this market, by YES price (nil: none)
	Pos     model.Position  // my position in this market
	Qty     model.Qty       // the order quantity the keys will send
	Blocked string          // why order entry is blocked; "" when it is not
	Stale   bool            // the book may not be trusted: drawn dimmed
	Moving  *desk.Order     // the order picked up with the move key
	// Flash marks my fill at FlashAt (YES terms) for a moment: its price
	// cell is painted Styles.Flash.
	Flash   bool
	FlashAt model.Price

	// HiddenLeft and HiddenRight count the open ladders beyond the window
	// of visible ones, shown in the title of the ladder at that edge.
	HiddenLeft, HiddenRight int
}

// Cols are the column widths of one ladder, from its inner width.
// Cum is zero when the cumulative depth columns are not shown.
type Cols struct{ My, Cum, Size, Price, Vol int }

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
func (c Cols) width() int {
	w := ladderFixed + 2*c.My + 2*c.Size + c.Price + c.Vol
	if c.Cum > 0 {
		w += 2 * (c.Cum + 1)
	}
	return w
}

// ColsFor spends a ladder's width: the base columns (46 cells, a 48-column
// ladder), then longer depth bars, then cumulative depth on both sides,
// then a digit more for my orders and the volume, then longer bars again up
// to sizeMax. What is left widens the volume column, the rightmost.
func ColsFor(inner int) Cols {
	c := Cols{My: 5, Size: 8, Price: 6, Vol: 7}
	extra := inner - c.width()
	grow := text.Clamp(extra/2, 0, 4)
	c.Size += grow
	extra -= 2 * grow
	if extra >= 2*(cumW+1) {
		c.Cum = cumW
		extra -= 2 * (cumW + 1)
	}
	if extra >= 4 {
		c.My++
		c.Vol++
		extra -= 3
	}
	if extra > 0 {
		grow = min(extra/2, sizeMax-c.Size)
		c.Size += grow
		extra -= 2 * grow
	}
	c.Vol += max(extra, 0)
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
func (lp *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := lp.w - 2
	cols := ColsFor(inner)
	body := make([]string, 0, lp.h)
	body = append(body, text.Fit(lp.marketLine(cx), inner))
	body = append(body, text.Fit(lp.stateLine(cx), inner))
	body = append(body, lp.headerLine(st, cols, inner))

	var rc rowCtx
	if lp.HasBook() {
		rc.bb, rc.hasBid = lp.book.Book.BestBid(lp.terms)
		rc.ba, rc.hasAsk = lp.book.Book.BestAsk(lp.terms)
	}
	rc.maxSize = lp.visibleMax()
	if cols.Cum > 0 {
		lp.cumulative()
		rc.cumBid, rc.cumAsk = lp.cumBid, lp.cumAsk
	}
	var b strings.Builder
	for r := 0; r < lp.rows; r++ {
		i := lp.top - r
		if i < 0 {
			body = append(body, text.Spaces(inner))
			continue
		}
		b.Reset()
		lp.row(&b, &cx, cols, &rc, r)
		body = append(body, b.String())
	}
	title := st.Title.Render(lp.ticker)
	if lp.terms == model.NoTerms {
		title += st.Ask.Render(" NO")
	}
	if cx.HiddenLeft > 0 {
		title = st.Accent.Render("◂"+text.Itoa(cx.HiddenLeft)) + " " + title
	}
	if cx.HiddenRight > 0 {
		title += " " + st.Accent.Render(text.Itoa(cx.HiddenRight)+"▸")
	}
	return st.Frame(lp.w, lp.h, styles.Border{Title: title, Footer: lp.footer(cx, &rc), Focused: cx.Focused, Exact: true}, body)
}

// cumulative fills cumBid and cumAsk for the visible rows: the size a
// market order would sweep to reach each price (bids from the best bid
// down, offers from the best offer up). The slices are the pane's scratch
// space, reused every frame.
func (lp *Pane) cumulative() {
	n := lp.rows
	lp.cumBid = resizeQty(lp.cumBid, n)
	lp.cumAsk = resizeQty(lp.cumAsk, n)
	if !lp.HasBook() {
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
func (lp *Pane) visibleMax() model.Qty {
	if !lp.HasBook() {
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
func (lp *Pane) marketLine(cx Ctx) string {
	s := cx.Styles.Text.Render(text.MarketName(lp.market, false))
	if lp.missing {
		// Before the name: the header is cut from the right.
		return cx.Styles.Error.Render("✗ market not found ") + s
	}
	if c := text.CloseTime(lp.market.CloseTime, cx.Loc); c != "" {
		s += cx.Styles.Subtle.Render(" · closes " + c + " " + text.Zone(lp.market.CloseTime, cx.Loc))
	}
	return s
}

// stateLine shows the terms, the quantity the keys will send and my
// position, or, when entry is blocked, why.
func (lp *Pane) stateLine(cx Ctx) string {
	st := cx.Styles
	terms := st.Bid.Render("YES")
	if lp.terms == model.NoTerms {
		terms = st.Ask.Render("NO ")
	}
	s := terms + st.Subtle.Render(" qty ") + st.Header.Render(cx.Qty.Short())
	if cx.Blocked != "" {
		return s + " " + st.Stale.Render("■ "+cx.Blocked)
	}
	if cx.Pos.Size != 0 {
		avg, _ := cx.Pos.AvgEntry()
		size := cx.Pos.Size
		if lp.terms == model.NoTerms {
			// A YES short is a NO long at 1 − the YES average.
			size = -size
			avg = model.Dollar - avg
		}
		s += st.Subtle.Render(" pos ") + st.Text.Render(text.SignedQty(size)+" @"+lp.pf.Format(text.AvgPrice(avg)))
		mark, ok := lp.Mark()
		if ok {
			pnl := cx.Pos.Net(mark)
			s += st.Subtle.Render(" P&L ") + st.PnL(pnl).Render(text.SignedMoney(pnl))
		}
	}
	return s
}

// Mark is the YES price positions are valued at: the mid, else the last.
func (lp *Pane) Mark() (model.Price, bool) {
	if lp.HasBook() {
		if mid, ok := lp.book.Book.Mid(model.YesTerms); ok {
			return mid, true
		}
	}
	if lp.hasLast {
		return lp.last, true
	}
	return 0, false
}

func (lp *Pane) headerLine(st *styles.Styles, c Cols, inner int) string {
	var b strings.Builder
	b.WriteString(" ")
	if c.Cum > 0 {
		b.WriteString(text.PadLeft("Σbids", c.Cum))
		b.WriteString(" ")
	}
	b.WriteString(text.PadLeft("mine", c.My))
	b.WriteString(" ")
	b.WriteString(text.PadLeft("bids", c.Size))
	b.WriteString(" ")
	b.WriteString(text.PadLeft("price", c.Price))
	b.WriteString("  ")
	b.WriteString(text.PadRight("asks", c.Size))
	b.WriteString(" ")
	b.WriteString(text.PadRight("mine", c.My))
	b.WriteString(" ")
	if c.Cum > 0 {
		b.WriteString(text.PadRight("Σasks", c.Cum))
		b.WriteString(" ")
	}
	b.WriteString(text.PadLeft("vol", c.Vol))
	return st.Header.Render(text.PadRight(b.String(), inner))
}

// row draws the price level of row r (grid index top − r).
func (lp *Pane) row(b *strings.Builder, cx *Ctx, c Cols, rc *rowCtx, r int) {
	st := cx.Styles
	i := lp.top - r
	bb, ba, hasBid, hasAsk, maxSize := rc.bb, rc.ba, rc.hasBid, rc.hasAsk, rc.maxSize
	L := &st.Ladder
	if cx.Stale {
		L = &st.StaleLadder
	}
	// Only the active ladder paints its cursor row; the others mark it.
	cur := i == lp.cursor && cx.Active
	mark := i == lp.cursor
	p := lp.priceAt(i)
	yp := lp.Yes(p)
	var bid, ask model.Qty
	if lp.HasBook() {
		bid = lp.book.Book.BidSize(lp.terms, p)
		ask = lp.book.Book.AskSize(lp.terms, p)
	}
	// My orders in the shown terms: a NO bid at p is my YES ask at 1 − p.
	var myBid, myBidPend, myAsk, myAskPend model.Qty
	unconfirmed := false
	if ls := cx.Mine; ls != nil {
		myBid, myBidPend = ls.Bids[yp], ls.PendingBids[yp]
		myAsk, myAskPend = ls.Asks[yp], ls.PendingAsks[yp]
		unconfirmed = ls.Unconfirmed[yp]
	}
	if lp.terms == model.NoTerms {
		myBid, myBidPend, myAsk, myAskPend = myAsk, myAskPend, myBid, myBidPend
	}
	gap := L.Gap
	if !cur {
		gap = styles.Paint{}
	}

	// Cursor mark.
	switch {
	case cur:
		L.CursorMark.OnCursor.Write(b, "▶")
	case mark:
		st.Subtle.Write(b, "▷")
	default:
		b.WriteByte(' ')
	}
	if c.Cum > 0 {
		cumCell(b, L.Cum, rc.cumBid[r], bid, c.Cum, cur, true)
		gap.Write(b, " ")
	}
	// My bids.
	ownCell(b, st, L.OwnBid, myBid, myBidPend, unconfirmed && myBid > 0, c.My, cur, true)
	gap.Write(b, " ")
	// Bid size with its depth bar growing from the price column.
	isBestBid := hasBid && p == bb.Price
	bidText, bidBar := L.BidSize, L.BidBar
	if isBestBid {
		bidText, bidBar = L.BestBidSize, L.BestBidBar
	}
	sizeCell(b, bidText, bidBar, gap, bid, maxSize, c.Size, cur, true)
	gap.Write(b, " ")
	// Price.
	pt := L.Price
	switch {
	case isBestBid:
		pt = L.PriceBestBid
	case hasAsk && p == ba.Price:
		pt = L.PriceBestAsk
	case hasBid && hasAsk && p > bb.Price && p < ba.Price:
		pt = L.PriceSpread
	case bid == 0 && ask == 0 && myBid == 0 && myAsk == 0:
		pt = L.PriceDim
	}
	if cx.Flash && yp == cx.FlashAt {
		st.Flash.Write(b, text.PadLeft(lp.Label(i), c.Price))
	} else {
		pt.On(cur).Write(b, text.PadLeft(lp.Label(i), c.Price))
	}
	// Last-trade mark.
	lp.lastMark(b, cx, p, cur)
	gap.Write(b, " ")
	// Ask size, bar growing from the price column.
	isBestAsk := hasAsk && p == ba.Price
	askText, askBar := L.AskSize, L.AskBar
	if isBestAsk {
		askText, askBar = L.BestAskSize, L.BestAskBar
	}
	sizeCell(b, askText, askBar, gap, ask, maxSize, c.Size, cur, false)
	gap.Write(b, " ")
	ownCell(b, st, L.OwnAsk, myAsk, myAskPend, unconfirmed && myAsk > 0, c.My, cur, false)
	gap.Write(b, " ")
	if c.Cum > 0 {
		cumCell(b, L.Cum, rc.cumAsk[r], ask, c.Cum, cur, false)
		gap.Write(b, " ")
	}
	// Session volume at this price.
	L.Volume.On(cur).Write(b, text.PadLeft(text.Qty(lp.VolumeAt(yp)), c.Vol))
}

// footer summarises the inside market in the bottom border, or the order
// being moved. It fits the border: the spread goes first when room is
// short, then the words around the out-of-view arrow.
func (lp *Pane) footer(cx Ctx, rc *rowCtx) string {
	st := cx.Styles
	room := lp.w - 2 - 4 // the border's label room (edge)
	bb, ba, hasBid, hasAsk := rc.bb, rc.ba, rc.hasBid, rc.hasAsk
	if cx.Moving != nil {
		o := cx.Moving
		side := o.Side
		if lp.terms == model.NoTerms {
			side = side.Opposite()
		}
		s := "moving " + text.SideWord(side) + " " + o.Remaining.Short() + " @ " + lp.pf.Format(lp.InTerms(o.Price))
		if hint := " · " + keys.First(lp.keys.Ladder.Move) + " places it"; text.Width(s+hint) <= room {
			s += hint
		}
		return st.Own.Render(s)
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
	// A stale book's summary is as dim as the book.
	bidPaint, askPaint := st.Bid.Normal, st.Ask.Normal
	if cx.Stale {
		bidPaint, askPaint = st.Subtle.Normal, st.Subtle.Normal
	}
	var bid, ask, spr string
	if hasBid {
		bid = lp.pf.Format(bb.Price) + "×" + text.Qty(bb.Qty)
	}
	if hasAsk {
		ask = lp.pf.Format(ba.Price) + "×" + text.Qty(ba.Qty)
	}
	if hasBid && hasAsk {
		spr = "spr " + lp.pf.Format(ba.Price-bb.Price)
	}
	build := func(awayWord string, withSpread bool) (string, int) {
		var parts []string
		w := 0
		add := func(cell string, p styles.Paint) {
			if cell == "" {
				return
			}
			if len(parts) > 0 {
				w += 3
			}
			parts = append(parts, p.Render(cell))
			w += text.Width(cell)
		}
		if away != "" {
			add(awayWord+away+" "+keys.First(lp.keys.Ladder.Recenter), st.Warning.Normal)
		}
		add(bid, bidPaint)
		add(ask, askPaint)
		if withSpread {
			add(spr, st.Subtle.Normal)
		}
		return strings.Join(parts, st.Subtle.Render(" · ")), w
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

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
	// Queue is my orders' places in their levels' queues (nil: none known).
	Queue *Queues
	// Count is a pending count prefix for the take keys (0: none).
	Count int
	// Flash marks my fill at FlashAt (YES terms) for a moment: its price
	// cell is painted Styles.Flash.
	Flash   bool
	FlashAt model.Price

	// HiddenLeft and HiddenRight count the open ladders beyond the window
	// of visible ones, shown in the title of the ladder at that edge.
	HiddenLeft, HiddenRight int
}

// rowCtx is what every row of one frame shares: the inside market, the
// size that scales the depth bars and the cumulative depth by row.
type rowCtx struct {
	bb, ba         model.Level
	hasBid, hasAsk bool
	maxSize        model.Qty
	cumBid, cumAsk []model.Qty // by row from the top; nil when not shown
	entry          int         // bucket of my average entry price; -1: flat
	// cursorQueue is my queue place at the cursor's row, for the footer of
	// a ladder too narrow for the queue column ("" when none).
	cursorQueue string
}

// Want is the optional columns this ladder has something for.
func (lp *Pane) Want(cx Ctx) Want {
	w := Want{PnL: cx.Pos.Size != 0 && lp.pnl != pnlOff}
	w.ForcePnL = w.PnL && lp.pnl == pnlOn
	if ls := cx.Mine; ls != nil {
		w.Queue = len(ls.Bids)+len(ls.Asks) > 0
	}
	return w
}

// View draws the ladder into exactly lp.w × lp.h cells.
func (lp *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := lp.w - 2
	cols := ColsFor(inner, lp.Want(cx))
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
	rc.entry = lp.entryBucket(cx.Pos)
	if cols.Cum > 0 {
		lp.cumulative()
		rc.cumBid, rc.cumAsk = lp.cumBid, lp.cumAsk
	}
	var b strings.Builder
	for r := 0; r < lp.rows; r++ {
		if lp.top-r < 0 {
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
	if z := lp.Zoom(); z > 1 {
		title += st.Accent.Render(" ×" + text.Itoa(z))
	}
	if cx.HiddenLeft > 0 {
		title = st.Accent.Render("◂"+text.Itoa(cx.HiddenLeft)) + " " + title
	}
	if cx.HiddenRight > 0 {
		title += " " + st.Accent.Render(text.Itoa(cx.HiddenRight)+"▸")
	}
	return st.Frame(lp.w, lp.h, styles.Border{Title: title, Footer: lp.footer(cx, &rc), Focused: cx.Focused, Exact: true}, body)
}

// entryBucket is the row bucket of my average entry price, -1 when flat.
func (lp *Pane) entryBucket(pos model.Position) int {
	avg, ok := pos.AvgEntry()
	if !ok {
		return -1
	}
	p := text.AvgPrice(avg)
	if lp.terms == model.NoTerms {
		p = p.Complement()
	}
	return lp.bucket(lp.indexNear(p))
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
		lo, _ := lp.span(lp.top - r)
		p := lp.priceAt(lo) // every bid at or above the row's lowest price
		for ; k < len(lp.scratch) && lp.scratch[k].Price >= p; k++ {
			sum += lp.scratch[k].Qty
		}
		lp.cumBid[r] = sum
	}
	lp.scratch = b.TopAsks(lp.terms, all, lp.scratch[:0]) // best (lowest) first
	sum, k = 0, 0
	for r := n - 1; r >= 0; r-- {
		if lp.top-r < 0 {
			continue
		}
		_, hi := lp.span(lp.top - r)
		p := lp.priceAt(hi) // every offer at or below the row's highest price
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
		if lp.top-r < 0 {
			break
		}
		lo, hi := lp.span(lp.top - r)
		bid, ask := lp.sizes(lo, hi)
		m = max(m, bid, ask)
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
	b.WriteString(text.PadLeft("mine", c.mineW()))
	b.WriteString(" ")
	b.WriteString(text.PadLeft("bids", c.Size))
	b.WriteString(" ")
	b.WriteString(text.PadLeft("price", c.Price))
	b.WriteString("  ")
	b.WriteString(text.PadRight("asks", c.Size))
	b.WriteString(" ")
	b.WriteString(text.PadRight("mine", c.mineW()))
	b.WriteString(" ")
	if c.Cum > 0 {
		b.WriteString(text.PadRight("Σasks", c.Cum))
		b.WriteString(" ")
	}
	if c.Vol > 0 {
		b.WriteString(text.PadLeft("vol", c.Vol))
	}
	if c.PnL > 0 {
		b.WriteString(" ")
		b.WriteString(text.PadLeft("P&L", c.PnL))
	}
	return st.Header.Render(text.PadRight(b.String(), inner))
}

// row draws row r: the bucket top − r, one price level at zoom 1.
func (lp *Pane) row(b *strings.Builder, cx *Ctx, c Cols, rc *rowCtx, r int) {
	st := cx.Styles
	bk := lp.top - r
	lo, hi := lp.span(bk)
	pLo, pHi := lp.priceAt(lo), lp.priceAt(hi)
	bb, ba, hasBid, hasAsk, maxSize := rc.bb, rc.ba, rc.hasBid, rc.hasAsk, rc.maxSize
	L := &st.Ladder
	if cx.Stale {
		L = &st.StaleLadder
	}
	// Only the active ladder paints its cursor row; the others mark it.
	mark := bk == lp.bucket(lp.cursor)
	cur := mark && cx.Active
	bid, ask := lp.sizes(lo, hi)
	mine := lp.mineIn(cx, lo, hi)
	if mark && c.Queue == 0 {
		rc.cursorQueue = cursorQueue(mine)
	}
	gap := L.Gap
	if !cur {
		gap = styles.Paint{}
	}
	in := func(p model.Price) bool { return p >= pLo && p <= pHi }

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
	// My bids, and their place in the queue.
	ownCell(b, st, L.OwnBid, mine.bid, c, cur, true, gap)
	gap.Write(b, " ")
	// Bid size with its depth bar growing from the price column.
	isBestBid := hasBid && in(bb.Price)
	bidText, bidBar := L.BidSize, L.BidBar
	if isBestBid {
		bidText, bidBar = L.BestBidSize, L.BestBidBar
	}
	sizeCell(b, bidText, bidBar, gap, bid, maxSize, c.Size, cur, true)
	// The entry marker: my average entry price is on this row.
	if bk == rc.entry {
		st.Own.On(cur).Write(b, "@")
	} else {
		gap.Write(b, " ")
	}
	// Price.
	pt := L.Price
	switch {
	case isBestBid:
		pt = L.PriceBestBid
	case hasAsk && in(ba.Price):
		pt = L.PriceBestAsk
	case hasBid && hasAsk && pLo > bb.Price && pHi < ba.Price:
		pt = L.PriceSpread
	case bid == 0 && ask == 0 && mine.bid.working+mine.bid.pending == 0 && mine.ask.working+mine.ask.pending == 0:
		pt = L.PriceDim
	}
	if cx.Flash && in(lp.InTerms(cx.FlashAt)) {
		st.Flash.Write(b, text.PadLeft(lp.Label(lo), c.Price))
	} else {
		pt.On(cur).Write(b, text.PadLeft(lp.Label(lo), c.Price))
	}
	// Last-trade mark.
	lp.lastMark(b, cx, L, gap, pLo, pHi, cur)
	gap.Write(b, " ")
	// Ask size, bar growing from the price column.
	isBestAsk := hasAsk && in(ba.Price)
	askText, askBar := L.AskSize, L.AskBar
	if isBestAsk {
		askText, askBar = L.BestAskSize, L.BestAskBar
	}
	sizeCell(b, askText, askBar, gap, ask, maxSize, c.Size, cur, false)
	gap.Write(b, " ")
	ownCell(b, st, L.OwnAsk, mine.ask, c, cur, false, gap)
	gap.Write(b, " ")
	if c.Cum > 0 {
		cumCell(b, L.Cum, rc.cumAsk[r], ask, c.Cum, cur, false)
		gap.Write(b, " ")
	}
	// Session volume at these prices.
	if c.Vol > 0 {
		L.Volume.On(cur).Write(b, text.PadLeft(text.Qty(lp.volumeIn(lo, hi)), c.Vol))
	}
	if c.PnL > 0 {
		gap.Write(b, " ")
		pnlCell(b, st, cx.Pos, lp.Yes(pLo), c.PnL, cur)
	}
	if c.Trail > 0 {
		gap.Write(b, text.Spaces(c.Trail))
	}
}

// cursorQueue words my queue place on the cursor's row: "mine ·q 1250".
func cursorQueue(m rowMine) string {
	for _, s := range []ownSums{m.bid, m.ask} {
		if s.hasQueue && s.working > 0 {
			return "mine " + queueText(s.queue)
		}
	}
	return ""
}

// sizes is the book's bid and ask size over grid indexes lo..hi.
func (lp *Pane) sizes(lo, hi int) (bid, ask model.Qty) {
	if !lp.HasBook() {
		return 0, 0
	}
	for i := lo; i <= hi; i++ {
		p := lp.priceAt(i)
		bid += lp.book.Book.BidSize(lp.terms, p)
		ask += lp.book.Book.AskSize(lp.terms, p)
	}
	return bid, ask
}

// volumeIn is the session's volume over grid indexes lo..hi.
func (lp *Pane) volumeIn(lo, hi int) model.Qty {
	var v model.Qty
	for i := lo; i <= hi; i++ {
		v += lp.VolumeAt(lp.Yes(lp.priceAt(i)))
	}
	return v
}

// ownSums is my size on one side of a row, with the best queue place of
// my orders there.
type ownSums struct {
	working, pending model.Qty
	unconfirmed      bool
	queue            QueueMark
	hasQueue         bool
}

// rowMine is my orders on a row, in the shown terms.
type rowMine struct{ bid, ask ownSums }

// mineIn adds up my orders over grid indexes lo..hi. A NO bid at p is my
// YES ask at 1 − p: in NO terms the sides swap.
func (lp *Pane) mineIn(cx *Ctx, lo, hi int) rowMine {
	var m rowMine
	ls := cx.Mine
	if ls == nil {
		return m
	}
	for i := lo; i <= hi; i++ {
		yp := lp.Yes(lp.priceAt(i))
		un := ls.Unconfirmed[yp]
		addSide(&m.bid, ls.Bids[yp], ls.PendingBids[yp], un)
		addSide(&m.ask, ls.Asks[yp], ls.PendingAsks[yp], un)
		if q := cx.Queue; q != nil {
			bestQueue(&m.bid, q.Bids, yp)
			bestQueue(&m.ask, q.Asks, yp)
		}
	}
	if lp.terms == model.NoTerms {
		m.bid, m.ask = m.ask, m.bid
	}
	return m
}

func addSide(s *ownSums, working, pending model.Qty, unconfirmed bool) {
	s.working += working
	s.pending += pending
	s.unconfirmed = s.unconfirmed || (unconfirmed && working > 0)
}

// bestQueue keeps the front-most queue place of my orders on a row.
func bestQueue(s *ownSums, marks map[model.Price]QueueMark, yp model.Price) {
	q, ok := marks[yp]
	if !ok {
		return
	}
	if !s.hasQueue || q.Ahead < s.queue.Ahead {
		s.queue, s.hasQueue = q, true
	}
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
			case lp.bucket(i) > lp.top:
				away = "▲"
			case lp.bucket(i) < lp.top-lp.rows+1:
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
		add(rc.cursorQueue, st.Own.Normal)
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

package orders

import (
	"ladder/desk"
	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"
	"strings"
	"time"
)

// stateWord describes an order's state for the list.
func stateWord(o *desk.Order) string {
	switch o.State {
	case desk.Pending:
		return "sending"
	case desk.Cancelling:
		return "cancel…"
	case desk.Amending:
		return "amend…"
	case desk.Unknown:
		return "UNKNOWN"
	}
	if o.Unconfirmed {
		return "unconf?"
	}
	return "working"
}

// Ctx is what the pane draws from the root.
type Ctx struct {
	Styles  *styles.Styles
	Now     time.Time // for the orders' age
	Focused bool
	List    []desk.Order // working orders first, then those in flight
	Prices  text.PriceFormats
	// Tickers shortens tickers without ambiguity among the markets in view.
	Tickers text.Tickers
	// Queue is a resting order's place in its level's queue: contracts
	// ahead, and whether that is the feed's estimate (nil: not shown).
	Queue func(id string) (ahead model.Qty, estimate, ok bool)
}

// cols are the orders pane's columns for an inner width.
type cols struct {
	qty    int  // the filled/total column
	queue  bool // contracts ahead in the queue
	ticker int  // the market column; whole tickers from fullTickerMin
	state  bool // the state column, when there is room
	tif    bool // time in force
	age    bool // time since the order was created
}

// Optional column widths, each with the space before it.
const (
	ordersBaseW  = 3 + 4 + 1 + 3 + 6 + 1 // marks and a space, side, " @ ", price, gap; and the qty column
	ordersStateW = 1 + 7
	ordersAgeW   = 1 + 4
	ordersQueueW = 1 + 6 // "~12.5k"
	// The quantity column is filled/total ("2/5", "100/250") on every row
	// at every width, so a partly filled order never reads as either its
	// remaining or its original size alone. Its width depends on the
	// pane's only (qtyWidth), like every column's.
	qtyNarrow, qtyMedium, qtyWide = 5, 7, 9
	ordersTIFW                    = 1 + 3
	// ordersTickerKeep is the narrowest market column the optional columns
	// after state may leave: room for a short ticker ("B105000").
	ordersTickerKeep = 9
)

// colsFor lays the pane out for an inner width, and for nothing
// else. The market column takes what is left; the optional columns come
// in order of priority (state, queue, age, time in force), each only
// when the market column keeps room for a short ticker.
func colsFor(inner int) cols {
	qty := qtyNarrow
	switch {
	case inner >= 60:
		qty = qtyWide
	case inner >= 44:
		qty = qtyMedium
	}
	c := cols{state: inner >= 44, qty: qty}
	c.ticker = inner - ordersBaseW - qty
	if c.state {
		c.ticker -= ordersStateW
		take := func(w int) bool {
			if c.ticker-w < ordersTickerKeep {
				return false
			}
			c.ticker -= w
			return true
		}
		c.queue = take(ordersQueueW)
		c.age = take(ordersAgeW)
		c.tif = c.age && take(ordersTIFW)
	}
	c.ticker = max(c.ticker, 0)
	return c
}

// qtyCell is an order's filled/total: "2/5".
func qtyCell(o *desk.Order) string {
	return o.Filled.Short() + "/" + (o.Filled + o.Remaining).Short()
}

// tifLabel is an order's time in force for the list: GTC, IOC, FOK, or GTD
// for a GTC order with an expiration.
func tifLabel(o *desk.Order) string {
	if o.TIF.Short() == "GTC" && !o.Expires.IsZero() {
		return "GTD"
	}
	return o.TIF.Short()
}

// orderAge is how long an order has existed, in at most four cells:
// 42s, 17m, 5h, 3d. "-" when its creation time is not known.
func orderAge(created, now time.Time) string {
	if created.IsZero() {
		return "-"
	}
	d := max(now.Sub(created), 0)
	switch {
	case d < time.Minute:
		return text.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return text.Itoa(int(d/time.Minute)) + "m"
	case d < 24*time.Hour:
		return text.Itoa(int(d/time.Hour)) + "h"
	}
	return text.Itoa(int(d/(24*time.Hour))) + "d"
}

// View draws the pane into exactly op.w × op.h cells.
func (op *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := op.w - 2
	c := colsFor(inner)
	qtyHead := "qty"
	if c.qty >= len("fill/qty") {
		qtyHead = "fill/qty"
	}
	hdr := "   " + text.PadRight("side", 4) + " " + text.PadLeft(qtyHead, c.qty) + "   " + text.PadLeft("price", 6)
	if c.queue {
		hdr += " " + text.PadLeft("ahead", 6)
	}
	if c.age {
		hdr += " " + text.PadLeft("age", 4)
	}
	if c.tif {
		hdr += " tif"
	}
	hdr += " " + text.PadRight(text.MarketTitle(c.ticker), c.ticker)
	if c.state {
		hdr += " state"
	}
	body := []string{st.Header.Render(text.PadRight(hdr, inner))}
	if len(cx.List) == 0 {
		body = append(body, st.Subtle.Render("  no working orders"))
	}
	n := op.rowsShown()
	for i := op.offset; i < len(cx.List) && i < op.offset+n; i++ {
		o := &cx.List[i]
		cur := cx.Focused && i == op.cursor
		var b strings.Builder
		gap := styles.Paint{}
		if cur {
			gap = st.Cursor
		}
		mark := "  "
		switch {
		case op.selected[o.ID] && i == op.cursor && cx.Focused:
			mark = "▶■"
		case op.selected[o.ID]:
			mark = " ■"
		case i == op.cursor && cx.Focused:
			mark = "▶ "
		}
		markTone := st.Accent
		switch {
		case o.State == desk.Unknown:
			mark, markTone = mark[:len(mark)-1]+"?", st.Error
		case o.State == desk.Pending || o.State == desk.Cancelling || o.State == desk.Amending:
			if mark[len(mark)-1] == ' ' {
				mark, markTone = mark[:len(mark)-1]+"…", st.Warning
			}
		case o.Unconfirmed:
			// The feed was lost: it may have filled or gone since.
			if mark[len(mark)-1] == ' ' {
				mark, markTone = mark[:len(mark)-1]+"?", st.Warning
			}
		}
		markTone.On(cur).Write(&b, mark)
		gap.Write(&b, " ") // the markers never touch the side
		sideTone := st.Bid
		if o.Side == model.Ask {
			sideTone = st.Ask
		}
		sideTone.On(cur).Write(&b, text.PadRight(text.SideWord(o.Side), 4))
		gap.Write(&b, " ")
		st.Own.On(cur).Write(&b, text.PadLeft(text.Trunc(qtyCell(o), c.qty), c.qty))
		gap.Write(&b, " @ ")
		st.Text.On(cur).Write(&b, text.PadLeft(cx.Prices(o.Ticker).Format(o.Price), 6))
		if c.queue {
			gap.Write(&b, " ")
			st.Subtle.On(cur).Write(&b, text.PadLeft(queueCell(cx.Queue, o), 6))
		}
		if c.age {
			gap.Write(&b, " ")
			st.Subtle.On(cur).Write(&b, text.PadLeft(orderAge(o.Created, cx.Now), 4))
		}
		if c.tif {
			gap.Write(&b, " ")
			st.Subtle.On(cur).Write(&b, text.PadRight(tifLabel(o), 3))
		}
		gap.Write(&b, " ")
		st.Subtle.On(cur).Write(&b, text.PadRight(cx.Tickers.Cell(o.Ticker, c.ticker), c.ticker))
		if c.state {
			stTone := st.Subtle
			switch {
			case o.State == desk.Unknown:
				stTone = st.Error
			case o.State != desk.Working || o.Unconfirmed:
				stTone = st.Warning
			}
			gap.Write(&b, " ")
			stTone.On(cur).Write(&b, text.PadRight(stateWord(o), 7))
		}
		body = append(body, text.Fit(b.String(), inner))
	}
	title := st.Title.Render("Orders")
	if k := len(cx.List); k > 0 {
		title += st.Subtle.Render(" " + text.Itoa(k))
	}
	footer := ""
	if k := len(op.selected); k > 0 {
		footer = st.Accent.Render(text.Itoa(k) + " selected")
	}
	return st.Frame(op.w, op.h, styles.Border{Title: title, Footer: footer, Focused: cx.Focused}, body)
}

// queueCell is an order's place in its queue in at most six cells: the
// contracts ahead, "~" first when estimated from the feed, "-" when not
// known (in flight, or not read yet).
func queueCell(q func(string) (model.Qty, bool, bool), o *desk.Order) string {
	if q == nil || o.ID == "" {
		return "-"
	}
	ahead, est, ok := q(o.ID)
	if !ok {
		return "-"
	}
	n := text.Qty(ahead)
	if n == "" {
		n = "0"
	}
	if est {
		n = "~" + n
	}
	return n
}

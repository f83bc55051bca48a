package ui

import (
	"strings"
	"time"

	"ladder/desk"
	"ladder/model"
)

// ordersPane lists my working orders (and those still in flight) with a
// cursor and a multi-selection for batch cancels.
type ordersPane struct {
	cursor   int // index into the listed orders
	offset   int
	selected map[string]bool // order ids
	w, h     int
}

func newOrdersPane() ordersPane { return ordersPane{selected: map[string]bool{}} }

// SetSize gives the pane its rectangle.
func (op *ordersPane) SetSize(w, h int) { op.w, op.h = w, h }

// rowsShown is how many orders fit below the column header.
func (op *ordersPane) rowsShown() int { return max(op.h-3, 1) }

// orderList is what the orders pane shows: working orders first, then
// those in flight (the desk's View keeps them in that order; it must not
// be modified).
func orderList(v *desk.View) []desk.Order { return v.Orders }

// clampCursor keeps the cursor on an existing row and in view, and drops
// selections of orders that are gone.
func (op *ordersPane) clampCursor(list []desk.Order) {
	op.cursor = clamp(op.cursor, 0, max(len(list)-1, 0))
	n := op.rowsShown()
	if op.cursor < op.offset {
		op.offset = op.cursor
	}
	if op.cursor >= op.offset+n {
		op.offset = op.cursor - n + 1
	}
	op.offset = clamp(op.offset, 0, max(len(list)-n, 0))
	live := map[string]bool{}
	for _, o := range list {
		if o.ID != "" {
			live[o.ID] = true
		}
	}
	for id := range op.selected {
		if !live[id] {
			delete(op.selected, id)
		}
	}
}

// current returns the order under the cursor.
func (op *ordersPane) current(list []desk.Order) (desk.Order, bool) {
	if op.cursor < 0 || op.cursor >= len(list) {
		return desk.Order{}, false
	}
	return list[op.cursor], true
}

// toggle selects or deselects the order under the cursor.
func (op *ordersPane) toggle(list []desk.Order) {
	if o, ok := op.current(list); ok && o.ID != "" {
		if op.selected[o.ID] {
			delete(op.selected, o.ID)
		} else {
			op.selected[o.ID] = true
		}
	}
}

// selectAll selects every working order, or clears the selection when all
// are selected already.
func (op *ordersPane) selectAll(list []desk.Order) {
	all := true
	for _, o := range list {
		if o.ID != "" && !op.selected[o.ID] {
			all = false
		}
	}
	clear(op.selected)
	if all {
		return
	}
	for _, o := range list {
		if o.ID != "" {
			op.selected[o.ID] = true
		}
	}
}

// selectedIDs returns the selected order ids in list order.
func (op *ordersPane) selectedIDs(list []desk.Order) []string {
	var out []string
	for _, o := range list {
		if o.ID != "" && op.selected[o.ID] {
			out = append(out, o.ID)
		}
	}
	return out
}

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

type ordersCtx struct {
	st      *Styles
	now     time.Time // for the orders' age
	focused bool
	list    []desk.Order
	prices  priceFormats
}

// ordersCols are the orders pane's columns for an inner width.
type ordersCols struct {
	ticker int  // the market column; whole tickers from fullTickerMin
	state  bool // the state column, when there is room
	filled bool // contracts filled so far
	tif    bool // time in force
	age    bool // time since the order was created
}

// Optional column widths, each with the space before it.
const (
	ordersBaseW   = 3 + 4 + 1 + 7 + 3 + 6 + 1 // marks and a space, side, qty, " @ ", price, gap
	ordersStateW  = 1 + 7
	ordersFilledW = 1 + 6
	ordersAgeW    = 1 + 4
	ordersTIFW    = 1 + 3
	// ordersTickerKeep is the narrowest market column the optional columns
	// after state may leave: room for a short ticker ("B105000").
	ordersTickerKeep = 9
)

// ordersColsFor lays the pane out for an inner width, and for nothing
// else. The market column takes what is left; the optional columns come
// in order of priority (state, filled, age, time in force), each only
// when the market column keeps room for a short ticker.
func ordersColsFor(inner int) ordersCols {
	c := ordersCols{state: inner >= 44}
	c.ticker = inner - ordersBaseW
	if c.state {
		c.ticker -= ordersStateW
		take := func(w int) bool {
			if c.ticker-w < ordersTickerKeep {
				return false
			}
			c.ticker -= w
			return true
		}
		c.filled = take(ordersFilledW)
		c.age = c.filled && take(ordersAgeW)
		c.tif = c.age && take(ordersTIFW)
	}
	c.ticker = max(c.ticker, 0)
	return c
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
		return itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return itoa(int(d/time.Minute)) + "m"
	case d < 24*time.Hour:
		return itoa(int(d/time.Hour)) + "h"
	}
	return itoa(int(d/(24*time.Hour))) + "d"
}

// View draws the pane into exactly op.w × op.h cells.
func (op *ordersPane) View(cx ordersCtx) []string {
	st := cx.st
	inner := op.w - 2
	c := ordersColsFor(inner)
	hdr := "   " + padRight("side", 4) + " " + padLeft("qty", 7) + "   " + padLeft("price", 6)
	if c.filled {
		hdr += " " + padLeft("filled", 6)
	}
	if c.age {
		hdr += " " + padLeft("age", 4)
	}
	if c.tif {
		hdr += " tif"
	}
	hdr += " " + padRight(marketTitle(c.ticker), c.ticker)
	if c.state {
		hdr += " state"
	}
	body := []string{st.Header.n.s(padRight(hdr, inner))}
	if len(cx.list) == 0 {
		body = append(body, st.Subtle.n.s("  no working orders"))
	}
	n := op.rowsShown()
	for i := op.offset; i < len(cx.list) && i < op.offset+n; i++ {
		o := &cx.list[i]
		cur := cx.focused && i == op.cursor
		var b strings.Builder
		gap := paint{}
		if cur {
			gap = st.Cursor
		}
		mark := "  "
		switch {
		case op.selected[o.ID] && i == op.cursor && cx.focused:
			mark = "▶■"
		case op.selected[o.ID]:
			mark = " ■"
		case i == op.cursor && cx.focused:
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
		markTone.on(cur).to(&b, mark)
		gap.to(&b, " ") // the markers never touch the side
		sideTone := st.Bid
		if o.Side == model.Ask {
			sideTone = st.Ask
		}
		sideTone.on(cur).to(&b, padRight(sideWord(o.Side), 4))
		gap.to(&b, " ")
		st.Own.on(cur).to(&b, padLeft(o.Remaining.Short(), 7))
		gap.to(&b, " @ ")
		st.Text.on(cur).to(&b, padLeft(cx.prices(o.Ticker).text(o.Price), 6))
		if c.filled {
			filled, tone := "-", st.Subtle
			if o.Filled > 0 {
				filled, tone = o.Filled.Short(), st.Fill
			}
			gap.to(&b, " ")
			tone.on(cur).to(&b, padLeft(trunc(filled, 6), 6))
		}
		if c.age {
			gap.to(&b, " ")
			st.Subtle.on(cur).to(&b, padLeft(orderAge(o.Created, cx.now), 4))
		}
		if c.tif {
			gap.to(&b, " ")
			st.Subtle.on(cur).to(&b, padRight(tifLabel(o), 3))
		}
		gap.to(&b, " ")
		st.Subtle.on(cur).to(&b, padRight(tickerCell(o.Ticker, c.ticker), c.ticker))
		if c.state {
			stTone := st.Subtle
			switch {
			case o.State == desk.Unknown:
				stTone = st.Error
			case o.State != desk.Working || o.Unconfirmed:
				stTone = st.Warning
			}
			gap.to(&b, " ")
			stTone.on(cur).to(&b, padRight(stateWord(o), 7))
		}
		body = append(body, fit(b.String(), inner))
	}
	title := st.Title.n.s("Orders")
	if k := len(cx.list); k > 0 {
		title += st.Subtle.n.s(" " + itoa(k))
	}
	footer := ""
	if k := len(op.selected); k > 0 {
		footer = st.Accent.n.s(itoa(k) + " selected")
	}
	return st.frame(Rect{W: op.w, H: op.h}, title, footer, body, cx.focused, false)
}

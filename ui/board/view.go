package board

import (
	"strings"

	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Ctx is what the board draws from the root.
type Ctx struct {
	Styles *styles.Styles
	// Quote is a market's top of book and activity; false when neither
	// the feed nor the catalogue has one.
	Quote func(ticker string) (Quote, bool)
	// Mine is my stake in a market in the subaccount traded on.
	Mine   func(ticker string) Mine
	Prices text.PriceFormats
	// Fee is the taker fee coefficient the set check nets out.
	Fee model.FeeRate
	// Qty is the order quantity the entry keys send; Subaccount names the
	// subaccount they trade in ("" for the primary when no other is used).
	Qty        model.Qty
	Subaccount string
	// Stale says the quotes are not current (the feed is down).
	Stale bool
}

// cols are the widths of the board's columns; zero is a column left out.
type cols struct{ label, bid, bsz, ask, asz, last, vol, pos, mine int }

const gap = 1

// maxLabel is the widest the strike column gets.
const maxLabel = 28

func (c cols) used() int {
	n := 0
	for _, w := range []int{c.bid, c.bsz, c.ask, c.asz, c.last, c.vol, c.pos, c.mine} {
		if w > 0 {
			n += gap + w
		}
	}
	return n
}

// layout sizes the columns for an inner width, dropping volume, last,
// then the sizes until the label has room.
func layout(inner int) cols {
	c := cols{bid: 6, bsz: 6, ask: 6, asz: 6, last: 6, vol: 7, pos: 6, mine: 9}
	const minLabel = 12
	for _, drop := range []*int{&c.vol, &c.last, &c.bsz, &c.asz, &c.mine, nil} {
		c.label = inner - 2 - c.used() // 2: the cursor mark and a space
		if c.label >= minLabel || drop == nil {
			break
		}
		*drop = 0
	}
	// A label wider than the longest bracket name only pushes the
	// numbers away from it.
	c.label = text.Clamp(c.label, 1, maxLabel)
	return c
}

// Rows gathers the board's rows in strike order from the context.
func (bp *Pane) Rows(cx Ctx) []Row {
	out := make([]Row, len(bp.order))
	for i, mi := range bp.order {
		m := bp.event.Markets[mi]
		r := Row{Market: m, Label: label(m)}
		r.Quote, r.HasQuote = cx.Quote(m.Ticker)
		r.Mine = cx.Mine(m.Ticker)
		out[i] = r
	}
	return out
}

// label is a market's strike or bracket as the exchange words it.
func label(m model.Market) string {
	if m.YesSubTitle != "" {
		return m.YesSubTitle
	}
	if m.Subtitle != "" {
		return m.Subtitle
	}
	return text.ShortTicker(m.Ticker)
}

// View draws the board into exactly bp.w × bp.h cells.
func (bp *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := bp.w - 2
	rows := bp.Rows(cx)
	pf := text.PriceFormat{}
	if len(rows) > 0 {
		pf = cx.Prices(rows[0].Market.Ticker)
	}
	var check []string
	flags := map[int]Inversion{}
	switch {
	case bp.event.MutuallyExclusive && len(rows) > 1:
		check = setLines(st, rows, cx.Fee, pf)
	case Ladder(&bp.event):
		inv := Inversions(rows)
		for _, v := range inv {
			flags[v.Row] = v
		}
		check = ladderLines(st, rows, inv, pf)
	case len(rows) > 1:
		check = []string{st.Subtle.Render("outcomes not exclusive and not one strike ladder: no cross-market check")}
	}

	head := st.Subtle.Render(bp.event.EventTicker+" · ") + st.Text.Render(kindWords(&bp.event, len(rows))) +
		st.Subtle.Render(" · qty ") + st.Header.Render(cx.Qty.Short())
	if cx.Subaccount != "" {
		head += st.Subtle.Render(" · ") + st.Accent.Render(cx.Subaccount)
	}
	if cx.Stale {
		head += st.Warning.Render(" · quotes not current")
	}
	c := layout(inner)
	body := []string{head, st.Header.Render(text.PadRight(header(c, &bp.event), inner))}
	// Rows that fit: the frame, two header lines, a blank and the check.
	bp.rows = max(bp.h-2-len(body)-1-len(check), 1)
	bp.scroll()
	for i := bp.offset; i < len(rows) && i < bp.offset+bp.rows; i++ {
		_, flagged := flags[i]
		body = append(body, rowLine(st, c, rows[i], pf, i == bp.cursor, cx.Stale, flagged))
	}
	if len(rows) == 0 {
		body = append(body, st.Subtle.Render("no markets in this event"))
	}
	// The check right under the rows, where the eye is.
	body = append(body, "")
	body = append(body, check...)
	title := st.Title.Render("Event board") + st.Subtle.Render(" · ") + st.Text.Render(bp.event.Title)
	more := ""
	if n := len(rows) - bp.offset - bp.rows; n > 0 {
		more = st.Subtle.Render("+" + text.Itoa(n) + " more · ")
	}
	k := bp.keys.Board
	footer := more + st.Subtle.Render(keys.First(k.Bid)+" bid · "+keys.First(k.Ask)+" offer · "+keys.First(k.BuyNow)+"/"+
		keys.First(k.SellNow)+" take · "+keys.First(k.Open)+" ladder · "+keys.First(k.Close)+" back")
	return st.Frame(bp.w, bp.h, styles.Border{Title: title, Footer: footer, Focused: true}, body)
}

// kindWords says what kind of event it is.
func kindWords(ev *model.Event, n int) string {
	switch {
	case ev.MutuallyExclusive:
		return text.Itoa(n) + " outcomes, one pays $1"
	case Ladder(ev):
		return text.Itoa(n) + " strikes"
	case n == 1:
		return "one market"
	}
	return text.Itoa(n) + " markets"
}

func header(c cols, ev *model.Event) string {
	name := "market"
	switch {
	case Ladder(ev):
		name = "strike"
	case ev.MutuallyExclusive:
		name = "outcome"
	}
	h := "  " + text.PadRight(name, c.label)
	for _, col := range []struct {
		title string
		w     int
	}{{"bid", c.bid}, {"×size", c.bsz}, {"ask", c.ask}, {"×size", c.asz}, {"last", c.last}, {"volume", c.vol}, {"pos", c.pos}, {"mine", c.mine}} {
		if col.w > 0 {
			h += " " + text.PadLeft(col.title, col.w)
		}
	}
	return h
}

func rowLine(st *styles.Styles, c cols, r Row, pf text.PriceFormat, cur, stale, flagged bool) string {
	var b strings.Builder
	mark := "  "
	if cur {
		mark = "▶ "
	}
	st.Accent.On(cur).Write(&b, mark)
	lbl := r.Label
	if flagged {
		lbl = "⚠ " + lbl
	}
	lt := st.Text.On(cur)
	if flagged {
		lt = st.Warning.On(cur)
	}
	lt.Write(&b, text.PadRight(text.Trunc(lbl, c.label), c.label))
	q := r.Quote
	bidT, askT, txt := st.Bid.On(cur), st.Ask.On(cur), st.Text.On(cur)
	if stale || !r.HasQuote {
		bidT, askT, txt = st.Subtle.On(cur), st.Subtle.On(cur), st.Subtle.On(cur)
	}
	pad := st.Text.On(cur)
	cell := func(t styles.Paint, s string, w int) {
		if w <= 0 {
			return
		}
		pad.Write(&b, " ")
		t.WriteTrimmed(&b, text.PadLeft(s, w), pad)
	}
	cell(bidT, pf.DashOr(q.Bid), c.bid)
	cell(bidT, text.Qty(q.BidSize), c.bsz)
	cell(askT, pf.DashOr(q.Ask), c.ask)
	cell(askT, text.Qty(q.AskSize), c.asz)
	cell(txt, pf.DashOr(q.Last), c.last)
	cell(st.Subtle.On(cur), text.Qty(q.Volume), c.vol)
	posT := st.Text.On(cur)
	pos := ""
	switch {
	case r.Mine.Pos > 0:
		posT, pos = st.Bid.On(cur), text.SignedQty(r.Mine.Pos)
	case r.Mine.Pos < 0:
		posT, pos = st.Ask.On(cur), text.SignedQty(r.Mine.Pos)
	}
	cell(posT, pos, c.pos)
	cell(st.Own.On(cur), mineWords(r.Mine), c.mine)
	return b.String()
}

// mineWords is my working size in a row: "b5 a2" (bids 5, offers 2).
func mineWords(m Mine) string {
	var parts []string
	if m.Bids > 0 {
		parts = append(parts, "b"+text.Qty(m.Bids))
	}
	if m.Asks > 0 {
		parts = append(parts, "a"+text.Qty(m.Asks))
	}
	return strings.Join(parts, " ")
}

// setLines is the check of a mutually exclusive event: what buying and
// selling one of every outcome comes to, against $1.
func setLines(st *styles.Styles, rows []Row, rate model.FeeRate, pf text.PriceFormat) []string {
	line := func(buy bool) string {
		s := SumSet(rows, buy, rate)
		verb, side, op := "buy all ", "Σ asks ", " + fees "
		if !buy {
			verb, side, op = "sell all", "Σ bids ", " − fees "
		}
		head := st.Header.Render(verb) + " "
		if !s.OK {
			if buy {
				return head + st.Subtle.Render("no offer in "+s.Missing+": no set to buy")
			}
			return head + st.Subtle.Render("no bid in "+s.Missing+": no set to sell")
		}
		sum := st.Subtle.Render(side) + st.Text.Render(pf.Format(s.Gross)) + st.Subtle.Render(op) +
			st.Text.Render(pf.Format(s.Fees)) + st.Subtle.Render(" = ") + st.Header.Render(pf.Format(s.Net))
		edge := s.Edge(buy)
		switch {
		case edge > 0 && buy:
			return head + sum + " " + st.Warning.Render("◆ "+pf.Format(edge)+" UNDER $1 ×"+text.Qty(s.Sets)+" sets")
		case edge > 0:
			return head + sum + " " + st.Warning.Render("◆ "+pf.Format(edge)+" OVER $1 ×"+text.Qty(s.Sets)+" sets")
		case edge == 0:
			return head + sum + st.Subtle.Render(" = $1")
		case buy:
			return head + sum + st.Subtle.Render(" · "+pf.Format(-edge)+" over $1")
		}
		return head + sum + st.Subtle.Render(" · "+pf.Format(-edge)+" under $1")
	}
	return []string{line(true), line(false)}
}

// ladderLines is the check of a strike ladder.
func ladderLines(st *styles.Styles, rows []Row, inv []Inversion, pf text.PriceFormat) []string {
	if len(inv) == 0 {
		return []string{st.Subtle.Render("strike ladder: every strike priced at or below the one its YES implies ✓")}
	}
	v := inv[0]
	words := "“" + rows[v.Row].Label + "” " + pf.Format(v.Price) + " dearer than “" + rows[v.Than].Label + "” " + pf.Format(v.Below)
	if len(inv) > 1 {
		words += " (+" + text.Itoa(len(inv)-1) + " more)"
	}
	return []string{st.Warning.Render("⚠ strikes out of order: " + words)}
}

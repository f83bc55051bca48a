package ladder

import (
	"strings"

	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// The cells of a ladder row, drawn into the row's builder.

// cumCell draws the cumulative depth at a level that has size of its own;
// between levels it stays blank so the column reads like the size column.
func cumCell(b *strings.Builder, t styles.Tone, cum, here model.Qty, w int, cur, alignRight bool) {
	cell := ""
	if here > 0 {
		cell = text.Qty(cum)
	}
	if alignRight {
		cell = text.PadLeft(cell, w)
	} else {
		cell = text.PadRight(cell, w)
	}
	t.On(cur).Write(b, cell)
}

// ownCell draws my working (and pending) size at a level, and beside it
// my best place in the level's queue ("·q 1250": contracts ahead; "·q~"
// when estimated from the feed since the exchange last said). Working
// size the feed could not confirm (it was lost, and the reconciliation
// after the reconnect has not yet answered) is marked "?".
//
// pad paints the cell's blank space: the row's gap paint, so a cursor row
// (live or stale) is one colour across.
func ownCell(b *strings.Builder, st *styles.Styles, t styles.Tone, s ownSums, c Cols, cur, alignRight bool, pad styles.Paint) {
	cell := ""
	p := t.On(cur)
	working, pending := s.working, s.pending
	switch {
	case working > 0 && pending > 0:
		cell = text.Qty(working+pending) + "+"
	case working > 0:
		cell = text.Qty(working)
	case pending > 0:
		// On its way: "…" read as a number cut short.
		cell = text.Qty(pending) + "→"
		p = st.Subtle.On(cur)
	}
	if s.unconfirmed {
		cell = text.Qty(working+pending) + "?"
		p = st.Warning.On(cur)
	}
	queue := ""
	if c.Queue > 0 && s.hasQueue && working > 0 {
		queue = queueText(s.queue)
	}
	w := c.mineW()
	used := text.Width(cell)
	if queue != "" {
		used += 1 + text.Width(queue)
	}
	fill := text.Spaces(max(w-used, 0))
	if alignRight {
		pad.Write(b, fill)
	}
	p.Write(b, cell)
	if queue != "" {
		pad.Write(b, " ")
		st.Subtle.On(cur).Write(b, queue)
	}
	if !alignRight {
		pad.Write(b, fill)
	}
}

// queueText is a queue place in at most queueW cells: "·q 1250" from the
// exchange, "·q~1250" estimated, "·q 0" at the front.
func queueText(q QueueMark) string {
	n := text.Qty(q.Ahead)
	if n == "" {
		n = "0"
	}
	if q.Estimate {
		return "·q~" + n
	}
	return "·q " + n
}

// pnlCell draws what my position would make or lose if the market traded
// at a YES price: realized + unrealized there − fees paid, rounded to the
// cent (the header's P&L, at that price instead of the mark). The money is
// the same in YES and NO terms.
func pnlCell(b *strings.Builder, st *styles.Styles, pos model.Position, yes model.Price, w int, cur bool) {
	m := pos.Net(yes)
	cents := (int64(m) + sign(int64(m))*int64(model.MoneyPerCent)/2) / int64(model.MoneyPerCent)
	rounded := model.MoneyFromCents(cents)
	s := text.SignedMoney(rounded)
	if text.Width(s) > w {
		// Too wide for cents: whole dollars.
		s = text.SignedMoney(model.MoneyFromCents((cents + sign(cents)*50) / 100 * 100))
		s = strings.TrimSuffix(s, ".00")
	}
	tone := st.Text
	switch {
	case rounded > 0:
		tone = st.Up
	case rounded < 0:
		tone = st.Down
	}
	tone.On(cur).Write(b, text.PadLeft(text.Trunc(s, w), w))
}

func sign(v int64) int64 {
	if v < 0 {
		return -1
	}
	return 1
}

// sizeCell draws a size with its depth bar. Bid bars grow leftwards from
// the price column (right-aligned text), ask bars rightwards. The best
// level comes with its own, emphasised, tones.
//
// A bar never splits a number: the size sits against the price column,
// where every bar starts, so a bar shorter than the number is drawn as
// long as the number ("12|9.5" would read as two numbers). Where there are
// no bars (mono, a stale book: the bar tone is the plain one) the size is
// painted without its padding, so an underline never runs across it.
func sizeCell(b *strings.Builder, plain, bar styles.Tone, pad styles.Paint, q, maxQ model.Qty, w int, cur, bidSide bool) {
	digits := text.Qty(q)
	cell := digits
	if bidSide {
		cell = text.PadLeft(cell, w)
	} else {
		cell = text.PadRight(cell, w)
	}
	k := 0
	if q > 0 && maxQ > 0 && bar != plain {
		k = int((int64(q)*int64(w) + int64(maxQ) - 1) / int64(maxQ))
		k = text.Clamp(max(k, len(digits)), 1, w)
	}
	if k == 0 {
		plain.On(cur).WriteTrimmed(b, cell, pad)
		return
	}
	// cell is ASCII (digits, '.', 'k', 'M'), so byte offsets are cells.
	if bidSide {
		pad.Write(b, cell[:w-k])
		bar.On(cur).Write(b, cell[w-k:])
	} else {
		bar.On(cur).Write(b, cell[:k])
		pad.Write(b, cell[k:])
	}
}

// lastMark draws the last-trade marker next to its price: ▲ or ▼ flashed in
// the trade's direction for a moment, then a quiet ◂.
//
// L is the row's ladder paints (dimmed for a stale book) and gap its blank
// paint, so the mark's cell matches the rest of the row.
func (lp *Pane) lastMark(b *strings.Builder, cx *Ctx, L *styles.LadderStyles, gap styles.Paint, lo, hi model.Price, cur bool) {
	if p := lp.InTerms(lp.last); !lp.hasLast || p < lo || p > hi {
		gap.Write(b, " ")
		return
	}
	dir := lp.lastDir
	if lp.terms == model.NoTerms {
		dir = -dir
	}
	if cx.Now.Sub(lp.lastAt) < flashFor && !lp.lastAt.IsZero() {
		switch {
		case dir > 0:
			L.LastUp.On(cur).Write(b, "▲")
			return
		case dir < 0:
			L.LastDown.On(cur).Write(b, "▼")
			return
		}
	}
	L.LastOld.On(cur).Write(b, "◂")
}

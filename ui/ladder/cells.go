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

// ownCell draws my working (and pending) size at a level. Working size
// the feed could not confirm (it was lost, and the reconciliation after
// the reconnect has not yet answered) is marked "?".
func ownCell(b *strings.Builder, st *styles.Styles, t styles.Tone, working, pending model.Qty, unconfirmed bool, w int, cur, alignRight bool) {
	cell := ""
	p := t.On(cur)
	switch {
	case working > 0 && pending > 0:
		cell = text.Qty(working+pending) + "+"
	case working > 0:
		cell = text.Qty(working)
	case pending > 0:
		cell = text.Qty(pending) + "…"
		p = st.Subtle.On(cur)
	}
	if unconfirmed {
		cell = text.Qty(working+pending) + "?"
		p = st.Warning.On(cur)
	}
	if alignRight {
		cell = text.PadLeft(cell, w)
	} else {
		cell = text.PadRight(cell, w)
	}
	pad := styles.Paint{}
	if cur {
		pad = st.Cursor
	}
	p.WriteTrimmed(b, cell, pad)
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
func (lp *Pane) lastMark(b *strings.Builder, cx *Ctx, p model.Price, cur bool) {
	L := &cx.Styles.Ladder
	if !lp.hasLast || lp.InTerms(lp.last) != p {
		if cur {
			cx.Styles.Cursor.Write(b, " ")
		} else {
			b.WriteByte(' ')
		}
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

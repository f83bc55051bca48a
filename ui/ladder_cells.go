package ui

import (
	"strings"

	"ladder/model"
)

// The cells of a ladder row, drawn into the row's builder.

// cumCell draws the cumulative depth at a level that has size of its own;
// between levels it stays blank so the column reads like the size column.
func cumCell(b *strings.Builder, t tone, cum, here model.Qty, w int, cur, alignRight bool) {
	text := ""
	if here > 0 {
		text = qtyText(cum)
	}
	if alignRight {
		text = padLeft(text, w)
	} else {
		text = padRight(text, w)
	}
	t.on(cur).to(b, text)
}

// ownCell draws my working (and pending) size at a level. Working size
// the feed could not confirm (it was lost, and the reconciliation after
// the reconnect has not yet answered) is marked "?".
func ownCell(b *strings.Builder, st *Styles, t tone, working, pending model.Qty, unconfirmed bool, w int, cur, alignRight bool) {
	text := ""
	p := t.on(cur)
	switch {
	case working > 0 && pending > 0:
		text = qtyText(working+pending) + "+"
	case working > 0:
		text = qtyText(working)
	case pending > 0:
		text = qtyText(pending) + "…"
		p = st.Subtle.on(cur)
	}
	if unconfirmed {
		text = qtyText(working+pending) + "?"
		p = st.Warning.on(cur)
	}
	if alignRight {
		text = padLeft(text, w)
	} else {
		text = padRight(text, w)
	}
	pad := paint{}
	if cur {
		pad = st.Cursor
	}
	p.trimTo(b, text, pad)
}

// sizeCell draws a size with its depth bar. Bid bars grow leftwards from
// the price column (right-aligned text), ask bars rightwards. The best
// level comes with its own, emphasised, tones.
func sizeCell(b *strings.Builder, plain, bar tone, pad paint, q, maxQ model.Qty, w int, cur, bidSide bool) {
	text := qtyText(q)
	if bidSide {
		text = padLeft(text, w)
	} else {
		text = padRight(text, w)
	}
	k := 0
	if q > 0 && maxQ > 0 {
		k = int((int64(q)*int64(w) + int64(maxQ) - 1) / int64(maxQ))
		k = clamp(k, 1, w)
	}
	if k == 0 {
		plain.on(cur).trimTo(b, text, pad)
		return
	}
	// text is ASCII (digits, '.', 'k', 'M'), so byte offsets are cells.
	if bidSide {
		plain.on(cur).to(b, text[:w-k])
		bar.on(cur).to(b, text[w-k:])
	} else {
		bar.on(cur).to(b, text[:k])
		plain.on(cur).to(b, text[k:])
	}
}

// lastMark draws the last-trade marker next to its price: ▲ or ▼ flashed in
// the trade's direction for a moment, then a quiet ◂.
func (lp *ladderPane) lastMark(b *strings.Builder, cx ladderCtx, p model.Price, cur bool) {
	L := &cx.st.L
	if !lp.hasLast || lp.inTerms(lp.last) != p {
		if cur {
			cx.st.Cursor.to(b, " ")
		} else {
			b.WriteByte(' ')
		}
		return
	}
	dir := lp.lastDir
	if lp.terms == model.NoTerms {
		dir = -dir
	}
	if cx.now.Sub(lp.lastAt) < flashFor && !lp.lastAt.IsZero() {
		switch {
		case dir > 0:
			L.LastUp.on(cur).to(b, "▲")
			return
		case dir < 0:
			L.LastDown.on(cur).to(b, "▼")
			return
		}
	}
	L.LastOld.on(cur).to(b, "◂")
}

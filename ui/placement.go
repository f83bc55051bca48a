package ui

import "ladder/ui/text"

// Where modals sit. The help and the history are centred. A confirmation
// dialog and the order ticket ask about a price, so they never cover the
// active ladder's price column: they go beside the column, on the side
// with more room (a dialog narrowed, its lines wrapped, to fit there);
// only when neither side has room for a readable box (boxMin, or the
// ticket's own width) are they centred.

// boxMin is the narrowest dialog worth placing beside the price column.
const boxMin = 40

// overlayModal draws the top modal over the screen.
func (m *Model) overlayModal(screen []string, md Modal) {
	if t, isTicket := md.(*ticket); isTicket {
		m.overlayBeside(screen, t.View(m))
		return
	}
	d, isDlg := md.(*dialog)
	if !isDlg {
		m.overlay(screen, m.viewModal(md))
		return
	}
	from, to, ok := m.priceColumnOnScreen()
	if !ok {
		m.overlay(screen, d.View(m))
		return
	}
	left, right := from-1, m.width-to-1 // a cell's gap beside the column
	box := d.View(m)
	bw := boxWidth(box)
	x := max((m.width-bw)/2, 0)
	if x+bw <= from || x >= to {
		m.overlay(screen, box) // centred, and clear already
		return
	}
	room := max(left, right)
	if room < boxMin {
		m.overlay(screen, box)
		return
	}
	m.boxRoom = room
	box = d.View(m)
	m.boxRoom = 0
	bw = boxWidth(box)
	if right >= left {
		x = to + 1 + (right-bw)/2
	} else {
		x = max((left-bw)/2, 0)
	}
	y := max((m.height-2-len(box))/2, 0)
	placeBlock(screen, box, x, y, m.width)
}

// overlayBeside draws a box of fixed width beside the active ladder's price
// column when it would cover it and a side has room for it, else centred.
func (m *Model) overlayBeside(screen []string, box []string) {
	from, to, ok := m.priceColumnOnScreen()
	bw := boxWidth(box)
	x := max((m.width-bw)/2, 0)
	if !ok || x+bw <= from || x >= to {
		m.overlay(screen, box)
		return
	}
	left, right := from-1, m.width-to-1
	switch {
	case right >= bw && right >= left:
		x = to + 1 + (right-bw)/2
	case left >= bw:
		x = (left - bw) / 2
	default:
		m.overlay(screen, box)
		return
	}
	y := max((m.height-2-len(box))/2, 0)
	placeBlock(screen, box, x, y, m.width)
}

// boxWidth is a drawn box's width in cells.
func boxWidth(box []string) int {
	if len(box) == 0 {
		return 0
	}
	return text.Width(text.Strip(box[0]))
}

// priceColumnOnScreen is the active ladder's price column in screen
// cells, when that ladder is on screen.
func (m *Model) priceColumnOnScreen() (from, to int, ok bool) {
	for slot, i := range m.visibleLadders() {
		if i != m.active || slot >= len(m.layout.Ladders) {
			continue
		}
		r := m.layout.Ladders[slot]
		if !r.Visible() {
			return 0, 0, false
		}
		lp := m.ladders[i]
		f, t := lp.PriceColumn(m.ladderCtx(m.view(), lp, true))
		return r.X + f, r.X + t, true
	}
	return 0, 0, false
}

package ui

import "ladder/ui/text"

// Where modals sit. The help and the history are centred. A confirmation
// dialog asks about a price, so it never covers the active ladder's price
// column: it goes beside the column, on the side with more room, narrowed
// (its lines wrapped) to fit there; only when neither side has room for a
// readable box (boxMin) is it centred.

// boxMin is the narrowest dialog worth placing beside the price column.
const boxMin = 40

// overlayModal draws the top modal over the screen.
func (m *Model) overlayModal(screen []string, md Modal) {
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

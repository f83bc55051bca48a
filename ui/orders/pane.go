package orders

import (
	"ladder/desk"
	"ladder/ui/keys"
	"ladder/ui/text"
)

// Pane lists my working orders (and those still in flight) with a
// cursor and a multi-selection for batch cancels.
type Pane struct {
	keys     *keys.KeyMap
	cursor   int // index into the listed orders
	offset   int
	selected map[string]bool // order ids
	w, h     int
}

// New makes the pane; km is the dashboard's keymap, which it only reads.
func New(km *keys.KeyMap) *Pane { return &Pane{keys: km, selected: map[string]bool{}} }

// SetSize gives the pane its rectangle.
func (op *Pane) SetSize(w, h int) { op.w, op.h = w, h }

// rowsShown is how many orders fit below the column header.
func (op *Pane) rowsShown() int { return max(op.h-3, 1) }

// ClampCursor keeps the cursor on an existing row and in view, and drops
// selections of orders that are gone.
func (op *Pane) ClampCursor(list []desk.Order) {
	op.cursor = text.Clamp(op.cursor, 0, max(len(list)-1, 0))
	n := op.rowsShown()
	if op.cursor < op.offset {
		op.offset = op.cursor
	}
	if op.cursor >= op.offset+n {
		op.offset = op.cursor - n + 1
	}
	op.offset = text.Clamp(op.offset, 0, max(len(list)-n, 0))
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

// Current returns the order under the cursor.
func (op *Pane) Current(list []desk.Order) (desk.Order, bool) {
	if op.cursor < 0 || op.cursor >= len(list) {
		return desk.Order{}, false
	}
	return list[op.cursor], true
}

// toggle selects or deselects the order under the cursor.
func (op *Pane) toggle(list []desk.Order) {
	if o, ok := op.Current(list); ok && o.ID != "" {
		if op.selected[o.ID] {
			delete(op.selected, o.ID)
		} else {
			op.selected[o.ID] = true
		}
	}
}

// selectAll selects every working order, or clears the selection when all
// are selected already.
func (op *Pane) selectAll(list []desk.Order) {
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

// SelectedIDs returns the selected order ids in list order.
func (op *Pane) SelectedIDs(list []desk.Order) []string {
	var out []string
	for _, o := range list {
		if o.ID != "" && op.selected[o.ID] {
			out = append(out, o.ID)
		}
	}
	return out
}

// CursorAt puts the cursor on the order listed at y, relative to the
// pane's top (the mouse): y 0 is the border, 1 the column header. It
// reports false for any other row.
func (op *Pane) CursorAt(y int, list []desk.Order) bool {
	r := y - 2
	if r < 0 || r >= op.rowsShown() || op.offset+r >= len(list) {
		return false
	}
	op.cursor = op.offset + r
	return true
}

// Step moves the cursor by delta orders (the mouse wheel), keeping it on
// the list and in view.
func (op *Pane) Step(delta int, list []desk.Order) {
	op.cursor += delta
	op.ClampCursor(list)
}

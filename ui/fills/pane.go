package fills

import (
	"ladder/ui/keys"
	"ladder/ui/text"
)

// Pane lists my own fills, newest first. With focus it scrolls back
// through the history the dashboard keeps (the desk's MaxFills).
type Pane struct {
	keys   *keys.KeyMap
	w, h   int
	offset int // fills scrolled past at the top; 0 shows the newest
}

// New makes the pane; km is the dashboard's keymap, which it only reads.
func New(km *keys.KeyMap) *Pane { return &Pane{keys: km} }

// SetSize gives the pane its rectangle.
func (fp *Pane) SetSize(w, h int) { fp.w, fp.h = w, h }

// rowsShown is how many fills fit below the column header.
func (fp *Pane) rowsShown() int { return max(fp.h-3, 1) }

// scroll moves the view by delta fills (positive: older), within the list.
func (fp *Pane) scroll(delta, total int) {
	fp.offset = text.Clamp(fp.offset+delta, 0, max(total-fp.rowsShown(), 0))
}

// Prepended keeps a scrolled view on the same fills when a new one arrives
// at the top; the newest view follows the new fill.
func (fp *Pane) Prepended() {
	if fp.offset > 0 {
		fp.offset++
	}
}

package ladder

// The P&L-at-price column shows by default wherever the ladder has room
// for it; its key turns it off, or on where it would not otherwise fit
// (in the volume column's place).

// pnlMode is the P&L column's setting on one ladder.
type pnlMode int

const (
	pnlAuto pnlMode = iota // shown when there is room beside the volume
	pnlOn                  // shown, in the volume's place if need be
	pnlOff                 // hidden
)

// TogglePnL turns the P&L column off when it is on screen and on when it
// is not, and reports whether it shows now (with a position to show).
func (lp *Pane) TogglePnL(cx Ctx) bool {
	if cx.Pos.Size == 0 {
		// Nothing to show either way: keep the setting for the next
		// position, flipping what it would do.
		if lp.pnl == pnlOff {
			lp.pnl = pnlAuto
			return true
		}
		lp.pnl = pnlOff
		return false
	}
	if ColsFor(lp.w-2, lp.Want(cx)).PnL > 0 {
		lp.pnl = pnlOff
		return false
	}
	lp.pnl = pnlOn
	return true
}

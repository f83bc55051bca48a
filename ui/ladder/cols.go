package ladder

import "ladder/ui/text"

// The ladder's columns, left to right:
//
//	▶ Σbids  mine ·q  bids @price◂ asks  mine ·q  Σasks  vol  P&L
//
// The base set (cursor mark, my orders, sizes, price, volume) always
// shows; the others come as width allows, in order of use: queue
// positions beside my orders while I have some in the market, P&L at
// price while I hold a position, cumulative depth. Depth bars grow only a
// little: a long bar is mostly empty cells between my orders and the
// price. Width no column can use is left blank at the right edge, and
// the layout hands it to the other panes first (MaxWidth).

// Cols are the column widths of one ladder, from its inner width. A zero
// Queue, Cum or PnL is a column not shown.
type Cols struct {
	My    int // my size at the level
	Queue int // queue position beside my size ("·q 1250", "·q~1250")
	Cum   int // cumulative depth
	Size  int
	Price int
	Vol   int
	PnL   int // my P&L if the market traded at the row's price
	Trail int // blank cells at the right edge
}

// Want says which optional columns have something to show.
type Want struct {
	Queue bool // I have working orders in the market
	PnL   bool // I hold a position and the P&L column is not turned off
	// ForcePnL: the P&L column was turned on with its key; where there is
	// no room for it beside the volume it takes the volume's place.
	ForcePnL bool
}

const (
	// ladderFixed is the cursor mark 1, spaces 5, last-trade mark 1.
	ladderFixed = 1 + 5 + 1
	// cumW is the width of a cumulative depth column ("12.5k" fits).
	cumW = 7
	// queueW is "·q" and a mark (" " exact, "~" estimated) and a size of
	// up to five cells ("12.5k").
	queueW = 3 + 5
	// pnlW holds "-$123.45".
	pnlW = 8
	// sizeBase and sizeMax bound the size columns: bars need some
	// resolution, but past sizeMax they only push my orders away from
	// the price.
	sizeBase = 8
	sizeMax  = 14
)

// mineW is the width of one side's mine cell, queue included.
func (c Cols) mineW() int {
	if c.Queue > 0 {
		return c.My + 1 + c.Queue
	}
	return c.My
}

// width is the inner width the columns take.
func (c Cols) width() int {
	w := ladderFixed + 2*c.mineW() + 2*c.Size + c.Price + c.Vol + c.Trail
	if c.Cum > 0 {
		w += 2 * (c.Cum + 1)
	}
	if c.PnL > 0 {
		w += c.PnL + 1
	}
	return w
}

// ColsFor spends a ladder's inner width: the base columns (46 cells, a
// 48-column ladder), two more cells of depth bar a side, then the queue
// beside my orders, the P&L, cumulative depth, a digit more for my orders
// and the volume, and bars up to sizeMax. Anything left is a blank margin
// at the right edge: never a gap between columns.
func ColsFor(inner int, w Want) Cols {
	c := Cols{My: 5, Size: sizeBase, Price: 6, Vol: 7}
	extra := inner - c.width()
	take := func(n int) bool {
		if extra < n {
			return false
		}
		extra -= n
		return true
	}
	grow := text.Clamp(extra/2, 0, 2)
	c.Size += grow
	extra -= 2 * grow
	if w.Queue && take(2*(queueW+1)) {
		c.Queue = queueW
	}
	if w.PnL && take(pnlW+1) {
		c.PnL = pnlW
	}
	if w.ForcePnL && c.PnL == 0 {
		// No room beside the volume: in its place, as wide as it was.
		c.PnL, c.Vol = c.Vol-1, 0
	}
	if take(2 * (cumW + 1)) {
		c.Cum = cumW
	}
	if c.Vol > 0 && take(3) {
		c.My++
		c.Vol++
	}
	grow = text.Clamp(extra/2, 0, sizeMax-c.Size)
	c.Size += grow
	extra -= 2 * grow
	c.Trail = max(extra, 0)
	return c
}

// MaxWidth is the widest a ladder with these columns has any use for,
// borders included: the layout gives width beyond it to the other panes.
func MaxWidth(w Want) int {
	c := ColsFor(1<<10, w)
	return c.width() - c.Trail + 2
}

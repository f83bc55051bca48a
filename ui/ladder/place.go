package ladder

// PriceColumn is where the price column (with its last-trade mark) lies
// within the pane, in cells from the pane's left edge, [from, to): the
// overlay keeps confirmation dialogs clear of it. It follows ColsFor and
// the row's cell order (row in view.go); change them together.
func (lp *Pane) PriceColumn() (from, to int) {
	c := ColsFor(lp.w - 2)
	from = 1 + 1 // the border, the cursor mark
	if c.Cum > 0 {
		from += c.Cum + 1
	}
	from += c.My + 1 + c.Size + 1
	return from, from + c.Price + 1
}

package ladder

// PriceColumn is where the price column (with its last-trade mark) lies
// within the pane, in cells from the pane's left edge, [from, to), as the
// last frame drew it from cx: the overlay keeps confirmation dialogs clear
// of it.
func (lp *Pane) PriceColumn(cx Ctx) (from, to int) {
	bidEnd, priceEnd, _ := ColsFor(lp.w-2, lp.Want(cx)).spans()
	return 1 + bidEnd, 1 + priceEnd // after the border
}

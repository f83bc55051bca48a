package ui

import "ladder/ui/text"

// priceFormatFor is the price format of a market: its ladder's when one is
// open, else the catalogue's; unknown markets show each price as it needs.
func (m *Model) priceFormatFor(ticker string) text.PriceFormat {
	if lp := m.ladderFor(ticker); lp != nil {
		return lp.PriceFormat()
	}
	return m.markets.PriceFormat(ticker)
}

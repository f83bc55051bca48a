package ui

import (
	"strconv"

	"ladder/model"
)

// priceFormat is how the prices of one market are written. Every price of
// the market gets the same number of decimals of a cent — those of the
// finest step in its price grid — so a column of prices lines up on the
// decimal point (a tapered grid reads 11.0¢, 10.0¢, 9.9¢, never 11¢ then
// 9.9¢), and a price reads the same in the ladder, its footer, the market
// list, the orders, fills and tape.
type priceFormat struct {
	decimals int  // 0, 1 or 2 decimals of a cent
	known    bool // false: the market's grid is unknown; each price shows what it needs
}

// formatFor is the price format of a grid given by its price ranges.
func formatFor(ranges []model.PriceRange) priceFormat {
	if len(ranges) == 0 {
		return priceFormat{}
	}
	f := priceFormat{known: true}
	for _, r := range ranges {
		if r.Step > 0 {
			f.decimals = max(f.decimals, decimalsOf(r.Step))
		}
	}
	return f
}

// decimalsOf is the number of decimals of a cent a price needs: 56¢ none,
// 56.5¢ one, 56.25¢ two.
func decimalsOf(p model.Price) int {
	switch {
	case p%model.Cent == 0:
		return 0
	case p%10 == 0:
		return 1
	}
	return 2
}

// text writes a price in the market's format. A price finer than the grid
// (an average, a price off the grid) keeps the decimals it needs, so nothing
// is rounded away.
func (f priceFormat) text(p model.Price) string {
	d := decimalsOf(p)
	if f.known {
		d = max(d, f.decimals)
	}
	return centsText(p, d)
}

// dashOr writes a quoted price, or "—" when there is none (0 or $1).
func (f priceFormat) dashOr(p model.Price) string {
	if !p.InOpenRange() {
		return "—"
	}
	return f.text(p)
}

// centsText formats a price (or a price difference, which may be negative)
// in cents with a fixed number of decimals.
func centsText(p model.Price, decimals int) string {
	var buf [24]byte
	b := buf[:0]
	if p < 0 {
		b = append(b, '-')
		p = -p
	}
	b = strconv.AppendInt(b, int64(p)/100, 10)
	frac := int64(p) % 100
	switch decimals {
	case 1:
		b = append(b, '.', byte('0'+frac/10))
	case 2:
		b = append(b, '.', byte('0'+frac/10), byte('0'+frac%10))
	}
	b = append(b, "¢"...)
	return string(b)
}

// priceFormats looks up the price format of a market by ticker.
type priceFormats func(ticker string) priceFormat

// priceFormatFor is the price format of a market: its ladder's when one is
// open, else the catalogue's; unknown markets show each price as it needs.
func (m *Model) priceFormatFor(ticker string) priceFormat {
	if lp := m.ladderFor(ticker); lp != nil {
		return lp.pf
	}
	return m.markets.priceFormat(ticker)
}

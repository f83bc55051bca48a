package text

import (
	"strconv"

	"ladder/model"
)

// PriceFormat is how the prices of one market are written. Every price of
// the market gets the same number of decimals of a cent — those of the
// finest step in its price grid — so a column of prices lines up on the
// decimal point (a tapered grid reads 11.0¢, 10.0¢, 9.9¢, never 11¢ then
// 9.9¢), and a price reads the same in the ladder, its footer, the market
// list, the orders, fills and tape.
type PriceFormat struct {
	decimals int  // 0, 1 or 2 decimals of a cent
	known    bool // false: the market's grid is unknown; each price shows what it needs
}

// PriceFormats looks up the price format of a market by ticker.
type PriceFormats func(ticker string) PriceFormat

// PriceFormatOf is the price format of a grid given by its price ranges.
func PriceFormatOf(ranges []model.PriceRange) PriceFormat {
	if len(ranges) == 0 {
		return PriceFormat{}
	}
	f := PriceFormat{known: true}
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

// Format writes a price in the market's format. A price finer than the
// grid (an average, a price off the grid) keeps the decimals it needs, so
// nothing is rounded away.
func (f PriceFormat) Format(p model.Price) string {
	d := decimalsOf(p)
	if f.known {
		d = max(d, f.decimals)
	}
	return Cents(p, d)
}

// DashOr writes a quoted price, or "—" when there is none (0 or $1).
func (f PriceFormat) DashOr(p model.Price) string {
	if !p.InOpenRange() {
		return "—"
	}
	return f.Format(p)
}

// Cents formats a price (or a price difference, which may be negative) in
// cents with a fixed number of decimals.
func Cents(p model.Price, decimals int) string {
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

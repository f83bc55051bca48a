package text

import (
	"strconv"

	"ladder/model"
)

// Qty formats a size compactly for narrow cells: whole contracts as
// integers, fractions with their decimals, and large sizes as 12.5k / 3.2M.
// Zero is blank: an empty level reads as nothing there.
func Qty(q model.Qty) string {
	if q == 0 {
		return ""
	}
	neg := q < 0
	a := q.Abs()
	var s string
	switch {
	case a >= model.Contracts(1_000_000):
		s = scaled(int64(a/model.Contract), 1_000_000, "M")
	case a >= model.Contracts(10_000):
		s = scaled(int64(a/model.Contract), 1_000, "k")
	default:
		s = a.Short()
	}
	if neg {
		return "-" + s
	}
	return s
}

// scaled formats v/div with one decimal and a suffix, truncating.
func scaled(v, div int64, suffix string) string {
	whole := v / div
	tenth := (v % div) * 10 / div
	if whole >= 100 {
		return strconv.FormatInt(whole, 10) + suffix
	}
	return strconv.FormatInt(whole, 10) + "." + strconv.FormatInt(tenth, 10) + suffix
}

// SignedQty formats a position: +25, -3.5, 0.
func SignedQty(q model.Qty) string { return q.Signed() }

// AvgPrice is the price an average written as money per contract
// (Position.AvgEntry) is shown at, rounded to a hundredth of a cent.
func AvgPrice(m model.Money) model.Price {
	// Money per contract → hundredths of a cent: $0.0001 = 100 units.
	return model.Price((int64(m) + 50) / 100)
}

// Itoa formats an int.
func Itoa(v int) string { return strconv.Itoa(v) }

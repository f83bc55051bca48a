package stream

import "ladder/model"

// Allocation-free twins of model.ParsePrice and model.ParseSignedQty for the
// hot path. They accept exactly what those accept (a fuzz test holds them
// to it) and report false instead of building an error.

// maxFixedWhole mirrors model's bound on the integer part.
const maxFixedWhole = 1_000_000_000_000

func parseFixedBytes(s []byte, scale int, signed bool) (int64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	neg := false
	if s[0] == '-' {
		if !signed {
			return 0, false
		}
		neg = true
		s = s[1:]
	}
	var whole, frac int64
	fracDigits, digits := 0, 0
	seenDot := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			d := int64(c - '0')
			if seenDot {
				fracDigits++
				if fracDigits > scale {
					return 0, false
				}
				frac = frac*10 + d
			} else {
				if whole > (maxFixedWhole-d)/10 {
					return 0, false
				}
				whole = whole*10 + d
			}
			digits++
		case c == '.' && !seenDot && digits > 0:
			seenDot = true
		default:
			return 0, false
		}
	}
	if digits == 0 || (seenDot && fracDigits == 0) {
		return 0, false
	}
	for i := fracDigits; i < scale; i++ {
		frac *= 10
	}
	mul := int64(1)
	for range scale {
		mul *= 10
	}
	v := whole*mul + frac
	if neg {
		v = -v
	}
	return v, true
}

func parsePriceBytes(s []byte) (model.Price, bool) {
	v, ok := parseFixedBytes(s, model.PriceScale, false)
	if !ok || v > int64(model.OneDollar) {
		return 0, false
	}
	return model.Price(v), true
}

func parseSignedQtyBytes(s []byte) (model.Qty, bool) {
	v, ok := parseFixedBytes(s, model.QtyScale, true)
	return model.Qty(v), ok
}

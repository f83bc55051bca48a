package model

import (
	"fmt"
	"strconv"
)

// parseFixed parses a plain decimal string ("0.56", "10", "-3.5") into an
// integer count of 10^-scale units. It accepts an optional leading '-' only
// when signed is true, at most `scale` decimals, and nothing else: no '+',
// exponents, spaces, NaN/Inf or thousands separators. The errors name the
// offending text so a bad exchange field can be traced.
func parseFixed(s string, scale int, signed bool, what string) (int64, error) {
	v, why := scanFixed(s, scale, signed)
	switch why {
	case fixedOK:
		return v, nil
	case fixedEmpty:
		return 0, fmt.Errorf("%s: empty value", what)
	case fixedNegative:
		return 0, fmt.Errorf("%s %q: negative value not allowed", what, s)
	case fixedNoDigits:
		return 0, fmt.Errorf("%s %q: no digits", what, s)
	case fixedTooManyDecimals:
		return 0, fmt.Errorf("%s %q: more than %d decimals", what, s, scale)
	case fixedOutOfRange:
		return 0, fmt.Errorf("%s %q: out of range", what, s)
	case fixedNoLeadingDigit:
		return 0, fmt.Errorf("%s %q: no digits before the decimal point", what, s)
	case fixedNoFraction:
		return 0, fmt.Errorf("%s %q: no digits after the decimal point", what, s)
	default:
		return 0, fmt.Errorf("%s %q: not a plain decimal number", what, s)
	}
}

// fixedFault says why scanFixed refused its input, so the error text is
// built only on failure and the hot path never allocates.
type fixedFault uint8

const (
	fixedOK fixedFault = iota
	fixedEmpty
	fixedNegative
	fixedNoDigits
	fixedTooManyDecimals
	fixedOutOfRange
	fixedNoLeadingDigit
	fixedNoFraction
	fixedNotDecimal
)

// scanFixed is the one parser behind every fixed-point type, for strings
// and for raw frame bytes alike.
func scanFixed[T string | []byte](s T, scale int, signed bool) (int64, fixedFault) {
	if len(s) == 0 {
		return 0, fixedEmpty
	}
	neg := false
	if s[0] == '-' {
		if !signed {
			return 0, fixedNegative
		}
		neg = true
		s = s[1:]
	}
	if len(s) == 0 {
		return 0, fixedNoDigits
	}
	var whole, frac int64
	fracDigits := 0
	seenDot := false
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			d := int64(c - '0')
			if seenDot {
				fracDigits++
				if fracDigits > scale {
					return 0, fixedTooManyDecimals
				}
				frac = frac*10 + d
			} else {
				if whole > (maxFixedWhole-d)/10 {
					return 0, fixedOutOfRange
				}
				whole = whole*10 + d
			}
			digits++
		case c == '.' && !seenDot:
			if digits == 0 {
				return 0, fixedNoLeadingDigit
			}
			seenDot = true
		default:
			return 0, fixedNotDecimal
		}
	}
	if digits == 0 {
		return 0, fixedNoDigits
	}
	if seenDot && fracDigits == 0 {
		return 0, fixedNoFraction
	}
	for i := fracDigits; i < scale; i++ {
		frac *= 10
	}
	// whole <= maxFixedWhole (checked digit by digit above), so whole*10^scale
	// fits in an int64 for every scale used here (at most 10^18).
	v := whole*pow10(scale) + frac
	if neg {
		v = -v
	}
	return v, fixedOK
}

// ParsePriceBytes is ParsePrice for raw frame bytes: it accepts exactly the
// same input, never allocates, and reports false instead of an error (the
// caller falls back to ParsePrice when it needs the message).
func ParsePriceBytes(b []byte) (Price, bool) {
	v, why := scanFixed(b, PriceScale, false)
	if why != fixedOK || v > int64(OneDollar) {
		return 0, false
	}
	return Price(v), true
}

// ParseSignedQtyBytes is ParseSignedQty for raw frame bytes, allocation-free.
func ParseSignedQtyBytes(b []byte) (Qty, bool) {
	v, why := scanFixed(b, QtyScale, true)
	return Qty(v), why == fixedOK
}

// maxFixedWhole bounds the integer part so whole*10^scale never overflows.
const maxFixedWhole = 1_000_000_000_000

// pow10 returns 10^n for the small scales used here (0..6).
func pow10(n int) int64 {
	v := int64(1)
	for ; n > 0; n-- {
		v *= 10
	}
	return v
}

// appendFixed formats v (in 10^-scale units) with exactly `decimals`
// decimals; decimals must be >= scale's significant digits the caller wants.
func appendFixed(dst []byte, v int64, scale, decimals int) []byte {
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	mul := pow10(scale)
	dst = strconv.AppendInt(dst, v/mul, 10)
	if decimals == 0 {
		return dst
	}
	dst = append(dst, '.')
	frac := v % mul
	// Scale the fraction to the requested number of decimals.
	for i := scale; i < decimals; i++ {
		frac *= 10
	}
	for i := decimals; i > scale; i-- {
		frac /= 10
	}
	var buf [8]byte
	for i := decimals - 1; i >= 0; i-- {
		buf[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(dst, buf[:decimals]...)
}

// unmarshalFixed is the UnmarshalJSON of every fixed-point type: a JSON
// null leaves *dst alone, anything else must parse or *dst is not touched.
func unmarshalFixed[T any](b []byte, dst *T, parse func(string) (T, error)) error {
	s, null := jsonText(b)
	if null {
		return nil
	}
	v, err := parse(s)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// jsonText strips JSON string quotes; bare JSON numbers are accepted too,
// because legacy and third-party servers sometimes send them. isNull reports
// a JSON null, which decoders treat as "leave the zero value".
func jsonText(b []byte) (text string, isNull bool) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		return string(b[1 : len(b)-1]), false
	}
	if string(b) == "null" {
		return "", true
	}
	return string(b), false
}

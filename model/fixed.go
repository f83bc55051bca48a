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
	if s == "" {
		return 0, fmt.Errorf("%s: empty value", what)
	}
	orig := s
	neg := false
	if s[0] == '-' {
		if !signed {
			return 0, fmt.Errorf("%s %q: negative value not allowed", what, orig)
		}
		neg = true
		s = s[1:]
	}
	if s == "" {
		return 0, fmt.Errorf("%s %q: no digits", what, orig)
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
					return 0, fmt.Errorf("%s %q: more than %d decimals", what, orig, scale)
				}
				frac = frac*10 + d
			} else {
				if whole > (maxFixedWhole-d)/10 {
					return 0, fmt.Errorf("%s %q: out of range", what, orig)
				}
				whole = whole*10 + d
			}
			digits++
		case c == '.' && !seenDot:
			if digits == 0 {
				return 0, fmt.Errorf("%s %q: no digits before the decimal point", what, orig)
			}
			seenDot = true
		default:
			return 0, fmt.Errorf("%s %q: not a plain decimal number", what, orig)
		}
	}
	if digits == 0 {
		return 0, fmt.Errorf("%s %q: no digits", what, orig)
	}
	if seenDot && fracDigits == 0 {
		return 0, fmt.Errorf("%s %q: no digits after the decimal point", what, orig)
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
	return v, nil
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

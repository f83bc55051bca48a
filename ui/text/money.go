package text

import (
	"strconv"

	"ladder/model"
)

// The money rule, one for the whole screen:
//
//   - Money is dollars with thousands separators and two decimals,
//     rounded to the nearest cent, half away from zero: "$10,000.00",
//     "-$1,234.57". Cash, P&L, values, limits and payouts are all written
//     so (Money, SignedMoney).
//   - An amount that rounds to zero is "$0.00", never "-$0.00" or
//     "+$0.00": a sign says something moved by at least a cent.
//   - Sub-cent digits appear only where the exchange charges or settles
//     in them: fees (Kalshi rounds each trade's fee up to $0.0001) and the
//     cost of an order on a sub-cent price grid (3 × 99.9¢ = $2.997).
//     ExactMoney writes those with as many decimals as they need, never
//     fewer than two: "$0.0001", "$0.17", "$2.997".

// RoundCents rounds money to the nearest cent, half away from zero: the
// amount Money writes, and the one its sign (and so its colour) follows.
func RoundCents(m model.Money) model.Money {
	half := model.MoneyPerCent / 2
	if m < 0 {
		return -((-m + half) / model.MoneyPerCent * model.MoneyPerCent)
	}
	return (m + half) / model.MoneyPerCent * model.MoneyPerCent
}

// Money writes an amount by the money rule: "$10,000.00", "-$3.50".
func Money(m model.Money) string {
	return dollars(RoundCents(m), 2)
}

// SignedMoney writes a gain or loss by the money rule with an explicit
// sign: "+$12.00", "-$0.35", and "$0.00" for anything under half a cent.
func SignedMoney(m model.Money) string {
	r := RoundCents(m)
	if r > 0 {
		return "+" + dollars(r, 2)
	}
	return dollars(r, 2)
}

// ExactMoney writes a fee or an order's cost exactly, with the decimals
// it needs and at least two: "$0.0001", "$0.17", "$1,002.997".
func ExactMoney(m model.Money) string {
	d := 2
	for d < model.MoneyScale && m%pow10(model.MoneyScale-d) != 0 {
		d++
	}
	return dollars(m, d)
}

// pow10 is 10^n as money units.
func pow10(n int) model.Money {
	p := model.Money(1)
	for range n {
		p *= 10
	}
	return p
}

// dollars writes m with d decimals (m must be exact at d decimals) and
// thousands separators.
func dollars(m model.Money, d int) string {
	var buf [40]byte
	b := buf[:0]
	v := int64(m)
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = append(b, '$')
	whole := v / int64(model.Dollar)
	frac := v % int64(model.Dollar)
	b = appendGrouped(b, whole)
	b = append(b, '.')
	f := strconv.AppendInt(nil, frac+int64(model.Dollar), 10)[1:] // six digits, zero-padded
	b = append(b, f[:d]...)
	return string(b)
}

// appendGrouped appends v with a comma between each group of three digits.
func appendGrouped(b []byte, v int64) []byte {
	s := strconv.FormatInt(v, 10)
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return b
}

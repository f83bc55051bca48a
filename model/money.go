package model

import "math/bits"

// Money is an amount of dollars in units of $0.000001. A Price ($0.0001)
// times a Qty (0.01 contract) is exactly one Money unit, so notional values,
// costs and P&L are products of integers and never round.
type Money int64

// Money constants.
const (
	MoneyScale         = 6
	Dollar       Money = 1_000_000
	MoneyPerCent       = Dollar / 100
)

// ParseMoney parses a signed *_dollars amount with up to six decimals.
func ParseMoney(s string) (Money, error) {
	v, err := parseFixed(s, MoneyScale, true, "amount")
	return Money(v), err
}

// Notional is the cost of q contracts at price p.
func Notional(p Price, q Qty) Money { return Money(int64(p) * int64(q)) }

// MoneyFromCents converts Kalshi's integer-cent fields (balance).
func MoneyFromCents(c int64) Money { return Money(c) * MoneyPerCent }

// String formats with four decimals when that is exact (Kalshi's usual
// form) and six otherwise, so nothing is ever rounded away.
func (m Money) String() string {
	if m%100 == 0 {
		return string(appendFixed(nil, int64(m)/100, 4, 4))
	}
	return string(appendFixed(nil, int64(m), MoneyScale, MoneyScale))
}

// Dollars formats for humans: "$12.34", "-$0.0056" (cents unless finer).
func (m Money) Dollars() string {
	sign := ""
	v := m
	if v < 0 {
		sign = "-"
		v = -v
	}
	switch {
	case v%MoneyPerCent == 0:
		return sign + "$" + string(appendFixed(nil, int64(v/MoneyPerCent), 2, 2))
	case v%100 == 0:
		return sign + "$" + string(appendFixed(nil, int64(v)/100, 4, 4))
	default:
		return sign + "$" + string(appendFixed(nil, int64(v), MoneyScale, MoneyScale))
	}
}

// MarshalJSON writes the amount as a quoted decimal string.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.String() + `"`), nil }

// UnmarshalJSON reads a quoted *_dollars amount (or a bare number).
func (m *Money) UnmarshalJSON(b []byte) error { return unmarshalFixed(b, m, ParseMoney) }

// FeeRate is a fee coefficient in parts per 10,000 (Kalshi's usual taker
// coefficient 0.07 is 700).
type FeeRate int64

// DefaultTakerFee is Kalshi's published taker coefficient, 0.07.
const DefaultTakerFee FeeRate = 700

// TradeFee computes rate × C × P × (1 − P) dollars for c contracts at price
// p, rounded up to $0.0001 as Kalshi rounds trade fees. Computed in 128-bit
// integers so huge sizes cannot overflow; a fee beyond Money's range
// saturates at MaxFee instead of wrapping.
func TradeFee(rate FeeRate, c Qty, p Price) Money {
	if rate <= 0 || c <= 0 || !p.InOpenRange() {
		return 0
	}
	// Units: rate 1e-4 × c 1e-2 × p 1e-4 × (1−p) 1e-4 = 1e-14 dollars.
	// p·(1−p) <= 2.5e7, so only the products with rate and c can overflow.
	hi, rp := bits.Mul64(uint64(rate), uint64(p)*uint64(p.Complement()))
	if hi != 0 {
		return MaxFee
	}
	hi, lo := bits.Mul64(rp, uint64(c))
	// Round up to $0.0001 = 1e10 units of 1e-14.
	const unit = 10_000_000_000
	if hi >= unit { // the quotient would not fit in 64 bits
		return MaxFee
	}
	q, r := bits.Div64(hi, lo, unit)
	if r != 0 {
		q++
	}
	if q > uint64(MaxFee/100) {
		return MaxFee
	}
	return Money(q) * 100 // $0.0001 = 100 Money units
}

// MaxFee is the saturation value of TradeFee, far beyond any real fee; like
// every fee it is a whole number of $0.0001.
const MaxFee = Money((1<<62 - 1) / 100 * 100)

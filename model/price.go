package model

import "fmt"

// Price is a YES or NO contract price in units of $0.0001 (a hundredth of a
// cent), the finest resolution Kalshi quotes. 5600 is $0.56.
type Price int64

// Price constants.
const (
	PriceScale       = 4     // decimals in a *_dollars price
	OneDollar  Price = 10000 // a contract's payout, the top of every price range
	Cent       Price = 100
)

// ParsePrice parses a Kalshi *_dollars price ("0.5600", "0.56", "0.5") and
// requires it to lie in [0, 1].
func ParsePrice(s string) (Price, error) {
	v, err := parseFixed(s, PriceScale, false, "price")
	if err != nil {
		return 0, err
	}
	if v > int64(OneDollar) {
		return 0, fmt.Errorf("price %q: above $1", s)
	}
	return Price(v), nil
}

// MustPrice parses a literal price and panics on error; for tables and tests
// of constant values only, never for input.
func MustPrice(s string) Price {
	p, err := ParsePrice(s)
	if err != nil {
		panic(err)
	}
	return p
}

// String formats the price with exactly four decimals, as Kalshi does.
func (p Price) String() string { return string(p.Append(nil)) }

// Append appends the four-decimal form to dst without allocating.
func (p Price) Append(dst []byte) []byte { return appendFixed(dst, int64(p), PriceScale, PriceScale) }

// Cents formats the price for humans: "56¢", "56.5¢", "0.25¢".
// A negative price (a crossed spread) gets a leading minus: "-0.5¢".
func (p Price) Cents() string {
	sign := ""
	if p < 0 {
		sign, p = "-", -p
	}
	whole := int64(p) / 100
	frac := int64(p) % 100
	switch {
	case frac == 0:
		return fmt.Sprintf("%s%d¢", sign, whole)
	case frac%10 == 0:
		return fmt.Sprintf("%s%d.%d¢", sign, whole, frac/10)
	default:
		return fmt.Sprintf("%s%d.%02d¢", sign, whole, frac)
	}
}

// Complement is the other side's price: a NO bid at p is a YES ask at 1−p.
func (p Price) Complement() Price { return OneDollar - p }

// InOpenRange reports whether p is strictly between $0 and $1, the only
// prices an order may carry.
func (p Price) InOpenRange() bool { return p > 0 && p < OneDollar }

// MarshalJSON writes the price as a quoted four-decimal string.
func (p Price) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 10)
	b = append(b, '"')
	b = p.Append(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a quoted *_dollars string (or a bare number).
func (p *Price) UnmarshalJSON(b []byte) error { return unmarshalFixed(b, p, ParsePrice) }

package model

// Qty is a number of contracts in units of 0.01 contract. Kalshi trades
// fractional contracts in 0.01 steps, so 100 is one contract. Qty is signed:
// a book delta or a position (+YES, −NO) may be negative.
type Qty int64

// Qty constants.
const (
	QtyScale     = 2
	Contract Qty = 100
)

// ParseQty parses a non-negative *_fp count ("10.00", "10", "0.5").
func ParseQty(s string) (Qty, error) {
	v, err := parseFixed(s, QtyScale, false, "count")
	return Qty(v), err
}

// ParseSignedQty parses a signed *_fp value such as delta_fp or position_fp.
func ParseSignedQty(s string) (Qty, error) {
	v, err := parseFixed(s, QtyScale, true, "count")
	return Qty(v), err
}

// Contracts returns a whole number of contracts as a Qty.
func Contracts(n int64) Qty { return Qty(n) * Contract }

// String formats with exactly two decimals ("10.00", "-3.50").
func (q Qty) String() string { return string(q.Append(nil)) }

// Append appends the two-decimal form to dst without allocating.
func (q Qty) Append(dst []byte) []byte { return appendFixed(dst, int64(q), QtyScale, QtyScale) }

// Short formats for humans, dropping ".00" on whole contracts ("10", "0.5").
func (q Qty) Short() string {
	if q%Contract == 0 {
		return string(appendFixed(nil, int64(q), QtyScale, 0))
	}
	if q%10 == 0 {
		return string(appendFixed(nil, int64(q)/10, 1, 1))
	}
	return q.String()
}

// Abs returns |q|.
func (q Qty) Abs() Qty {
	if q < 0 {
		return -q
	}
	return q
}

// MarshalJSON writes the count as a quoted two-decimal string.
func (q Qty) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = q.Append(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a quoted *_fp string (or a bare number), signed.
func (q *Qty) UnmarshalJSON(b []byte) error { return unmarshalFixed(b, q, ParseSignedQty) }

// Signed formats a position with its sign: +25, -3.5, 0.
func (q Qty) Signed() string {
	switch {
	case q > 0:
		return "+" + q.Short()
	case q < 0:
		return "-" + q.Abs().Short()
	}
	return "0"
}

// PositionWords names a position in YES terms: "long 5", "short 3", "flat".
func PositionWords(q Qty) string {
	switch {
	case q > 0:
		return "long " + q.Short()
	case q < 0:
		return "short " + (-q).Short()
	}
	return "flat"
}

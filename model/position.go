package model

import "math/bits"

// Position is the account's holding in one market, in YES terms: a positive
// size is long YES, a negative size is long NO (short YES).
type Position struct {
	Ticker   string
	Size     Qty   // signed: + YES, − NO
	Cost     Money // signed cost basis of the open size, in YES terms
	Realized Money // realized P&L before fees
	Fees     Money // fees paid on every fill in this market
	Volume   Qty   // contracts traded, both directions
	Fills    int
}

// AvgEntry is the average YES price of the open size, in dollars per
// contract to $0.000001 (it may fall between grid prices). False when flat.
func (p *Position) AvgEntry() (Money, bool) {
	if p.Size == 0 {
		return 0, false
	}
	return Money(mulDiv(int64(p.Cost), 100, int64(p.Size))), true
}

// Unrealized is the P&L of the open size if it were closed at mark (a YES
// price), before fees.
func (p *Position) Unrealized(mark Price) Money {
	return Notional(mark, p.Size) - p.Cost
}

// Net is realized + unrealized − fees at the given mark.
func (p *Position) Net(mark Price) Money { return p.Realized + p.Unrealized(mark) - p.Fees }

// Exposure is what the open size cost (always positive): YES cost for a
// long, NO cost for a short.
func (p *Position) Exposure() Money {
	if p.Size >= 0 {
		return p.Cost
	}
	// Short YES at average a is long NO at 1−a: |size|·$1 − |cost|.
	return Notional(OneDollar, -p.Size) + p.Cost
}

// apply adds one execution: size is signed (+ buys YES), price is the YES
// price. Closing fills realize P&L against the average cost; a fill that
// crosses through zero closes the old position and opens a new one.
func (p *Position) apply(size Qty, price Price, fee Money) {
	p.Fees += fee
	p.Volume += size.Abs()
	p.Fills++
	if p.Size == 0 || (p.Size > 0) == (size > 0) {
		p.Size += size
		p.Cost += Notional(price, size)
		return
	}
	closed := min(size.Abs(), p.Size.Abs())
	var released Money
	if closed == p.Size.Abs() {
		released = p.Cost // closing everything releases the exact remainder
	} else {
		released = Money(mulDiv(int64(p.Cost), int64(closed), int64(p.Size.Abs())))
	}
	sign := Qty(1)
	if p.Size < 0 {
		sign = -1
	}
	p.Realized += Notional(price, closed*sign) - released
	p.Cost -= released
	p.Size -= closed * sign
	if rest := size.Abs() - closed; rest > 0 {
		opened := rest * -sign
		p.Size += opened
		p.Cost += Notional(price, opened)
	}
}

// mulDiv returns a·b/c truncated toward zero without intermediate overflow.
func mulDiv(a, b, c int64) int64 {
	neg := (a < 0) != (b < 0) != (c < 0)
	ua, ub, uc := absU(a), absU(b), absU(c)
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uc { // quotient overflows int64; saturate
		if neg {
			return -1 << 62
		}
		return 1 << 62
	}
	q, _ := bits.Div64(hi, lo, uc)
	if neg {
		return -int64(q)
	}
	return int64(q)
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

// ApplyExecution adds one execution to the position: size is signed (+ buys
// YES), price is the YES price. The desk applies my fills with it and the
// simulator its ledger; both keep their own record of which fills they
// have taken.
func (p *Position) ApplyExecution(size Qty, price Price, fee Money) { p.apply(size, price, fee) }

package model

import (
	"fmt"
	"math/bits"
	"sort"
)

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

// Portfolio applies the account's fills to per-market positions. Fills are
// keyed by (trade_id, order_id): the same fill arriving from the feed and
// from a REST reconciliation is counted once.
type Portfolio struct {
	positions map[string]*Position
	seen      map[FillKey]struct{}
}

// NewPortfolio returns an empty portfolio.
func NewPortfolio() *Portfolio {
	return &Portfolio{positions: make(map[string]*Position), seen: make(map[FillKey]struct{})}
}

// ApplyFill adds one fill. It reports false (and changes nothing) when the
// fill was already applied, and an error for a fill that makes no sense.
func (pf *Portfolio) ApplyFill(f Fill) (bool, error) {
	if f.TradeID == "" || f.OrderID == "" {
		return false, fmt.Errorf("fill without trade_id/order_id")
	}
	if f.Count <= 0 {
		return false, fmt.Errorf("fill %s: count %s must be positive", f.TradeID, f.Count)
	}
	if !f.BookSide.Valid() {
		return false, fmt.Errorf("fill %s: book_side %q", f.TradeID, f.BookSide)
	}
	if _, dup := pf.seen[f.Key()]; dup {
		return false, nil
	}
	ticker := f.MarketTicker
	if ticker == "" {
		ticker = f.Ticker
	}
	pos := pf.positions[ticker]
	if pos == nil {
		pos = &Position{Ticker: ticker}
		pf.positions[ticker] = pos
	}
	pf.seen[f.Key()] = struct{}{}
	pos.apply(f.Count*f.BookSide.Sign(), f.YesPrice, f.FeeCost)
	return true, nil
}

// Seen reports whether a fill with this identity was applied.
func (pf *Portfolio) Seen(k FillKey) bool {
	_, ok := pf.seen[k]
	return ok
}

// Position returns a copy of one market's position (zero if none).
func (pf *Portfolio) Position(ticker string) Position {
	if p := pf.positions[ticker]; p != nil {
		return *p
	}
	return Position{Ticker: ticker}
}

// Positions returns copies of every position, sorted by ticker.
func (pf *Portfolio) Positions() []Position {
	out := make([]Position, 0, len(pf.positions))
	for _, p := range pf.positions {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ticker < out[j].Ticker })
	return out
}

// Totals sums realized P&L and fees over every market.
func (pf *Portfolio) Totals() (realized, fees Money) {
	for _, p := range pf.positions {
		realized += p.Realized
		fees += p.Fees
	}
	return realized, fees
}

// ApplyExecution adds one execution to the position: size is signed (+ buys
// YES), price is the YES price. It is the same arithmetic Portfolio uses
// for fills, exported for the simulator's ledger, which tracks every
// account's positions without keeping a dedup set per fill.
func (p *Position) ApplyExecution(size Qty, price Price, fee Money) { p.apply(size, price, fee) }

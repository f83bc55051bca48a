package model

import (
	"math"
	"math/big"
	"math/rand"
	"testing"
)

func TestTradeFee(t *testing.T) {
	tests := []struct {
		name  string
		rate  FeeRate
		count Qty
		price Price
		want  Money
	}{
		{"10 @ 50¢", DefaultTakerFee, 1000, 5000, 175_000},             // 0.1750
		{"1 @ 1¢ rounds up", DefaultTakerFee, 100, 100, 700},           // 0.000693 → 0.0007
		{"100 @ 99¢ exact", DefaultTakerFee, 10_000, 9900, 69_300},     // 0.0693
		{"100 @ 1¢ mirrors 99¢", DefaultTakerFee, 10_000, 100, 69_300}, // symmetric in P
		{"100 @ 50¢", DefaultTakerFee, 10_000, 5000, 1_750_000},        // 1.75
		{"0.01 contract @ 50¢", DefaultTakerFee, 1, 5000, 200},         // 0.000175 → 0.0002
		{"3 @ 33¢", DefaultTakerFee, 300, 3300, 46_500},                // 0.046431 → 0.0465
		{"0.01¢ price", DefaultTakerFee, 100, 1, 100},                  // 0.00000069993 → 0.0001
		{"maker 0.0175, 10 @ 50¢", 175, 1000, 5000, 43_800},            // 0.04375 → 0.0438
		{"zero rate", 0, 1000, 5000, 0},
		{"negative rate", -700, 1000, 5000, 0},
		{"zero count", DefaultTakerFee, 0, 5000, 0},
		{"negative count", DefaultTakerFee, -1000, 5000, 0},
		{"price 0", DefaultTakerFee, 1000, 0, 0},
		{"price 1", DefaultTakerFee, 1000, OneDollar, 0},
		// Regression: count × (1−P) overflowed 64 bits and the fee wrapped.
		{"2e14 contracts @ 50¢", DefaultTakerFee, 20_000_000_000_000_000, 5000, 3_500_000_000_000_000_000},
		{"max count saturates", DefaultTakerFee, math.MaxInt64, 5000, MaxFee},
		{"absurd rate saturates", math.MaxInt64, 100, 5000, MaxFee},
	}
	for _, tt := range tests {
		if got := TradeFee(tt.rate, tt.count, tt.price); got != tt.want {
			t.Errorf("%s: TradeFee = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestTradeFeeMatchesBigInt checks the 128-bit arithmetic against math/big
// on random inputs across the whole range.
func TestTradeFeeMatchesBigInt(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for i := range 20_000 {
		rate := FeeRate(rng.Int63n(20_000))
		var c Qty
		switch i % 3 {
		case 0:
			c = Qty(rng.Int63n(100_000))
		case 1:
			c = Qty(rng.Int63n(1 << 50))
		default:
			c = Qty(rng.Int63())
		}
		p := Price(rng.Int63n(int64(OneDollar) + 1))
		got := TradeFee(rate, c, p)
		if got != bigFee(rate, c, p) {
			t.Fatalf("TradeFee(%d, %d, %d) = %d, big.Int says %d", rate, c, p, got, bigFee(rate, c, p))
		}
		if got < 0 || got%100 != 0 {
			t.Fatalf("TradeFee(%d, %d, %d) = %d is negative or not whole $0.0001", rate, c, p, got)
		}
	}
}

func bigFee(rate FeeRate, c Qty, p Price) Money {
	if rate <= 0 || c <= 0 || !p.InOpenRange() {
		return 0
	}
	n := big.NewInt(int64(rate))
	n.Mul(n, big.NewInt(int64(c)))
	n.Mul(n, big.NewInt(int64(p)))
	n.Mul(n, big.NewInt(int64(p.Complement())))
	unit := big.NewInt(10_000_000_000)
	q, r := new(big.Int).QuoRem(n, unit, new(big.Int))
	if r.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	q.Mul(q, big.NewInt(100))
	if !q.IsInt64() || q.Int64() > int64(MaxFee) {
		return MaxFee
	}
	return Money(q.Int64())
}

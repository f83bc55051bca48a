package model

import (
	"math"
	"testing"
)

func TestMulDiv(t *testing.T) {
	tests := []struct{ a, b, c, want int64 }{
		{1_000_100, 100, 300, 333_366},
		{-1_000_100, 100, 300, -333_366}, // truncates toward zero
		{1_000_100, 100, -300, -333_366},
		{-1_000_100, -100, -300, -333_366},
		{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64}, // 128-bit intermediate
		{math.MaxInt64, 100, 1, 1 << 62},                             // saturates
		{math.MaxInt64, -100, 1, -1 << 62},
	}
	for _, tt := range tests {
		if got := mulDiv(tt.a, tt.b, tt.c); got != tt.want {
			t.Errorf("mulDiv(%d, %d, %d) = %d, want %d", tt.a, tt.b, tt.c, got, tt.want)
		}
	}
}

func TestMustHelpersPanicOnBadConstants(t *testing.T) {
	if MustPrice("0.42") != 4200 {
		t.Error("MustPrice")
	}
	for name, fn := range map[string]func(){
		"MustPrice": func() { MustPrice("1.5") },
		"MustGrid":  func() { MustGrid(nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic on a bad constant", name)
				}
			}()
			fn()
		}()
	}
}

func TestFillKeysAgree(t *testing.T) {
	msg := FillMsg{TradeID: "t", OrderID: "o", MarketTicker: "KX", YesPrice: 3000, TsMs: 1_700_000_000_123}
	f := msg.AsFill()
	if msg.Key() != f.Key() || f.Key() != (FillKey{"t", "o"}) {
		t.Errorf("keys %v / %v", msg.Key(), f.Key())
	}
	if f.NoPrice != 7000 || f.Ticker != "KX" || f.Ts != 1_700_000_000 {
		t.Errorf("AsFill = %+v", f)
	}
}

func TestMarketOpen(t *testing.T) {
	for status, want := range map[string]bool{"active": true, "open": true, "closed": false, "initialized": false, "": false} {
		m := Market{Status: status}
		if m.Open() != want {
			t.Errorf("Open(%q) = %v", status, !want)
		}
	}
}

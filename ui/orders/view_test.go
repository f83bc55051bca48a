package orders

import (
	"ladder/ui/text"
	"testing"
	"time"
)

func TestOrdersColumnsComeInPriorityOrder(t *testing.T) {
	for inner := 10; inner <= 120; inner++ {
		c := colsFor(inner)
		switch {
		case c.filled && !c.state, c.age && !c.filled, c.tif && !c.age:
			t.Errorf("inner %d: %+v drops a column before a less important one", inner, c)
		case c.filled && c.ticker < ordersTickerKeep:
			t.Errorf("inner %d: market column %d too narrow for a short ticker", inner, c.ticker)
		}
	}
	if c := colsFor(78); !c.filled || !c.age || !c.tif || c.ticker < text.FullTickerMin {
		t.Errorf("78 cells: %+v, want every column and whole tickers", c)
	}
}

func TestOrderAge(t *testing.T) {
	now := time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		ago  time.Duration
		want string
	}{{0, "0s"}, {59 * time.Second, "59s"}, {90 * time.Minute, "1h"}, {50 * time.Hour, "2d"}, {-time.Second, "0s"}} {
		if got := orderAge(now.Add(-tc.ago), now); got != tc.want {
			t.Errorf("age %v = %q, want %q", tc.ago, got, tc.want)
		}
	}
	if got := orderAge(time.Time{}, now); got != "-" {
		t.Errorf("unknown creation = %q", got)
	}
}

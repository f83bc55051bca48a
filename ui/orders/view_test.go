package orders

import (
	"strings"
	"testing"
	"time"

	"ladder/desk"
	"ladder/model"
	"ladder/themes"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Regression: at 80 columns "BUY 4 @ 99.5¢" after a partial fill could be
// the remaining size or the original. Every width shows filled/total.
func TestOrdersShowFilledOfTotalAtEveryWidth(t *testing.T) {
	th, _ := themes.ByName(themes.NameDark)
	st := styles.New(th)
	km := keys.DefaultKeyMap()
	o := desk.Order{ID: "o1", Ticker: "KXFED-26DEC-T4.25", Side: model.Bid, Price: model.MustPrice("0.995"),
		Remaining: model.Contracts(4), Filled: model.Contracts(1), State: desk.Working}
	fresh := o
	fresh.ID, fresh.Remaining, fresh.Filled = "o2", model.Contracts(5), 0
	for _, w := range []int{30, 32, 44, 56, 80} {
		p := New(&km)
		p.SetSize(w, 6)
		out := text.Strip(strings.Join(p.View(Ctx{Styles: &st, List: []desk.Order{o, fresh},
			Prices: func(string) text.PriceFormat { return text.PriceFormat{} }}), "\n"))
		if !strings.Contains(out, "1/5") || !strings.Contains(out, "0/5") {
			t.Errorf("width %d does not show filled/total:\n%s", w, out)
		}
	}
}

func TestOrdersColumnsComeInPriorityOrder(t *testing.T) {
	for inner := 10; inner <= 120; inner++ {
		c := colsFor(inner)
		switch {
		case c.age && !c.state, c.tif && !c.age:
			t.Errorf("inner %d: %+v drops a column before a less important one", inner, c)
		case c.age && c.ticker < ordersTickerKeep:
			t.Errorf("inner %d: market column %d too narrow for a short ticker", inner, c.ticker)
		}
	}
	if c := colsFor(78); !c.age || !c.tif || c.ticker < text.FullTickerMin {
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

package ui

import (
	"ladder/model"
	"ladder/ui/ladder"
	"ladder/ui/text"
	"strings"
	"testing"
)

// taperedBook puts the B105000 market around the 10¢ boundary of its
// tapered grid (0.1¢ steps below 10¢, 1¢ above): 9.9¢ bid, 11¢ offered.
func taperedBook(t testing.TB) *model.OrderBook {
	b := model.NewOrderBook(btcTicker, model.MustGrid(model.TaperedDeciCentRanges()), model.BookOptions{})
	if err := b.ApplySnapshot(
		[]model.Level{lv("0.099", 40), lv("0.095", 300)},
		[]model.Level{lv("0.89", 25), lv("0.88", 90)}, // NO bids: YES asks at 11¢ and 12¢
	); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTaperedLadderPricesShareTheirDecimals(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.feed.books[btcTicker] = taperedBook(t)
	hs.openMarket(btcTicker)
	lp := hs.m.activeLadder()
	lp.Recenter()

	// Every row of the window: one decimal, right-aligned in the column,
	// so the decimal points sit in one screen column.
	var rows []string
	top, n := lp.Window()
	for r := 0; r < n; r++ {
		rows = append(rows, lp.Label(top-r))
	}
	joined := strings.Join(rows, " ")
	for _, want := range []string{"12.0¢", "11.0¢", "10.0¢", "9.9¢"} {
		if !strings.Contains(joined, want) {
			t.Errorf("ladder rows lack %s: %v", want, rows)
		}
	}
	for _, l := range rows {
		if i := strings.IndexByte(l, '.'); i < 0 || len(l)-i != len(".0¢") {
			t.Errorf("label %q has not exactly one decimal", l)
		}
	}
	scr := hs.screen()
	// The footer and the market list write the market's prices the same way.
	for _, want := range []string{"9.9¢×40", "11.0¢×25", "spr 1.1¢"} {
		if !strings.Contains(scr, want) {
			t.Errorf("ladder footer lacks %q:\n%s", want, scr)
		}
	}
	if !strings.Contains(scr, "31.0¢") || !strings.Contains(scr, "33.0¢") {
		t.Errorf("market list writes the tapered $100,000 market without its decimal:\n%s", scr)
	}
	// Cent-grid markets keep whole cents everywhere.
	if !strings.Contains(scr, "55¢") || strings.Contains(scr, "55.0¢") {
		t.Errorf("a 1¢ market gained a decimal:\n%s", scr)
	}
}

func TestDecimalPointsAlignInTheLadderColumn(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.feed.books[btcTicker] = taperedBook(t)
	hs.openMarket(btcTicker)
	hs.m.activeLadder().Recenter()
	lp := hs.m.activeLadder()
	col := -1
	lines := lp.View(hs.m.ladderCtx(hs.m.desk.View(), lp, true))
	for _, line := range lines[1+ladder.HeaderLines : len(lines)-1] { // the price rows
		line = text.Strip(line)
		for _, p := range []string{"12.0¢", "11.0¢", "10.0¢", "9.9¢", "9.8¢"} {
			i := strings.Index(line, p)
			if i < 0 {
				continue
			}
			dot := len([]rune(line[:i+strings.IndexByte(p, '.')]))
			if col < 0 {
				col = dot
			} else if dot != col {
				t.Errorf("decimal point of %s in screen column %d, others in %d", p, dot, col)
			}
		}
	}
	if col < 0 {
		t.Fatal("no ladder prices on screen")
	}
}

func TestPriceFormatOfAGrid(t *testing.T) {
	centiEdge := []model.PriceRange{
		{Start: 0, End: 5 * model.Cent, Step: 1},
		{Start: 5 * model.Cent, End: 95 * model.Cent, Step: 10},
		{Start: 95 * model.Cent, End: model.OneDollar, Step: 1},
	}
	cases := []struct {
		ranges []model.PriceRange
		price  string
		want   string
	}{
		{model.LinearCentRanges(), "0.56", "56¢"},
		{model.DeciCentRanges(), "0.97", "97.0¢"},
		{model.TaperedDeciCentRanges(), "0.11", "11.0¢"},
		{model.TaperedDeciCentRanges(), "0.099", "9.9¢"},
		{centiEdge, "0.275", "27.50¢"},
		{centiEdge, "0.0478", "4.78¢"},
		{model.LinearCentRanges(), "0.5425", "54.25¢"}, // an average finer than the grid keeps its digits
		{nil, "0.565", "56.5¢"},                        // unknown grid: what the price needs
		{nil, "0.56", "56¢"},
	}
	for _, c := range cases {
		if got := text.PriceFormatOf(c.ranges).Format(model.MustPrice(c.price)); got != c.want {
			t.Errorf("%v %s: %q, want %q", c.ranges, c.price, got, c.want)
		}
	}
	// A crossed spread is a negative difference.
	if got := text.PriceFormatOf(model.DeciCentRanges()).Format(-5 * 10); got != "-0.5¢" {
		t.Errorf("negative: %q", got)
	}
	if got := text.PriceFormatOf(model.DeciCentRanges()).DashOr(0); got != "—" {
		t.Errorf("no price: %q", got)
	}
}

func TestOrdersFillsAndTapeWriteEachMarketsPrices(t *testing.T) {
	hs := richHarness(t, 200, 60, "dark")
	scr := hs.screen()
	// The tapered market's 6¢ order and 5¢ trade carry its decimal; the
	// 1¢ market's do not.
	for _, want := range []string{"100 @   6.0¢", "5.0¢▼", "54¢"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
}

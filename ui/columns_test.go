package ui

import (
	"ladder/model"
	"ladder/ui/fills"
	"ladder/ui/orders"
	"ladder/ui/tape"
	"ladder/ui/text"
	"strings"
	"testing"
	"time"
)

// TestOrdersPaneUsesOneTickerFormPerWidth: at 200×60 one row showed
// "KXFED-26DEC-T3.25" and the next "B49.5", because each row chose for
// itself whether its ticker fitted.
func TestOrdersPaneUsesOneTickerFormPerWidth(t *testing.T) {
	hs := richHarness(t, 200, 60, "dark") // orders in T4.25 (17 cells) and B105000 (22)
	for w := 26; w <= 90; w++ {
		hs.m.orders.SetSize(w, 10)
		lines := hs.m.orders.View(orders.Ctx{Styles: hs.m.st, List: orderList(hs.view()), Prices: hs.m.priceFormatFor})
		full, short := 0, 0
		for _, l := range lines[2:7] {
			switch l = text.Strip(l); {
			case strings.Contains(l, "KX"):
				full++
			case strings.Contains(l, "T4.25") || strings.Contains(l, "B105"):
				short++
			}
		}
		if full > 0 && short > 0 {
			t.Errorf("width %d mixes whole and short tickers:\n%s", w, text.Strip(strings.Join(lines, "\n")))
		}
	}
}

func TestTickerCellRule(t *testing.T) {
	cases := []struct {
		ticker string
		w      int
		want   string
	}{
		{"KXFED-26DEC-T4.25", 8, "T4.25"},
		{"KXBTCD-26NOV30-B105000", 5, "B105…"},
		{"KXFED-26DEC-T4.25", 19, "T4.25"}, // fits whole, but the column is short-form
		{"KXFED-26DEC-T4.25", 20, "KXFED-26DEC-T4.25"},
		{"KXINXU-26NOV27H1600-B6837", 20, "KXINXU-26NOV2…-B6837"},
		{"KXINXU-26NOV27H1600-B6837", 0, ""},
	}
	for _, c := range cases {
		got := text.TickerCell(c.ticker, c.w)
		if got != c.want {
			t.Errorf("text.TickerCell(%q, %d) = %q, want %q", c.ticker, c.w, got, c.want)
		}
		if text.Width(got) > max(c.w, 0) {
			t.Errorf("text.TickerCell(%q, %d) = %q is too wide", c.ticker, c.w, got)
		}
	}
}

// headerEndsWell reports whether a column header ends in a whole title
// (the market column left out when it has no room at all) or an ellipsis,
// never in a title cut short without one ("mar").
func headerEndsWell(h string) bool {
	h = strings.TrimRight(h, " ")
	for _, end := range []string{"market", "mkt", "fee", "state", "price", "qty", "…"} {
		if strings.HasSuffix(h, end) {
			return true
		}
	}
	return false
}

// TestColumnsDependOnWidthOnly: the Fills header at 120×40 read "price
// mar…" before the first fill and fitted after it, because the fee column
// was as wide as the widest fee on screen.
func TestColumnsDependOnWidthOnly(t *testing.T) {
	hs := richHarness(t, 200, 60, "dark")
	bigFee := model.Fill{TradeID: "big", OrderID: "o", MarketTicker: fedTicker, BookSide: model.Bid,
		YesPrice: model.MustPrice("0.50"), Count: model.Contracts(9000), FeeCost: 12_345_678, CreatedTime: t0}
	withFills := append([]model.Fill{bigFee}, hs.fills()...)
	trades := hs.m.trades
	list := orderList(hs.view())
	header := func(lines []string) string { return text.Strip(lines[1]) }
	for w := 20; w <= 90; w++ {
		inner := w - 2
		fp := fills.New(hs.m.keys)
		fp.SetSize(w, 8)
		empty := header(fp.View(fills.Ctx{Styles: hs.m.st, Loc: time.UTC, Prices: hs.m.priceFormatFor}))
		full := fp.View(fills.Ctx{Styles: hs.m.st, Loc: time.UTC, Fills: withFills, Prices: hs.m.priceFormatFor})
		if header(full) != empty {
			t.Errorf("fills %d wide: header changes with the fills:\n%q\n%q", w, empty, header(full))
		}
		for _, l := range full {
			if n := text.Width(text.Strip(l)); n != w {
				t.Errorf("fills %d wide: a line is %d wide: %q", w, n, text.Strip(l))
			}
		}
		tp := &tape.Pane{}
		tp.SetSize(w, 8)
		tEmpty := header(tp.View(tape.Ctx{Styles: hs.m.st, Loc: time.UTC, Prices: hs.m.priceFormatFor}))
		if got := header(tp.View(tape.Ctx{Styles: hs.m.st, Loc: time.UTC, Trades: trades, Active: fedTicker, Prices: hs.m.priceFormatFor})); got != tEmpty {
			t.Errorf("tape %d wide: header changes with the trades:\n%q\n%q", w, tEmpty, got)
		}
		op := orders.New(hs.m.keys)
		op.SetSize(w, 8)
		oEmpty := header(op.View(orders.Ctx{Styles: hs.m.st, Prices: hs.m.priceFormatFor}))
		if got := header(op.View(orders.Ctx{Styles: hs.m.st, List: list, Prices: hs.m.priceFormatFor})); got != oEmpty {
			t.Errorf("orders %d wide: header changes with the orders:\n%q\n%q", w, oEmpty, got)
		}
		for name, h := range map[string]string{"fills": empty, "tape": tEmpty, "orders": oEmpty} {
			body := []rune(h)[1 : 1+inner]
			if !headerEndsWell(string(body)) {
				t.Errorf("%s %d wide: header cut without an ellipsis: %q", name, w, string(body))
			}
		}
	}
	// A fee wider than its column is rounded to the cent, not cut.
	if got := fills.FeeText(12_345_678); got != "$12.35" {
		t.Errorf("feeText = %q", got)
	}
	if got := fills.FeeText(2_700); got != "$0.0027" {
		t.Errorf("feeText = %q", got)
	}
}

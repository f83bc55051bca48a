package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"

	"ladder/model"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui/fills"
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"ladder/ui/orders"
	"ladder/ui/tape"
	"ladder/ui/text"
)

// Regression tests for the second polish pass: price formatting, the best
// level's colours, ticker columns, width-only column layouts, the balance
// refresh and reaching every pane at 80×24.

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

// TestBestLevelKeepsItsSideColour: the best bid and offer used to be painted
// on the theme's "best" background (grey in dark, cyan in light), losing the
// side's colour. They keep their side's bar and colour, in bold.
func TestBestLevelKeepsItsSideColour(t *testing.T) {
	for _, name := range []string{"dark", "light", "high-contrast"} {
		t.Run(name, func(t *testing.T) {
			th, err := themes.ByName(name)
			if err != nil {
				t.Fatal(err)
			}
			hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = th })
			hs.openFed()
			unit := func(s lipgloss.Style) string {
				for u := range sgrUnits(paintPrefix(s)) {
					return u
				}
				return "?"
			}
			best := unit(lipgloss.NewStyle().Background(th.Best))
			for _, side := range []struct {
				price   string // best bid 55¢ (120), best offer 57¢ (80)
				fg, bar color.Color
			}{
				{"0.55", th.Bid, th.BidBar},
				{"0.57", th.Ask, th.AskBar},
			} {
				row := rawLadderRow(t, hs, side.price)
				units := sgrUnits(row)
				if units[best] {
					t.Errorf("best level at %s painted on the theme's best background %s:\n%q", side.price, best, row)
				}
				for what, u := range map[string]string{
					"side bar":    unit(lipgloss.NewStyle().Background(side.bar)),
					"side colour": unit(lipgloss.NewStyle().Foreground(side.fg)),
					"bold":        "1",
				} {
					if !units[u] {
						t.Errorf("best level at %s lacks its %s (%s):\n%q", side.price, what, u, row)
					}
				}
			}
		})
	}
}

// paintPrefix is the escape sequence lipgloss opens s with, as the styles
// builder captures it.
func paintPrefix(s lipgloss.Style) string {
	r := s.Render("X")
	return r[:max(strings.IndexByte(r, 'X'), 0)]
}

// sgrUnits collects the attributes set by the escape sequences in s, one
// unit each: "1" (bold), "38;5;77", "48;2;0;95;0", "42".
func sgrUnits(s string) map[string]bool {
	out := map[string]bool{}
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return out
		}
		s = s[i+2:]
		j := strings.IndexByte(s, 'm')
		if j < 0 {
			return out
		}
		params := strings.Split(s[:j], ";")
		s = s[j+1:]
		for k := 0; k < len(params); k++ {
			p := params[k]
			if (p == "38" || p == "48") && k+1 < len(params) {
				n := 3 // 38;5;n
				if params[k+1] == "2" {
					n = 5 // 38;2;r;g;b
				}
				end := min(k+n, len(params))
				p = strings.Join(params[k:end], ";")
				k = end - 1
			}
			out[p] = true
		}
	}
}

// rawLadderRow is the styled text of the active ladder's row at a price,
// from its size columns to its price.
func rawLadderRow(t *testing.T, hs *harness, price string) string {
	t.Helper()
	lp := hs.m.activeLadder()
	lp.Recenter()
	lines := lp.View(hs.m.ladderCtx(hs.m.desk.View(), lp, false)) // not the cursor row's colours
	i, ok := lp.Grid().Index(model.MustPrice(price))
	if !ok {
		t.Fatalf("%s not on the grid", price)
	}
	top, _ := lp.Window()
	r := top - i
	return lines[1+ladder.HeaderLines+r]
}

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

// TestBalanceRefreshesAfterOrderActivity: after two resting bids the
// account pane still showed the starting cash; Kalshi's balance is what is
// available, and resting orders reserve their cost.
func TestBalanceRefreshesAfterOrderActivity(t *testing.T) {
	balanceCalls := func(hs *harness) int {
		n := 0
		for _, c := range hs.calls() {
			if c == "get balance" {
				n++
			}
		}
		return n
	}
	dueTimers := func(hs *harness) int {
		n := 0
		for _, s := range hs.timers {
			if _, ok := s.msg.(balanceDueMsg); ok {
				n++
				if s.d != balanceDebounce {
					t.Errorf("balance refresh after %v, want %v", s.d, balanceDebounce)
				}
			}
		}
		return n
	}
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	start := balanceCalls(hs)
	hs.trader.balance = model.Balance{Balance: 1_000_000} // $10000.00
	hs.send(balanceMsg{balance: hs.trader.balance})

	// Two bids acknowledged, and their order updates from the feed: one
	// refresh waits.
	hs.trader.balance = model.Balance{Balance: 1_000_000 - 54 - 53}
	hs.cursorTo("0.54")
	hs.press("b")
	hs.cursorTo("0.53")
	hs.press("b")
	hs.event(FeedEventMsg{Event: stream.OrderEvent{Order: model.UserOrderMsg{OrderID: "ord-1", Ticker: fedTicker,
		Status: model.Resting, BookSide: model.Bid, YesPrice: model.MustPrice("0.54"), RemainingCount: model.Contracts(1)}}})
	// Book updates never ask.
	for range 20 {
		hs.frame()
	}
	if n := dueTimers(hs); n != 1 {
		t.Fatalf("%d balance refreshes scheduled, want 1", n)
	}
	if got := balanceCalls(hs) - start; got != 0 {
		t.Fatalf("%d GetBalance before the debounce ended", got)
	}
	hs.fire(balanceDueMsg{})
	if got := balanceCalls(hs) - start; got != 1 {
		t.Fatalf("%d GetBalance after the debounce, want 1", got)
	}
	if scr := hs.screen(); !strings.Contains(scr, "cash $9998.93") {
		t.Fatalf("account pane does not show the cash left after the bids:\n%s", scr)
	}

	// Activity while a request is in flight earns exactly one more.
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "t1", OrderID: "ord-1",
		MarketTicker: fedTicker, BookSide: model.Bid, YesPrice: model.MustPrice("0.54"), Count: model.Contracts(1),
		PostPosition: model.Contracts(1), TsMs: t0.UnixMilli()}}})
	hs.timers = nil
	cmd := hs.m.update(balanceDueMsg{}) // sends GetBalance; its answer is held back
	if cmd == nil || !hs.m.bal.busy {
		t.Fatal("the debounce's end sent nothing")
	}
	hs.press("x") // cancel at 53¢
	if n := dueTimers(hs); n != 0 {
		t.Fatalf("a refresh was scheduled while one is in flight")
	}
	hs.run(cmd) // the answer arrives
	if n := dueTimers(hs); n != 1 {
		t.Fatalf("%d refreshes after the answer, want 1 for the cancel", n)
	}
	hs.fire(balanceDueMsg{})
	if got := balanceCalls(hs) - start; got != 3 {
		t.Fatalf("%d GetBalance in all, want 3", got)
	}
	if len(hs.timers) != 0 {
		t.Fatalf("timers left: %v", hs.timers)
	}
}

// TestTabReachesEveryPaneAt80x24: with a ladder open, 80×24 has no room
// for the market list or the fills; tab shows each in turn.
func TestTabReachesEveryPaneAt80x24(t *testing.T) {
	hs := richHarness(t, 80, 24, "dark")
	seen := map[string]bool{}
	titles := []string{"Markets", "KXFED-26DEC-T4.25", "Account", "Orders", "Fills", "Tape"}
	for range layout.NumFocus {
		hs.press("tab")
		scr := hs.screen()
		for _, title := range titles {
			if strings.Contains(scr, "─ "+title) || strings.Contains(scr, "◂1 "+title) {
				seen[title] = true
			}
		}
		// The focused pane is on screen.
		var r layout.Rect
		switch l := hs.m.layout; hs.m.focus {
		case layout.FocusMarkets:
			r = l.Markets
		case layout.FocusLadder:
			r = l.Ladders[0]
		case layout.FocusOrders:
			r = l.Orders
		case layout.FocusFills:
			r = l.Fills
		}
		if !r.Visible() {
			t.Errorf("focus %v: its pane is not on screen", hs.m.focus)
		}
	}
	for _, title := range titles {
		if !seen[title] {
			t.Errorf("tab never showed %s", title)
		}
	}
	if hs.m.focus != layout.FocusLadder {
		t.Errorf("tab did not come round to the ladder: %v", hs.m.focus)
	}
}

func TestFillsPaneScrollsWithFocus(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.openFed()
	for i := range 30 {
		hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: fmt.Sprintf("t%02d", i), OrderID: "o",
			MarketTicker: fedTicker, BookSide: model.Bid, YesPrice: model.MustPrice("0.50"), Count: model.Contracts(int64(i + 1)),
			PostPosition: model.Contracts(int64((i + 1) * (i + 2) / 2)), TsMs: t0.Add(time.Duration(i) * time.Second).UnixMilli()}}})
	}
	for hs.m.focus != layout.FocusFills {
		hs.press("tab")
	}
	scr := hs.screen()
	if !strings.Contains(scr, "14:30:29") || !strings.Contains(scr, "of 30") {
		t.Fatalf("fills pane does not show the newest fill and a counter:\n%s", scr)
	}
	hs.press("pgdown", "pgdown", "pgdown")
	scr = hs.screen()
	if strings.Contains(scr, "14:30:29") || !strings.Contains(scr, "14:30:00") {
		t.Fatalf("pgdown did not reach the oldest fills:\n%s", scr)
	}
	// A new fill does not move a scrolled view.
	off := hs.m.fills.Offset()
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "new", OrderID: "o",
		MarketTicker: fedTicker, BookSide: model.Ask, YesPrice: model.MustPrice("0.50"), Count: model.Contracts(1),
		PostPosition: model.Contracts(464), TsMs: t0.Add(time.Minute).UnixMilli()}}})
	if hs.m.fills.Offset() != off+1 || !strings.Contains(hs.screen(), "14:30:00") {
		t.Fatalf("a new fill moved the scrolled view (offset %d → %d)", off, hs.m.fills.Offset())
	}
	hs.press("k")
	if hs.m.fills.Offset() != off {
		t.Fatalf("k: offset %d, want %d", hs.m.fills.Offset(), off)
	}
}

// TestHelpFitsAt80x24: the help box fits above the status lines in every
// pane's context, and always says how to close it.
func TestHelpFitsAt80x24(t *testing.T) {
	hs := richHarness(t, 80, 24, "dark")
	for range layout.NumFocus {
		hs.press("?")
		lines := strings.Split(hs.screen(), "\n")
		if len(lines) != 24 {
			t.Fatalf("%d lines", len(lines))
		}
		bottom := -1
		for i, l := range lines {
			if text.Width(l) != 80 {
				t.Errorf("line %d is %d wide", i, text.Width(l))
			}
			if strings.Contains(l, "closes ─") {
				bottom = i
			}
		}
		if bottom < 0 || bottom > 21 {
			t.Errorf("%v help: close hint at line %d, want within the 22 main lines:\n%s", hs.m.focus, bottom, strings.Join(lines, "\n"))
		}
		hs.press("esc", "tab")
	}
}

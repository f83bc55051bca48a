package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"ladder/model"
	"ladder/stream"
	"ladder/ui/account"
	"ladder/ui/fills"
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"ladder/ui/text"
)

// Tests for the wide layouts, the feed's message age, exact money, the
// exchange's positions and the start-up notices.

func TestWideLadderShowsCumulativeDepthAndLongBars(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openFed()
	lp := hs.m.activeLadder()
	if w, _ := lp.Size(); ladder.ColsFor(w-2).Cum == 0 || ladder.ColsFor(w-2).Size < 16 {
		t.Fatalf("ladder %d wide: columns %+v", w, ladder.ColsFor(w-2))
	}
	scr := hs.screen()
	if !strings.Contains(scr, "Σbids") || !strings.Contains(scr, "Σasks") {
		t.Fatalf("no cumulative depth header:\n%s", scr)
	}
	// Bids 120 at 55¢ and 340 at 54¢: 460 to sweep down to 54¢. Offers 80
	// at 57¢ and 260 at 58¢: 340 up to 58¢.
	for price, want := range map[string][2]string{"0.54": {"460", "340"}, "0.58": {"", "340"}} {
		row := ladderRow(t, hs, price)
		if want[0] != "" && !strings.Contains(row, want[0]) {
			t.Errorf("row %s lacks cumulative bids %s: %q", price, want[0], row)
		}
		if !strings.Contains(row, want[1]) {
			t.Errorf("row %s lacks %s: %q", price, want[1], row)
		}
	}
	// The narrow ladder keeps its columns.
	if c := ladder.ColsFor(layout.LadderMin - 2); c != (ladder.Cols{My: 5, Size: 8, Price: 6, Vol: 7}) {
		t.Fatalf("48-column ladder: %+v", c)
	}
}

// ladderRow is the plain text of the active ladder's row at a price.
func ladderRow(t *testing.T, hs *harness, price string) string {
	t.Helper()
	label := model.MustPrice(price).Cents()
	for _, line := range strings.Split(hs.screen(), "\n") {
		if strings.Contains(line, " "+label+" ") || strings.Contains(line, " "+label+"▲") || strings.Contains(line, " "+label+"◂") {
			return line
		}
	}
	t.Fatalf("no row for %s", price)
	return ""
}

// Regression: a $0.0027 taker fee showed as "$0.00" in the account pane
// and was cut from the fill message at 80 columns.
func TestSubCentFeesAreShownExactly(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.openFed()
	fee := model.Money(2700) // $0.0027
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{
		TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker, BookSide: model.Bid, IsTaker: true,
		YesPrice: model.MustPrice("0.57"), Count: model.Contracts(1), FeeCost: fee,
		PostPosition: model.Contracts(1), TsMs: t0.UnixMilli(),
	}}})
	scr := hs.screen()
	lines := strings.Split(scr, "\n")
	if msg := lines[len(lines)-2]; !strings.Contains(msg, "FILLED BUY 1 @ 57¢ "+fedTicker+" · taker fee $0.0027") {
		t.Errorf("message line: %q", msg)
	}
	if !strings.Contains(scr, "fees $0.0027") {
		t.Errorf("account pane rounds the fee away:\n%s", scr)
	}
	// P&L too: marked at the 56¢ mid, 1 bought at 57¢ less the fee.
	if !strings.Contains(scr, "P&L -$0.0127") {
		t.Errorf("P&L not exact:\n%s", scr)
	}
	hs.m.fills.SetSize(60, 6)
	fills := text.Strip(strings.Join(hs.m.fills.View(fills.Ctx{Styles: hs.m.st, Loc: time.UTC, Fills: hs.fills(), Prices: hs.m.priceFormatFor}), "\n"))
	if !strings.Contains(fills, "$0.0027 T") {
		t.Errorf("fills pane:\n%s", fills)
	}
}

// startPositions delivers the feed's positions snapshot, as the stream's
// reconciliation does on connect.
func startPositions(hs *harness, list ...model.MarketPosition) {
	hs.event(FeedEventMsg{Event: stream.PositionsEvent{Positions: list}})
}

func TestPositionsComeFromTheFeedsReconciliation(t *testing.T) {
	hs := newHarness(t, 160, 48, func(o *Options) {
		// The fill history holds an old fill: listed, never added again.
		o.Trader.(*fakeTrader).fills = []model.Fill{{TradeID: "old", OrderID: "o0", MarketTicker: fedTicker, BookSide: model.Bid,
			Count: model.Contracts(20), YesPrice: model.MustPrice("0.53"), CreatedTime: t0.Add(-time.Hour)}}
	})
	startPositions(hs,
		// 20 YES bought before this session for $10.60 (53¢).
		model.MarketPosition{Ticker: fedTicker, Position: model.Contracts(20), MarketExposure: 10_600_000, RealizedPnL: 1_250_000, FeesPaid: 400_000},
		// 100 NO at 95¢ (short YES at 5¢): Kalshi reports the NO cost.
		model.MarketPosition{Ticker: btcTicker, Position: model.Contracts(-100), MarketExposure: 95 * model.Dollar},
	)
	fed := hs.position(fedTicker)
	if fed.Size != model.Contracts(20) || fed.Cost != 10_600_000 || fed.Realized != 1_250_000 || fed.Fees != 400_000 {
		t.Fatalf("fed position %+v", fed)
	}
	if avg, _ := fed.AvgEntry(); avg != 530_000 {
		t.Errorf("average %d, want 53¢", avg)
	}
	btc := hs.position(btcTicker)
	if avg, _ := btc.AvgEntry(); btc.Size != model.Contracts(-100) || avg != 50_000 {
		t.Errorf("NO position: %+v, average %d (want 5¢ in YES terms)", btc, avg)
	}
	if len(hs.fills()) != 1 {
		t.Errorf("fill history not listed: %d fills", len(hs.fills()))
	}
	hs.openFed()
	if scr := hs.screen(); !strings.Contains(scr, "pos +20 @53¢") {
		t.Errorf("ladder does not show the exchange's position:\n%s", scr)
	}
}

// TestStartUpLeavesOrdersAndPositionsToTheFeed: the dashboard's own
// start-up loads of orders and positions raced the stream's
// reconciliation on connect, two sources for one state; only the balance
// and the fill history are loaded now.
func TestStartUpLeavesOrdersAndPositionsToTheFeed(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	for _, c := range hs.calls() {
		if strings.HasPrefix(c, "get orders") || strings.HasPrefix(c, "get positions") {
			t.Fatalf("start-up sent %q: %v", c, hs.calls())
		}
	}
	if !slices.Contains(hs.calls(), "get balance") {
		t.Fatalf("no balance load: %v", hs.calls())
	}
}

func TestFillBeforeItsPositionUpdateIsNotCountedTwice(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	startPositions(hs, model.MarketPosition{Ticker: fedTicker, Position: model.Contracts(20), MarketExposure: 10_600_000, FeesPaid: 400_000})
	fill := model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker, BookSide: model.Bid, IsTaker: true,
		YesPrice: model.MustPrice("0.57"), Count: model.Contracts(10), FeeCost: 172_500, PostPosition: model.Contracts(30),
		TsMs: t0.UnixMilli()}
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill}})
	if p := hs.position(fedTicker); p.Size != model.Contracts(30) || p.Fees != 572_500 {
		t.Fatalf("the fill did not move the position ahead of its update: %+v", p)
	}
	// The exchange's figures replace the provisional ones.
	update := model.PositionMsg{MarketTicker: fedTicker, Position: model.Contracts(30), PositionCost: 16_300_000,
		FeesPaid: 572_500}
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: update}})
	// A duplicate of the fill (REST reconciliation) changes nothing.
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill, Reconciled: true}})
	p := hs.position(fedTicker)
	if p.Size != model.Contracts(30) || p.Cost != 16_300_000 || p.Fees != 572_500 {
		t.Fatalf("position %+v, want the exchange's 30 for $16.30 with $0.5725 fees", p)
	}
	if len(hs.fills()) != 1 {
		t.Fatalf("%d fills listed", len(hs.fills()))
	}
}

func TestFillAfterItsPositionUpdateIsNotCountedTwice(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{MarketTicker: fedTicker,
		Position: model.Contracts(10), PositionCost: 5_700_000, FeesPaid: 172_500}}})
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker,
		BookSide: model.Bid, YesPrice: model.MustPrice("0.57"), Count: model.Contracts(10), FeeCost: 172_500,
		PostPosition: model.Contracts(10)}}})
	p := hs.position(fedTicker)
	if p.Size != model.Contracts(10) || p.Cost != 5_700_000 || p.Fees != 172_500 {
		t.Fatalf("position %+v counts the fill twice", p)
	}
	if len(hs.fills()) != 1 {
		t.Fatalf("the fill is not listed")
	}
}

func TestPositionsSnapshotReplacesSizesAndKeepsRealized(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{MarketTicker: fedTicker,
		Position: model.Contracts(5), PositionCost: 2_800_000, RealizedPnL: 300_000}}})
	// A reconnect's reconciliation replaces every position.
	startPositions(hs, model.MarketPosition{Ticker: btcTicker, Position: model.Contracts(-2), MarketExposure: 1_900_000})
	if p := hs.position(fedTicker); p.Size != 0 || p.Realized != 300_000 {
		t.Errorf("a market the exchange no longer lists: %+v, want flat with its realized P&L", p)
	}
	if p := hs.position(btcTicker); p.Size != model.Contracts(-2) || p.Cost != -100_000 {
		t.Errorf("reconciled NO position %+v, want −2 with YES cost −$0.10", p)
	}
}

func TestStartUpNoticesAreShownAndListedInHelp(t *testing.T) {
	notices := []string{`keys: "x" is bound to both cancel_level and toggle_terms`, "  ", "theme: unknown name, using dark"}
	hs := newHarness(t, 160, 48, func(o *Options) { o.Notices = notices })
	scr := hs.screen()
	lines := strings.Split(scr, "\n")
	msg := lines[len(lines)-2]
	if !strings.Contains(msg, "2 notices") || !strings.Contains(msg, `"x" is bound to both`) {
		t.Fatalf("message line: %q", msg)
	}
	hs.press("?")
	scr = hs.screen()
	for _, n := range []string{notices[0], notices[2]} {
		if !strings.Contains(scr, n) {
			t.Errorf("help lacks %q:\n%s", n, scr)
		}
	}
}

func TestNoticeIsNotCutForTheHelpHint(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.m.say(lvlGood, "FILLED SELL 100 @ 5.2¢ KXBTCD-26NOV30-B105000 · taker fee $0.3451")
	lines := strings.Split(hs.screen(), "\n")
	if msg := lines[len(lines)-2]; !strings.Contains(msg, "fee $0.3451") {
		t.Fatalf("message line: %q", msg)
	}
}

func TestPositionsAreValuedWithoutAnOpenLadder(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	startPositions(hs,
		model.MarketPosition{Ticker: fedTicker, Position: model.Contracts(20), MarketExposure: 10_600_000},
		model.MarketPosition{Ticker: "KXOLD-26JAN-T1", Position: model.Contracts(4), MarketExposure: 2_000_000},
	)
	// Valued at the catalogue's 55¢/57¢ until a ticker arrives: +$0.60.
	acct := text.Strip(strings.Join(hs.m.account.View(account.Ctx{Styles: hs.m.st, Positions: hs.view().Positions,
		Mark: hs.m.markFor, Prices: hs.m.priceFormatFor}), "\n"))
	if !strings.Contains(acct, "+$0.60") {
		t.Errorf("no catalogue mark:\n%s", acct)
	}
	// A market with no price at all is not shown as $0.00.
	if !strings.Contains(acct, "1 unpriced") || !strings.Contains(acct, "T1 ") {
		t.Errorf("unpriced position not flagged:\n%s", acct)
	}
	// Open positions are subscribed for tickers wherever they are.
	sets := hs.feed.tickerSets
	if len(sets) == 0 || !slices.Contains(sets[len(sets)-1], "KXOLD-26JAN-T1") {
		t.Errorf("ticker subscriptions %v lack the open position", sets)
	}
}

func TestCloseLadderKeepsItsOrdersWorking(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openMarket(btcTicker)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.press("w")
	if len(hs.m.ladders) != 1 || hs.m.activeLadder().Ticker() != btcTicker || hs.m.focus != layout.FocusLadder {
		t.Fatalf("after closing T4.25: %d ladders, focus %v", len(hs.m.ladders), hs.m.focus)
	}
	if calls := hs.calls(); slices.ContainsFunc(calls, func(c string) bool { return strings.Contains(c, "cancel") }) {
		t.Fatalf("closing a ladder cancelled orders: %v", calls)
	}
	if len(hs.working(fedTicker)) != 1 || !strings.Contains(hs.screen(), "1 working order(s) stay working") {
		t.Fatalf("the order should stay working and be mentioned:\n%s", hs.screen())
	}
	if w := hs.m.layout.Ladders[0].W; w < 90 {
		t.Errorf("the remaining ladder did not take the width: %d", w)
	}
	hs.press("w")
	if len(hs.m.ladders) != 0 || hs.m.focus != layout.FocusMarkets {
		t.Fatalf("after closing the last: %d ladders, focus %v", len(hs.m.ladders), hs.m.focus)
	}
}

func TestLaddersWithoutASlotAreCountedInTheTitles(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openMarket(btcTicker)
	hs.openMarket("KXFED-26DEC-T4.00")
	hs.openFed() // three ladders, two slots: the first is out of view
	if n := len(hs.m.layout.Ladders); n != 2 {
		t.Fatalf("%d ladder slots at 200×60", n)
	}
	top := strings.Split(hs.screen(), "\n")[0]
	if !strings.Contains(top, "◂1 KXFED-26DEC-T4.00") || strings.Contains(top, btcTicker) {
		t.Fatalf("top line: %q", top)
	}
	hs.press("[", "[") // back to the first: the window moves left
	top = strings.Split(hs.screen(), "\n")[0]
	if !strings.Contains(top, "KXFED-26DEC-T4.00 1▸") || !strings.Contains(top, btcTicker) {
		t.Fatalf("top line: %q", top)
	}
}

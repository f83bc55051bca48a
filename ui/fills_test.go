package ui

import (
	"ladder/model"
	"ladder/stream"
	"ladder/ui/fills"
	"ladder/ui/text"
	"strings"
	"testing"
	"time"
)

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
	// P&L follows the money rule: marked at the 56¢ mid, 1 bought at
	// 57¢ less the fee is -$0.0127, written to the cent.
	if !strings.Contains(scr, "P&L -$0.01 ") {
		t.Errorf("P&L not to the cent:\n%s", scr)
	}
	hs.m.fills.SetSize(60, 6)
	fills := text.Strip(strings.Join(hs.m.fills.View(fills.Ctx{Styles: hs.m.st, Loc: time.UTC, Fills: hs.fills(), Prices: hs.m.priceFormatFor}), "\n"))
	if !strings.Contains(fills, "$0.0027 T") {
		t.Errorf("fills pane:\n%s", fills)
	}
}

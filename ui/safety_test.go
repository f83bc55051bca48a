package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/stream"
	"ladder/ui/layout"
	"ladder/ui/text"
)

// Regression tests for the order-safety defects of issue 10, each named
// after its subject. The desk's own are in ../desk.

// TestCancelledOrderStaysGoneAfterAnOlderSnapshot: a feed cancel of an
// order, then an older REST answer still listing it, brought it back.
func TestCancelledOrderStaysGoneAfterAnOlderSnapshot(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	older := resting("o1", fedTicker, model.Bid, "0.54", 10)
	hs.setOrders(older)
	hs.event(FeedEventMsg{Event: stream.OrderEvent{Order: model.UserOrderMsg{OrderID: "o1", ClientOrderID: "c-o1",
		Ticker: fedTicker, Status: model.Canceled, BookSide: model.Bid, YesPrice: model.MustPrice("0.54"),
		LastUpdatedTsMs: t0.UnixMilli()}}})
	hs.setOrders(older) // the stale answer arrives after the cancel
	if w := hs.working(""); len(w) != 0 {
		t.Fatalf("the cancelled order is working again: %v", ids(w))
	}
	if strings.Contains(hs.screen(), "working") && strings.Contains(hs.screen(), "BUY      10 @    54¢") {
		t.Fatalf("the orders pane lists it:\n%s", hs.screen())
	}
}

// TestTwoQuickBidsUnderAPositionLimitSendOne: with max_position 150 and
// quantity 100, two b presses before the first answer both reached the
// exchange.
func TestTwoQuickBidsUnderAPositionLimitSendOne(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) {
		o.Risk.MaxPosition = model.Contracts(150)
		o.Confirm = ConfirmPolicy{Mode: ConfirmNever}
	})
	hs.openFed()
	hs.cursorTo("0.50")
	hs.press("5") // quantity 100
	// Both presses go through Update before either create is answered.
	next, first := hs.m.Update(keyMsg("b"))
	hs.m = next.(Model)
	next, second := hs.m.Update(keyMsg("b"))
	hs.m = next.(Model)
	if txt := hs.m.notice.text; !strings.Contains(txt, "position would reach +200 counting working and in-flight orders (limit 150)") {
		t.Fatalf("second press: %q", txt)
	}
	hs.run(first)
	hs.run(second)
	if n := len(hs.trader.creates); n != 1 {
		t.Fatalf("%d creates reached the exchange, want 1: %v", n, hs.calls())
	}
}

// TestSettlementAddsPayoutToRealizedPnL: after a market resolved YES on a
// 2-contract long, the account showed realized $0.00: the positions list
// after the settlement no longer had the market, and its P&L went too.
func TestSettlementAddsPayoutToRealizedPnL(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	startPositions(hs)
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker,
		BookSide: model.Bid, YesPrice: model.MustPrice("0.60"), Count: model.Contracts(2), PostPosition: model.Contracts(2)}}})
	// The exchange books the payout, announces the result, and stops
	// listing the market.
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{MarketTicker: fedTicker,
		RealizedPnL: 80 * model.MoneyPerCent}}})
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: model.LifecycleMsg{MarketTicker: fedTicker,
		EventType: "settled", Result: "yes"}}})
	startPositions(hs)
	if p := hs.position(fedTicker); p.Realized != 80*model.MoneyPerCent || p.Size != 0 {
		t.Fatalf("position after settlement %+v, want flat with +$0.80 realized", p)
	}
	if scr := hs.screen(); !strings.Contains(scr, "P&L +$0.80") || !strings.Contains(scr, "T4.25               0       —   +$0.80") {
		t.Fatalf("the account pane lost the realized P&L:\n%s", scr)
	}
}

// TestTicketAsksBeforeAMarketableSellThatFlips: a SELL 12 against a long
// 10 at a marketable price was sent from the ticket at once, without the
// marketable-order dialog b and s show and without the flip warning.
func TestTicketAsksBeforeAMarketableSellThatFlips(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, 10)
	hs.cursorTo("0.54")
	hs.press("enter")                // the ticket, on its price
	hs.press("shift+tab", "right")   // side: SELL YES
	hs.press("tab", "tab", "1", "2") // quantity 12
	if body := text.Strip(strings.Join(hs.m.currentTicket().View(&hs.m), "\n")); !strings.Contains(body, "proceeds $5.40 (closes 10), cost $0.92 (opens 2)") ||
		!strings.Contains(body, "position long 10 → short 2") {
		t.Fatalf("the ticket does not say what the sell does:\n%s", body)
	}
	hs.press("enter")
	if len(hs.trader.creates) != 0 {
		t.Fatalf("sent without a confirmation: %v", hs.calls())
	}
	d := hs.m.currentDialog()
	if d == nil || d.title != "Confirm marketable order" {
		t.Fatalf("no marketable-order dialog: %+v", d)
	}
	body := text.Strip(strings.Join(d.lines, "\n"))
	for _, want := range []string{"flips long 10 → short 2 if it fills", "trades immediately: takes the best bid 55¢", "proceeds"} {
		if !strings.Contains(body, want) {
			t.Errorf("dialog lacks %q:\n%s", want, body)
		}
	}
}

// TestTicketRefusesWhatTheExchangeRefuses: the ticket accepted IOC with
// post-only, which the exchange rejects; a reduce-only order that would
// grow the position is refused the same way, before sending.
func TestTicketRefusesWhatTheExchangeRefuses(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.50")
	hs.press("enter", "tab", "tab", "right", "tab", "right") // IOC, post-only on
	if body := text.Strip(strings.Join(hs.m.currentTicket().View(&hs.m), "\n")); !strings.Contains(body, "post_only requires") {
		t.Fatalf("the ticket does not warn before submit:\n%s", body)
	}
	hs.press("enter")
	if len(hs.trader.creates) != 0 || hs.m.currentTicket() == nil || !strings.Contains(hs.m.currentTicket().err, "post-only needs good-till-cancelled") {
		t.Fatalf("IOC with post-only: creates %v, ticket %+v", hs.calls(), hs.m.currentTicket())
	}
	hs.press("esc")
	hs.press("enter", "tab", "tab", "tab", "tab", "right") // reduce-only, flat
	hs.press("enter")
	if len(hs.trader.creates) != 0 || hs.m.currentTicket() == nil || !strings.Contains(hs.m.currentTicket().err, "reduce-only would grow the position") {
		t.Fatalf("reduce-only while flat: creates %v, ticket %+v", hs.calls(), hs.m.currentTicket())
	}
}

// TestSafetyKeysWorkOnTheTooSmallScreen: below 60×16 the kill switch did
// nothing and q quit at once with resting orders.
func TestSafetyKeysWorkOnTheTooSmallScreen(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1), resting("o2", btcTicker, model.Ask, "0.06", 5))
	hs.send(tea.WindowSizeMsg{Width: 50, Height: 12})
	if !hs.m.layout.TooSmall {
		t.Fatal("50×12 is not too small")
	}

	// q with resting orders asks, on this screen too.
	hs.press("q")
	if hs.quit || hs.m.currentDialog() == nil || !strings.Contains(hs.screen(), "Quit: you have 2 resting orders.") {
		t.Fatalf("q quit or did not ask:\n%s", hs.screen())
	}
	hs.press("esc")

	// X cancels the active ladder's market.
	hs.press("X")
	if len(hs.trader.batches) != 1 || !slices.Equal(hs.trader.batches[0], []string{"o1"}) {
		t.Fatalf("X: %v", hs.calls())
	}
	// The kill switch cancels the rest and locks; the screen says so.
	hs.press("!")
	if len(hs.trader.batches) != 2 || len(hs.working("")) != 0 || !hs.locked() {
		t.Fatalf("kill switch: %v, working %v", hs.calls(), ids(hs.working("")))
	}
	if scr := hs.screen(); !strings.Contains(scr, "KILL SWITCH: 1 cancelled") || !strings.Contains(scr, "ENTRY LOCKED") {
		t.Fatalf("the screen does not say what happened:\n%s", scr)
	}
	// U asks, and unlocks when confirmed.
	hs.unlock()
	if hs.locked() || !strings.Contains(hs.screen(), "order entry unlocked") {
		t.Fatalf("not unlocked:\n%s", hs.screen())
	}
	// With nothing resting, q quits.
	hs.press("q")
	if !hs.quit {
		t.Fatal("q did not quit")
	}
}

// TestSubscriptionChangeIsAppliedInsideUpdate: subscription changes went
// through a tea.Cmd each, and commands run on goroutines of their own, so
// two quick changes could reach the feed in the wrong order. The feed is
// told from Update itself, in order.
func TestSubscriptionChangeIsAppliedInsideUpdate(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.m.setFocus(layout.FocusMarkets)
	hs.m.markets.SelectTicker(fedTicker)
	before := len(hs.feed.sets)
	next, cmd := hs.m.Update(keyMsg("enter")) // open the ladder, and run nothing
	hs.m = next.(Model)
	if len(hs.feed.sets) != before+1 || !slices.Contains(hs.feed.sets[len(hs.feed.sets)-1], fedTicker) {
		t.Fatalf("the feed was not told inside Update: %v", hs.feed.sets[before:])
	}
	hs.run(cmd)
	if len(hs.feed.sets) != before+1 {
		t.Fatalf("a command told the feed again: %v", hs.feed.sets[before:])
	}
}

// TestTermsKeySaysWhichTermsItSwitchedTo: pressing n twice (the first
// press dismissing a dialog) switched to NO terms without a word, and the
// next b bought NO.
func TestTermsKeySaysWhichTermsItSwitchedTo(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.60")
	hs.press("b") // marketable: asks
	if hs.m.currentDialog() == nil {
		t.Fatal("no dialog to dismiss")
	}
	hs.press("n", "n")
	if txt := hs.m.notice.text; !strings.Contains(txt, "now in NO terms: b buys NO") {
		t.Fatalf("message %q does not say the terms changed", txt)
	}
	hs.press("n")
	if txt := hs.m.notice.text; !strings.Contains(txt, "now in YES terms") {
		t.Fatalf("message %q", txt)
	}
}

// TestCancelAllCountsAFilledOrderAsFilled: cancel-all reported an order
// that had already filled as cancelled; the fill arrived a moment later.
func TestCancelAllCountsAFilledOrderAsFilled(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1), resting("o2", fedTicker, model.Bid, "0.53", 1))
	hs.trader.gone = map[string]bool{"o2": true} // it filled while the feed was held
	hs.press("X")
	if txt := hs.m.notice.text; txt != "cancel all in market: 1 cancelled, 1 already gone" {
		t.Fatalf("message %q", txt)
	}
	hs.event(FeedEventMsg{Event: stream.OrderEvent{Order: model.UserOrderMsg{OrderID: "o2", Ticker: fedTicker,
		Status: model.Executed, BookSide: model.Bid, YesPrice: model.MustPrice("0.53"), FillCount: model.Contracts(1),
		LastUpdatedTsMs: t0.UnixMilli()}}})
	if txt := hs.m.notice.text; txt != "cancel all in market: 1 cancelled, 1 already filled" {
		t.Fatalf("after the fill: %q", txt)
	}
}

// TestOrdersAreMarkedUnconfirmedWhileTheFeedIsDown: during an outage the
// orders pane listed orders as working with no mark.
func TestOrdersAreMarkedUnconfirmedWhileTheFeedIsDown(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.openFed()
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Live}}})
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 7))
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.BackingOff}}})
	scr := hs.screen()
	if !strings.Contains(scr, "unconf?") || !strings.Contains(scr, "7?") {
		t.Fatalf("no unconfirmed mark in the orders pane and the ladder:\n%s", scr)
	}
	// Live again is not enough: the reconciliation confirms.
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Live, Reconnects: 1}}})
	if !strings.Contains(hs.screen(), "unconf?") {
		t.Fatal("confirmed before the reconciliation")
	}
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 7))
	if scr := hs.screen(); strings.Contains(scr, "unconf?") || strings.Contains(scr, "7?") {
		t.Fatalf("still unconfirmed after the reconciliation:\n%s", scr)
	}
}

// TestDailyLossLimitLocksEntryUntilAConfirmedUnlock: session P&L below
// the limit locks entry like the kill switch and says why; only U, with a
// confirmation, unlocks.
func TestDailyLossLimitLocksEntryUntilAConfirmedUnlock(t *testing.T) {
	hs := newHarness(t, 160, 48, func(o *Options) { o.Risk.MaxDailyLoss = model.Dollar })
	hs.openFed()
	startPositions(hs)
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker,
		BookSide: model.Bid, YesPrice: model.MustPrice("0.60"), Count: model.Contracts(100), PostPosition: model.Contracts(100)}}})
	hs.frame() // valued at the 56¢ mid: −$4.00
	if !hs.locked() {
		t.Fatal("not locked below the loss limit")
	}
	if txt := hs.m.notice.text; !strings.Contains(txt, "DAILY LOSS LIMIT: session P&L -$4.00 is below -$1.00") {
		t.Fatalf("message %q", txt)
	}
	if scr := hs.screen(); !strings.Contains(scr, "daily loss limit") || !strings.Contains(scr, "day -$4.00 of -$1.00") {
		t.Fatalf("the screen does not say why:\n%s", scr)
	}
	hs.press("b")
	if len(hs.trader.creates) != 0 || !strings.Contains(hs.m.notice.text, "LOCKED") {
		t.Fatalf("entry not locked: %v, %q", hs.calls(), hs.m.notice.text)
	}
	hs.press("U")
	if hs.m.currentDialog() == nil || !strings.Contains(text.Strip(strings.Join(hs.m.currentDialog().lines, "\n")), "daily loss limit") {
		t.Fatal("U did not ask, naming the loss limit")
	}
	hs.press("esc")
	if !hs.locked() {
		t.Fatal("dismissing the question unlocked")
	}
	hs.unlock()
	hs.cursorTo("0.50")
	hs.press("b")
	if hs.locked() || len(hs.trader.creates) != 1 {
		t.Fatalf("after the confirmed unlock: locked %v, %v", hs.locked(), hs.calls())
	}
}

// TestFlattenCancelsThenClosesWithAReduceOnlyIOC: F cancels my orders in
// the market, then closes the position with one crossing IOC, after a
// confirmation that names the order and the P&L it locks in.
func TestFlattenCancelsThenClosesWithAReduceOnlyIOC(t *testing.T) {
	for _, locked := range []bool{false, true} {
		hs := newHarness(t, 120, 40, nil)
		hs.openFed()
		holdFed(hs, 10) // long 10 at 54¢
		hs.setOrders(resting("o1", fedTicker, model.Bid, "0.50", 3))
		if locked {
			hs.press("!") // flatten only reduces: it works while entry is locked
		}
		hs.press("F")
		d := hs.m.currentDialog()
		if d == nil || d.kind != dialogFlatten {
			t.Fatalf("locked %v: F did not ask:\n%s", locked, hs.screen())
		}
		body := text.Strip(strings.Join(d.lines, "\n"))
		want := []string{"SELL 10 YES @ 55¢ IOC reduce-only", "10 @ 55¢", "+$0.10 realized"}
		if !locked {
			want = append(want, "cancel my 1 order here")
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("locked %v: flatten dialog lacks %q:\n%s", locked, w, body)
			}
		}
		hs.advance(time.Second)
		hs.press("y")
		if !locked {
			// The cancel goes first: the closing order must not meet my own bid.
			if c := hs.calls(); !slices.ContainsFunc(c, func(s string) bool { return s == "batch cancel o1" }) {
				t.Fatalf("the market's orders were not cancelled first: %v", c)
			}
		}
		if len(hs.trader.creates) != 1 {
			t.Fatalf("locked %v: closing order not sent: %v", locked, hs.calls())
		}
		req := hs.trader.creates[0]
		if req.Side != model.Ask || req.Count != model.Contracts(10) || req.Price != model.MustPrice("0.55") ||
			req.TimeInForce != model.IOC || !req.ReduceOnly || req.OrderGroupID != "" {
			t.Fatalf("closing order %+v", req)
		}
	}
}

func TestFlattenWithNoPositionSaysSo(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("F")
	if hs.m.currentDialog() != nil || !strings.Contains(hs.m.notice.text, "nothing to flatten") {
		t.Fatalf("dialog %v, message %q", hs.m.currentDialog(), hs.m.notice.text)
	}
}

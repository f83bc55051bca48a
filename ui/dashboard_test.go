package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/stream"
	"ladder/ui/layout"
)

// Regression tests for what a new user found in the dashboard, named
// after what it found. The kill switch's are in killswitch_test.go.

func TestSettlementRefreshesBalanceAndSaysTheResultAndThePayoutOnce(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{
		MarketTicker: fedTicker, Position: model.Contracts(10), PositionCost: 540 * model.MoneyPerCent}}})
	before := len(hs.calls())
	hs.trader.balance = model.Balance{Balance: 1_010_00}
	det := model.LifecycleMsg{MarketTicker: fedTicker, EventType: "determined", Result: "yes"}
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: det}})
	hs.fire(balanceDueMsg{})
	calls := strings.Join(hs.calls()[before:], ";")
	if !strings.Contains(calls, "get balance") {
		t.Fatalf("a settlement must refresh the balance; calls: %s", calls)
	}
	if txt := hs.m.notice.text; !strings.Contains(txt, fedTicker+" resolved YES") {
		t.Fatalf("message %q does not say which way it resolved", txt)
	}
	if !strings.Contains(hs.screen(), "cash $1,010.00") {
		t.Fatal("cash not refreshed after the settlement")
	}
	// The determination repeats: said once.
	hs.m.say(lvlInfo, "something else")
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: det}})
	if txt := hs.m.notice.text; txt != "something else" {
		t.Fatalf("the result was announced again: %q", txt)
	}
	// The settlement pays the position out: that is said, once.
	set := det
	set.EventType = "settled"
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: set}})
	if txt := hs.m.notice.text; txt != fedTicker+" settled YES: position paid $10.00" {
		t.Fatalf("payout message %q", txt)
	}
	hs.m.say(lvlInfo, "something else")
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: set}})
	if txt := hs.m.notice.text; txt != "something else" {
		t.Fatalf("the payout was announced again: %q", txt)
	}
	// A market I do not trade settles quietly and costs no requests.
	hs.fire(balanceDueMsg{})
	before = len(hs.calls())
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: model.LifecycleMsg{
		MarketTicker: "KXNBAGAME-26NOV28LALBOS-BOS", EventType: "determined", Result: "no"}}})
	hs.fire(balanceDueMsg{})
	if extra := hs.calls()[before:]; len(extra) != 0 {
		t.Fatalf("an unrelated settlement sent %v", extra)
	}
}

func TestNewMarketAppearsWithoutRestart(t *testing.T) {
	var mu sync.Mutex
	loads := 0
	rolled := false
	hs := newHarness(t, 120, 40, func(o *Options) {
		o.Markets = func(context.Context) ([]model.Event, error) {
			mu.Lock()
			defer mu.Unlock()
			loads++
			events := fixtureEvents()
			if rolled {
				m := events[1].Markets[0]
				m.Ticker, m.YesSubTitle = "KXBTCD-26NOV30-B110000", "$110,000 or above"
				events[1].Markets = append(events[1].Markets, m)
			}
			return events, nil
		}
	})
	mu.Lock()
	rolled = true
	mu.Unlock()
	for _, kind := range []string{"created", "activated"} {
		hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: model.LifecycleMsg{
			MarketTicker: "KXBTCD-26NOV30-B110000", EventType: kind}}})
	}
	if hs.m.markets.Find("KXBTCD-26NOV30-B110000") != nil {
		t.Fatal("reloaded before the burst was gathered")
	}
	hs.fire(marketsReloadDueMsg{})
	if hs.m.markets.Find("KXBTCD-26NOV30-B110000") == nil {
		t.Fatal("the new market did not appear")
	}
	if loads != 2 {
		t.Fatalf("%d market loads, want the start-up one and one reload for the burst", loads)
	}
	if !strings.Contains(hs.screen(), "$110,000 or above") {
		t.Fatalf("new market not listed:\n%s", hs.screen())
	}
}

func TestClearingMarketsFilterKeepsQuotesOfHiddenRows(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	const t375 = "KXFED-26DEC-T3.75"
	hs.feed.mu.Lock()
	hs.feed.tickers[t375] = model.TickerMsg{MarketTicker: t375, YesBid: model.MustPrice("0.80"),
		YesAsk: model.MustPrice("0.82"), Price: model.MustPrice("0.81"), Volume: model.Contracts(777)}
	hs.feed.mu.Unlock()
	hs.frame()
	hs.press("/", "B", "o", "s", "t", "o", "n", "enter")
	// Every market keeps its ticker subscription while filtered out.
	hs.feed.mu.Lock()
	subs := hs.feed.tickerSets[len(hs.feed.tickerSets)-1]
	// The stream drops what is not subscribed: simulate the old behaviour.
	delete(hs.feed.tickers, t375)
	hs.feed.mu.Unlock()
	found := false
	for _, s := range subs {
		found = found || s == t375
	}
	if !found {
		t.Fatalf("a market hidden by the filter lost its ticker subscription: %v", subs)
	}
	hs.frame()
	hs.press("/", "esc")
	scr := hs.screen()
	row := lineWith(scr, "Above 3.75%")
	for _, want := range []string{"80¢", "82¢", "81¢", "777"} {
		if !strings.Contains(row, want) {
			t.Fatalf("after clearing the filter the row lost %s: %q", want, row)
		}
	}
}

// lineWith returns the first screen line containing s.
func lineWith(screen, s string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

func TestHelpScrollsWithAnIndicatorAt80x24InTheLadder(t *testing.T) {
	hs := newHarness(t, 80, 24, func(o *Options) {
		o.Notices = []string{"key conflict: ladder.bid and ladder.ask both use b", "config: unknown theme neon"}
	})
	hs.openFed()
	hs.press("?")
	scr := hs.screen()
	if n := strings.Count(scr, "\n") + 1; n != 24 {
		t.Fatalf("screen has %d lines", n)
	}
	if !strings.Contains(scr, "more") {
		t.Fatalf("help taller than the screen without an indicator:\n%s", scr)
	}
	// Scrolling reaches the last line, the notices.
	for range 40 {
		hs.press("j")
	}
	scr = hs.screen()
	if !strings.Contains(scr, "unknown theme neon") || !strings.Contains(scr, "confirmation:") {
		t.Fatalf("the end of the help cannot be reached:\n%s", scr)
	}
	if !strings.Contains(scr, "↑") {
		t.Fatalf("no indicator of the lines above:\n%s", scr)
	}
	hs.press("?")
	if hs.m.helpOpen() {
		t.Fatal("? does not close the help")
	}
}

func TestAmendTicketLinesUpAndNamesTheOrderNotItsID(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.openFed()
	const id = "7fff51ed-2c1e-4b8a-9f0e-3a5b6c7d8e9f"
	hs.setOrders(resting(id, fedTicker, model.Bid, "0.54", 5))
	hs.press("tab") // ladder → orders
	hs.press("a")
	if hs.m.currentTicket() == nil {
		t.Fatal("no amend ticket")
	}
	scr := hs.screen()
	if strings.Contains(scr, "7fff51ed") {
		t.Fatalf("the ticket shows the order id:\n%s", scr)
	}
	if !strings.Contains(scr, "Amend BUY 5 @ 54¢ KXFED-") {
		t.Fatalf("the title does not name the order:\n%s", scr)
	}
	side, price := lineWith(scr, "BUY YES (bid)"), lineWith(scr, "price (YES)")
	col := func(line, value string) int { return len([]rune(line[:strings.Index(line, value)])) }
	if a, b := col(side, "BUY YES"), col(price, "54¢"); a != b {
		t.Fatalf("values not aligned: side at %d, price at %d\n%s\n%s", a, b, side, price)
	}
}

func TestTicketCostFollowsTypingAndAnInvalidPriceBlocksSubmit(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.54")
	hs.press("enter", "tab", "7") // quantity 7, still typing
	if !strings.Contains(hs.screen(), "cost $3.78") {
		t.Fatalf("cost does not follow the typed quantity:\n%s", hs.screen())
	}
	hs.press("shift+tab", "1", "2", "3") // price 123: invalid
	scr := hs.screen()
	if !strings.Contains(lineWith(scr, "price (YES)"), "✗") {
		t.Fatalf("the price field does not say it is invalid:\n%s", scr)
	}
	hs.press("enter")
	hs.press("enter")
	if len(hs.trader.creates) != 0 {
		t.Fatalf("an invalid price was sent (or replaced by the old one): %v", hs.calls())
	}
	if hs.m.currentTicket() == nil || hs.m.currentTicket().field != tfPrice {
		t.Fatal("submit must keep the ticket open on the invalid field")
	}
	// Leaving the field keeps the invalid entry on show.
	hs.press("tab")
	if !strings.Contains(lineWith(hs.screen(), "price (YES)"), "123") {
		t.Fatal("the invalid entry silently reverted")
	}
	hs.press("shift+tab", "backspace", "backspace", "backspace", "5", "3", "enter")
	if len(hs.trader.creates) != 1 || hs.trader.creates[0].Price != model.MustPrice("0.53") ||
		hs.trader.creates[0].Count != model.Contracts(7) {
		t.Fatalf("corrected ticket sent %v", hs.calls())
	}
}

func TestLadderRecentersAfterTerminalResize(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openFed()
	hs.cursorTo("0.56")
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	lp := hs.m.activeLadder()
	bid, _ := lp.Grid().Index(model.MustPrice("0.55"))
	ask, _ := lp.Grid().Index(model.MustPrice("0.57"))
	top, rows := lp.Window()
	if ask > top || bid < top-rows+1 {
		t.Fatalf("after the resize the market is not in view: rows %d..%d, bid %d ask %d", top-rows+1, top, bid, ask)
	}
	if ask == top || bid == top-rows+1 {
		t.Fatal("the market sits on the window's edge instead of its middle")
	}
	if p := lp.CursorPrice(); p != model.MustPrice("0.56") {
		t.Fatalf("the cursor's price, still in view, moved to %s", p.Cents())
	}
}

// fillingTrader fills every create at once, like a marketable order.
type fillingTrader struct{ *fakeTrader }

func (f fillingTrader) CreateOrder(ctx context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	resp, err := f.fakeTrader.CreateOrder(ctx, req)
	resp.FillCount, resp.RemainingCount = req.Count, 0
	return resp, err
}

func TestBidThroughTheOfferAsksBeforeTradingAsTaker(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.57") // the best offer
	hs.press("b")
	if len(hs.trader.creates) != 0 || hs.m.currentDialog() == nil {
		t.Fatalf("a marketable bid was sent without asking: %v", hs.calls())
	}
	scr := hs.screen()
	for _, want := range []string{"trades immediately", "best offer 57¢", "budget"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("dialog lacks %q:\n%s", want, scr)
		}
	}
	hs.press("esc")
	// An offer at or below the best bid too.
	hs.cursorTo("0.55")
	hs.press("s")
	if hs.m.currentDialog() == nil || !strings.Contains(hs.screen(), "best bid 55¢") {
		t.Fatal("a marketable offer was not confirmed")
	}
	hs.press("esc")
	// B and S stay immediate.
	hs.press("B")
	if len(hs.trader.creates) != 1 || hs.m.currentDialog() != nil {
		t.Fatalf("B must send at once: %v", hs.calls())
	}
}

func TestBidThroughTheOfferWithConfirmNeverSaysItTradedAsTaker(t *testing.T) {
	ft := fillingTrader{&fakeTrader{}}
	hs := newHarness(t, 120, 40, func(o *Options) {
		o.Trader = ft
		o.Confirm = ConfirmPolicy{Mode: ConfirmNever}
	})
	hs.openFed()
	hs.cursorTo("0.57")
	hs.press("b")
	if len(ft.creates) != 1 {
		t.Fatalf("confirm never: not sent: %v", ft.calls)
	}
	if !strings.Contains(hs.screen(), "crossed: traded as taker") {
		t.Fatalf("the message does not say it crossed:\n%s", hs.screen())
	}
}

func TestMessagesNameOrdersBySideQtyPriceAndMarket(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	const id = "7fff51ed-2c1e-4b8a-9f0e-3a5b6c7d8e9f"
	hs.setOrders(resting(id, fedTicker, model.Bid, "0.54", 5))
	hs.cursorTo("0.54")
	hs.press("a")
	hs.cursorTo("0.53")
	hs.press("a")
	if txt := hs.m.notice.text; txt != "moved BUY 5 YES @ 54¢→53¢ T4.25" {
		t.Fatalf("move reported as %q", txt)
	}
	// A quantity change is reported as such.
	hs.press("tab", "a", "tab", "8", "enter")
	if txt := hs.m.notice.text; txt != "resized BUY 5→8 YES @ 53¢ T4.25" {
		t.Fatalf("resize reported as %q", txt)
	}
	hs.press("shift+tab")
	hs.press("x")
	if txt := hs.m.notice.text; txt != "cancelled BUY 8 YES @ 53¢ T4.25" {
		t.Fatalf("cancel reported as %q", txt)
	}
	if strings.Contains(hs.screen(), "7fff51ed") {
		t.Fatal("an order id reached the screen")
	}
}

func TestImportantMessagesFitAt80Columns(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.openFed()
	msgLine := func() string {
		lines := strings.Split(hs.screen(), "\n")
		return lines[len(lines)-2]
	}
	hs.press("!")
	if l := msgLine(); !strings.Contains(l, "KILL SWITCH: no resting orders") || strings.Contains(l, "…") {
		t.Fatalf("kill switch message cut: %q", l)
	}
	hs.press("b")
	if l := msgLine(); !strings.Contains(l, "not sent: entry LOCKED by the kill switch") || strings.Contains(l, "…") {
		t.Fatalf("refusal cut: %q", l)
	}
	hs.unlock()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1))
	hs.cursorTo("0.54")
	hs.press("a")
	if l := msgLine(); !strings.Contains(l, "picked up BUY 1 YES @ 54¢ T4.25") || strings.Contains(l, "…") {
		t.Fatalf("pick-up message cut: %q", l)
	}
	// The ladder's footer: no cut words either.
	lines := strings.Split(hs.screen(), "\n")
	if foot := lines[21]; !strings.Contains(foot, "moving BUY 1 @ 54¢") || strings.Contains(foot, "…") {
		t.Fatalf("moving footer cut: %q", foot)
	}
	hs.press("a") // put back
	hs.m.activeLadder().Move(30)
	lines = strings.Split(hs.screen(), "\n")
	if foot := lines[21]; strings.Contains(foot, "…") || !strings.Contains(foot, "▼") {
		t.Fatalf("inside-market footer cut: %q", foot)
	}
}

func TestFeedTroubleIsSummarised(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	dial := `websocket dial: failed to WebSocket dial: failed to send handshake request: Get "http://127.0.0.1:9/trade-api/ws/v2": dial tcp 127.0.0.1:9: connect: connection refused`
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.BackingOff,
		BackoffUntil: t0.Add(4 * time.Second), LastError: dial}}})
	if txt := hs.m.notice.text; txt != "feed down: cannot connect (retrying in 4s)" {
		t.Fatalf("feed state message %q", txt)
	}
	if scr := hs.screen(); strings.Contains(scr, "failed to") || strings.Contains(scr, "127.0.0.1") {
		t.Fatalf("the raw dial error reached the screen:\n%s", scr)
	}
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Live}}})
	refused := "websocket handshake: HTTP 401: failed to WebSocket dial: expected handshake response status code 101 but got 401"
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.BackingOff,
		BackoffUntil: t0.Add(2 * time.Second), LastError: refused}}})
	if txt := hs.m.notice.text; !strings.Contains(txt, "refused the API key") {
		t.Fatalf("a 401 on the WebSocket reads %q", txt)
	}
}

func TestQuitDialogListsStayOnce(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1))
	hs.press("q")
	hs.advance(time.Second)
	hs.send(dialogArmMsg{id: hs.m.currentDialog().id})
	scr := hs.screen()
	if n := strings.Count(scr, "stay"); n != 1 {
		t.Fatalf("quit dialog lists stay %d times:\n%s", n, scr)
	}
	if !strings.Contains(scr, "leave them resting") {
		t.Fatal("a real exchange keeps the choice to leave orders resting")
	}
}

func TestQuitOnEmbeddedSimulatorSaysOrdersEndWithIt(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.EmbeddedExchange = true })
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1))
	hs.press("q")
	hs.advance(time.Second)
	scr := hs.screen()
	if strings.Contains(scr, "leave them resting") || !strings.Contains(scr, "stops with it") {
		t.Fatalf("embedded simulator quit dialog:\n%s", scr)
	}
	hs.press("y")
	if !hs.quit || len(hs.trader.batches) != 0 {
		t.Fatalf("quit %v, cancels %v", hs.quit, hs.calls())
	}
}

func TestMarkersHaveTheirOwnColumn(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("tab", "tab", "tab") // back to the markets
	hs.m.setFocus(layout.FocusMarkets)
	hs.press("f") // favourite the open market under the cursor
	scr := hs.screen()
	if !strings.Contains(scr, "›★▸ Above 4.25%") {
		t.Fatalf("cursor, favourite and open markers do not share a row cleanly:\n%s", scr)
	}
	for _, jam := range []string{"▸Above", "★Above", "›Above"} {
		if strings.Contains(scr, jam) {
			t.Fatalf("a marker touches the name (%q):\n%s", jam, scr)
		}
	}
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 1))
	hs.m.setFocus(layout.FocusOrders)
	hs.press("space")
	if scr := hs.screen(); strings.Contains(scr, "■BUY") || !strings.Contains(scr, "■ BUY") {
		t.Fatalf("the selection marker touches the side:\n%s", scr)
	}
}

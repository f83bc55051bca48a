package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/text"
)

// Regression tests for an exchange restarted under a
// connected dashboard, the kill switch's tally, the ticket's grid error at
// 80×24 and the cost of a marketable order.

// restartedExchange serves the fixture catalogue until restart, then one
// without T4.50 and with a new T4.75.
type restartedExchange struct {
	mu        sync.Mutex
	restarted bool
	loads     int
}

const goneTicker, newTicker = "KXFED-26DEC-T4.50", "KXFED-26DEC-T4.75"

func (r *restartedExchange) markets(context.Context) ([]model.Event, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.loads++
	events := fixtureEvents()
	if r.restarted {
		fed := &events[0]
		m := fed.Markets[3]
		m.Ticker, m.YesSubTitle, m.Title = newTicker, "Above 4.75%", "Above 4.75%"
		fed.Markets = append(fed.Markets[:3], m)
	}
	return events, nil
}

func (r *restartedExchange) restart() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.restarted = true
}

func TestStaleStateAfterExchangeRestartIsReloadedOnReconnect(t *testing.T) {
	ex := &restartedExchange{}
	hs := newHarness(t, 120, 40, func(o *Options) { o.Markets = ex.markets })
	hs.send(balanceMsg{balance: model.Balance{Balance: 1_000_00}})
	if !strings.Contains(hs.screen(), "cash $1,000.00") {
		t.Fatalf("start-up cash not shown:\n%s", hs.screen())
	}
	// The exchange goes away and comes back as a new one.
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.BackingOff}}})
	ex.restart()
	hs.trader.balance = model.Balance{Balance: 500_00}
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Connecting, Reconnects: 1}}})
	if len(hs.timers) != 0 {
		t.Fatal("refreshed before the feed was live again")
	}
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Live, Reconnects: 1}}})
	// A lifecycle message in the same burst shares the one reload.
	hs.event(FeedEventMsg{Event: stream.LifecycleEvent{Lifecycle: model.LifecycleMsg{MarketTicker: newTicker, EventType: "created"}}})
	hs.fire(marketsReloadDueMsg{})
	hs.fire(balanceDueMsg{})
	if ex.loads != 2 {
		t.Fatalf("%d market loads, want start-up and one reload", ex.loads)
	}
	if hs.m.markets.Find(goneTicker) != nil || hs.m.markets.Find(newTicker) == nil {
		t.Fatal("the market list still shows the old exchange's markets")
	}
	scr := hs.screen()
	if strings.Contains(scr, "Above 4.50%") || !strings.Contains(scr, "Above 4.75%") {
		t.Fatalf("market list not refreshed:\n%s", scr)
	}
	if !strings.Contains(scr, "cash $500.00") {
		t.Fatalf("cash not refreshed after the reconnect:\n%s", scr)
	}
	// The same connection reported again is not a new reconnect.
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: stream.Health{State: stream.Live, Reconnects: 1}}})
	if len(hs.timers) != 0 {
		t.Fatalf("a repeated state event refreshed again: %v", hs.timers)
	}
}

func TestStaleLadderOnMarketGoneAfterRestartSaysSoInItsHeader(t *testing.T) {
	ex := &restartedExchange{}
	hs := newHarness(t, 120, 40, func(o *Options) { o.Markets = ex.markets })
	hs.openMarket(goneTicker)
	ex.restart()
	hs.event(FeedEventMsg{Event: stream.ErrorEvent{Err: &stream.CommandError{Code: 16,
		Msg: "Market not found: " + goneTicker, Market: goneTicker, Cmd: "update_subscription"}}})
	header := lineWith(hs.screen(), "market not found")
	if !strings.Contains(header, "✗ market not found") || !strings.Contains(header, "Above 4.50%") {
		t.Fatalf("the ladder's header does not say its market is gone: %q\n%s", header, hs.screen())
	}
	// Another market's error leaves it alone; a list that has it again clears it.
	lp := hs.m.activeLadder()
	lp.SetMissing(false)
	hs.event(FeedEventMsg{Event: stream.ErrorEvent{Err: &stream.CommandError{Code: 16, Market: newTicker}}})
	if lp.Missing() {
		t.Fatal("an error about another market marked this ladder")
	}
	lp.SetMissing(true)
	hs.send(marketsLoadedMsg{events: fixtureEvents()})
	if lp.Missing() {
		t.Fatal("the mark stayed after the market came back")
	}
}

func TestKillSwitchMessageUndercountsByOneWhenAReplyLandsAfterTheLock(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	var orders []model.Order
	for i, p := range []string{"0.45", "0.46", "0.47", "0.48", "0.49", "0.50", "0.51", "0.52"} {
		orders = append(orders, resting("o"+text.Itoa(i), fedTicker, model.Bid, p, 1))
	}
	hs.setOrders(orders...)
	hs.openFed()
	hs.cursorTo("0.53")
	// The create is on the wire when the kill switch fires.
	next, create := hs.m.Update(keyMsg("b"))
	hs.m = next.(Model)
	hs.press("!")
	if txt := hs.m.notice.text; txt != "KILL SWITCH: 8 cancelled" {
		t.Fatalf("kill message %q", txt)
	}
	hs.run(create) // its reply lands after the lock: cancelled too
	if c := hs.trader.cancels; len(c) != 1 {
		t.Fatalf("the landed order was not cancelled: %v", hs.calls())
	}
	if txt := hs.m.notice.text; txt != "KILL SWITCH: 9 cancelled" {
		t.Fatalf("kill message %q, want all 9 counted", txt)
	}
}

func TestTicketGridErrorIsNotCutAt80x24(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.openMarket(btcTicker)
	hs.press("enter", "9", "9", ".", "5", "5")
	line := lineWith(hs.screen(), "off grid")
	if !strings.Contains(line, "✗ off grid: 99.5¢ / 99.6¢") || strings.Contains(line, "…") {
		t.Fatalf("grid error cut: %q\n%s", line, hs.screen())
	}
}

func TestMarketableConfirmCostIsAtTheOfferNotTheLimit(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.66") // best offer 57¢
	hs.press("b")
	if hs.m.currentDialog() == nil {
		t.Fatal("a marketable bid was not confirmed")
	}
	scr := hs.screen()
	for _, want := range []string{"cost    $0.57 expected · takes 1 @ 57¢", "worst   $0.66 at the limit · pays $1.00 if right"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("dialog lacks %q:\n%s", want, scr)
		}
	}
	if strings.Contains(scr, "$0.66 if filled") {
		t.Fatal("the dialog still gives the limit's cost as the cost")
	}
}

func TestMarketableConfirmCostWalksTheBookToTheLimit(t *testing.T) {
	book := fedBook(t) // offers 57¢ ×80, 58¢ ×260; bids 55¢ ×120, 54¢ ×340
	pf := text.PriceFormatOf(model.LinearCentRanges())
	buy := model.CreateOrderRequest{Side: model.Bid, Price: model.MustPrice("0.58"), Count: model.Contracts(400)}
	e := desk.EstimateTake(book, buy)
	// 80 × 57¢ + 260 × 58¢ + 60 resting × 58¢.
	if want := model.Notional(model.MustPrice("0.57"), model.Contracts(80)) +
		model.Notional(model.MustPrice("0.58"), model.Contracts(320)); e.Cost != want {
		t.Fatalf("buy cost %s, want %s", e.Cost.Dollars(), want.Dollars())
	}
	if w := takeWords(e, buy, model.YesTerms, pf); w != "340 @ 57¢–58¢, 60 rest" {
		t.Fatalf("buy words %q", w)
	}
	// Selling YES at 54¢ takes the 55¢ bid: pays 45¢ (the NO side) each.
	sell := model.CreateOrderRequest{Side: model.Ask, Price: model.MustPrice("0.54"), Count: model.Contracts(100)}
	if e := desk.EstimateTake(book, sell); e.Cost != model.Notional(model.MustPrice("0.45"), model.Contracts(100)) || e.Took != model.Contracts(100) {
		t.Fatalf("sell estimate %+v", e)
	}
	// Not marketable: nothing taken.
	rest := model.CreateOrderRequest{Side: model.Bid, Price: model.MustPrice("0.50"), Count: model.Contracts(1)}
	if e := desk.EstimateTake(book, rest); e.Took != 0 {
		t.Fatalf("a resting bid takes %+v", e)
	}
}

var _ tea.Msg = marketsLoadedMsg{}

package ui

import (
	"ladder/model"
	"ladder/stream"
	"strings"
	"testing"
)

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
	if scr := hs.screen(); !strings.Contains(scr, "cash $9,998.93") {
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

package ui

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"ladder/api"
	"ladder/desk"
	"ladder/limiter"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/keys"
	"ladder/ui/layout"
	"ladder/ui/markets"
	"ladder/ui/text"
)

func TestStartsOnMarketsAndEnterOpensLadderWithFocus(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	if hs.m.focus != layout.FocusMarkets {
		t.Fatalf("focus at start = %v, want markets", hs.m.focus)
	}
	hs.press("j", "j") // 4.00% → 4.25%
	if got := hs.m.markets.SelectedTicker(); got != fedTicker {
		t.Fatalf("cursor on %q, want %q", got, fedTicker)
	}
	hs.press("enter")
	if hs.m.focus != layout.FocusLadder || hs.m.activeLadder() == nil || hs.m.activeLadder().Ticker() != fedTicker {
		t.Fatalf("enter did not open and focus the %s ladder", fedTicker)
	}
	if n := len(hs.feed.sets); n == 0 || !slices.Contains(hs.feed.sets[n-1], fedTicker) {
		t.Fatalf("feed not subscribed to the ladder's book: %v", hs.feed.sets)
	}
}

func TestBidAtCursorPlacesGTCOrderWithClientID(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.cursorTo("0.54")
	hs.press("3", "b") // preset 3 = 10 contracts
	if len(hs.trader.creates) != 1 {
		t.Fatalf("creates = %v", hs.calls())
	}
	req := hs.trader.creates[0]
	want := model.CreateOrderRequest{Ticker: fedTicker, ClientOrderID: "cid-1", Side: model.Bid, Count: model.Contracts(10),
		Price: model.MustPrice("0.54"), TimeInForce: model.GTC, STP: model.STPTakerAtCross}
	if req != want {
		t.Fatalf("sent %+v\nwant %+v", req, want)
	}
	o, ok := hs.order("ord-1")
	if !ok || o.Remaining != model.Contracts(10) || o.Price != model.MustPrice("0.54") {
		t.Fatalf("order not working after the ack: %+v", o)
	}
	if !strings.Contains(hs.screen(), "placed BUY 10 YES @ 54¢") {
		t.Fatalf("message line does not confirm the order:\n%s", hs.screen())
	}
}

func TestNoTermsBuyIsAskOnYesBook(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("n")
	lp := hs.m.activeLadder()
	if lp.Terms() != model.NoTerms {
		t.Fatal("n did not switch to NO terms")
	}
	hs.cursorTo("0.44") // NO 44¢ = YES 56¢
	hs.press("b")
	if len(hs.trader.creates) != 1 {
		t.Fatalf("creates = %v", hs.calls())
	}
	req := hs.trader.creates[0]
	if req.Side != model.Ask || req.Price != model.MustPrice("0.56") {
		t.Fatalf("buy NO @ 44¢ sent as %s @ %s, want ask @ 56¢", req.Side, req.Price.Cents())
	}
	if !strings.Contains(hs.screen(), "BUY 1 NO @ 44¢") {
		t.Fatalf("message should speak NO terms:\n%s", hs.screen())
	}
}

func TestBuyNowCrossesBestOfferImmediateOrCancel(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("B")
	if len(hs.trader.creates) != 1 {
		t.Fatalf("creates = %v", hs.calls())
	}
	req := hs.trader.creates[0]
	if req.Side != model.Bid || req.Price != model.MustPrice("0.57") || req.TimeInForce != model.IOC {
		t.Fatalf("buy now sent %s %s %s, want bid 57¢ IOC", req.Side, req.Price.Cents(), req.TimeInForce)
	}
	if len(hs.working("")) != 0 {
		t.Fatal("a filled IOC must not be left working")
	}
	hs.press("S")
	if req := hs.trader.creates[1]; req.Side != model.Ask || req.Price != model.MustPrice("0.55") || req.TimeInForce != model.IOC {
		t.Fatalf("sell now sent %s %s %s, want ask 55¢ IOC", req.Side, req.Price.Cents(), req.TimeInForce)
	}
}

func TestCancelAtCursorLevel(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(
		resting("o1", fedTicker, model.Bid, "0.54", 10),
		resting("o2", fedTicker, model.Bid, "0.54", 5),
		resting("o3", fedTicker, model.Bid, "0.53", 5),
	)
	hs.cursorTo("0.53")
	hs.press("x")
	if !slices.Equal(hs.trader.cancels, []string{"o3"}) || len(hs.trader.batches) != 0 {
		t.Fatalf("cancel at 53¢: %v", hs.calls())
	}
	hs.cursorTo("0.54")
	hs.press("x")
	if len(hs.trader.batches) != 1 || !slices.Equal(hs.trader.batches[0], []string{"o1", "o2"}) {
		t.Fatalf("cancel at 54¢ should be one batch of o1,o2: %v", hs.calls())
	}
	if n := len(hs.working("")); n != 0 {
		t.Fatalf("%d orders still working", n)
	}
	hs.cursorTo("0.50")
	hs.press("x")
	if !strings.Contains(hs.screen(), "no order of yours at 50¢") {
		t.Fatal("an empty level must say so")
	}
}

func TestCancelAllInMarketIsOneBatch(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(
		resting("o1", fedTicker, model.Bid, "0.54", 10),
		resting("o2", fedTicker, model.Bid, "0.52", 5),
		resting("o3", fedTicker, model.Ask, "0.60", 5),
		resting("b1", btcTicker, model.Ask, "0.06", 50),
	)
	hs.press("X")
	if len(hs.trader.batches) != 1 || len(hs.trader.cancels) != 0 {
		t.Fatalf("X must send exactly one batch cancel: %v", hs.calls())
	}
	got := slices.Sorted(slices.Values(hs.trader.batches[0]))
	if !slices.Equal(got, []string{"o1", "o2", "o3"}) {
		t.Fatalf("batch = %v, want the three orders of %s only", got, fedTicker)
	}
	if w := hs.working(""); len(w) != 1 || w[0].ID != "b1" {
		t.Fatalf("working after X: %v", ids(w))
	}
}

func TestMovePicksUpAndAmends(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	o := resting("o1", fedTicker, model.Bid, "0.54", 10)
	o.FillCount = model.Contracts(2)
	o.RemainingCount = model.Contracts(8)
	hs.setOrders(o)
	hs.cursorTo("0.54")
	hs.press("a")
	if hs.m.moving != "o1" {
		t.Fatal("a did not pick up the order at the cursor")
	}
	hs.press("j") // 53¢
	hs.press("a")
	if len(hs.trader.amends) != 1 {
		t.Fatalf("amends: %v", hs.calls())
	}
	req := hs.trader.amends[0]
	want := model.AmendOrderRequest{Ticker: fedTicker, Side: model.Bid, Price: model.MustPrice("0.53"), Count: model.Contracts(10)}
	if req != want {
		t.Fatalf("amend %+v, want %+v (count = filled + remaining)", req, want)
	}
	if got, ok := hs.order("o1"); !ok || got.Price != model.MustPrice("0.53") || got.State != desk.Working {
		t.Fatalf("order after the move: %+v", got)
	}
}

func TestKillSwitchCancelsEverythingInBatchesAndLocksUntilUnlock(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	var orders []model.Order
	for i := range 25 {
		orders = append(orders, resting(fmt.Sprintf("o%02d", i), fedTicker, model.Bid, "0.40", 1))
	}
	orders = append(orders, resting("b1", btcTicker, model.Ask, "0.06", 50))
	hs.setOrders(orders...)
	hs.press("!")
	if len(hs.trader.batches) != 2 || len(hs.trader.batches[0]) != 20 || len(hs.trader.batches[1]) != 6 {
		t.Fatalf("kill switch batches: %v", hs.calls())
	}
	if len(hs.working("")) != 0 {
		t.Fatal("orders left working after the kill switch")
	}
	if !hs.locked() || !strings.Contains(hs.screen(), "ORDER ENTRY LOCKED") {
		t.Fatalf("no lock banner:\n%s", hs.screen())
	}
	hs.press("b", "B")
	if len(hs.trader.creates) != 0 {
		t.Fatalf("order sent while locked: %v", hs.calls())
	}
	if !strings.Contains(hs.screen(), "LOCKED") {
		t.Fatal("the refusal must say why")
	}
	hs.unlock()
	if hs.locked() {
		t.Fatal("U did not unlock")
	}
	hs.press("b")
	if len(hs.trader.creates) != 1 {
		t.Fatalf("order entry still blocked after unlock: %v", hs.calls())
	}
}

func TestKillSwitchCancelsOrderThatLandsAfterIt(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	// An order is in flight (sent, not yet acknowledged) when the switch fires.
	req := model.CreateOrderRequest{Ticker: fedTicker, ClientOrderID: "late", Side: model.Bid, Count: model.Contracts(3),
		Price: model.MustPrice("0.50"), TimeInForce: model.GTC, STP: model.STPTakerAtCross}
	hs.reserve(req)
	hs.press("!")
	hs.send(orderPlacedMsg{req: req, resp: model.CreateOrderResponse{OrderID: "ord-late", RemainingCount: model.Contracts(3)}})
	if !slices.Equal(hs.trader.cancels, []string{"ord-late"}) {
		t.Fatalf("late order not cancelled: %v", hs.calls())
	}
}

func TestStaleBookBlocksOrderEntryAndSaysSo(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.feed.stale[fedTicker] = "sequence gap"
	hs.frame()
	hs.press("b", "B")
	if len(hs.trader.creates) != 0 {
		t.Fatalf("order sent on a stale book: %v", hs.calls())
	}
	scr := hs.screen()
	if !strings.Contains(scr, "book stale (sequence gap)") {
		t.Fatalf("ladder header does not show the stale book:\n%s", scr)
	}
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.press("X")
	if len(hs.trader.batches) != 1 {
		t.Fatal("cancels must never be blocked by a stale book")
	}
	delete(hs.feed.stale, fedTicker)
	hs.frame()
	hs.press("b")
	if len(hs.trader.creates) != 1 {
		t.Fatal("entry still blocked after the resync")
	}
}

func TestConfirmDialogIgnoresConfirmDuringGrace(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.DefaultQty = model.Contracts(200) })
	hs.openFed()
	hs.cursorTo("0.54")
	hs.press("b")
	if hs.m.currentDialog() == nil {
		t.Fatal("200 contracts is above the policy: a dialog must ask")
	}
	scr := dialogText(hs)
	for _, want := range []string{"BUY 200 YES @ 54¢", "POST /trade-api/v2/portfolio/events/orders", "10 write tokens", "arming"} {
		if !strings.Contains(scr, want) {
			t.Errorf("dialog lacks %q:\n%s", want, scr)
		}
	}
	// The request body is behind the details key.
	if strings.Contains(scr, `"client_order_id"`) {
		t.Errorf("the body shows before the details key:\n%s", scr)
	}
	hs.press("d")
	if scr := dialogText(hs); !strings.Contains(scr, `"client_order_id":"cid-1"`) {
		t.Errorf("the details key does not show the body:\n%s", scr)
	}
	hs.press("y")
	hs.advance(299 * time.Millisecond)
	hs.press("enter")
	if len(hs.trader.creates) != 0 || hs.m.currentDialog() == nil {
		t.Fatal("a confirm key within the grace period must be ignored")
	}
	hs.advance(time.Millisecond)
	hs.fire(dialogArmMsg{})
	if !strings.Contains(hs.screen(), "y/enter send") {
		t.Fatalf("armed dialog does not show its keys:\n%s", hs.screen())
	}
	hs.press("y")
	if len(hs.trader.creates) != 1 || hs.trader.creates[0].ClientOrderID != "cid-1" {
		t.Fatalf("confirmed order not sent as shown: %v", hs.calls())
	}
}

func TestConfirmDialogDismiss(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Confirm = ConfirmPolicy{Mode: ConfirmAlways} })
	hs.openFed()
	hs.press("b", "esc")
	if hs.m.currentDialog() != nil || len(hs.trader.creates) != 0 {
		t.Fatal("esc must dismiss without sending")
	}
}

func TestFarFromMarketAsksEvenWhenPolicyIsNever(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Confirm = ConfirmPolicy{Mode: ConfirmNever} })
	hs.openFed()
	hs.cursorTo("0.70") // 13¢ through the 57¢ offer
	hs.press("b")
	if hs.m.currentDialog() == nil {
		t.Fatal("a far-from-market order must ask")
	}
	if !strings.Contains(dialogText(hs), "70¢ is 13¢ through the best offer 57¢") {
		t.Fatalf("warning not explained:\n%s", hs.screen())
	}
}

func TestPreTradeChecksExplainThemselves(t *testing.T) {
	cases := []struct {
		name  string
		opt   func(*Options)
		price string
		want  string
	}{
		{"max quantity", func(o *Options) { o.DefaultQty = model.Contracts(2000) }, "0.54", "above the limit of 1000 per order"},
		{"max cost", func(o *Options) {
			o.DefaultQty = model.Contracts(900)
			o.Risk.MaxNotional = 100 * model.Dollar
		}, "0.54", "cost $486.00 is above the limit of $100.00"},
		{"max position", func(o *Options) { o.Risk.MaxPosition = model.Contracts(15); o.DefaultQty = model.Contracts(20) }, "0.54",
			"position would reach +20 counting working and in-flight orders (limit 15)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hs := newHarness(t, 120, 40, c.opt)
			hs.openFed()
			hs.cursorTo(c.price)
			hs.press("b")
			if len(hs.trader.creates) != 0 || hs.m.currentDialog() != nil {
				t.Fatal("order not refused")
			}
			if !strings.Contains(hs.m.notice.text, c.want) {
				t.Fatalf("message %q lacks %q", hs.m.notice.text, c.want)
			}
		})
	}
}

func TestUnknownOutcomeBlocksMarketUntilReconciled(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.trader.createErr = &api.UnknownOutcomeError{Op: "create", ClientOrderID: "cid-1", Ticker: fedTicker, Err: errors.New("timeout")}
	hs.trader.getOrdersErr = errors.New("connection reset")
	hs.cursorTo("0.54")
	hs.press("b")
	if id := hs.m.desk.UnknownIn(fedTicker); id != "cid-1" {
		t.Fatalf("unknown order = %q", id)
	}
	if q := hs.trader.getOrders; len(q) == 0 || q[len(q)-1].Ticker != fedTicker {
		t.Fatalf("no reconciliation lookup: %v", hs.calls())
	}
	if !strings.Contains(hs.screen(), "UNKNOWN") {
		t.Fatalf("unknown outcome not shown:\n%s", hs.screen())
	}
	hs.press("b")
	if len(hs.trader.creates) != 1 {
		t.Fatal("new order sent while an outcome is unknown")
	}
	if !strings.Contains(strings.ToLower(hs.m.notice.text), "unknown outcome") {
		t.Fatalf("refusal does not say why: %q", hs.m.notice.text)
	}
	// BTC is another market: not blocked.
	hs.openMarket(btcTicker)
	hs.press("b")
	if len(hs.trader.creates) != 2 {
		t.Fatal("an unknown outcome must block only its own market")
	}
	// The lookup succeeds on retry and finds the order resting.
	hs.trader.getOrdersErr = nil
	o := resting("ord-x", fedTicker, model.Bid, "0.54", 1)
	o.ClientOrderID = "cid-1"
	hs.trader.orders = []model.Order{o}
	hs.fire(reconcileMsg{})
	if _, ok := hs.order("ord-x"); hs.m.desk.UnknownIn(fedTicker) != "" || !ok {
		t.Fatal("reconciliation did not resolve the unknown order")
	}
	hs.press("[")
	hs.press("b")
	if len(hs.trader.creates) != 3 {
		t.Fatal("entry still blocked after reconciliation")
	}
}

func TestUnknownOutcomeReconciledByUserOrderEvent(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.trader.createErr = &api.UnknownOutcomeError{Op: "create", ClientOrderID: "cid-1", Ticker: fedTicker}
	hs.trader.getOrdersErr = errors.New("still down")
	hs.press("b")
	if hs.m.desk.UnknownIn(fedTicker) == "" {
		t.Fatal("not unknown")
	}
	hs.event(FeedEventMsg{Event: stream.OrderEvent{Order: model.UserOrderMsg{
		OrderID: "ord-9", ClientOrderID: "cid-1", Ticker: fedTicker, Status: model.Resting, BookSide: model.Bid,
		YesPrice: model.MustPrice("0.56"), RemainingCount: model.Contracts(1),
	}}})
	if _, ok := hs.order("ord-9"); hs.m.desk.UnknownIn(fedTicker) != "" || !ok {
		t.Fatal("user_order event did not reconcile")
	}
}

func TestRejectedOrderExplainsItself(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.trader.createErr = &api.Error{Status: 400, Code: "insufficient_balance", Message: "insufficient balance"}
	hs.press("b")
	if !strings.Contains(hs.m.notice.text, "REJECTED") || !strings.Contains(hs.m.notice.text, "insufficient balance") {
		t.Fatalf("notice = %q", hs.m.notice.text)
	}
	if len(hs.view().InFlight()) != 0 {
		t.Fatal("a rejected order must not stay pending")
	}
}

func TestRebindingChangesKeysAndHelp(t *testing.T) {
	km := keys.DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"ladder.bid": {"v"}}); err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, 120, 40, func(o *Options) { o.KeyMap = km })
	hs.openFed()
	hs.press("b")
	if len(hs.trader.creates) != 0 {
		t.Fatal("the old key still bids")
	}
	hs.press("v")
	if len(hs.trader.creates) != 1 {
		t.Fatal("the new key does not bid")
	}
	hs.press("?")
	scr := hs.screen()
	if !regexp.MustCompile(`\bv +bid at cursor`).MatchString(scr) {
		t.Fatalf("help not generated from the keymap:\n%s", scr)
	}
}

func TestRebindingConflictsAreReported(t *testing.T) {
	km := keys.DefaultKeyMap()
	if err := km.Rebind(map[string][]string{"ladder.bid": {"s"}}); err != nil {
		t.Fatal(err)
	}
	if len(km.Conflicts()) == 0 {
		t.Fatal("binding bid to the ask key must be a conflict")
	}
}

func TestHelpListsFocusedAndGlobalBindings(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.openFed()
	hs.press("?")
	scr := hs.screen()
	for _, want := range []string{"bid at cursor", "cancel all mine", "qty 100", "kill switch", "next pane", "unlock order entry"} {
		if !strings.Contains(scr, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	hs.press("esc")
	if hs.m.helpOpen() {
		t.Fatal("esc must close help")
	}
}

func TestQuitAsksWhatToDoWithRestingOrders(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		hs := newHarness(t, 120, 40, nil)
		hs.press("q")
		if !hs.quit {
			t.Fatal("q with no orders must quit")
		}
	})
	t.Run("cancel all", func(t *testing.T) {
		hs := newHarness(t, 120, 40, nil)
		hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10), resting("o2", btcTicker, model.Ask, "0.06", 1))
		hs.press("q")
		if hs.quit || hs.m.currentDialog() == nil || !strings.Contains(hs.screen(), "You have 2 resting orders") {
			t.Fatalf("quit must ask:\n%s", hs.screen())
		}
		hs.press("y")
		if len(hs.trader.batches) != 0 {
			t.Fatal("confirmed within the grace period")
		}
		hs.advance(time.Second)
		hs.press("y")
		if len(hs.trader.batches) != 1 || !hs.quit {
			t.Fatalf("cancel-and-quit: %v quit=%v", hs.calls(), hs.quit)
		}
	})
	t.Run("leave", func(t *testing.T) {
		hs := newHarness(t, 120, 40, nil)
		hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
		hs.press("q")
		hs.advance(time.Second)
		hs.press("q")
		if !hs.quit || len(hs.trader.batches) > 0 {
			t.Fatalf("leave-and-quit: %v", hs.calls())
		}
	})
	t.Run("stay", func(t *testing.T) {
		hs := newHarness(t, 120, 40, nil)
		hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
		hs.press("q", "esc")
		if hs.quit || hs.m.currentDialog() != nil {
			t.Fatal("esc must stay")
		}
	})
}

func TestOrdersPaneSelectsSeveralAndBatchCancels(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.setOrders(
		resting("o1", fedTicker, model.Bid, "0.54", 10),
		resting("o2", fedTicker, model.Bid, "0.52", 5),
		resting("o3", btcTicker, model.Ask, "0.06", 5),
	)
	hs.press("tab") // markets → (no ladder open) → orders
	if hs.m.focus != layout.FocusOrders {
		t.Fatalf("focus = %v", hs.m.focus)
	}
	hs.press("space", "j", "j", "space", "X")
	if len(hs.trader.batches) != 1 {
		t.Fatalf("X in orders: %v", hs.calls())
	}
	// The list is sorted by market: o3 (BTC), o1, o2.
	got := slices.Sorted(slices.Values(hs.trader.batches[0]))
	if !slices.Equal(got, []string{"o2", "o3"}) {
		t.Fatalf("batch = %v, want o2,o3", got)
	}
	hs.press("x")
	if !slices.Equal(hs.trader.cancels, []string{"o1"}) {
		t.Fatalf("x cancels the order under the cursor: %v", hs.calls())
	}
}

func TestOrdersPaneAmendThroughTicket(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.press("tab") // ladder → orders
	hs.press("a")
	if hs.m.currentTicket() == nil || hs.m.currentTicket().amendID != "o1" {
		t.Fatal("a in orders must open the amend ticket")
	}
	hs.press("left", "tab", "2", "0", "enter")
	if len(hs.trader.amends) != 1 {
		t.Fatalf("amend: %v", hs.calls())
	}
	if a := hs.trader.amends[0]; a.Price != model.MustPrice("0.53") || a.Count != model.Contracts(20) {
		t.Fatalf("amend sent %s × %s", a.Price.Cents(), a.Count.Short())
	}
}

func TestTicketSendsEveryField(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, -10) // short: a reduce-only buy reduces it
	hs.cursorTo("0.54")
	hs.press("enter")
	if hs.m.currentTicket() == nil {
		t.Fatal("enter must open the ticket")
	}
	// price field: type 53.5? the 1¢ grid refuses it; type 53 instead.
	hs.press("5", "3", "tab", "7", "tab", "right", "tab", "right", "tab", "right", "shift+tab", "shift+tab", "shift+tab")
	// Now on quantity again; go to TIF and back to GTC so expiry applies.
	hs.press("tab", "left", "tab", "tab", "tab", "right")
	hs.press("enter")
	if len(hs.trader.creates) != 1 {
		t.Fatalf("ticket submit: %v (ticket %+v)", hs.calls(), hs.m.currentTicket())
	}
	req := hs.trader.creates[0]
	if req.Price != model.MustPrice("0.53") || req.Count != model.Contracts(7) || req.TimeInForce != model.GTC ||
		!req.PostOnly || !req.ReduceOnly || req.ExpirationTime != t0.Add(time.Minute).Unix() {
		t.Fatalf("ticket sent %+v", req)
	}
}

func TestTicketRefusesOffGridPrice(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("enter", "5", "3", ".", "5", "enter")
	if len(hs.trader.creates) != 0 || hs.m.currentTicket() == nil || !strings.Contains(hs.m.currentTicket().fieldErr(tfPrice), "off grid: 53¢ / 54¢") {
		t.Fatalf("off-grid price: creates %v, ticket %+v", hs.calls(), hs.m.currentTicket())
	}
}

func TestFillUpdatesPositionFillsAndBalance(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.openFed()
	fill := model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker, BookSide: model.Bid,
		YesPrice: model.MustPrice("0.54"), Count: model.Contracts(10), FeeCost: 17 * model.MoneyPerCent,
		PostPosition: model.Contracts(10), TsMs: t0.UnixMilli()}
	hs.trader.balance = model.Balance{Balance: 994_43}
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill}})
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill}}) // duplicate: counted once
	hs.fire(balanceDueMsg{})                                    // the balance refresh's debounce ends
	pos := hs.position(fedTicker)
	if pos.Size != model.Contracts(10) || len(hs.fills()) != 1 {
		t.Fatalf("position %s, %d fills", pos.Size.Short(), len(hs.fills()))
	}
	scr := hs.screen()
	for _, want := range []string{"pos +10 @54¢", "cash $994.43", "FILLED BUY 10 @ 54¢"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q", want)
		}
	}
}

func TestFavouritesAreSaved(t *testing.T) {
	var saved []string
	hs := newHarness(t, 120, 40, func(o *Options) {
		o.SaveFavourites = func(f []string) error { saved = f; return nil }
	})
	hs.press("j", "j", "f")
	if !slices.Equal(saved, []string{fedTicker}) {
		t.Fatalf("saved %v", saved)
	}
	if hs.m.markets.Rows()[0].Header != markets.FavouritesMark+"Fed funds upper bound after the Dec 2026 meeting" {
		t.Fatalf("favourites are listed first, under their event: %q", hs.m.markets.Rows()[0].Header)
	}
}

// Starring a market scrolled down the list keeps the top of the list
// saying whose markets are shown: a favourites group's header is not left
// just above the first visible row.
func TestFavouriteListShowsItsEventAtTheTop(t *testing.T) {
	hs := newHarness(t, 80, 24, func(o *Options) { o.Favourites = []string{fedTicker} })
	for range 30 {
		hs.press("j")
	}
	hs.press("f")
	var first string
	for _, l := range strings.Split(hs.screen(), "\n")[2:] {
		first = strings.TrimLeft(l, "│ ")
		break
	}
	if !strings.HasPrefix(first, markets.FavouritesMark) {
		t.Fatalf("the list's first row is %q, not a favourites header:\n%s", first, hs.screen())
	}
}

// A favourite keeps its event: the starred list is grouped under the
// events' titles, so "Above 4.25%" and "Up" still say what they are about.
func TestFavouritesKeepTheirEvent(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) {
		o.Favourites = []string{fedTicker, btcTicker}
	})
	rows := hs.m.markets.Rows()
	var got []string
	for _, r := range rows {
		if r.Market == nil && !strings.HasPrefix(r.Header, markets.FavouritesMark) {
			break // the favourites end where the full catalogue starts
		}
		if r.Market != nil {
			got = append(got, r.Market.EventTicker+"/"+r.Market.Ticker)
		} else {
			got = append(got, r.Header)
		}
	}
	want := []string{
		"★ Fed funds upper bound after the Dec 2026 meeting", "KXFED-26DEC/" + fedTicker,
		"★ Bitcoin price on Nov 30, 2026 at 5pm EST", "KXBTCD-26NOV30/" + btcTicker,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("favourites rows\n got %q\nwant %q", got, want)
	}
	if scr := hs.screen(); !strings.Contains(scr, "★ Fed funds upper") || !strings.Contains(scr, "★ Bitcoin price on") {
		t.Fatalf("the favourites' events are not on screen:\n%s", scr)
	}
}

func TestFilterNarrowsMarkets(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.press("/", "b", "i", "t")
	var tickers []string
	for _, r := range hs.m.markets.Rows() {
		if r.Market != nil {
			tickers = append(tickers, r.Market.Ticker)
		}
	}
	if len(tickers) != 2 || !strings.HasPrefix(tickers[0], "KXBTCD") {
		t.Fatalf("filter bit: %v", tickers)
	}
	hs.press("enter")
	if hs.m.markets.Editing() || hs.m.markets.Filter() != "bit" {
		t.Fatal("enter keeps the filter")
	}
	hs.press("enter")
	if lp := hs.m.activeLadder(); lp == nil || !strings.HasPrefix(lp.Ticker(), "KXBTCD") {
		t.Fatal("enter after filtering opens the match")
	}
	hs.press("/", "esc")
	if hs.m.markets.Filter() != "" {
		t.Fatal("esc clears the filter")
	}
}

func TestLadderSwitchingAndTheme(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openFed()
	hs.openMarket(btcTicker)
	if len(hs.m.visibleLadders()) != 2 {
		t.Fatalf("200 columns should show two ladders, got %d", len(hs.m.visibleLadders()))
	}
	hs.press("[")
	if hs.m.activeLadder().Ticker() != fedTicker {
		t.Fatal("[ did not switch ladders")
	}
	hs.press("]")
	if hs.m.activeLadder().Ticker() != btcTicker {
		t.Fatal("] did not switch ladders")
	}
	name := hs.m.opts.Theme.Name
	hs.press("t")
	if hs.m.opts.Theme.Name == name {
		t.Fatal("t did not change the theme")
	}
}

func TestTradesFeedTapeVolumeAndLastFlash(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	for i, p := range []string{"0.56", "0.57", "0.57"} {
		hs.trade(model.TradeMsg{TradeID: fmt.Sprint(i), MarketTicker: fedTicker,
			YesPrice: model.MustPrice(p), Count: model.Contracts(5), TakerBookSide: model.Bid, TsMs: t0.UnixMilli()})
	}
	lp := hs.m.activeLadder()
	last, dir, _ := lp.LastTrade()
	if lp.VolumeAt(model.MustPrice("0.57")) != model.Contracts(10) || last != model.MustPrice("0.57") || dir != 1 {
		t.Fatalf("volume %v last %s dir %d", lp.VolumeAt(model.MustPrice("0.57")), last.Cents(), dir)
	}
	if !strings.Contains(hs.screen(), "57¢▲") {
		t.Fatalf("last trade not flashed up:\n%s", hs.screen())
	}
	hs.advance(3 * time.Second)
	hs.send(tickMsg{})
	if !strings.Contains(hs.screen(), "57¢◂") {
		t.Fatal("flash must fade to the quiet marker")
	}
	if len(hs.m.trades) != 3 {
		t.Fatalf("tape has %d trades", len(hs.m.trades))
	}
}

func TestStatusBarFollowsTheBudget(t *testing.T) {
	snap := fixtureBudget()
	hs := newHarness(t, 160, 48, func(o *Options) { o.Budget = func() limiter.Snapshot { return snap } })
	snap.Write.Tokens = 12
	snap.InBackoff = true
	snap.BackoffUntil = t0.Add(1200 * time.Millisecond)
	snap.Waiting[0] = 3
	snap.LastError = "429 too many requests"
	snap.LastErrorAt = t0.Add(-2 * time.Second)
	hs.send(tickMsg{})
	scr := hs.screen()
	for _, want := range []string{"12/100", "backoff 1.2s", "wait 3", "429×2", "rtt 14ms", "429 too many requests (2.0s ago)"} {
		if !strings.Contains(scr, want) {
			t.Errorf("status bar lacks %q", want)
		}
	}
}

func TestProdBadgeIsUnmistakable(t *testing.T) {
	hs := newHarness(t, 160, 48, func(o *Options) { o.Env = EnvProd })
	if !strings.Contains(hs.screen(), "PROD · REAL MONEY") {
		t.Fatal("no PROD badge")
	}
}

func TestReadOnlyDisablesAndLabelsEntry(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Env = EnvReplay; o.ReadOnly = true })
	hs.openFed()
	hs.press("b")
	if len(hs.trader.creates) != 0 {
		t.Fatal("read-only sent an order")
	}
	scr := hs.screen()
	if !strings.Contains(scr, "READ-ONLY") || !strings.Contains(scr, "REPLAY") || !strings.Contains(scr, "order entry is disabled") {
		t.Fatalf("read-only not labelled:\n%s", scr)
	}
}

func TestTooSmallSaysSo(t *testing.T) {
	hs := newHarness(t, 50, 12, nil)
	if scr := hs.screen(); !strings.Contains(scr, "ladder needs at least 60×16 (this is 50×12)") {
		t.Fatalf("got:\n%s", hs.screen())
	}
}

func TestEveryLineHasTheScreenWidth(t *testing.T) {
	for _, sz := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {200, 60}} {
		hs := richHarness(t, sz[0], sz[1], "dark")
		lines := strings.Split(hs.screen(), "\n")
		if len(lines) != sz[1] {
			t.Fatalf("%v: %d lines", sz, len(lines))
		}
		for i, l := range lines {
			if w := text.Width(l); w != sz[0] {
				t.Fatalf("%v: line %d is %d wide: %q", sz, i, w, l)
			}
		}
	}
}

func TestCancelAllCoversOrdersStillInFlight(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	req := model.CreateOrderRequest{Ticker: fedTicker, ClientOrderID: "flying", Side: model.Bid, Count: model.Contracts(2),
		Price: model.MustPrice("0.51"), TimeInForce: model.GTC, STP: model.STPTakerAtCross}
	hs.reserve(req)
	hs.press("X")
	if len(hs.trader.batches)+len(hs.trader.cancels) != 0 {
		t.Fatalf("nothing is working yet: %v", hs.calls())
	}
	hs.send(orderPlacedMsg{req: req, resp: model.CreateOrderResponse{OrderID: "ord-fly", RemainingCount: model.Contracts(2)}})
	if !slices.Equal(hs.trader.cancels, []string{"ord-fly"}) {
		t.Fatalf("the order that landed after X was not cancelled: %v", hs.calls())
	}
}

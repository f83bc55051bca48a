package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ladder/model"
	"ladder/ui/layout"
)

// openBoardOn opens the event board on a market's row, with the feed's
// ticker quoting it as its book does (55¢ bid, 57¢ offered for T4.25).
func (hs *harness) openBoardOn(ticker string) {
	hs.t.Helper()
	hs.feed.tickers[ticker] = model.TickerMsg{MarketTicker: ticker, YesBid: model.MustPrice("0.55"), YesAsk: model.MustPrice("0.57"),
		YesBidSize: model.Contracts(120), YesAskSize: model.Contracts(80), Price: model.MustPrice("0.56"), Volume: model.Contracts(5000)}
	hs.frame()
	hs.m.setFocus(layout.FocusMarkets)
	if !hs.m.markets.SelectTicker(ticker) {
		hs.t.Fatalf("%s not in the list", ticker)
	}
	hs.press("e")
	if hs.m.full != fullBoard || hs.m.board.Selected() != ticker {
		hs.t.Fatalf("board not open on %s: view %v, row %q", ticker, hs.m.full, hs.m.board.Selected())
	}
}

// sameOrder compares two requests but for the names given before sending.
func sameOrder(t *testing.T, board, ladder model.CreateOrderRequest) {
	t.Helper()
	board.ClientOrderID, ladder.ClientOrderID = "", ""
	if board != ladder {
		t.Fatalf("the board sent %+v, the ladder's key at that price %+v", board, ladder)
	}
}

// TestBoardKeysSendTheLaddersOrders: each entry key on a board row sends
// exactly what the ladder's key sends with the cursor at the same price,
// through the same path (named, in the session's group, checked).
func TestBoardKeysSendTheLaddersOrders(t *testing.T) {
	for _, tc := range []struct {
		name, boardKey, ladderKey, cursor string
	}{
		{"join the bid", "b", "b", "0.55"},
		{"join the offer", "s", "s", "0.57"},
		{"buy now", "B", "B", ""},
		{"sell now", "S", "S", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs := newHarness(t, 160, 48, nil)
			hs.openBoardOn(fedTicker)
			hs.press(tc.boardKey)
			if len(hs.trader.creates) != 1 {
				t.Fatalf("board %s sent %d orders: %v\n%s", tc.boardKey, len(hs.trader.creates), hs.calls(), hs.screen())
			}
			fromBoard := hs.trader.creates[0]

			ladder := newHarness(t, 160, 48, nil)
			ladder.openFed()
			if tc.cursor != "" {
				ladder.cursorTo(tc.cursor)
			}
			ladder.press(tc.ladderKey)
			if len(ladder.trader.creates) != 1 {
				t.Fatalf("ladder %s sent %d orders", tc.ladderKey, len(ladder.trader.creates))
			}
			sameOrder(t, fromBoard, ladder.trader.creates[0])
			if fromBoard.ClientOrderID == "" {
				t.Fatal("the board's order was not named before sending")
			}
		})
	}
}

// TestBoardOrderIsCheckedAndConfirmedLikeTheLaddersOwn: a size above the
// confirmation policy opens the same dialog, and the desk's limits refuse
// the same way.
func TestBoardOrderIsCheckedAndConfirmedLikeTheLaddersOwn(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.openBoardOn(fedTicker)
	hs.m.qty = model.Contracts(200) // above the policy's 100
	hs.press("b")
	if len(hs.trader.creates) != 0 || !strings.Contains(hs.screen(), "Confirm order") {
		t.Fatalf("a 200-lot from the board was not asked for:\n%s", hs.screen())
	}
	hs.press("esc")
	hs.m.qty = model.Contracts(2000) // above the 1000 per order
	hs.press("b")
	if len(hs.trader.creates) != 0 || !strings.Contains(hs.screen(), "not sent") {
		t.Fatalf("a 2000-lot from the board was not refused:\n%s", hs.screen())
	}
	// The kill switch locks the board's entry as it does the ladder's.
	hs.m.qty = model.Contracts(1)
	hs.press("!", "b")
	if len(hs.trader.creates) != 0 || !strings.Contains(hs.screen(), "LOCKED") {
		t.Fatalf("the board sent an order while entry was locked:\n%s", hs.screen())
	}
}

// TestBoardEnterOpensTheRowsLadder: enter leaves the board for the row's
// ladder.
func TestBoardEnterOpensTheRowsLadder(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openBoardOn(fedTicker)
	hs.press("k", "enter")
	if hs.m.full != fullNone {
		t.Fatal("the board stayed open")
	}
	if lp := hs.m.activeLadder(); lp == nil || lp.Ticker() != "KXFED-26DEC-T4.00" {
		t.Fatalf("enter on the row above T4.25 opened %v", lp)
	}
}

// subTrader is the fake trader with the subaccount variants.
type subTrader struct {
	*fakeTrader
	subCancels []string // "sub/id"
	subBatches [][]model.BatchCancelOrder
}

func (s *subTrader) CancelOrderIn(ctx context.Context, sub int, id string) (model.CancelOrderResponse, error) {
	s.subCancels = append(s.subCancels, fmt.Sprintf("%d/%s", sub, id))
	return model.CancelOrderResponse{OrderID: id}, nil
}

func (s *subTrader) AmendOrderIn(ctx context.Context, sub int, id string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	return s.AmendOrder(ctx, id, req)
}

func (s *subTrader) BatchCancel(_ context.Context, orders []model.BatchCancelOrder) (model.BatchCancelResponse, error) {
	s.subBatches = append(s.subBatches, orders)
	var out model.BatchCancelResponse
	for _, o := range orders {
		out.Orders = append(out.Orders, model.BatchCancelItem{OrderID: o.OrderID})
	}
	return out, nil
}

// TestSubaccountOrdersCarryItAndCancelInIt: trading on subaccount 2, an
// order carries it (and stays out of the primary's order group), the
// orders pane shows only subaccount 2's, a cancel names the subaccount,
// and the subaccount's kill switch leaves the primary's order resting.
func TestSubaccountOrdersCarryItAndCancelInIt(t *testing.T) {
	var st *subTrader
	hs := newHarness(t, 160, 48, func(o *Options) {
		st = &subTrader{fakeTrader: o.Trader.(*fakeTrader)}
		o.Trader = st
		o.Subaccount = 2
	})
	hs.openFed()
	hs.cursorTo("0.54")
	hs.press("b")
	if len(hs.trader.creates) != 1 || hs.trader.creates[0].Subaccount != 2 || hs.trader.creates[0].OrderGroupID != "" {
		t.Fatalf("order from subaccount 2: %+v", hs.trader.creates)
	}
	two := resting("ord-1", fedTicker, model.Bid, "0.54", 1)
	two.SubaccountNumber = new(int)
	*two.SubaccountNumber = 2
	three := resting("ord-9", fedTicker, model.Bid, "0.53", 1)
	three.SubaccountNumber = two.SubaccountNumber
	hs.setOrders(two, three, resting("p1", fedTicker, model.Bid, "0.50", 3))
	if got := ids(hs.m.view().WorkingIn("")); len(got) != 2 || got[0] != "ord-1" || got[1] != "ord-9" {
		t.Fatalf("subaccount 2's orders pane lists %v, want ord-1 and ord-9", got)
	}
	if !strings.Contains(hs.screen(), "sub 2") {
		t.Fatalf("the status bar does not name the subaccount:\n%s", hs.screen())
	}
	hs.press("x") // cancel mine at 54¢
	if len(st.subCancels) != 1 || st.subCancels[0] != "2/ord-1" {
		t.Fatalf("cancel at the level: %v, want 2/ord-1", st.subCancels)
	}
	hs.press("ctrl+k")
	if len(st.subBatches) != 1 || len(st.subBatches[0]) != 1 || st.subBatches[0][0].OrderID != "ord-9" || st.subBatches[0][0].Subaccount != 2 {
		t.Fatalf("subaccount kill switch cancelled %+v, want only ord-9 in subaccount 2", st.subBatches)
	}
	if len(hs.trader.batches) != 0 || len(hs.trader.cancels) != 0 {
		t.Fatalf("the primary's order was cancelled: %v %v", hs.trader.batches, hs.trader.cancels)
	}
	if !strings.Contains(hs.screen(), "KILL SWITCH (sub 2 only)") {
		t.Fatalf("the kill switch does not state its scope:\n%s", hs.screen())
	}
}

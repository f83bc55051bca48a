package ui

import (
	"strings"
	"testing"
	"time"

	"ladder/model"
	"ladder/stream"
	"ladder/ui/text"
)

// holdFed gives the harness a position in T4.25 (YES terms, signed).
func holdFed(hs *harness, qty int64) {
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{
		MarketTicker: fedTicker, Position: model.Contracts(qty), PositionCost: model.Money(qty) * 54 * model.MoneyPerCent}}})
}

// TestSellNowThroughZeroSaysItFlips: `S` while long 5 with a quantity of
// 10 went short 5 without a word.
func TestSellNowThroughZeroSaysItFlips(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, 5)
	hs.press("3", "S") // quantity 10, sell now
	if len(hs.trader.creates) != 1 {
		t.Fatalf("creates = %d, want 1", len(hs.trader.creates))
	}
	if txt := hs.m.notice.text; !strings.Contains(txt, "flips long 5 → short 5") {
		t.Fatalf("message %q does not say the position flips", txt)
	}
}

func TestSellingDownToFlatIsNoFlip(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, 5)
	hs.press("2", "S") // quantity 5: flat, not through zero
	if txt := hs.m.notice.text; strings.Contains(txt, "flip") {
		t.Fatalf("message %q speaks of a flip when going flat", txt)
	}
}

func TestConfirmDialogSaysTheOrderFlipsThePosition(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Confirm = ConfirmPolicy{Mode: ConfirmAlways} })
	hs.openFed()
	holdFed(hs, 5)
	hs.press("3", "S")
	if hs.m.currentDialog() == nil {
		t.Fatal("no confirm dialog")
	}
	if body := text.Strip(strings.Join(hs.m.currentDialog().lines, "\n")); !strings.Contains(body, "flips long 5 → short 5 if it fills") {
		t.Fatalf("dialog does not mention the flip:\n%s", body)
	}
	if len(hs.trader.creates) != 0 {
		t.Fatal("sent before confirmation")
	}
}

func TestFlipIsWordedInTheLaddersTerms(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, 5)     // long 5 YES is short 5 NO
	hs.press("n", "3") // NO terms, quantity 10
	hs.press("B")      // buy 10 NO now: sells YES
	if txt := hs.m.notice.text; !strings.Contains(txt, "flips short 5 → long 5") {
		t.Fatalf("message %q: want the flip in NO terms", txt)
	}
}

func TestRestingOrderThatWouldFlipSaysSoWhenPlaced(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, 5)
	hs.cursorTo("0.60") // above the best bid: rests
	hs.press("3", "s")
	if txt := hs.m.notice.text; !strings.Contains(txt, "would flip long 5 → short 5 if filled") {
		t.Fatalf("message %q does not warn of the flip to come", txt)
	}
}

// TestProjectedPositionCountsImmediateOrdersInFlight: a repeated `S` must
// see the sells already sent, whose fills have not reached the position.
func TestProjectedPositionCountsImmediateOrdersInFlight(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	holdFed(hs, 5)
	hs.reserve(model.CreateOrderRequest{Ticker: fedTicker, ClientOrderID: "ioc", Side: model.Ask,
		Count: model.Contracts(4), Price: model.MustPrice("0.55"), TimeInForce: model.IOC, STP: model.STPTakerAtCross})
	hs.reserve(model.CreateOrderRequest{Ticker: fedTicker, ClientOrderID: "gtc", Side: model.Ask,
		Count: model.Contracts(50), Price: model.MustPrice("0.70"), TimeInForce: model.GTC, STP: model.STPTakerAtCross})
	if got := hs.m.desk.Projected(fedTicker); got != model.Contracts(1) {
		t.Fatalf("projected = %s, want 1 (5 held, 4 selling now, the resting sell not counted)", got.Short())
	}
}

func TestPlacedFlipWords(t *testing.T) {
	c := model.Contracts
	for _, tc := range []struct {
		before, filled, resting int64
		side                    model.BookSide
		want                    string
	}{
		{5, 8, 0, model.Ask, "flips long 5 → short 3"},
		{-2, 3, 0, model.Bid, "flips short 2 → long 1"},
		{5, 5, 0, model.Ask, ""},
		{0, 5, 0, model.Ask, ""},
		{5, 2, 6, model.Ask, "would flip long 5 → short 3 if filled"},
		{5, 0, 4, model.Ask, ""},
	} {
		got := placedFlip(c(tc.before), tc.side, c(tc.filled), c(tc.resting), model.YesTerms)
		if got != tc.want {
			t.Errorf("before %d, %s filled %d resting %d: %q, want %q", tc.before, tc.side, tc.filled, tc.resting, got, tc.want)
		}
	}
}

// TestCloseTimesNameTheirZone: "closes Dec 16 19:00" did not say in which
// zone.
func TestCloseTimesNameTheirZone(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	hs := newHarness(t, 200, 60, func(o *Options) { o.Location = est })
	if s := hs.screen(); !strings.Contains(s, "closes EST") {
		t.Fatalf("markets header does not name the zone:\n%s", s)
	}
	hs.openFed()
	if s := hs.screen(); !strings.Contains(s, "closes Dec 16 14:00 EST") {
		t.Fatalf("ladder header does not name the zone:\n%s", s)
	}
}

package main

import (
	"strings"
	"testing"
	"time"

	"ladder/desk"
	"ladder/model"
	"ladder/sim"
)

// End-to-end tests of the desk's guards: the real program, headless,
// against the embedded simulator, with a second account where a
// counterparty is needed. The simulator runs without bots ("--activity
// off") so nothing but the test moves its books.

const fedT325 = "KXFED-26DEC-T3.25" // the first market listed, opened by openFirstLadder

// maker is a second account that quotes for the tests.
const maker sim.AccountID = "maker"

// order places an order on the simulator for an account, failing the test
// on refusal.
func (h *dashboardHarness) order(acct sim.AccountID, ticker string, side model.BookSide, qty int64, price string, tif model.TimeInForce) model.CreateOrderResponse {
	h.t.Helper()
	resp, err := h.sim.Engine().CreateOrder(acct, model.CreateOrderRequest{Ticker: ticker, Side: side,
		Count: model.Contracts(qty), Price: model.MustPrice(price), TimeInForce: tif, STP: model.STPTakerAtCross})
	if err != nil {
		h.t.Fatalf("%s %s %d @ %s: %v", acct, side, qty, price, err)
	}
	return resp
}

// position is the trader's position in a market as the exchange holds it.
func (h *dashboardHarness) position(ticker string) model.Qty {
	for _, p := range h.sim.Engine().Positions(sim.TraderAccount, ticker, "") {
		return p.Position
	}
	return 0
}

func (h *dashboardHarness) addMaker() {
	h.t.Helper()
	if _, _, err := h.sim.AddAccount(maker, 100_000*model.Dollar); err != nil {
		h.t.Fatal(err)
	}
}

// TestEndToEndTwoRapidOrdersUnderAPositionLimitOneReachesTheExchange: with
// max_position 150 and quantity 100, two b presses in one burst used to
// both reach the exchange.
func TestEndToEndTwoRapidOrdersUnderAPositionLimitOneReachesTheExchange(t *testing.T) {
	h := startDashboardWith(t, dashboardSetup{config: "[confirm]\npolicy = \"never\"\n[risk]\nmax_position = \"150\"\n"},
		"--activity", "calm", "--seed", "7")
	h.openFirstLadder()
	h.press("5")   // quantity 100
	h.press("bbx") // one write: both bids before any answer, then a cancel at the level
	eventually(t, "the first order on the exchange", func() bool { return len(h.orders("")) >= 1 })
	// The cancel after them shows every key before it was handled: the
	// second b was read, and refused.
	eventually(t, "the first order cancelled (or filled)", func() bool { return len(h.orders(model.Resting)) == 0 })
	time.Sleep(300 * time.Millisecond) // a second create would have landed by now
	if n := len(h.orders("")); n != 1 {
		t.Fatalf("%d orders reached the exchange, want 1", n)
	}
}

// TestEndToEndKillSwitchAt50x12LeavesNoRestingOrders: below the minimum
// size the kill switch used to do nothing.
func TestEndToEndKillSwitchAt50x12LeavesNoRestingOrders(t *testing.T) {
	h := startDashboardWith(t, dashboardSetup{w: 50, h: 12}, "--activity", "off", "--seed", "3")
	for _, p := range []string{"0.01", "0.02", "0.03"} {
		h.order(sim.TraderAccount, fedT325, model.Bid, 1, p, model.GTC)
	}
	eventually(t, "the dashboard to know the three orders", func() bool { return h.desk.View().Working == 3 })
	h.press("!")
	eventually(t, "no resting order on the exchange", func() bool { return len(h.orders(model.Resting)) == 0 })
	eventually(t, "the small screen to say what happened", func() bool {
		out := h.out.String()
		return strings.Contains(out, "KILL SWITCH") && strings.Contains(out, "3 cancelled")
	})
	if !h.desk.Lock().Locked() {
		t.Fatal("entry not locked")
	}
}

// TestEndToEndSettledWinningPositionAddsItsPayoutToRealizedPnL: the
// rolling 15-minute Bitcoin market is driven through its close,
// determination and settlement by advancing the simulator's clock.
func TestEndToEndSettledWinningPositionAddsItsPayoutToRealizedPnL(t *testing.T) {
	h := startDashboardWith(t, dashboardSetup{}, "--activity", "off", "--seed", "1")
	h.addMaker()
	var btc model.Market
	for _, m := range h.sim.Engine().Markets() {
		if strings.HasPrefix(m.Ticker, "KXBTC15M-") && m.Status == "active" {
			btc = m
		}
	}
	if btc.Ticker == "" {
		t.Fatal("no rolling Bitcoin market")
	}
	// Buy 2 YES at 99¢: the last price makes YES all but certain, and the
	// seed makes it certain.
	h.order(maker, btc.Ticker, model.Ask, 2, "0.99", model.GTC)
	h.order(sim.TraderAccount, btc.Ticker, model.Bid, 2, "0.99", model.IOC)
	eventually(t, "the dashboard to hold the position", func() bool {
		return h.desk.View().Position(btc.Ticker).Size == model.Contracts(2)
	})
	h.sim.Engine().Tick(btc.CloseTime.Add(2 * time.Minute)) // close, determine, settle
	if m, _ := h.sim.Engine().Market(btc.Ticker); m.Result != "yes" {
		t.Fatalf("the market resolved %q; this test needs a seed that resolves it YES", m.Result)
	}
	eventually(t, "the payout in realized P&L", func() bool {
		p := h.desk.View().Position(btc.Ticker)
		return p.Size == 0 && p.Settled && p.Realized == model.Notional(model.MustPrice("0.01"), model.Contracts(2))
	})
	eventually(t, "the screen to say it settled", func() bool {
		return strings.Contains(h.out.String(), "resolved YES")
	})
	// The realized P&L stays: nothing after the settlement takes it back.
	time.Sleep(500 * time.Millisecond)
	if p := h.desk.View().Position(btc.Ticker); p.Realized != model.Notional(model.MustPrice("0.01"), model.Contracts(2)) {
		t.Fatalf("realized P&L moved to %s after the settlement", p.Realized.Dollars())
	}
}

// TestEndToEndFlattenLeavesThePositionAtZero: F, confirmed, cancels my
// orders in the market and closes the position with a crossing IOC.
func TestEndToEndFlattenLeavesThePositionAtZero(t *testing.T) {
	h := startDashboardWith(t, dashboardSetup{}, "--activity", "off", "--seed", "5")
	h.addMaker()
	h.order(maker, fedT325, model.Ask, 10, "0.60", model.GTC)
	h.order(maker, fedT325, model.Bid, 10, "0.55", model.GTC)
	h.order(sim.TraderAccount, fedT325, model.Bid, 5, "0.60", model.IOC)
	h.order(sim.TraderAccount, fedT325, model.Bid, 2, "0.50", model.GTC) // resting: flatten cancels it
	if got := h.position(fedT325); got != model.Contracts(5) {
		t.Fatalf("set-up position %s", got)
	}
	h.openFirstLadder()
	eventually(t, "the dashboard to hold the position", func() bool {
		return h.desk.View().Position(fedT325).Size == model.Contracts(5) && h.desk.View().Working == 1
	})
	h.press("F")
	eventually(t, "the flatten confirmation", func() bool { return strings.Contains(h.out.String(), "Confirm flatten") })
	time.Sleep(500 * time.Millisecond) // the dialog arms after its grace period
	h.press("y")
	eventually(t, "a flat position on the exchange", func() bool { return h.position(fedT325) == 0 })
	eventually(t, "my resting order cancelled", func() bool { return len(h.orders(model.Resting)) == 0 })
}

// TestEndToEndCrossingTheDailyLossLimitLocksEntry: a position marked below
// the daily loss limit locks order entry, and says why.
func TestEndToEndCrossingTheDailyLossLimitLocksEntry(t *testing.T) {
	h := startDashboardWith(t, dashboardSetup{config: "[risk]\nmax_daily_loss_dollars = \"0.50\"\n"},
		"--activity", "off", "--seed", "9")
	h.addMaker()
	h.order(maker, fedT325, model.Ask, 20, "0.60", model.GTC)
	h.order(maker, fedT325, model.Bid, 10, "0.40", model.GTC)
	h.openFirstLadder()
	eventually(t, "a flat start", func() bool { return h.desk.View().Version > 0 })
	h.order(sim.TraderAccount, fedT325, model.Bid, 10, "0.60", model.IOC) // marked at the 50¢ mid: −$1.00
	eventually(t, "entry locked by the loss limit", func() bool { return h.desk.Lock().Reason == desk.LockLoss })
	eventually(t, "the screen to say why", func() bool { return strings.Contains(h.out.String(), "DAILY LOSS LIMIT") })
	before := len(h.orders(""))
	h.press("b")
	time.Sleep(300 * time.Millisecond)
	if n := len(h.orders("")); n != before {
		t.Fatalf("an order reached the exchange while locked: %d → %d", before, n)
	}
}

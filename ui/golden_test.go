package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"ladder/model"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui/account"
	"ladder/ui/fills"
	"ladder/ui/internal/goldens"
	"ladder/ui/status"
	"ladder/ui/tape"
)

// Golden files: run `go test ./ui/ -run Golden -update` to refresh them.
// Each case is stored twice: downsampled to the 256-colour profile (what a
// typical terminal receives; the test's real assertion) and as plain text,
// which is what a reviewer reads in a diff.

// richHarness is a trading session in progress: two ladders open (T4.25
// active, B105000 beside it where there is room), working orders on both
// sides, a pending order, fills that built a position (with Kalshi's
// sub-cent taker fees), and recent trades.
func richHarness(t testing.TB, w, h int, theme string) *harness {
	t.Helper()
	th, err := themes.ByName(theme)
	if err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, w, h, func(o *Options) { o.Theme = th })
	hs.trader.balance = model.Balance{Balance: 987654, PortfolioValue: 123450}
	hs.send(balanceMsg{balance: hs.trader.balance})
	hs.openMarket(btcTicker)
	hs.openFed()
	partly := resting("o3", fedTicker, model.Ask, "0.59", 15)
	partly.FillCount, partly.InitialCount = model.Contracts(5), model.Contracts(20)
	hs.setOrders(
		resting("o1", fedTicker, model.Bid, "0.54", 10),
		resting("o2", fedTicker, model.Bid, "0.52", 25),
		partly,
		resting("b1", btcTicker, model.Ask, "0.06", 100),
	)
	hs.reserve(model.CreateOrderRequest{Ticker: fedTicker, ClientOrderID: "cid-p", Side: model.Bid,
		Count: model.Contracts(5), Price: model.MustPrice("0.50"), TimeInForce: model.GTC, STP: model.STPTakerAtCross})
	fills := []model.FillMsg{
		{TradeID: "t1", OrderID: "o9", MarketTicker: fedTicker, BookSide: model.Bid, YesPrice: model.MustPrice("0.53"),
			Count: model.Contracts(25), PostPosition: model.Contracts(25), TsMs: t0.Add(-20 * time.Minute).UnixMilli()},
		{TradeID: "t2", OrderID: "o8", MarketTicker: fedTicker, BookSide: model.Ask, YesPrice: model.MustPrice("0.56"),
			Count: model.Contracts(10), IsTaker: true, PostPosition: model.Contracts(15),
			FeeCost: model.TradeFee(model.DefaultTakerFee, model.Contracts(10), model.MustPrice("0.56")), // $0.1725
			TsMs:    t0.Add(-5 * time.Minute).UnixMilli()},
		{TradeID: "t3", OrderID: "o7", MarketTicker: btcTicker, BookSide: model.Ask, YesPrice: model.MustPrice("0.052"),
			Count: model.Contracts(100), IsTaker: true, PostPosition: model.Contracts(-100),
			FeeCost: model.TradeFee(model.DefaultTakerFee, model.Contracts(100), model.MustPrice("0.052")), // $0.3451
			TsMs:    t0.Add(-2 * time.Minute).UnixMilli()},
	}
	for _, f := range fills {
		hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: f}})
	}
	hs.send(balanceMsg{balance: hs.trader.balance})
	trades := []struct {
		ticker, price string
		qty           int64
		side          model.BookSide
		ago           time.Duration
	}{
		{btcTicker, "0.05", 400, model.Ask, 90 * time.Second},
		{fedTicker, "0.55", 20, model.Ask, 70 * time.Second},
		{fedTicker, "0.56", 12, model.Bid, 40 * time.Second},
		{btcTicker, "0.054", 1200, model.Bid, 30 * time.Second},
		{fedTicker, "0.57", 30, model.Bid, 5 * time.Second},
		{fedTicker, "0.57", 8, model.Bid, time.Second},
	}
	for i, tr := range trades {
		hs.now = t0.Add(-tr.ago)
		hs.trade(model.TradeMsg{
			TradeID: fmt.Sprintf("p%d", i), MarketTicker: tr.ticker, YesPrice: model.MustPrice(tr.price),
			Count: model.Contracts(tr.qty), TakerBookSide: tr.side, TsMs: t0.Add(-tr.ago).UnixMilli(),
		})
	}
	hs.now = t0
	hs.cursorTo("0.55")
	hs.press("3") // 10 contracts; the notice line shows it
	hs.send(tickMsg{})
	// The set-up's fills are history: no flash, nothing unread (the
	// fill-flash and history goldens show those).
	hs.m.flash, hs.m.unread = fillFlash{}, 0
	return hs
}

func TestGoldenScreen(t *testing.T) {
	for _, theme := range []string{"dark", "mono"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			t.Run(fmt.Sprintf("%s/%dx%d", theme, sz[0], sz[1]), func(t *testing.T) {
				hs := richHarness(t, sz[0], sz[1], theme)
				goldens.Require(t, hs.m.Render())
			})
		}
	}
	t.Run("light/120x40", func(t *testing.T) {
		goldens.Require(t, richHarness(t, 120, 40, "light").m.Render())
	})
	t.Run("high-contrast/120x40", func(t *testing.T) {
		goldens.Require(t, richHarness(t, 120, 40, "high-contrast").m.Render())
	})
}

// TestGoldenStates covers the screens that only appear in some states.
func TestGoldenStates(t *testing.T) {
	for _, theme := range []string{"dark", "mono"} {
		t.Run(theme+"/markets-80x24", func(t *testing.T) {
			hs := richHarness(t, 80, 24, theme)
			hs.press("tab", "tab", "tab") // ladder → orders → fills → markets
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/markets-filter-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.press("/", "f", "e", "d")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/confirm-arming-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.cursorTo("0.70")
			hs.press("b")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/confirm-armed-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.press("5", "b") // 100 contracts: above the 50-dollar threshold
			hs.advance(time.Second)
			hs.fire(dialogArmMsg{})
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/ticket-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.press("enter", "tab", "tab", "right")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/help-160x48", func(t *testing.T) {
			hs := richHarness(t, 160, 48, theme)
			hs.press("?")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/killed-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.press("!")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/stale-no-terms-80x24", func(t *testing.T) {
			hs := richHarness(t, 80, 24, theme)
			hs.press("n")
			hs.feed.stale[fedTicker] = "sequence gap"
			hs.feed.health.State = stream.Resyncing
			hs.frame()
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/quit-80x24", func(t *testing.T) {
			hs := richHarness(t, 80, 24, theme)
			hs.press("q")
			hs.advance(time.Second)
			hs.fire(dialogArmMsg{})
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/prod-backoff-160x48", func(t *testing.T) {
			hs := richHarness(t, 160, 48, theme)
			hs.m.opts.Env = EnvProd
			hs.feed.health = stream.Health{State: stream.BackingOff, BackoffUntil: t0.Add(2300 * time.Millisecond),
				LastFrame: t0.Add(-9 * time.Second), LastError: "read: connection reset by peer"}
			hs.frame()
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/too-small", func(t *testing.T) {
			hs := newHarness(t, 56, 14, nil)
			goldens.Require(t, hs.m.Render())
		})
	}
}

// TestGoldenPanes renders each pane alone at a fixed size.
func TestGoldenPanes(t *testing.T) {
	panes := map[string]func(m *Model) []string{
		"ladder": func(m *Model) []string {
			lp := m.activeLadder()
			lp.SetSize(48, 30)
			return lp.View(m.ladderCtx(m.desk.View(), lp, true))
		},
		"ladder-wide": func(m *Model) []string {
			lp := m.activeLadder()
			lp.SetSize(64, 24)
			return lp.View(m.ladderCtx(m.desk.View(), lp, true))
		},
		"ladder-tapered": func(m *Model) []string {
			b := m.ladderFor(btcTicker)
			b.SetSize(48, 30)
			return b.View(m.ladderCtx(m.desk.View(), b, false))
		},
		"markets": func(m *Model) []string {
			m.markets.SetSize(60, 16)
			cx := m.marketsCtx()
			cx.Focused = true
			return m.markets.View(cx)
		},
		"orders": func(m *Model) []string {
			m.orders.SetSize(56, 10)
			cx := m.ordersCtx(m.desk.View())
			cx.Focused = true
			return m.orders.View(cx)
		},
		"orders-wide": func(m *Model) []string {
			m.orders.SetSize(80, 10)
			return m.orders.View(m.ordersCtx(m.desk.View()))
		},
		"orders-narrow": func(m *Model) []string {
			m.orders.SetSize(32, 10)
			cx := m.ordersCtx(m.desk.View())
			cx.Focused = false
			return m.orders.View(cx)
		},
		"fills": func(m *Model) []string {
			m.fills.SetSize(60, 8)
			return m.fills.View(fills.Ctx{Styles: m.st, Loc: m.opts.Location, Fills: m.desk.View().Fills, Prices: m.priceFormatFor})
		},
		"tape": func(m *Model) []string {
			m.tape.SetSize(44, 10)
			return m.tape.View(tape.Ctx{Styles: m.st, Loc: m.opts.Location, Trades: m.trades, Active: fedTicker, Prices: m.priceFormatFor})
		},
		"account": func(m *Model) []string {
			m.account.SetSize(64, 8)
			return m.account.View(account.Ctx{Styles: m.st, Balance: m.balance, HaveBalance: true, Positions: m.desk.View().Positions, Mark: m.markFor, Prices: m.priceFormatFor})
		},
		"account-narrow": func(m *Model) []string {
			m.account.SetSize(32, 7)
			return m.account.View(account.Ctx{Styles: m.st, Balance: m.balance, HaveBalance: true, Positions: m.desk.View().Positions, Mark: m.markFor, Prices: m.priceFormatFor})
		},
		"status-80": func(m *Model) []string { return []string{status.Bar(m.statusCtx(), 80)} },
		"status-200": func(m *Model) []string {
			cx := m.statusCtx()
			cx.Locked = true
			return []string{status.Bar(cx, 200)}
		},
	}
	for _, theme := range []string{"dark", "mono"} {
		for _, name := range slices.Sorted(maps.Keys(panes)) {
			t.Run(theme+"/"+name, func(t *testing.T) {
				hs := richHarness(t, 200, 60, theme)
				goldens.Require(t, strings.Join(panes[name](&hs.m), "\n"))
			})
		}
	}
}

// TestGoldenAlertsAndReplay covers the states added for alerts, history,
// placement and replay, in every theme (the contrast rule's colours and
// mono's reverse video show in the ansi256 files).
func TestGoldenAlertsAndReplay(t *testing.T) {
	for _, theme := range themes.Names() {
		t.Run(theme+"/history-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.event(myFill("t9", "0.55", false, hs.now))
			hs.m.say(lvlInfo, "quantity 25")
			hs.press("m")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/fill-flash-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.event(myFill("t9", "0.55", false, hs.now))
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/confirm-details-120x40", func(t *testing.T) {
			hs := richHarness(t, 120, 40, theme)
			hs.press("5", "b")
			hs.advance(time.Second)
			hs.fire(dialogArmMsg{})
			hs.press("d")
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/replay-paused-120x40", func(t *testing.T) {
			hs, rp := replayHarness(t, 120, 40, theme)
			rp.state.Paused = true
			hs.send(tickMsg{})
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/replay-ended-80x24", func(t *testing.T) {
			hs, rp := replayHarness(t, 80, 24, theme)
			rp.state.Ended, rp.state.Reason = true, "end of recording"
			hs.send(tickMsg{})
			goldens.Require(t, hs.m.Render())
		})
		t.Run(theme+"/stale-80x24", func(t *testing.T) {
			hs := richHarness(t, 80, 24, theme)
			hs.feed.stale[fedTicker] = "no answer from the exchange"
			hs.feed.health.State = stream.Stalled
			hs.frame()
			goldens.Require(t, hs.m.Render())
		})
	}
}

package ui

import (
	"ladder/model"
	"ladder/stream"
	"ladder/ui/account"
	"ladder/ui/text"
	"slices"
	"strings"
	"testing"
	"time"
)

// startPositions delivers the feed's positions snapshot, as the stream's
// reconciliation does on connect.
func startPositions(hs *harness, list ...model.MarketPosition) {
	hs.event(FeedEventMsg{Event: stream.PositionsEvent{Positions: list}})
}

func TestPositionsComeFromTheFeedsReconciliation(t *testing.T) {
	hs := newHarness(t, 160, 48, func(o *Options) {
		// The fill history holds an old fill: listed, never added again.
		o.Trader.(*fakeTrader).fills = []model.Fill{{TradeID: "old", OrderID: "o0", MarketTicker: fedTicker, BookSide: model.Bid,
			Count: model.Contracts(20), YesPrice: model.MustPrice("0.53"), CreatedTime: t0.Add(-time.Hour)}}
	})
	startPositions(hs,
		// 20 YES bought before this session for $10.60 (53¢).
		model.MarketPosition{Ticker: fedTicker, Position: model.Contracts(20), MarketExposure: 10_600_000, RealizedPnL: 1_250_000, FeesPaid: 400_000},
		// 100 NO at 95¢ (short YES at 5¢): Kalshi reports the NO cost.
		model.MarketPosition{Ticker: btcTicker, Position: model.Contracts(-100), MarketExposure: 95 * model.Dollar},
	)
	fed := hs.position(fedTicker)
	if fed.Size != model.Contracts(20) || fed.Cost != 10_600_000 || fed.Realized != 1_250_000 || fed.Fees != 400_000 {
		t.Fatalf("fed position %+v", fed)
	}
	if avg, _ := fed.AvgEntry(); avg != 530_000 {
		t.Errorf("average %d, want 53¢", avg)
	}
	btc := hs.position(btcTicker)
	if avg, _ := btc.AvgEntry(); btc.Size != model.Contracts(-100) || avg != 50_000 {
		t.Errorf("NO position: %+v, average %d (want 5¢ in YES terms)", btc, avg)
	}
	if len(hs.fills()) != 1 {
		t.Errorf("fill history not listed: %d fills", len(hs.fills()))
	}
	hs.openFed()
	if scr := hs.screen(); !strings.Contains(scr, "pos +20 @53¢") {
		t.Errorf("ladder does not show the exchange's position:\n%s", scr)
	}
}

// TestStartUpLeavesOrdersAndPositionsToTheFeed: the dashboard's own
// start-up loads of orders and positions raced the stream's
// reconciliation on connect, two sources for one state; only the balance
// and the fill history are loaded now.
func TestStartUpLeavesOrdersAndPositionsToTheFeed(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	for _, c := range hs.calls() {
		if strings.HasPrefix(c, "get orders") || strings.HasPrefix(c, "get positions") {
			t.Fatalf("start-up sent %q: %v", c, hs.calls())
		}
	}
	if !slices.Contains(hs.calls(), "get balance") {
		t.Fatalf("no balance load: %v", hs.calls())
	}
}

func TestFillBeforeItsPositionUpdateIsNotCountedTwice(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	startPositions(hs, model.MarketPosition{Ticker: fedTicker, Position: model.Contracts(20), MarketExposure: 10_600_000, FeesPaid: 400_000})
	fill := model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker, BookSide: model.Bid, IsTaker: true,
		YesPrice: model.MustPrice("0.57"), Count: model.Contracts(10), FeeCost: 172_500, PostPosition: model.Contracts(30),
		TsMs: t0.UnixMilli()}
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill}})
	if p := hs.position(fedTicker); p.Size != model.Contracts(30) || p.Fees != 572_500 {
		t.Fatalf("the fill did not move the position ahead of its update: %+v", p)
	}
	// The exchange's figures replace the provisional ones.
	update := model.PositionMsg{MarketTicker: fedTicker, Position: model.Contracts(30), PositionCost: 16_300_000,
		FeesPaid: 572_500}
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: update}})
	// A duplicate of the fill (REST reconciliation) changes nothing.
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: fill, Reconciled: true}})
	p := hs.position(fedTicker)
	if p.Size != model.Contracts(30) || p.Cost != 16_300_000 || p.Fees != 572_500 {
		t.Fatalf("position %+v, want the exchange's 30 for $16.30 with $0.5725 fees", p)
	}
	if len(hs.fills()) != 1 {
		t.Fatalf("%d fills listed", len(hs.fills()))
	}
}

func TestFillAfterItsPositionUpdateIsNotCountedTwice(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{MarketTicker: fedTicker,
		Position: model.Contracts(10), PositionCost: 5_700_000, FeesPaid: 172_500}}})
	hs.event(FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{TradeID: "t1", OrderID: "o1", MarketTicker: fedTicker,
		BookSide: model.Bid, YesPrice: model.MustPrice("0.57"), Count: model.Contracts(10), FeeCost: 172_500,
		PostPosition: model.Contracts(10)}}})
	p := hs.position(fedTicker)
	if p.Size != model.Contracts(10) || p.Cost != 5_700_000 || p.Fees != 172_500 {
		t.Fatalf("position %+v counts the fill twice", p)
	}
	if len(hs.fills()) != 1 {
		t.Fatalf("the fill is not listed")
	}
}

func TestPositionsSnapshotReplacesSizesAndKeepsRealized(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.event(FeedEventMsg{Event: stream.PositionEvent{Position: model.PositionMsg{MarketTicker: fedTicker,
		Position: model.Contracts(5), PositionCost: 2_800_000, RealizedPnL: 300_000}}})
	// A reconnect's reconciliation replaces every position.
	startPositions(hs, model.MarketPosition{Ticker: btcTicker, Position: model.Contracts(-2), MarketExposure: 1_900_000})
	if p := hs.position(fedTicker); p.Size != 0 || p.Realized != 300_000 {
		t.Errorf("a market the exchange no longer lists: %+v, want flat with its realized P&L", p)
	}
	if p := hs.position(btcTicker); p.Size != model.Contracts(-2) || p.Cost != -100_000 {
		t.Errorf("reconciled NO position %+v, want −2 with YES cost −$0.10", p)
	}
}

func TestPositionsAreValuedWithoutAnOpenLadder(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	startPositions(hs,
		model.MarketPosition{Ticker: fedTicker, Position: model.Contracts(20), MarketExposure: 10_600_000},
		model.MarketPosition{Ticker: "KXOLD-26JAN-T1", Position: model.Contracts(4), MarketExposure: 2_000_000},
	)
	// Valued at the catalogue's 55¢/57¢ until a ticker arrives: +$0.60.
	acct := text.Strip(strings.Join(hs.m.account.View(account.Ctx{Styles: hs.m.st, Positions: hs.view().Positions,
		Mark: hs.m.markFor, Prices: hs.m.priceFormatFor}), "\n"))
	if !strings.Contains(acct, "+$0.60") {
		t.Errorf("no catalogue mark:\n%s", acct)
	}
	// A market with no price at all is not shown as $0.00.
	if !strings.Contains(acct, "1 unpriced") || !strings.Contains(acct, "T1 ") {
		t.Errorf("unpriced position not flagged:\n%s", acct)
	}
	// Open positions are subscribed for tickers wherever they are.
	sets := hs.feed.tickerSets
	if len(sets) == 0 || !slices.Contains(sets[len(sets)-1], "KXOLD-26JAN-T1") {
		t.Errorf("ticker subscriptions %v lack the open position", sets)
	}
}

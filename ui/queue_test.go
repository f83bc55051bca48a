package ui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/api"
	"ladder/limiter"
	"ladder/model"
)

// queueTrader is the fake exchange with the queue-position read.
type queueTrader struct {
	*fakeTrader
	mu    sync.Mutex
	reads [][]string // the markets of each read
	list  []model.QueuePosition
}

func (q *queueTrader) GetQueuePositions(_ context.Context, qq api.QueuePositionsQuery) ([]model.QueuePosition, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.reads = append(q.reads, qq.MarketTickers)
	return q.list, nil
}

func newQueueHarness(t *testing.T, w, h int, opt func(*Options)) (*harness, *queueTrader) {
	t.Helper()
	var qt *queueTrader
	hs := newHarness(t, w, h, func(o *Options) {
		qt = &queueTrader{fakeTrader: o.Trader.(*fakeTrader)}
		o.Trader = qt
		if opt != nil {
			opt(o)
		}
	})
	return hs, qt
}

func TestEstimateAheadTradesCancelsAndJoins(t *testing.T) {
	c := model.Contracts
	for _, tc := range []struct {
		name               string
		ahead              int64
		vol0, size0, mine0 int64
		vol1, size1, mine1 int64
		want               int64
	}{
		// 100 ahead, 200 others, my 10: 30 trade at my price.
		{"trades come off the front", 100, 0, 210, 10, 30, 180, 10, 70},
		// 50 of the 200 others cancel: a quarter, so a quarter of ahead.
		{"cancels come off evenly", 100, 0, 210, 10, 0, 160, 10, 75},
		// 40 join: behind me.
		{"joins change nothing", 100, 0, 210, 10, 0, 250, 10, 100},
		// 20 trade and 45 more leave: 180 others after the trades, 45 of
		// them gone is a quarter of the 80 still ahead.
		{"both", 100, 5, 210, 10, 25, 145, 10, 60},
		{"never below the front", 10, 0, 210, 10, 50, 160, 10, 0},
		{"a volume that started again is no trade", 100, 500, 210, 10, 3, 210, 10, 100},
	} {
		got := estimateAhead(c(tc.ahead), c(tc.vol0), c(tc.size0), c(tc.mine0), c(tc.vol1), c(tc.size1), c(tc.mine1))
		if got != c(tc.want) {
			t.Errorf("%s: %s ahead, want %d", tc.name, got.Short(), tc.want)
		}
	}
}

// TestQueuePositionsAreReadForLaddersWithRestingOrdersOnly: one batch
// read for the open ladders that have resting orders, at most every 2 s;
// none for a market without an open ladder or without resting orders.
func TestQueuePositionsAreReadForLaddersWithRestingOrdersOnly(t *testing.T) {
	hs, qt := newQueueHarness(t, 200, 60, nil)
	hs.openMarket(btcTicker)
	hs.openFed()
	hs.send(tickMsg{})
	if len(qt.reads) != 0 {
		t.Fatalf("read with no resting order: %v", qt.reads)
	}
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10), resting("x", "KXOTHER", model.Bid, "0.10", 1))
	qt.list = []model.QueuePosition{{OrderID: "o1", MarketTicker: fedTicker, QueuePosition: model.Contracts(200)}}
	hs.send(tickMsg{})
	if len(qt.reads) != 1 || strings.Join(qt.reads[0], ",") != fedTicker {
		t.Fatalf("reads %v, want one for %s", qt.reads, fedTicker)
	}
	if a, est, ok := hs.m.queueOf("o1"); !ok || est || a != model.Contracts(200) {
		t.Fatalf("o1: %s ahead, estimate %v, known %v", a.Short(), est, ok)
	}
	hs.advance(time.Second)
	hs.send(tickMsg{})
	if len(qt.reads) != 1 {
		t.Fatalf("read again after 1 s: %v", qt.reads)
	}
	hs.advance(time.Second)
	hs.send(tickMsg{})
	if len(qt.reads) != 2 {
		t.Fatalf("not read again after 2 s: %v", qt.reads)
	}
}

// TestQueueEstimateFollowsTradesAtMyPrice: between reads, a trade at my
// price takes its size off what is ahead, marked as an estimate.
func TestQueueEstimateFollowsTradesAtMyPrice(t *testing.T) {
	hs, qt := newQueueHarness(t, 200, 60, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	qt.list = []model.QueuePosition{{OrderID: "o1", MarketTicker: fedTicker, QueuePosition: model.Contracts(200)}}
	hs.send(tickMsg{})
	hs.trade(model.TradeMsg{TradeID: "t", MarketTicker: fedTicker, YesPrice: model.MustPrice("0.54"),
		Count: model.Contracts(40), TakerBookSide: model.Ask, TsMs: t0.UnixMilli()})
	if a, est, _ := hs.m.queueOf("o1"); !est || a != model.Contracts(160) {
		t.Fatalf("after 40 traded at my price: %s ahead, estimate %v; want ~160", a.Short(), est)
	}
	if !strings.Contains(hs.screen(), "·q~160") {
		t.Fatalf("the estimate is not marked:\n%s", hs.screen())
	}
	// The next answer is exact again.
	qt.list[0].QueuePosition = model.Contracts(150)
	hs.advance(2 * time.Second)
	hs.send(tickMsg{})
	if a, est, _ := hs.m.queueOf("o1"); est || a != model.Contracts(150) {
		t.Fatalf("after the read: %s ahead, estimate %v", a.Short(), est)
	}
}

// TestQueueReadsWaitWhileTheReadBudgetIsLow: below a quarter of the read
// bucket no read is sent, and the message line says so once.
func TestQueueReadsWaitWhileTheReadBudgetIsLow(t *testing.T) {
	low := func() limiter.Snapshot {
		s := fixtureBudget()
		s.Read.Tokens = float64(s.Read.Capacity) / 5
		return s
	}
	hs, qt := newQueueHarness(t, 200, 60, func(o *Options) { o.Budget = low })
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.advance(5 * time.Second) // the last message is old news
	hs.send(tickMsg{})
	if len(qt.reads) != 0 {
		t.Fatalf("read with a fifth of the budget: %v", qt.reads)
	}
	if !strings.Contains(hs.m.notice.text, "read budget below a quarter") {
		t.Fatalf("not said: %q", hs.m.notice.text)
	}
	hs.m.say(lvlInfo, "something else")
	hs.advance(3 * time.Second)
	hs.send(tickMsg{})
	if hs.m.notice.text != "something else" {
		t.Fatalf("said twice: %q", hs.m.notice.text)
	}
}

// TestQueueReadsNeverTakeAWriteToken: the read is metered in the read
// bucket at read priority, so it never waits on, nor takes, the tokens an
// order action needs.
func TestQueueReadsNeverTakeAWriteToken(t *testing.T) {
	l := limiter.New(limiter.Config{})
	b, _ := l.Cost("GET", "/portfolio/orders/queue_positions", 1)
	if b != limiter.BucketRead {
		t.Fatalf("queue positions metered in the %s bucket", b)
	}
	p, err := l.Wait(context.Background(), limiter.Request{Method: "GET", Path: "/portfolio/orders/queue_positions"})
	if err != nil || p.Priority != limiter.PriorityRead {
		t.Fatalf("priority %v, err %v", p.Priority, err)
	}
}

// TestOrdersPaneShowsTheQueue: the orders pane has a column of its own
// for the contracts ahead.
func TestOrdersPaneShowsTheQueue(t *testing.T) {
	hs, qt := newQueueHarness(t, 200, 60, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	qt.list = []model.QueuePosition{{OrderID: "o1", MarketTicker: fedTicker, QueuePosition: model.Contracts(1250)}}
	hs.send(tickMsg{})
	hs.m.orders.SetSize(80, 6)
	out := strings.Join(hs.m.orders.View(hs.m.ordersCtx(hs.m.desk.View())), "\n")
	if !strings.Contains(out, "ahead") || !strings.Contains(out, "1250") {
		t.Fatalf("no queue column:\n%s", out)
	}
}

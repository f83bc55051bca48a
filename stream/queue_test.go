package stream

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"ladder/model"
)

// A reader that stops draining cannot make the must-deliver queue grow
// without bound, and nothing is lost either: past Config.PrivateCap the
// queued order, fill and position events are replaced by a REST
// reconciliation, and every fill is still delivered exactly once.
func TestPrivateQueueOverflowReconcilesInsteadOfGrowing(t *testing.T) {
	x := newFakeExchange(t)
	rec := &fakeReconciler{}
	const capacity, n = 50, 400
	c := startClient(t, Config{URL: x.url(), Auth: &fakeAuth{}, Reconciler: rec, PrivateCap: capacity})
	conn := x.waitConn(t, 0)
	eventually(t, "first reconciliation", func() bool { return rec.fillCalls() == 1 })
	var want []model.Fill
	for i := range n {
		ts := int64(1762093800+i) * 1000
		want = append(want, model.Fill{TradeID: fmt.Sprintf("T%d", i), OrderID: "O1", MarketTicker: "A", Count: model.Contract, Ts: ts / 1000})
	}
	// The exchange's REST answer holds every fill.
	rec.mu.Lock()
	rec.fills = want
	rec.mu.Unlock()
	for i := range n {
		ts := int64(1762093800+i) * 1000
		conn.send(fmt.Sprintf(`{"type":"fill","sid":3,"msg":{"trade_id":"T%d","order_id":"O1","market_ticker":"A","is_taker":true,`+
			`"outcome_side":"yes","book_side":"bid","yes_price_dollars":"0.4000","count_fp":"1.00","fee_cost":"0.010000","ts_ms":%d}}`, i, ts))
	}
	eventually(t, "overflow", func() bool { return c.Health().Overflows > 0 })
	if p := c.Health().PrivatePending; p > capacity+2 { // plus the overflow notice and state changes
		t.Fatalf("%d events queued, bound %d", p, capacity)
	}
	// The reader comes back: it drains as it should, and reconciliation
	// delivers what the queue could not hold.
	events := collectEvents(t, c)
	eventually(t, "every fill once", func() bool { return len(events.fills()) >= n }, func() { time.Sleep(time.Millisecond) })
	time.Sleep(50 * time.Millisecond)
	seen := map[string]int{}
	for _, f := range events.fills() {
		seen[f.Fill.TradeID]++
	}
	for _, f := range want {
		if seen[f.TradeID] != 1 {
			t.Fatalf("fill %s delivered %d times", f.TradeID, seen[f.TradeID])
		}
	}
	var overflowSaid bool
	for _, err := range events.errors() {
		overflowSaid = overflowSaid || err == errOverflow
	}
	if !overflowSaid {
		t.Fatal("the overflow was not reported")
	}
}

// Regression: every public trade went through the must-deliver queue, which
// grew to hundreds of megabytes under a storm. Trades are now aggregated
// where they land: the tape keeps the newest, the book's volume by price
// and last trade stay exact, and nothing is queued for them.
func TestTradesAreAggregatedNotQueued(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("A", []model.Level{lv("0.40", "10")}, nil)
	c := startClient(t, Config{URL: x.url()})
	c.SetMarkets([]string{"A"}, []string{"A"})
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool { return freshAndEqual(c, "A", x.exchangeBook("A")) })
	const n = 5000
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range n {
		price := "0.40"
		if i == n-1 {
			price = "0.41"
		}
		conn.send(fmt.Sprintf(`{"type":"trade","sid":2,"msg":{"trade_id":"t%d","market_ticker":"A","yes_price_dollars":"%s",`+
			`"no_price_dollars":"0.6000","count_fp":"2.00","taker_outcome_side":"yes","taker_book_side":"bid","ts_ms":%d}}`,
			i, price, time.Now().UnixMilli()))
	}
	eventually(t, "every trade read", func() bool {
		v, _ := view(c, "A")
		return v.Last.Price == model.MustPrice("0.41")
	})
	if p := c.Health().PrivatePending; p > 2 { // the connection's state changes
		t.Fatalf("%d events queued for %d trades", p, n)
	}
	v, _ := view(c, "A")
	i40, _ := v.Book.Grid().Index(model.MustPrice("0.40"))
	i41, _ := v.Book.Grid().Index(model.MustPrice("0.41"))
	if v.Volume[i40] != model.Contracts(2*(n-1)) || v.Volume[i41] != model.Contracts(2) || v.Last.Dir != 1 {
		t.Fatalf("volume 40¢ %s, 41¢ %s, last %+v", v.Volume[i40], v.Volume[i41], v.Last)
	}
	trades, cursor, skipped := c.Trades(0, 100, nil)
	if len(trades) != 100 || cursor != n || skipped != n-100 || trades[0].TradeID != fmt.Sprint("t", n-1) {
		t.Fatalf("tape: %d trades, cursor %d, skipped %d, newest %s", len(trades), cursor, skipped, trades[0].TradeID)
	}
	if more, _, skipped := c.Trades(cursor, 100, nil); len(more) != 0 || skipped != 0 {
		t.Fatalf("a caught-up reader got %d trades, %d skipped", len(more), skipped)
	}
}

func TestLagClockMeasuresBacklogNotClockOffset(t *testing.T) {
	var l lagClock
	base := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	// The local clock is 2 s ahead of the exchange; the network takes 3 ms.
	offset := 2*time.Second + 3*time.Millisecond
	for i := range 10 {
		ts := base.Add(time.Duration(i) * 100 * time.Millisecond)
		l.note(ts, ts.Add(offset))
	}
	if l.lastLag != 0 {
		t.Fatalf("a steady offset is not lag: %v", l.lastLag)
	}
	// Frames start to queue: each arrives 400 ms later than the network allows.
	ts := base.Add(2 * time.Second)
	at := l.note(ts, ts.Add(offset+400*time.Millisecond))
	if l.lastLag != 400*time.Millisecond || !at.Equal(ts.Add(offset)) {
		t.Fatalf("lag %v, exchange time on the local clock %v", l.lastLag, at)
	}
	if got := l.at(ts.UnixMilli(), ts.Add(offset+time.Second)); !got.Equal(ts.Add(offset)) {
		t.Fatalf("at = %v", got)
	}
	if got := l.at(0, base); !got.Equal(base) {
		t.Fatalf("no timestamp: the receive time stands in, got %v", got)
	}
}

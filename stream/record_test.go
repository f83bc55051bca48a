package stream

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/model"
)

// lockedBuffer is a bytes.Buffer safe to read while the client writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Clone(l.b.Bytes())
}

func TestRecordReplayRoundTrip(t *testing.T) {
	x := newFakeExchange(t)
	x.setBook("A", []model.Level{lv("0.40", "10")}, []model.Level{lv("0.50", "3")})
	x.setBook("B", []model.Level{lv("0.20", "1")}, nil)
	var rec lockedBuffer
	linear := model.MustGrid(model.LinearCentRanges())
	cfg := Config{URL: x.url(), Auth: &fakeAuth{}, Record: &rec, Logger: testLogger(),
		GridFor: func(string) (*model.Grid, error) { return linear, nil }}
	live := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = live.Run(ctx) }()
	liveEvents := collectEvents(t, live)

	live.SetMarkets([]string{"A", "B"}, []string{"A"})
	conn := x.waitConn(t, 0)
	eventually(t, "fresh", func() bool {
		return freshAndEqual(live, "A", x.exchangeBook("A")) && freshAndEqual(live, "B", x.exchangeBook("B"))
	})
	conn.delta("A", model.Yes, "0.41", "2")
	conn.send(`{"type":"orderbook_delta","sid":1,"seq`) // malformed
	conn.skipSeq(conn.bookSidNow())
	conn.delta("B", model.Yes, "0.21", "2") // reveals the gap
	eventually(t, "resynced", func() bool {
		return live.Health().Gaps == 1 && freshAndEqual(live, "A", x.exchangeBook("A")) && freshAndEqual(live, "B", x.exchangeBook("B"))
	})
	conn.delta("B", model.No, "0.70", "5")
	conn.send(`{"type":"fill","sid":3,"msg":{"trade_id":"T1","order_id":"O1","market_ticker":"A","count_fp":"1.00","yes_price_dollars":"0.4100","ts_ms":1762093800000}}`)
	conn.send(`{"type":"ticker","sid":2,"msg":{"market_ticker":"A","yes_bid_dollars":"0.4100","ts_ms":1762093800000}}`)
	eventually(t, "all applied", func() bool {
		m := map[string]model.TickerMsg{}
		live.Tickers(m)
		return freshAndEqual(live, "B", x.exchangeBook("B")) && len(liveEvents.fills()) == 1 && m["A"].YesBid != 0
	})
	cancel()
	<-done
	liveBooks := map[string]BookView{}
	live.Books(liveBooks)
	liveHealth := live.Health()

	data := rec.Bytes()
	for _, secret := range []string{"KALSHI-ACCESS", "sig-", "test-key-id"} {
		if bytes.Contains(data, []byte(secret)) {
			t.Fatalf("recording contains %q", secret)
		}
	}
	lines, grids, connects := 0, 0, 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var l struct {
			T       int64           `json:"t"`
			Frame   json.RawMessage `json:"frame"`
			Grid    json.RawMessage `json:"grid"`
			Connect json.RawMessage `json:"connect"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		kinds := 0
		for _, k := range []json.RawMessage{l.Frame, l.Grid, l.Connect} {
			if k != nil {
				kinds++
			}
		}
		if l.T == 0 || kinds != 1 {
			t.Fatalf("line %q: want t and one of frame/grid/connect", sc.Text())
		}
		if l.Connect != nil {
			connects++
		}
		if l.Grid != nil {
			grids++
		} else {
			lines++
		}
	}
	if grids != 2 || connects != 1 {
		t.Fatalf("%d grid lines and %d connect lines, want 2 and 1", grids, connects)
	}

	rctx, rcancel := context.WithCancel(context.Background())
	defer rcancel()
	rp := Replay(rctx, bytes.NewReader(data), 0)
	replayEvents := collectEvents(t, rp)
	<-rp.Done()
	if !rp.ReadOnly() {
		t.Fatal("replay is not read-only")
	}
	if err := rp.Run(rctx); err == nil {
		t.Fatal("a replay connected")
	}
	got := map[string]BookView{}
	rp.Books(got)
	for tk, want := range liveBooks {
		if v, ok := got[tk]; !ok || v.Stale || !v.Book.Equal(want.Book) {
			t.Fatalf("replayed %s = %+v, want %+v", tk, v, want)
		}
	}
	h := rp.Health()
	if h.State != Replaying || h.State.String() != "replay" || h.Gaps != liveHealth.Gaps || h.Malformed != liveHealth.Malformed ||
		h.BytesReceived != liveHealth.BytesReceived {
		t.Fatalf("replay health %+v, live %+v", h, liveHealth)
	}
	eventually(t, "replayed fill", func() bool { return len(replayEvents.fills()) == 1 })
	tk := map[string]model.TickerMsg{}
	rp.Tickers(tk)
	if tk["A"].YesBid != model.MustPrice("0.41") {
		t.Fatalf("replayed tickers %+v", tk)
	}
	if lines == 0 {
		t.Fatal("no frames recorded")
	}
}

func TestReplayHonoursTiming(t *testing.T) {
	snap := `{"type":"subscribed","id":1,"msg":{"channel":"orderbook_delta","sid":1}}`
	rec := strings.Join([]string{
		`{"t":1762093800000,"frame":` + snap + `}`,
		`{"t":1762093800000,"frame":{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.4000","1.00"]]}}}`,
		`{"t":1762093802000,"frame":` + deltaFrameJSON(1, 2, "A", model.Yes, model.MustPrice("0.41"), model.Contract) + `}`,
		`{"t":1762093802000,"frame":"not json"}`,
		`garbage line`,
	}, "\n")
	clk := newFakeClock()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rp := ReplayWith(ctx, strings.NewReader(rec), 2, Config{Clock: clk})
	events := collectEvents(t, rp)
	eventually(t, "snapshot", func() bool { v, ok := view(rp, "A"); return ok && !v.Stale })
	time.Sleep(10 * time.Millisecond)
	if v, _ := view(rp, "A"); v.Book.SideSize(model.Yes, model.MustPrice("0.41")) != 0 {
		t.Fatal("the delta 2 s later was replayed at once")
	}
	clk.Advance(999 * time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	if v, _ := view(rp, "A"); v.Book.SideSize(model.Yes, model.MustPrice("0.41")) != 0 {
		t.Fatal("the delta was replayed before 2 s / speed 2")
	}
	clk.Advance(time.Millisecond)
	<-rp.Done()
	if v, _ := view(rp, "A"); v.Book.SideSize(model.Yes, model.MustPrice("0.41")) != model.Contract {
		t.Fatal("delta not replayed")
	}
	h := rp.Health()
	if h.Malformed != 1 || h.MessageAge < 0 || h.LastFrame.UnixMilli() != 1762093802000 {
		t.Fatalf("health = %+v", h)
	}
	eventually(t, "bad line reported", func() bool { return len(events.errors()) == 1 })
}

// TestReplayWaitJoinsTheReplayGoroutine: the replay goroutine used to run
// on after its caller had gone. Cancelling its context and Wait stop it,
// even mid-recording while it waits for the next frame's time; a live
// client has nothing to wait for.
func TestReplayWaitJoinsTheReplayGoroutine(t *testing.T) {
	rec := strings.Join([]string{
		`{"t":1762093800000,"frame":{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.4000","1.00"]]}}}`,
		`{"t":1762097400000,"frame":{"type":"orderbook_snapshot","sid":1,"seq":2,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.4100","1.00"]]}}}`,
	}, "\n")
	ctx, cancel := context.WithCancel(context.Background())
	rp := ReplayWith(ctx, strings.NewReader(rec), 1, Config{Clock: newFakeClock()}) // the second frame is an hour away
	eventually(t, "first frame", func() bool { _, ok := view(rp, "A"); return ok })
	cancel()
	done := make(chan struct{})
	go func() { rp.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Wait did not return after the replay's context ended")
	}
	New(Config{}).Wait() // a live client: returns at once
}

package stream

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"ladder/model"
)

// ringFrames pre-encodes n delta frames with seq 1..n on sid 1 for market
// A that net to zero: frame i adds one contract at some price, frame i+n/2
// takes it away again, so the ring can be replayed forever.
func ringFrames(n int) [][]byte {
	frames := make([][]byte, n)
	grid := model.MustGrid(model.LinearCentRanges())
	for i := range n / 2 {
		p := grid.Level(i % grid.Len())
		side := model.Side(i % 2)
		frames[i] = []byte(deltaFrameJSON(1, int64(i+1), "A", side, p, model.Contract))
		frames[i+n/2] = []byte(deltaFrameJSON(1, int64(i+n/2+1), "A", side, p, -model.Contract))
	}
	return frames
}

// BenchmarkDecodeApply measures one orderbook_delta frame from bytes to an
// updated book (lock, health counters, decode, sequence check, apply,
// notify), with the hand-written decoder and with encoding/json.
func BenchmarkDecodeApply(b *testing.B) {
	for _, mode := range []string{"fast", "json"} {
		b.Run(mode, func(b *testing.B) {
			c := fuzzClient()
			c.slowOnly = mode == "json"
			c.mu.Lock()
			lb := c.books["A"]
			if err := lb.book.ApplySnapshot(nil, nil); err != nil {
				b.Fatal(err)
			}
			c.clearStaleLocked(lb)
			sub := c.sess.bySid[1]
			c.mu.Unlock()
			frames := ringFrames(1024)
			now := time.Now()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := i % len(frames)
				if k == 0 {
					sub.lastSeq = 0 // the ring starts over
				}
				c.handleFrame(frames[k], now)
			}
			b.StopTimer()
			if h := c.Health(); h.Gaps != 0 || h.Malformed != 0 || c.staleCount != 0 {
				b.Fatalf("health %+v", h)
			}
		})
	}
}

// stormServer pushes pre-encoded delta frames at a client as fast as the
// socket takes them, after the subscribe handshake and an empty snapshot.
func stormServer(tb testing.TB, frames [][]byte, total int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{CompressionMode: websocket.CompressionDisabled})
		if err != nil {
			return
		}
		defer ws.CloseNow()
		ctx := r.Context()
		for {
			_, data, err := ws.Read(ctx)
			if err != nil {
				return
			}
			if strings.Contains(string(data), `"orderbook_delta"`) {
				var id int
				fmt.Sscanf(string(data), `{"id":%d`, &id)
				_ = ws.Write(ctx, websocket.MessageText, fmt.Appendf(nil, `{"id":%d,"type":"subscribed","msg":{"channel":"orderbook_delta","sid":1}}`, id))
				_ = ws.Write(ctx, websocket.MessageText, []byte(`{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A"}}`))
				go func() {
					// No cancellable context: coder/websocket would allocate
					// per write, and allocs/frame should be the client's.
					for i := range total {
						f := frames[i%len(frames)]
						if err := ws.Write(context.Background(), websocket.MessageText, f); err != nil {
							return
						}
					}
				}()
			}
		}
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// stormFrames is a ring like ringFrames but numbered from 2 (after the
// snapshot) and long enough that a storm never wraps.
func stormFrames(total int) [][]byte {
	frames := make([][]byte, total)
	grid := model.MustGrid(model.LinearCentRanges())
	half := total / 2
	for i := range half {
		p := grid.Level(i % grid.Len())
		side := model.Side(i % 2)
		frames[i] = []byte(deltaFrameJSON(1, int64(i+2), "A", side, p, model.Contract))
		frames[i+half] = []byte(deltaFrameJSON(1, int64(i+half+2), "A", side, p, -model.Contract))
	}
	return frames
}

// runStorm connects a client to a storm server and waits until it has
// applied every frame. It returns the elapsed time and allocations.
func runStorm(tb testing.TB, total int) (time.Duration, uint64) {
	frames := stormFrames(total)
	srv := stormServer(tb, frames, total)
	c := New(Config{URL: "ws" + strings.TrimPrefix(srv.URL, "http"), NoLifecycle: true, SilenceTimeout: time.Minute})
	c.SetMarkets([]string{"A"}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// A UI stand-in: copy the books out at 120 frames a second when they
	// changed, as the dashboard does.
	go func() {
		dst := map[string]BookView{}
		tick := time.NewTicker(time.Second / 120)
		defer tick.Stop()
		var seen uint64
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if n := c.Changes(); n != seen {
					seen = n
					c.Books(dst)
				}
			}
		}
	}()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	go func() { _ = c.Run(ctx) }()
	for c.Health().BytesReceived == 0 || frameCount(c) < total+3 {
		time.Sleep(time.Millisecond)
		if time.Since(start) > 60*time.Second {
			tb.Fatalf("storm stalled at %d frames: %+v", frameCount(c), c.Health())
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&ms1)
	if h := c.Health(); h.Gaps != 0 || h.Malformed != 0 || h.State != Live {
		tb.Fatalf("storm health %+v", h)
	}
	if v, _ := view(c, "A"); v.Stale || !v.Book.Empty() {
		tb.Fatalf("storm book %+v", v)
	}
	return elapsed, ms1.Mallocs - ms0.Mallocs
}

// frameCount is the number of book frames applied (the sid's last seq)
// plus the subscribe reply.
func frameCount(c *Client) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess == nil {
		return 0
	}
	if sub := c.sess.bySid[1]; sub != nil {
		return int(sub.lastSeq) + 2
	}
	return 0
}

// TestStormIsApplied checks that a burst of deltas sent as fast as the
// socket allows arrives complete, in order and applied (correctness only;
// BenchmarkStorm measures the rate).
func TestStormIsApplied(t *testing.T) {
	runStorm(t, 20_000)
}

// BenchmarkStorm reports the sustained rate at which one client connection
// reads, decodes and applies delta frames pushed over loopback.
func BenchmarkStorm(b *testing.B) {
	const total = 200_000
	for i := 0; i < b.N; i++ {
		elapsed, allocs := runStorm(b, total)
		b.ReportMetric(float64(total)/elapsed.Seconds(), "frames/s")
		b.ReportMetric(float64(allocs)/float64(total), "allocs/frame")
	}
}

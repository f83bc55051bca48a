package main

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"ladder/model"
	"ladder/sim"
)

// BenchmarkKeyToWire measures what a trader waits for between pressing b
// and the order leaving the machine: the time from writing the key to the
// program's input until the first byte of its create request
// (POST /trade-api/v2/portfolio/events/orders) reaches the exchange's
// socket. The real program runs headless against a simulator it does not
// embed, reached through a TCP tap that timestamps each read and forwards
// the bytes unchanged. The market is quiet (no bots) and two-sided; each
// resting order is cancelled on the exchange before the next press. Run
// with -benchtime=200x; p50/p99/max are reported in microseconds.
// "presigned" is the dashboard as shipped; "sign-on-demand" turns off the
// pre-signed headers (api.Client.StartPresigning) for comparison.
func BenchmarkKeyToWire(b *testing.B) {
	for _, mode := range []struct {
		name    string
		presign bool
	}{{"sign-on-demand", false}, {"presigned", true}} {
		b.Run(mode.name, func(b *testing.B) {
			defer func(was bool) { presignOrders = was }(presignOrders)
			presignOrders = mode.presign
			keyToWire(b)
		})
	}
}

func keyToWire(b *testing.B) {
	isolate(b)
	srv, err := sim.Start(context.Background(), sim.Config{Activity: "off", Seed: 5})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	tap := newWireTap(b, srv.RESTURL(), []byte("POST /trade-api/v2/portfolio/events/orders HTTP/1.1\r\n"))
	keyFile := filepath.Join(b.TempDir(), "trader.pem")
	if err := os.WriteFile(keyFile, srv.PrivateKeyPEM(), 0o600); err != nil {
		b.Fatal(err)
	}
	e := srv.Engine()
	quietTwoSidedMarket(b, e)
	h := startDashboardSized(b, 160, 48, "--base-url", tap.restURL, "--key-id", srv.KeyID(), "--key-file", keyFile)
	h.sim = srv
	h.openFirstLadder()

	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Idle a while, as between a trader's orders, at a random phase of
		// the frame clock.
		time.Sleep(time.Duration(50+rand.IntN(100)) * time.Millisecond)
		tap.drain()
		start := time.Now()
		h.press("b")
		select {
		case at := <-tap.hits:
			lat = append(lat, at.Sub(start))
		case <-time.After(10 * time.Second):
			b.Fatal("no create request reached the exchange")
		}
		var resting []model.Order
		eventually(b, "the order to rest", func() bool {
			resting = h.orders(model.Resting)
			return len(resting) > 0
		})
		for _, o := range resting {
			if _, err := e.CancelOrder(sim.TraderAccount, o.OrderID); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }
	b.ReportMetric(us(lat[len(lat)/2]), "p50-µs")
	b.ReportMetric(us(lat[len(lat)*99/100]), "p99-µs")
	b.ReportMetric(us(lat[len(lat)-1]), "max-µs")
	b.ReportMetric(0, "ns/op")
}

// wireTap is a loopback TCP forwarder in front of the simulator. It reports
// the time of each client read that starts with marker: the moment the
// first bytes of such a request arrived on the socket.
type wireTap struct {
	restURL string // the simulator's REST URL with the tap's address
	hits    chan time.Time
	marker  []byte
	ln      net.Listener
	target  string
	wg      sync.WaitGroup
	mu      sync.Mutex
	conns   []net.Conn
}

func newWireTap(t testing.TB, simREST string, marker []byte) *wireTap {
	t.Helper()
	u, err := url.Parse(simREST)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w := &wireTap{hits: make(chan time.Time, 16), marker: marker, ln: ln, target: u.Host}
	u.Host = ln.Addr().String()
	w.restURL = u.String()
	w.wg.Add(1)
	go w.accept()
	t.Cleanup(w.close)
	return w
}

func (w *wireTap) accept() {
	defer w.wg.Done()
	for {
		c, err := w.ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", w.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		w.mu.Lock()
		w.conns = append(w.conns, c, up)
		w.mu.Unlock()
		w.wg.Add(2)
		go func() {
			defer w.wg.Done()
			_, _ = io.Copy(c, up)
			_ = c.Close()
		}()
		go func() {
			defer w.wg.Done()
			w.forward(up, c)
			_ = up.Close()
		}()
	}
}

// forward copies client bytes to the exchange, timestamping marked reads
// with the time the bytes reached the socket (see readStamped).
func (w *wireTap) forward(dst, src net.Conn) {
	buf := make([]byte, 64<<10)
	stamped := newStampedReader(src)
	for {
		n, at, err := stamped.read(buf)
		if n > 0 {
			if bytes.HasPrefix(buf[:n], w.marker) {
				select {
				case w.hits <- at:
				default:
				}
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// drain forgets hits from earlier requests.
func (w *wireTap) drain() {
	for {
		select {
		case <-w.hits:
		default:
			return
		}
	}
}

func (w *wireTap) close() {
	_ = w.ln.Close()
	w.mu.Lock()
	for _, c := range w.conns {
		_ = c.Close()
	}
	w.mu.Unlock()
	w.wg.Wait()
}

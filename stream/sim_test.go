package stream

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/api"
	"ladder/limiter"
	"ladder/model"
	"ladder/sim"
)

// simHarness runs the simulator with bots and a trading account, and a
// stream client subscribed to every open market's book, ticker and trades.
type simHarness struct {
	t       *testing.T
	srv     *sim.Server
	rest    *api.Client
	client  *Client
	stopRun func() // ends the client's Run and waits for it
	events  *eventLog
	markets []string
	rec     *lockedBuffer

	stopTraffic context.CancelFunc
	traffic     sync.WaitGroup
}

func startSim(t *testing.T, useYes bool) *simHarness {
	t.Helper()
	return startSimWith(t, useYes, sim.Config{})
}

// startSimWith is startSim with simulator settings (OKSeq, Faults) laid
// over the harness's own.
func startSimWith(t *testing.T, useYes bool, over sim.Config, tweak ...func(*Config)) *simHarness {
	t.Helper()
	if testing.Short() {
		t.Skip("simulator integration test")
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cfg := over
	cfg.Seed, cfg.Activity, cfg.Tier, cfg.PingInterval = 7, "off", "prestige", 100*time.Millisecond
	srv, err := sim.Start(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	signer, err := api.LoadSignerPEM(srv.KeyID(), srv.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	rest, err := api.NewClient(api.Config{BaseURL: srv.RESTURL(), Signer: signer,
		Limiter: limiter.New(limiter.Config{Tier: limiter.TierPrestige})})
	if err != nil {
		t.Fatal(err)
	}
	h := &simHarness{t: t, srv: srv, rest: rest, rec: &lockedBuffer{}}
	for _, m := range srv.Engine().Markets() {
		if m.Open() {
			h.markets = append(h.markets, m.Ticker)
		}
	}
	if len(h.markets) < 3 {
		t.Fatalf("simulator has %d open markets", len(h.markets))
	}
	ccfg := Config{
		URL: srv.WSURL(), Auth: signer, Reconciler: rest, UseYesPrice: useYes, Record: h.rec,
		GridFor: func(ticker string) (*model.Grid, error) {
			m, err := rest.GetMarket(ctx, ticker)
			if err != nil {
				return nil, err
			}
			return m.Grid()
		},
		SilenceTimeout: 2 * time.Second, SnapshotTimeout: 500 * time.Millisecond,
		PingInterval: 200 * time.Millisecond, PongTimeout: 500 * time.Millisecond,
		BackoffMin: 10 * time.Millisecond, BackoffMax: 100 * time.Millisecond, TickInterval: 20 * time.Millisecond,
	}
	for _, f := range tweak {
		f(&ccfg)
	}
	h.client, h.stopRun = runClient(t, ccfg)
	h.events = collectEvents(t, h.client)
	h.client.SetMarkets(h.markets, h.markets)
	eventually(t, "live with fresh books", func() bool { ok, _ := h.booksMatch(); return ok })
	// Nothing before this point belongs to the test: fills start now.
	if n := len(srv.Engine().Fills(sim.TraderAccount, sim.FillFilter{})); n != 0 {
		t.Fatalf("trader has %d fills before trading", n)
	}
	return h
}

// startTraffic runs the bots and a trader who crosses the spread now and
// then, so books move and the account fills.
func (h *simHarness) startTraffic() {
	ctx, cancel := context.WithCancel(context.Background())
	h.stopTraffic = cancel
	h.traffic.Go(func() { h.srv.Engine().RunActivity(ctx, sim.ActivityBusy, 7) })
	h.traffic.Go(func() {
		rng := rand.New(rand.NewPCG(7, 7))
		e := h.srv.Engine()
		for ctx.Err() == nil {
			time.Sleep(15 * time.Millisecond)
			t := h.markets[rng.IntN(len(h.markets))]
			fp, err := e.Orderbook(t, 1)
			if err != nil {
				continue
			}
			req := model.CreateOrderRequest{Ticker: t, Count: model.Contract, TimeInForce: model.IOC, STP: model.STPTakerAtCross}
			switch {
			case rng.IntN(2) == 0 && len(fp.No) > 0: // buy YES at the best offer
				req.Side, req.Price = model.Bid, fp.No[len(fp.No)-1].Price.Complement()
			case len(fp.Yes) > 0: // sell YES at the best bid
				req.Side, req.Price = model.Ask, fp.Yes[len(fp.Yes)-1].Price
			default:
				continue
			}
			_, _ = e.CreateOrder(sim.TraderAccount, req)
		}
	})
}

func (h *simHarness) stop() {
	h.stopTraffic()
	h.traffic.Wait()
}

// booksMatch compares every client book with the simulator's own.
func (h *simHarness) booksMatch() (bool, string) {
	views := map[string]BookView{}
	h.client.Books(views)
	for _, t := range h.markets {
		v, ok := views[t]
		if !ok {
			return false, t + ": no book"
		}
		if v.Stale {
			return false, t + ": stale: " + v.StaleReason
		}
		fp, err := h.srv.Engine().Orderbook(t, 0)
		if err != nil {
			return false, err.Error()
		}
		want := model.NewOrderBook(t, v.Book.Grid(), model.BookOptions{})
		if err := want.ApplySnapshot(fp.Yes, fp.No); err != nil {
			return false, err.Error()
		}
		if !v.Book.Equal(want) {
			return false, t + ": differs from the exchange"
		}
	}
	return true, ""
}

// converge waits until the books equal the exchange's and every fill the
// account has is delivered exactly once.
func (h *simHarness) converge() {
	t := h.t
	t.Helper()
	var why string
	deadline := time.Now().Add(15 * time.Second)
	for {
		ok, w := h.booksMatch()
		fillsOK, fw := h.fillsExactlyOnce()
		if ok && fillsOK {
			return
		}
		why = w + " " + fw
		if time.Now().After(deadline) {
			t.Fatalf("no convergence: %s; health %+v", why, h.client.Health())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (h *simHarness) fillsExactlyOnce() (bool, string) {
	want := map[model.FillKey]bool{}
	for _, f := range h.srv.Engine().Fills(sim.TraderAccount, sim.FillFilter{}) {
		want[f.Key()] = true
	}
	got := map[model.FillKey]int{}
	for _, f := range h.events.fills() {
		got[f.Fill.Key()]++
		if got[f.Fill.Key()] > 1 {
			h.t.Fatalf("fill %v delivered twice", f.Fill.Key())
		}
		if !want[f.Fill.Key()] {
			h.t.Fatalf("fill %v is not the account's", f.Fill.Key())
		}
	}
	if len(got) != len(want) {
		var missing []string
		for _, f := range h.srv.Engine().Fills(sim.TraderAccount, sim.FillFilter{}) {
			if got[f.Key()] == 0 {
				missing = append(missing, fmt.Sprintf("%s/%s ts=%d %s", f.TradeID, f.OrderID, f.Ts, f.CreatedTime.Format("15:04:05.000")))
			}
		}
		return false, fmt.Sprintf("%d of %d fills delivered; missing %v", len(got), len(want), missing)
	}
	return true, ""
}

// runFaults trades under a fault spec for a while, then clean, then stops
// and waits for convergence.
func (h *simHarness) runFaults(spec string, during func()) {
	h.startTraffic()
	if err := h.srv.SetFaults(spec); err != nil {
		h.t.Fatal(err)
	}
	deadline := time.Now().Add(1500 * time.Millisecond)
	for time.Now().Before(deadline) {
		if during != nil {
			during()
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := h.srv.SetFaults(""); err != nil {
		h.t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	h.stop()
	h.converge()
	if n := len(h.srv.Engine().Fills(sim.TraderAccount, sim.FillFilter{})); n == 0 {
		h.t.Fatal("the trader never filled; the test proves nothing about fills")
	}
}

func TestSimDroppedConnections(t *testing.T) {
	h := startSim(t, false)
	h.runFaults("drop=0.01", nil)
	fc := h.srv.FaultCounts()
	hl := h.client.Health()
	t.Logf("faults %+v health %+v fills %d", fc, hl, len(h.events.fills()))
	if fc.Drops == 0 || hl.Reconnects < fc.Drops || hl.State != Live {
		t.Fatalf("drops %d, health %+v", fc.Drops, hl)
	}
	reconciled := 0
	for _, f := range h.events.fills() {
		if f.Reconciled {
			reconciled++
		}
	}
	t.Logf("%d fills recovered over REST", reconciled)
}

func TestSimSkippedSequenceNumbers(t *testing.T) {
	h := startSim(t, true)
	h.runFaults("gap=0.02", nil)
	fc := h.srv.FaultCounts()
	hl := h.client.Health()
	t.Logf("faults %+v health %+v", fc, hl)
	if fc.Gaps == 0 || hl.Gaps == 0 || hl.Gaps > fc.Gaps || hl.Resyncs == 0 || hl.Reconnects != 0 || hl.State != Live {
		t.Fatalf("sim gaps %d, health %+v", fc.Gaps, hl)
	}
}

func TestSimMalformedFrames(t *testing.T) {
	h := startSim(t, false)
	h.runFaults("malformed=0.02", nil)
	fc := h.srv.FaultCounts()
	eventually(t, "every malformed frame counted", func() bool { return h.client.Health().Malformed == fc.Malformed })
	hl := h.client.Health()
	t.Logf("faults %+v health %+v", fc, hl)
	// A truncated copy precedes each real frame: nothing is lost, so
	// nothing is resynced and the connection stays up.
	if fc.Malformed == 0 || hl.Gaps != 0 || hl.Reconnects != 0 || hl.State != Live {
		t.Fatalf("sim malformed %d, health %+v", fc.Malformed, hl)
	}
}

func TestSimDelayedFrames(t *testing.T) {
	h := startSim(t, false)
	var maxAge time.Duration
	h.runFaults("delay=0.1:20ms", func() { maxAge = max(maxAge, h.client.Health().MessageAge) })
	fc := h.srv.FaultCounts()
	hl := h.client.Health()
	t.Logf("faults %+v health %+v max message age %v", fc, hl, maxAge)
	if fc.Delays == 0 || maxAge < 20*time.Millisecond || hl.Gaps != 0 || hl.State != Live {
		t.Fatalf("delays %d, max age %v, health %+v", fc.Delays, maxAge, hl)
	}
}

// TestSimAllFaultsAndReplay throws every fault at once, then replays the
// session's recording and expects the same books.
func TestSimAllFaultsAndReplay(t *testing.T) {
	h := startSim(t, true)
	h.runFaults("drop=0.005,gap=0.01,malformed=0.01,delay=0.05:5ms", nil)
	fc := h.srv.FaultCounts()
	hl := h.client.Health()
	t.Logf("faults %+v health %+v", fc, hl)
	if hl.State != Live || hl.Malformed == 0 || hl.BytesReceived == 0 || hl.MsgsPerSec <= 0 {
		t.Fatalf("health %+v", hl)
	}
	// The exchange may still send frames (its ticks expire orders and move
	// market lifecycles): stop the client so that its books and its
	// recording end at the same frame.
	h.stopRun()
	live := map[string]BookView{}
	h.client.Books(live)
	data := h.rec.Bytes()
	if bytes.Contains(data, []byte("KALSHI-ACCESS")) || bytes.Contains(data, []byte(h.srv.KeyID())) ||
		bytes.Contains(data, []byte("PRIVATE KEY")) {
		t.Fatal("the recording contains credentials")
	}
	rp := Replay(context.Background(), bytes.NewReader(data), 0)
	<-rp.Done()
	replayed := map[string]BookView{}
	rp.Books(replayed)
	for tk, v := range live {
		r, ok := replayed[tk]
		if !ok || !r.Book.Equal(v.Book) {
			t.Fatalf("replayed book %s differs", tk)
		}
	}
}

// TestSimUnknownMarketRefused: the exchange refuses a subscribe naming an
// unknown market; the error is surfaced with its code and the other
// markets are subscribed without it, on the same connection.
func TestSimUnknownMarketRefused(t *testing.T) {
	h := startSim(t, false)
	books := append([]string{"NO-SUCH-MARKET"}, h.markets[:2]...)
	h.client.SetMarkets(books, []string{"NO-SUCH-MARKET", h.markets[0]})
	eventually(t, "refusal surfaced", func() bool {
		for _, err := range h.events.errors() {
			var ce *CommandError
			if errors.As(err, &ce) && ce.Code == 16 && ce.Market == "NO-SUCH-MARKET" {
				return true
			}
		}
		return false
	})
	h.markets = h.markets[:2]
	h.startTraffic()
	time.Sleep(300 * time.Millisecond)
	h.stop()
	eventually(t, "known markets fresh", func() bool { ok, _ := h.booksMatch(); return ok })
	// Its grid lookup fails too (REST 404), so it has no book to show.
	if v, ok := view(h.client, "NO-SUCH-MARKET"); ok && (!v.Stale || !strings.Contains(v.StaleReason, "refused")) {
		t.Fatalf("unknown market view %+v", v)
	}
	if hl := h.client.Health(); hl.Reconnects != 0 || hl.State != Resyncing {
		t.Fatalf("health %+v", hl)
	}
}

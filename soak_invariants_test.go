package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/desk"
	"ladder/model"
	"ladder/sim"
	"ladder/stream"
)

// fillWatch notes when each of my fills first reaches the desk (what the
// screen draws from), to measure private-event lag against the time the
// exchange made the fill.
type fillWatch struct {
	r     *soakRun
	mu    sync.Mutex
	first map[model.FillKey]time.Time
}

func newFillWatch(r *soakRun) *fillWatch {
	return &fillWatch{r: r, first: map[model.FillKey]time.Time{}}
}

func (w *fillWatch) run(ctx context.Context) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			w.poll() // the last ones
			return
		case <-tick.C:
			w.poll()
		}
	}
}

func (w *fillWatch) poll() {
	now := time.Now()
	v := w.r.be.desk.View()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range v.Fills {
		if _, ok := w.first[f.Key()]; !ok {
			w.first[f.Key()] = now
		}
	}
}

func (w *fillWatch) seen() map[model.FillKey]time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[model.FillKey]time.Time, len(w.first))
	for k, v := range w.first {
		out[k] = v
	}
	return out
}

// fillLag is one fill's time from the exchange to the desk.
type fillLag struct {
	lag  time.Duration
	seen time.Time
}

// lags measures every fill the exchange made for the trader and the desk
// saw, sorted by lag.
func (w *fillWatch) lags() []fillLag {
	seen := w.seen()
	var out []fillLag
	for _, f := range w.r.be.sim.Engine().Fills(sim.TraderAccount, sim.FillFilter{}) {
		if at, ok := seen[f.Key()]; ok && !f.CreatedTime.IsZero() {
			out = append(out, fillLag{lag: max(at.Sub(f.CreatedTime), 0), seen: at})
		}
	}
	slices.SortFunc(out, func(a, b fillLag) int { return int(a.lag - b.lag) })
	return out
}

// checkLimiter: every 429 the client met must be one the exchange forced
// (the 429 fault); the limiter itself never causes one.
func (r *soakRun) checkLimiter() {
	got := r.be.lim.Snapshot().Count429
	forced := uint64(r.be.sim.FaultCounts().Forced429)
	if got > forced {
		r.t.Errorf("the client met %d 429s, the exchange forced %d: the limiter caused %d", got, forced, got-forced)
	}
}

// checkBooksAtRest stands the market still (bots held, keys paused by the
// caller) and requires every book the client holds to equal the
// exchange's once the client says it is live. What was in flight when the
// market stopped (deltas, an order of mine landing) gets a moment to
// arrive. A client that does not say live within a few seconds
// (reconnecting, stalled) is not asked: it says so on screen.
func (r *soakRun) checkBooksAtRest() {
	eng := r.be.sim.Engine()
	eng.PauseActivity(true)
	defer eng.PauseActivity(false)
	feed := r.be.feed
	var why string
	deadline := time.Now().Add(4 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if feed.Health().State != stream.Live {
			why = "not live"
			continue
		}
		ok, w := booksEqualExchange(feed, eng)
		if ok {
			r.mu.Lock()
			r.stats.bookChecks++
			r.mu.Unlock()
			return
		}
		why = w
	}
	if why == "not live" {
		r.mu.Lock()
		r.stats.bookSkips++
		r.mu.Unlock()
		return
	}
	r.t.Errorf("the client said live but its book differs from the exchange's: %s (health %+v)", why, feed.Health())
}

// booksEqualExchange compares every fresh book view with the engine's.
func booksEqualExchange(feed *stream.Client, eng *sim.Engine) (bool, string) {
	views := map[string]stream.BookView{}
	feed.Books(views)
	for t, v := range views {
		if v.Stale {
			return false, t + " is stale: " + v.StaleReason
		}
		fp, err := eng.Orderbook(t, 0)
		if err != nil {
			return false, err.Error()
		}
		want := model.NewOrderBook(t, v.Book.Grid(), model.BookOptions{})
		if err := want.ApplySnapshot(fp.Yes, fp.No); err != nil {
			return false, err.Error()
		}
		if !v.Book.Equal(want) {
			return false, t + " differs"
		}
	}
	return true, ""
}

// checkConverged waits for the client to agree with the exchange on
// everything: resting orders, fills and positions, with nothing left in
// flight or unknown. Orders are neither lost nor doubled.
func (r *soakRun) checkConverged(fills *fillWatch) {
	var why string
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, w := r.agrees(fills)
		if ok {
			r.stats.converged = true
			break
		}
		why = w
		if time.Now().After(deadline) {
			r.t.Errorf("the client never converged to the exchange: %s", why)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	r.checkNoDuplicates()
}

func (r *soakRun) agrees(fills *fillWatch) (bool, string) {
	if h := r.be.feed.Health(); h.State != stream.Live {
		return false, "feed " + h.State.String()
	}
	eng := r.be.sim.Engine()
	v := r.be.desk.View()
	if v.Reconciling {
		return false, "desk reconciling"
	}
	// Resting orders.
	want := map[string]model.Qty{}
	for _, o := range eng.Orders(sim.TraderAccount, sim.OrderFilter{Status: string(model.Resting)}) {
		want[o.OrderID] = o.RemainingCount
	}
	got := map[string]model.Qty{}
	for i, o := range v.Orders {
		if i >= v.Working || o.State != desk.Working {
			return false, fmt.Sprintf("order %s %s still %v", o.ID, o.ClientID, o.State)
		}
		got[o.ID] = o.Remaining
	}
	if len(got) != len(want) {
		return false, fmt.Sprintf("%d orders working on screen, %d resting at the exchange", len(got), len(want))
	}
	for id, q := range want {
		if got[id] != q {
			return false, fmt.Sprintf("order %s: %s on screen, %s at the exchange", id, got[id], q)
		}
	}
	// Fills.
	fills.poll()
	seen := fills.seen()
	ledger := eng.Fills(sim.TraderAccount, sim.FillFilter{})
	if len(seen) != len(ledger) {
		return false, fmt.Sprintf("%d fills seen, %d in the exchange's ledger", len(seen), len(ledger))
	}
	for _, f := range ledger {
		if _, ok := seen[f.Key()]; !ok {
			return false, "fill " + f.TradeID + " never reached the desk"
		}
	}
	// Positions.
	for _, p := range eng.Positions(sim.TraderAccount, "", "") {
		if mine := v.Position(p.Ticker); mine.Size != p.Position {
			return false, fmt.Sprintf("position %s: %s on screen, %s at the exchange", p.Ticker, mine.Size, p.Position)
		}
	}
	for _, p := range v.Positions {
		if p.Size == 0 {
			continue
		}
		found := false
		for _, ex := range eng.Positions(sim.TraderAccount, p.Ticker, "") {
			found = found || ex.Position == p.Size
		}
		if !found {
			return false, "position " + p.Ticker + " on screen only"
		}
	}
	r.stats.orders = len(eng.Orders(sim.TraderAccount, sim.OrderFilter{}))
	r.stats.fills = len(ledger)
	return true, ""
}

// checkNoDuplicates: every order at the exchange was sent once under its
// own client_order_id, and each id the journal sent landed at most once.
func (r *soakRun) checkNoDuplicates() {
	byClient := map[string]int{}
	for _, o := range r.be.sim.Engine().Orders(sim.TraderAccount, sim.OrderFilter{}) {
		byClient[o.ClientOrderID]++
		if byClient[o.ClientOrderID] > 1 {
			r.t.Errorf("client_order_id %s landed twice", o.ClientOrderID)
		}
	}
	// Every order at the exchange is one the dashboard sent and journaled.
	sent := journaledCreates(r.t)
	for id := range byClient {
		if !sent[id] {
			r.t.Errorf("order %s at the exchange was never sent by the dashboard", id)
		}
	}
	r.stats.creates = len(sent)
}

// journaledCreates reads the client_order_ids of the creates the audit
// journal recorded.
func journaledCreates(t testing.TB) map[string]bool {
	path := filepath.Join(os.Getenv("XDG_STATE_HOME"), "ladder", "journal.ndjson")
	f, err := os.Open(path)
	if err != nil {
		t.Errorf("journal: %v", err)
		return nil
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		var e struct {
			Action   string `json:"action"`
			Phase    string `json:"phase"`
			ClientID string `json:"client_order_id"`
		}
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Action == "create" && e.Phase == "request" && e.ClientID != "" {
			out[e.ClientID] = true
		}
	}
	return out
}

// heapNow is the live heap after a collection, and the goroutine count.
func heapNow() (uint64, int) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, runtime.NumGoroutine()
}

// heapSplit estimates how much of the live heap the embedded exchange
// holds (allocated under ladder/sim) and how much the client does, from the
// heap profile, scaled for sampling as pprof scales it. The exchange runs
// in this process so the soak can read its truth; its tape and order
// history fill up to their caps over a run, which says nothing about the
// dashboard.
func heapSplit() (exchange, client uint64) {
	runtime.GC()
	runtime.GC() // the profile reflects the heap as of the last completed cycle
	var recs []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, false)
	for {
		recs = make([]runtime.MemProfileRecord, n+64)
		var ok bool
		if n, ok = runtime.MemProfile(recs, false); ok {
			recs = recs[:n]
			break
		}
	}
	rate := float64(runtime.MemProfileRate)
	for _, r := range recs {
		objs := r.InUseObjects()
		if objs == 0 {
			continue
		}
		bytes := float64(r.InUseBytes())
		avg := bytes / float64(objs)
		scale := 1 / (1 - math.Exp(-avg/rate))
		est := uint64(bytes * scale)
		if allocatedBySim(r.Stack()) {
			exchange += est
		} else {
			client += est
		}
	}
	return exchange, client
}

// allocatedBySim reports whether an allocation's stack runs through the
// embedded exchange's code.
func allocatedBySim(stack []uintptr) bool {
	frames := runtime.CallersFrames(stack)
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "ladder/sim.") {
			return true
		}
		if !more {
			return false
		}
	}
}

// checkBounds: memory and goroutines do not grow with the run. The
// client's share of the heap is held to a tight bound; the whole heap,
// which includes the exchange's capped histories, to a loose one.
func (r *soakRun) checkBounds() {
	s := &r.stats
	if limit := max(2*s.clientStart, s.clientStart+16<<20); s.clientEnd > limit {
		r.t.Errorf("the client's live heap grew from %s to %s", mib(s.clientStart), mib(s.clientEnd))
	}
	if limit := max(3*s.heapStart, s.heapStart+64<<20); s.heapEnd > limit {
		r.t.Errorf("live heap grew from %s to %s", mib(s.heapStart), mib(s.heapEnd))
	}
	if s.goroutinesEnd > s.goroutinesStart+64 {
		r.t.Errorf("goroutines grew from %d to %d", s.goroutinesStart, s.goroutinesEnd)
	}
}

// checkLagClaims: my own events reach the screen within a second (p99),
// and the status bar never claims "live" while the soak sees one of them
// more than a second late.
func (r *soakRun) checkLagClaims(fills *fillWatch) {
	lags := r.stats.lags
	if len(lags) == 0 {
		r.t.Errorf("no fills: the soak proves nothing about private lag")
		return
	}
	if p := percentile(lags, 99); p >= time.Second {
		r.t.Errorf("private-event lag p99 %v, want under 1 s", p)
	}
	r.mu.Lock()
	status := slices.Clone(r.status)
	r.mu.Unlock()
	r.stats.statusTicks = len(status)
	for _, st := range status {
		r.stats.claimPub = append(r.stats.claimPub, st.PubLag)
		r.stats.claimPriv = append(r.stats.claimPriv, st.PrivLag)
		if st.Live {
			r.stats.claimLive++
		}
	}
	for _, l := range lags {
		if l.lag <= 1200*time.Millisecond {
			continue
		}
		// The bar shows a late event's lag as soon as it is applied and
		// keeps it for a few seconds: the next status tick must not say
		// live.
		for _, s := range status {
			if s.At.After(l.seen) && s.At.Sub(l.seen) < 500*time.Millisecond && s.Live {
				r.t.Errorf("a fill %v late was applied at %s, and the status bar said live at %s", l.lag,
					l.seen.Format("15:04:05.000"), s.At.Format("15:04:05.000"))
			}
		}
	}
}

// checkNoPanic looks for a recovered panic in the log.
func (r *soakRun) checkNoPanic() {
	path := filepath.Join(os.Getenv("XDG_STATE_HOME"), "ladder", "ladder.log")
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.Contains(strings.ToLower(sc.Text()), "panic") {
			r.t.Errorf("the log records a panic: %s", sc.Text())
		}
	}
}

func percentile(lags []fillLag, p int) time.Duration {
	if len(lags) == 0 {
		return 0
	}
	return lags[min(len(lags)*p/100, len(lags)-1)].lag
}

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

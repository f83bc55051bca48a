package main

import (
	"context"
	"flag"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/ui"
)

// The soak harness is the reliability proof: the whole client stack
// (limiter, signed REST client, WebSocket feed, desk and the dashboard
// driven by scripted keystrokes) runs against the embedded exchange, first
// with every fault enabled at realistic rates on a busy market, then under
// a storm, while invariants are checked throughout and at the end.
//
// In CI each phase runs for a short while (about a minute in all). Longer
// runs are on demand:
//
//	go test -run TestSoak -v -soak=10m -soakphase=faults .
//	go test -run TestSoak -v -soak=5m -soakphase=storm .
var (
	soakFor   = flag.Duration("soak", 0, "how long each soak phase runs (0: the short CI run)")
	soakPhase = flag.String("soakphase", "both", "soak phases to run: faults, storm or both")
)

// soakFaults are every fault the exchange can inject, at rates a bad day on
// a real link might show. freeze holds every byte (pongs included), so it
// is kept rare: each one is a second and a half of nothing.
const soakFaults = "drop=0.0005,gap=0.001,malformed=0.0005,delay=0.01:30ms,freeze=0.00005:1500ms," +
	"5xx=0.005,429=0.002,429burst=3,stall=0.005,stallfor=2s"

// soakPhaseSpec is one phase: the exchange's activity and faults.
type soakPhaseSpec struct {
	name     string
	activity string
	faults   string
	short    time.Duration // CI length
}

var soakPhases = []soakPhaseSpec{
	{name: "faults", activity: "busy", faults: soakFaults, short: 35 * time.Second},
	{name: "storm", activity: "storm", short: 25 * time.Second},
}

func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: not in -short runs")
	}
	// A finer heap profile, so the client's share of the heap (heapSplit)
	// is measured rather than guessed; it costs a little speed.
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 16 << 10
	for _, ph := range soakPhases {
		if *soakPhase != "both" && *soakPhase != ph.name {
			continue
		}
		t.Run(ph.name, func(t *testing.T) {
			d := ph.short
			if *soakFor > 0 {
				d = *soakFor
			}
			runSoakPhase(t, ph, d)
		})
	}
}

// soakRun is one phase's running program and what it has measured.
type soakRun struct {
	t      *testing.T
	spec   soakPhaseSpec
	be     *backend
	keys   *io.PipeWriter
	out    *tailWriter
	cancel context.CancelFunc
	done   chan error

	mu     sync.Mutex
	status []ui.StatusReport // every status tick's claims
	stats  soakStats
}

func runSoakPhase(t *testing.T, ph soakPhaseSpec, d time.Duration) {
	r := startSoak(t, ph)
	defer r.stop()
	r.openLadder()
	// Warm up before the baseline: the market list, the first snapshots
	// and the first reconciliation allocate what the session keeps.
	time.Sleep(3 * time.Second)
	r.stats.heapStart, r.stats.goroutinesStart = heapNow()
	r.stats.exchangeStart, r.stats.clientStart = heapSplit()
	if err := r.be.sim.SetFaults(ph.faults); err != nil {
		t.Fatal(err)
	}

	ctx, stopKeys := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	fills := newFillWatch(r)
	wg.Go(func() { fills.run(ctx) })
	keysPaused := &pauseGate{}
	wg.Go(func() { r.typeLikeATrader(ctx, keysPaused) })

	deadline := time.Now().Add(d)
	nextBooks := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(250 * time.Millisecond)
		r.checkLimiter()
		if time.Now().After(nextBooks) {
			// Stand the market still for a moment and compare every book
			// the client calls live with the exchange's own.
			keysPaused.hold(true)
			r.checkBooksAtRest()
			keysPaused.hold(false)
			nextBooks = time.Now().Add(5 * time.Second)
		}
	}

	// The end: no more keys, faults off, the market still; everything the
	// client holds must converge to the exchange's truth.
	stopKeys()
	wg.Wait()
	if err := r.be.sim.SetFaults(""); err != nil {
		t.Fatal(err)
	}
	r.be.sim.Engine().PauseActivity(true)
	r.checkConverged(fills)
	r.checkBooksAtRest()
	r.stats.heapEnd, r.stats.goroutinesEnd = heapNow()
	r.stats.exchangeEnd, r.stats.clientEnd = heapSplit()
	r.stats.faults = r.be.sim.FaultCounts()
	r.stats.health = r.be.feed.Health()
	r.stats.lags = fills.lags()
	r.stats.limiter = r.be.lim.Snapshot()
	r.checkBounds()
	r.checkLagClaims(fills)
	r.checkNoPanic()
	t.Log("\n" + r.stats.summary(ph, d))
}

func startSoak(t *testing.T, ph soakPhaseSpec) *soakRun {
	t.Helper()
	isolate(t)
	keys, typeKeys := io.Pipe()
	r := &soakRun{t: t, spec: ph, keys: typeKeys, out: newTailWriter(64 << 10), done: make(chan error, 1)}
	ready := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	args := []string{"--activity", ph.activity, "--seed", "11"}
	go func() {
		r.done <- runDashboard(ctx, args, dashIO{
			stdout: io.Discard, stderr: io.Discard,
			program: []tea.ProgramOption{tea.WithInput(keys), tea.WithOutput(r.out), tea.WithWindowSize(160, 48)},
			ready: func(b *backend) {
				r.be = b
				close(ready)
			},
			status: func(s ui.StatusReport) {
				r.mu.Lock()
				r.status = append(r.status, s)
				r.mu.Unlock()
			},
		})
	}()
	select {
	case <-ready:
	case err := <-r.done:
		t.Fatalf("dashboard exited early: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("backend never became ready")
	}
	return r
}

func (r *soakRun) stop() {
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(15 * time.Second):
		r.t.Error("dashboard did not exit")
	}
}

func (r *soakRun) press(k string) {
	if _, err := r.keys.Write([]byte(k)); err != nil {
		r.t.Errorf("typing %q: %v", k, err)
	}
}

// openLadder waits for the market list and opens the first market.
func (r *soakRun) openLadder() {
	r.t.Helper()
	eventually(r.t, "the markets pane", func() bool { return strings.Contains(r.out.Seen(), "Above 3.25%") })
	r.press("\r")
	eventually(r.t, "the ladder's first snapshot", func() bool { return strings.Contains(r.out.Seen(), "spr ") })
}

// typeLikeATrader presses order-entry keys at a human pace: bids and
// offers around the market, takes, cancels at a level and in the market,
// confirmations, cursor moves and recentring.
func (r *soakRun) typeLikeATrader(ctx context.Context, gate *pauseGate) {
	rng := rand.New(rand.NewPCG(11, uint64(len(r.spec.name))))
	keys := []struct {
		k      string
		weight int
	}{
		{"b", 8}, {"s", 8}, {"B", 3}, {"S", 3}, {"x", 5}, {"X", 1}, {"y", 4}, {"\x1b", 2},
		{"j", 6}, {"k", 6}, {"c", 3},
	}
	total := 0
	for _, k := range keys {
		total += k.weight
	}
	for ctx.Err() == nil {
		gate.wait(ctx)
		n := rng.IntN(total)
		for _, k := range keys {
			if n < k.weight {
				r.press(k.k)
				r.mu.Lock()
				r.stats.keys++
				r.mu.Unlock()
				break
			}
			n -= k.weight
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(60+rng.IntN(300)) * time.Millisecond):
		}
	}
}

// pauseGate lets the invariant checks stop the typist for a moment.
type pauseGate struct {
	mu     sync.Mutex
	held   bool
	resume chan struct{}
}

func (g *pauseGate) hold(on bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if on == g.held {
		return
	}
	g.held = on
	if on {
		g.resume = make(chan struct{})
	} else {
		close(g.resume)
	}
}

func (g *pauseGate) wait(ctx context.Context) {
	g.mu.Lock()
	held, resume := g.held, g.resume
	g.mu.Unlock()
	if !held {
		return
	}
	select {
	case <-ctx.Done():
	case <-resume:
	}
}

// tailWriter keeps the last part of the program's output (a soak writes
// far more than a test should hold) and remembers whether a text was ever
// written, for the few waits at start.
type tailWriter struct {
	mu   sync.Mutex
	max  int
	buf  []byte
	seen strings.Builder // the first writes, until max
	n    int64
}

func newTailWriter(max int) *tailWriter { return &tailWriter{max: max} }

func (w *tailWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n += int64(len(p))
	if w.seen.Len() < 4*w.max {
		w.seen.Write(p)
	}
	w.buf = append(w.buf, p...)
	if len(w.buf) > w.max {
		w.buf = append(w.buf[:0], w.buf[len(w.buf)-w.max:]...)
	}
	return len(p), nil
}

// Seen is the start of the output plus its latest part.
func (w *tailWriter) Seen() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen.String() + string(w.buf)
}

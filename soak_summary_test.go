package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"ladder/limiter"
	"ladder/sim"
	"ladder/stream"
)

// soakStats is what a phase measured, for its summary.
type soakStats struct {
	keys, creates, orders, fills int
	bookChecks, bookSkips        int
	converged                    bool
	statusTicks                  int
	claimPub, claimPriv          []time.Duration // the status bar's lag figures, one per tick
	claimLive                    int             // ticks on which it said live
	faults                       sim.FaultCounts
	health                       stream.Health
	limiter                      limiter.Snapshot
	lags                         []fillLag
	heapStart, heapEnd           uint64
	clientStart, clientEnd       uint64 // the client's share (heapSplit)
	exchangeStart, exchangeEnd   uint64 // the embedded exchange's share
	goroutinesStart              int
	goroutinesEnd                int
}

// summary is the phase's report: faults injected by kind, resyncs,
// reconnects, orders, fills, invariant checks passed, lag percentiles,
// heap and goroutines at start and end.
func (s *soakStats) summary(ph soakPhaseSpec, d time.Duration) string {
	var b strings.Builder
	f := s.faults
	fmt.Fprintf(&b, "soak %s: %s, activity %s\n", ph.name, d, ph.activity)
	fmt.Fprintf(&b, "  faults injected: drop %d, gap %d, malformed %d, delay %d, freeze %d, 5xx %d, forced 429 %d, stall %d\n",
		f.Drops, f.Gaps, f.Malformed, f.Delays, f.Freezes, f.Errors5xx, f.Forced429, f.Stalls)
	h := s.health
	fmt.Fprintf(&b, "  feed: %d reconnects, %d gaps, %d resyncs, %d malformed frames, %d queue overflows, %.0f msg/s at the end\n",
		h.Reconnects, h.Gaps, h.Resyncs, h.Malformed, h.Overflows, h.MsgsPerSec)
	fmt.Fprintf(&b, "  trading: %d keys pressed, %d creates sent, %d orders at the exchange, %d fills\n",
		s.keys, s.creates, s.orders, s.fills)
	fmt.Fprintf(&b, "  invariants: %d book comparisons at rest passed (%d skipped while not live), converged at the end: %v, 429s caused by the client: %d\n",
		s.bookChecks, s.bookSkips, s.converged, s.limiter.Count429-min(s.limiter.Count429, uint64(f.Forced429)))
	fmt.Fprintf(&b, "  private lag (exchange fill → desk), %d fills: p50 %s, p90 %s, p99 %s, max %s\n",
		len(s.lags), ms(percentile(s.lags, 50)), ms(percentile(s.lags, 90)), ms(percentile(s.lags, 99)), ms(percentile(s.lags, 100)))
	pp50, pp99, pmax := statusLags(s.claimPub)
	qp50, qp99, qmax := statusLags(s.claimPriv)
	fmt.Fprintf(&b, "  status bar over %d ticks: live on %d; prices lag p50 %s, p99 %s, max %s; my orders lag p50 %s, p99 %s, max %s\n",
		s.statusTicks, s.claimLive, ms(pp50), ms(pp99), ms(pmax), ms(qp50), ms(qp99), ms(qmax))
	fmt.Fprintf(&b, "  heap after GC: %s at start, %s at the end (the client %s → %s, the embedded exchange %s → %s); goroutines %d → %d\n",
		mib(s.heapStart), mib(s.heapEnd), mib(s.clientStart), mib(s.clientEnd), mib(s.exchangeStart), mib(s.exchangeEnd),
		s.goroutinesStart, s.goroutinesEnd)
	return b.String()
}

// statusLags summarises what the status bar claimed over the run.
func statusLags(reports []time.Duration) (p50, p99, maxLag time.Duration) {
	if len(reports) == 0 {
		return 0, 0, 0
	}
	s := slices.Clone(reports)
	slices.Sort(s)
	return s[len(s)/2], s[len(s)*99/100], s[len(s)-1]
}

func ms(d time.Duration) string { return d.Round(time.Millisecond).String() }

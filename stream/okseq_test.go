package stream

import (
	"testing"
	"time"

	"ladder/sim"
)

// Kalshi leaves open whether an `ok` reply to update_subscription consumes
// a seq number or echoes the current one. Under either reading (the
// simulator's --ok-seq), changing the subscription and asking for snapshots
// while deltas flow must converge with no gap counted and no resync loop.
// Before okLocked took an ok's number as a claim, the consuming reading
// made every get_snapshot reveal a "gap", which asked for another.
func TestOKSeqConvergesUnderBothReadings(t *testing.T) {
	for _, reading := range []string{sim.OKSeqEcho, sim.OKSeqConsume} {
		t.Run(reading, func(t *testing.T) {
			h := startSimWith(t, false, sim.Config{OKSeq: reading})
			all := h.markets
			h.startTraffic()
			defer h.stop()
			for i := range 12 {
				// delete_markets and add_markets, each answered by an ok.
				books := all
				if i%2 == 0 {
					books = all[:len(all)-1]
				}
				h.client.SetMarkets(books, all)
				time.Sleep(40 * time.Millisecond)
				// get_snapshot, answered by an ok and a snapshot.
				h.client.mu.Lock()
				for tk, lb := range h.client.books {
					h.client.resyncLocked(tk, lb, "test asks for a snapshot")
					break
				}
				h.client.mu.Unlock()
				time.Sleep(40 * time.Millisecond)
			}
			h.client.SetMarkets(all, all)
			eventually(t, "converged", func() bool { ok, _ := h.booksMatch(); return ok })
			time.Sleep(300 * time.Millisecond) // deltas keep flowing: still no gap
			hl := h.client.Health()
			if hl.Gaps != 0 {
				t.Fatalf("%d gaps counted under the %s reading: %+v", hl.Gaps, reading, hl)
			}
			// Only the snapshots asked for here: no loop of resyncs.
			if hl.Resyncs > 12 {
				t.Fatalf("%d resyncs for 12 requested snapshots", hl.Resyncs)
			}
		})
	}
}

package status

import (
	"strings"
	"testing"
	"time"

	"ladder/limiter"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// budgetCtx is a status bar on the simulator with a rate-limit budget and
// a live feed.
func budgetCtx(t *testing.T, now time.Time) Ctx {
	t.Helper()
	th, err := themes.ByName("dark")
	if err != nil {
		t.Fatal(err)
	}
	st := styles.New(th)
	return Ctx{
		Styles: &st, Now: now, Env: EnvSim, HasFeed: true,
		Health:     stream.Health{State: stream.Live, ConnectedAt: now.Add(-time.Minute), MsgsPerSec: 5},
		HaveBudget: true,
		Budget: limiter.Snapshot{
			At:         now,
			Tier:       limiter.TierBasic,
			Read:       limiter.BucketSnapshot{Tokens: 400, Capacity: 400, Refill: 20},
			Write:      limiter.BucketSnapshot{Tokens: 100, Capacity: 100, Refill: 10},
			RTTSamples: 10, RTTP50: time.Millisecond, RTTP99: 11 * time.Millisecond,
		},
		Coalesced: 22,
	}
}

// The budget is snapshot a moment before the bar is drawn: a backoff that
// ran out in between is over, not "backoff 0.0s".
func TestBackoffThatRanOutIsNotShown(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 15, 53, 0, time.UTC)
	cx := budgetCtx(t, now)
	cx.Budget.InBackoff = true
	cx.Budget.BackoffUntil = now.Add(-time.Millisecond)
	if bar := text.Strip(Bar(cx, 160)); strings.Contains(bar, "backoff") {
		t.Fatalf("an ended backoff is shown: %q", bar)
	}
	cx.Budget.BackoffUntil = now.Add(1200 * time.Millisecond)
	if bar := text.Strip(Bar(cx, 160)); !strings.Contains(bar, "backoff 1.2s") {
		t.Fatalf("a running backoff is not shown with its time left: %q", bar)
	}
}

// The last error outranks the round trips, the tier and the message rate:
// they make room before the error is cut.
func TestLastErrorIsWholeBeforeRatesAreShown(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 15, 53, 0, time.UTC)
	cx := budgetCtx(t, now)
	cx.Budget.Count429 = 11
	cx.Budget.LastError = "429 too many requests"
	cx.Budget.LastErrorAt = now.Add(-2 * time.Second)
	const w = 108
	bar := text.Strip(Bar(cx, w))
	if !strings.Contains(bar, "429 too many requests (2.0s ago)") {
		t.Fatalf("the last error is cut: %q", bar)
	}
	if !strings.Contains(bar, "429×11") || !strings.Contains(bar, "live") {
		t.Fatalf("the error pushed out more than rates and round trips: %q", bar)
	}
	if got := text.Width(bar); got != w {
		t.Fatalf("bar is %d cells, want %d", got, w)
	}
}

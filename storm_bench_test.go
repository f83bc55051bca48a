package main

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"
)

// BenchmarkKeyToScreenUnderStorm measures how long a keystroke takes to
// reach the terminal while the embedded exchange runs its storm (≈ 20,000
// book updates/s across all markets) and a ladder is open: each iteration
// presses ? and waits for the help overlay to be written, then closes it.
// The design target is one frame (33 ms at the default 30 fps). Run with
// -benchtime=30x; p50/p99/max are reported in milliseconds.
func BenchmarkKeyToScreenUnderStorm(b *testing.B) {
	h := startDashboard(b, "--activity", "storm", "--seed", "9")
	h.openFirstLadder()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// Press at a random phase of the frame clock, as a person would.
		time.Sleep(time.Duration(rand.IntN(33)) * time.Millisecond)
		from := len(h.out.String())
		start := time.Now()
		h.press("?")
		for !strings.Contains(h.out.String()[from:], "global keys") { // poll finely: this is the measurement
			if time.Since(start) > 10*time.Second {
				b.Fatal("the help overlay never appeared")
			}
			time.Sleep(200 * time.Microsecond)
		}
		lat = append(lat, time.Since(start))
		frames := h.out.writeCount()
		h.press("?")
		eventually(b, "the help overlay to close", func() bool { return h.out.writeCount() > frames })
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
	b.ReportMetric(0, "ns/op")
}

package text

import (
	"testing"
	"time"
)

// Regression: the ticket said "in 1m0s".
func TestDurationInWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                            "0 s",
		1400 * time.Millisecond:      "1 s",
		45 * time.Second:             "45 s",
		time.Minute:                  "1 min",
		90 * time.Second:             "1 min 30 s",
		15 * time.Minute:             "15 min",
		time.Hour:                    "1 h",
		5*time.Hour + 30*time.Minute: "5 h 30 min",
		24 * time.Hour:               "1 day",
		7 * 24 * time.Hour:           "7 days",
		-time.Second:                 "0 s",
	} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

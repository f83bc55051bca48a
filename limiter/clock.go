package limiter

import "time"

// Clock is the limiter's only source of time. Production uses SystemClock;
// tests use a FakeClock so that a minute of saturated traffic simulates in
// milliseconds and every timing assertion is exact.
type Clock interface {
	Now() time.Time
	// NewTimer returns a timer that delivers on C() once d has elapsed.
	NewTimer(d time.Duration) Timer
}

// Timer is the part of *time.Timer the limiter needs.
type Timer interface {
	C() <-chan time.Time
	// Stop prevents the timer from firing; it reports whether it was pending.
	Stop() bool
}

// SystemClock returns the wall clock.
func SystemClock() Clock { return systemClock{} }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) NewTimer(d time.Duration) Timer { return systemTimer{t: time.NewTimer(d)} }

type systemTimer struct{ t *time.Timer }

func (s systemTimer) C() <-chan time.Time { return s.t.C }
func (s systemTimer) Stop() bool          { return s.t.Stop() }

package limiter

import "time"

// Clock is the limiter's only source of time. Production uses SystemClock;
// tests use a FakeClock so that a minute of saturated traffic simulates in
// milliseconds and every timing assertion is exact.
type Clock interface {
	Now() time.Time
	// TimerAt returns a timer that delivers on C() once the clock reaches
	// deadline, at once if it already has. The deadline is absolute rather
	// than a duration so that a fake clock advanced between the caller's
	// Now and TimerAt cannot push the deadline back by that advance.
	TimerAt(deadline time.Time) Timer
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

func (systemClock) TimerAt(deadline time.Time) Timer {
	return systemTimer{t: time.NewTimer(time.Until(deadline))}
}

type systemTimer struct{ t *time.Timer }

func (s systemTimer) C() <-chan time.Time { return s.t.C }
func (s systemTimer) Stop() bool          { return s.t.Stop() }

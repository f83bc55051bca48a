package sim

import (
	"context"
	"fmt"
	"strings"
	"time"

	"ladder/model"
)

// Activity is the intensity of the simulated market participants.
type Activity int

// Activity levels, from no bots at all to a storm of thousands of book
// updates per second.
const (
	ActivityOff Activity = iota
	ActivityCalm
	ActivityNormal
	ActivityBusy
	ActivityStorm
)

var activityNames = [...]string{"off", "calm", "normal", "busy", "storm"}

// String is the flag spelling of the level.
func (a Activity) String() string {
	if a < 0 || int(a) >= len(activityNames) {
		return fmt.Sprintf("Activity(%d)", int(a))
	}
	return activityNames[a]
}

// ParseActivity reads off|calm|normal|busy|storm ("" is normal).
func ParseActivity(s string) (Activity, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ActivityNormal, nil
	}
	for i, n := range activityNames {
		if s == n {
			return Activity(i), nil
		}
	}
	return ActivityOff, fmt.Errorf("activity %q: want off, calm, normal, busy or storm", s)
}

// activityProfile is what a level means in numbers.
type activityProfile struct {
	opsPerSec int           // engine actions per second across all markets
	interval  time.Duration // how often the real-time loop wakes up
	takePerK  int           // per-mille of actions that cross the spread
	burstPerK int           // per-mille of actions that start a burst
	burstOps  int           // actions in a burst
	depth     int           // quote slots per maker per side
	maxSize   int64         // largest maker quote, in contracts
}

func profile(a Activity) activityProfile {
	switch a {
	case ActivityCalm:
		return activityProfile{opsPerSec: 4, interval: 250 * time.Millisecond, takePerK: 80, burstPerK: 2, burstOps: 10, depth: 3, maxSize: 40}
	case ActivityBusy:
		return activityProfile{opsPerSec: 300, interval: 20 * time.Millisecond, takePerK: 120, burstPerK: 4, burstOps: 60, depth: 5, maxSize: 150}
	case ActivityStorm:
		return activityProfile{opsPerSec: 7000, interval: 10 * time.Millisecond, takePerK: 150, burstPerK: 5, burstOps: 200, depth: 6, maxSize: 250}
	}
	return activityProfile{opsPerSec: 30, interval: 50 * time.Millisecond, takePerK: 100, burstPerK: 3, burstOps: 25, depth: 4, maxSize: 80}
}

// PauseActivity holds the activity bots (true) or lets them trade again
// (false), so a test or a bot can look at a market that stands still;
// expirations and market lifecycles keep running.
func (e *Engine) PauseActivity(hold bool) { e.botsHeld.Store(hold) }

// deposit credits cash to an account (bot top-ups).
func (e *Engine) deposit(acct AccountID, amount model.Money) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if a := e.accounts[acct]; a != nil {
		a.primary().cash += amount
		e.deposits += amount
	}
}

// RunActivity runs the bots in real time until ctx is done, and ticks the
// engine's clock-driven state (expirations, lifecycle) as it goes, so a
// bare engine stays alive too. Under a Server its tick loop ticks as well;
// that is harmless, every lifecycle step happens once whoever ticks. The
// bots trade through the public engine methods on internal accounts.
func (e *Engine) RunActivity(ctx context.Context, level Activity, seed int64) {
	tick := time.NewTicker(time.Second)
	if level != ActivityOff {
		tick.Reset(profile(level).interval)
	}
	defer tick.Stop()
	var b *bots
	if level != ActivityOff {
		b = newBots(e, level, seed)
	}
	last := time.Now()
	var owed float64 // fractional actions carried between wake-ups
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			e.Tick(e.cfg.Now())
			elapsed := now.Sub(last)
			last = now
			if b == nil || e.botsHeld.Load() {
				continue
			}
			elapsed = min(elapsed, time.Second) // never catch up a long stall in one go
			owed += elapsed.Seconds() * float64(b.prof.opsPerSec)
			for ; owed >= 1; owed-- {
				if ctx.Err() != nil {
					return
				}
				b.step()
			}
		}
	}
}

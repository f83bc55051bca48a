package limiter

import (
	"testing"
	"time"
)

func TestFakeClock(t *testing.T) {
	c := NewFakeClock(epoch0)
	t3 := c.TimerAt(epoch0.Add(3 * time.Second))
	t1 := c.TimerAt(epoch0.Add(time.Second))
	t2 := c.TimerAt(epoch0.Add(2 * time.Second))
	if d := c.Deadlines(); len(d) != 3 || !d[0].Equal(epoch0.Add(time.Second)) || !d[2].Equal(epoch0.Add(3*time.Second)) {
		t.Fatalf("deadlines = %v", d)
	}
	if !t2.Stop() || t2.Stop() {
		t.Fatal("Stop should report pending exactly once")
	}
	c.BlockUntil(2) // already satisfied: returns at once

	if !c.AdvanceToNext() || !c.Now().Equal(epoch0.Add(time.Second)) {
		t.Fatalf("AdvanceToNext moved to %v", c.Now())
	}
	if got := <-t1.C(); !got.Equal(epoch0.Add(time.Second)) {
		t.Fatalf("t1 fired at %v", got)
	}
	c.Advance(500 * time.Millisecond)
	select {
	case <-t3.C():
		t.Fatal("t3 fired early")
	default:
	}
	c.Set(epoch0) // never backwards
	c.Set(epoch0.Add(10 * time.Second))
	if got := <-t3.C(); !got.Equal(epoch0.Add(10 * time.Second)) {
		t.Fatalf("t3 fired at %v", got)
	}
	if c.AdvanceToNext() || c.Timers() != 0 {
		t.Fatal("no timers should remain")
	}
	if got := <-c.TimerAt(epoch0).C(); !got.Equal(c.Now()) {
		t.Fatal("a timer for a past deadline should fire at once")
	}

	go func() { c.TimerAt(c.Now().Add(time.Minute)) }()
	c.BlockUntil(1)
}

package sim

import (
	"context"
	"reflect"
	"testing"
	"time"

	"ladder/model"
)

// botSession steps the bots n times on a fresh engine with a fixed clock.
func botSession(t *testing.T, level Activity, seed int64, n int) (*Engine, []Event) {
	t.Helper()
	clock := newEngClock()
	e := NewEngine(EngineConfig{Seed: seed, TakerFee: model.DefaultTakerFee, Now: clock.Now})
	var events []Event
	e.SetSink(func(ev Event) { events = append(events, ev) })
	b := newBots(e, level, seed)
	for i := range n {
		b.step()
		if i%500 == 499 {
			e.Tick(clock.Advance(time.Second))
		}
	}
	return e, events
}

func TestActivityDeterministicAndSound(t *testing.T) {
	e1, ev1 := botSession(t, ActivityBusy, 11, 4000)
	_, ev2 := botSession(t, ActivityBusy, 11, 4000)
	if !reflect.DeepEqual(ev1, ev2) {
		t.Fatalf("same seed, different activity (%d vs %d events)", len(ev1), len(ev2))
	}
	engCheckInvariants(t, e1)
	checkFillsAndTrades(t, e1, ev1)
	checkDeltasRebuildBooks(t, e1, ev1)
	counts := map[EventKind]int{}
	for _, ev := range ev1 {
		counts[ev.Kind]++
	}
	if counts[EvBookDelta] < 4000 || counts[EvTrade] < 100 || counts[EvTicker] == 0 {
		t.Fatalf("too little activity: %v", counts)
	}
	// The books end up two-sided around the fair values.
	twoSided := 0
	for _, m := range e1.Markets() {
		if m.Status == "active" && m.YesBidSize > 0 && m.YesAskSize > 0 {
			twoSided++
		}
	}
	if twoSided < 10 {
		t.Fatalf("only %d two-sided markets", twoSided)
	}
	_, ev3 := botSession(t, ActivityBusy, 12, 500)
	if reflect.DeepEqual(ev1[:len(ev3)], ev3) {
		t.Fatal("different seeds, same activity")
	}
}

func TestActivityLevelsScale(t *testing.T) {
	prev := 0
	for _, lvl := range []Activity{ActivityCalm, ActivityNormal, ActivityBusy, ActivityStorm} {
		p := profile(lvl)
		if p.opsPerSec <= prev {
			t.Fatalf("%s: %d ops/s not above the level below", lvl, p.opsPerSec)
		}
		prev = p.opsPerSec
	}
	if profile(ActivityStorm).opsPerSec < 2000 {
		t.Fatal("a storm must produce thousands of book updates per second")
	}
	for _, s := range []string{"off", "calm", "normal", "busy", "storm", "STORM"} {
		if _, err := ParseActivity(s); err != nil {
			t.Fatal(err)
		}
	}
	if a, _ := ParseActivity("calm"); a != ActivityCalm || a.String() != "calm" {
		t.Fatalf("calm parsed as %v", a)
	}
	if _, err := ParseActivity("hurricane"); err == nil {
		t.Fatal("bad level accepted")
	}
}

func TestActivityRunStopsWithContext(t *testing.T) {
	e := NewEngine(EngineConfig{Seed: 3})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.RunActivity(ctx, ActivityStorm, 3); close(done) }()
	deadline := time.Now().Add(20 * time.Second)
	for e.EventCount(EvBookDelta) < 200 {
		if time.Now().After(deadline) {
			t.Fatal("no activity within 20 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("RunActivity did not return after cancel")
	}
	engCheckInvariants(t, e)
}

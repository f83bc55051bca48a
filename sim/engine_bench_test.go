package sim

import (
	"testing"
	"time"

	"ladder/model"
)

// BenchmarkEngineCreateMatch: one resting order placed and one crossing
// IOC that fills it, per iteration (two creates, one trade).
func BenchmarkEngineCreateMatch(b *testing.B) {
	clock := newEngClock()
	e := NewEngine(EngineConfig{Seed: 1, TakerFee: model.DefaultTakerFee, Now: clock.Now})
	var n int
	e.SetSink(func(Event) { n++ })
	e.CreateAccount(engAlice, 1_000_000_000*model.Dollar)
	e.CreateAccount(engBob, 1_000_000_000*model.Dollar)
	rest := engGTC(mktFed, model.Bid, "0.500", 5)
	take := engGTC(mktFed, model.Ask, "0.500", 5)
	take.TimeInForce = model.IOC
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.CreateOrder(engAlice, rest); err != nil {
			b.Fatal(err)
		}
		if r, err := e.CreateOrder(engBob, take); err != nil || r.FillCount != model.Contracts(5) {
			b.Fatal(r, err)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N), "events/op")
}

// BenchmarkEngineCreateCancel: place a non-crossing order and cancel it.
func BenchmarkEngineCreateCancel(b *testing.B) {
	clock := newEngClock()
	e := NewEngine(EngineConfig{Seed: 1, Now: clock.Now})
	e.SetSink(func(Event) {})
	e.CreateAccount(engAlice, 1_000_000_000*model.Dollar)
	req := engGTC(mktGame, model.Bid, "0.40", 5)
	b.ReportAllocs()
	for b.Loop() {
		r, err := e.CreateOrder(engAlice, req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.CancelOrder(engAlice, r.OrderID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkActivityStorm: bot actions at storm settings, reporting the
// events and book deltas they publish per second of CPU.
func BenchmarkActivityStorm(b *testing.B) {
	clock := newEngClock()
	e := NewEngine(EngineConfig{Seed: 9, TakerFee: model.DefaultTakerFee, Now: clock.Now})
	var events, deltas int
	e.SetSink(func(ev Event) {
		events++
		if ev.Kind == EvBookDelta {
			deltas++
		}
	})
	bots := newBots(e, ActivityStorm, 9)
	b.ReportAllocs()
	start := time.Now()
	i := 0
	for b.Loop() {
		bots.step()
		if i++; i%5000 == 0 {
			e.Tick(clock.Advance(time.Second))
		}
	}
	secs := time.Since(start).Seconds()
	b.ReportMetric(float64(events)/secs, "events/s")
	b.ReportMetric(float64(deltas)/secs, "deltas/s")
	b.ReportMetric(float64(deltas)/float64(b.N), "deltas/op")
}

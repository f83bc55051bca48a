package api

import (
	"testing"
	"time"

	"ladder/limiter"
	"ladder/model"
	"ladder/sim"
)

func TestAccountEndpointsAgainstSimulator(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	m := s.market()

	sched, err := s.c.GetExchangeSchedule(ctx)
	if err != nil || len(sched.StandardHours) != 1 || len(sched.StandardHours[0].Thursday) != 1 || sched.MaintenanceWindows == nil {
		t.Fatalf("schedule %+v, %v", sched, err)
	}

	lim, err := s.c.GetAccountLimits(ctx)
	if err != nil || lim.UsageTier != "prestige" {
		t.Fatalf("limits %+v, %v", lim, err)
	}

	progress, err := s.c.GetVolumeProgress(ctx)
	if err != nil || len(progress) != 1 || len(progress[0].Goals) == 0 || progress[0].Trailing30dVolume <= 0 {
		t.Fatalf("volume progress %+v, %v", progress, err)
	}
	base := progress[0].Trailing30dVolume

	if _, err := s.c.CreateOrder(ctx, gtc(m.Ticker, model.Bid, "0.10", 5)); err != nil {
		t.Fatal(err)
	}
	if v, err := s.c.GetRestingOrderValue(ctx); err != nil || v.TotalRestingOrderValue != 50 || v.Breakdown[0].Balance != 50*model.MoneyPerCent {
		t.Fatalf("resting value %+v, %v", v, err)
	}
	s.counterparty("bob")
	if _, err := s.srv.Engine().CreateOrder("bob", gtc(m.Ticker, model.Ask, "0.10", 5)); err != nil {
		t.Fatal(err)
	}
	if progress, _ := s.c.GetVolumeProgress(ctx); progress[0].Trailing30dVolume != base+model.Contracts(5) {
		t.Fatalf("volume after trading 5: %s (base %s)", progress[0].Trailing30dVolume, base)
	}
}

func TestSettlementsAgainstSimulator(t *testing.T) {
	// The simulator's clock, moved forward to close and settle markets. It
	// starts at the wall clock; the simulator needs a wide signature
	// window, since the client signs with wall time.
	clock := limiter.NewFakeClock(time.Now())
	s := startSim(t, func(c *sim.Config) { c.Now, c.TimestampWindow = clock.Now, time.Hour })
	ctx := t.Context()
	var rolling model.Market
	for _, m := range s.srv.Engine().Markets() {
		if m.Status == "active" && m.CloseTime.Sub(clock.Now()) <= 15*time.Minute {
			rolling = m
		}
	}
	if rolling.Ticker == "" {
		t.Fatal("no rolling market")
	}
	s.counterparty("bob")
	if _, err := s.srv.Engine().CreateOrder("bob", gtc(rolling.Ticker, model.Ask, "0.55", 2)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.c.CreateOrder(ctx, gtc(rolling.Ticker, model.Bid, "0.55", 2)); err != nil {
		t.Fatal(err)
	}
	for _, d := range []time.Duration{16 * time.Minute, time.Minute, time.Minute} {
		clock.Advance(d)
		s.srv.Engine().Tick(clock.Now())
	}
	list, err := s.c.GetSettlements(ctx, SettlementsQuery{Ticker: rolling.Ticker})
	if err != nil || len(list) != 1 {
		t.Fatalf("settlements %+v, %v", list, err)
	}
	st := list[0]
	want := int64(0)
	if st.MarketResult == "yes" {
		want = 200
	}
	if st.YesCount != model.Contracts(2) || st.YesTotalCost != model.Notional(model.MustPrice("0.55"), model.Contracts(2)) || st.Revenue != want || st.Value == nil {
		t.Fatalf("settlement %+v", st)
	}
	five := 5
	if _, err := s.c.GetSettlements(ctx, SettlementsQuery{Subaccount: &five}); err == nil {
		t.Fatal("settlements of a subaccount never created")
	}
	zero := 0
	if l, err := s.c.GetSettlements(ctx, SettlementsQuery{Subaccount: &zero, EventTicker: rolling.EventTicker, MinTs: clock.Now().Unix() - 300}); err != nil || len(l) != 1 {
		t.Fatalf("filtered %+v, %v", l, err)
	}
}

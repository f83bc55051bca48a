package sim

import (
	"net/http"
	"testing"
	"time"

	"ladder/model"
)

func TestRESTExchangeSchedule(t *testing.T) {
	h := start(t, nil)
	var body struct {
		Schedule model.ExchangeSchedule `json:"schedule"`
	}
	expect(t, h.getPublic("/exchange/schedule"), http.StatusOK).decode(t, &body)
	s := body.Schedule
	if len(s.StandardHours) != 1 || s.MaintenanceWindows == nil || len(s.MaintenanceWindows) != 0 {
		t.Fatalf("schedule %+v", s)
	}
	w := s.StandardHours[0]
	if now := h.clock.Now(); w.StartTime.After(now) || !w.EndTime.After(now) {
		t.Fatalf("schedule %v–%v does not cover now", w.StartTime, w.EndTime)
	}
	for _, day := range [][]model.TradingSession{w.Monday, w.Tuesday, w.Wednesday, w.Thursday, w.Friday, w.Saturday, w.Sunday} {
		if len(day) != 1 || day[0].OpenTime != "00:00" || day[0].CloseTime != "24:00" {
			t.Fatalf("day %+v", day)
		}
	}
}

func TestRESTTotalRestingOrderValue(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	e := h.s.Engine()
	sub, _ := e.CreateSubaccount(TraderAccount)
	if err := e.TransferCash(TraderAccount, transfer(testTransferID, 0, sub, 1_000)); err != nil {
		t.Fatal(err)
	}
	h.place(TraderAccount, bidAt(m.Ticker, "0.05", 10))            // 50¢
	h.place(TraderAccount, inSub(askAt(m.Ticker, "0.97", 3), sub)) // NO at 3¢: 9¢
	var v model.RestingOrderValue
	expect(t, h.get("/portfolio/summary/total_resting_order_value"), http.StatusOK).decode(t, &v)
	if v.TotalRestingOrderValue != 59 || len(v.Breakdown) != 1 || v.Breakdown[0].Balance != 59*model.MoneyPerCent {
		t.Fatalf("resting value %+v", v)
	}
}

func TestVolumeProgressCountsOwnTradingOnTopOfTheSeededBase(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	e := h.s.Engine()
	before := e.VolumeProgress(TraderAccount)
	if before.Trailing30dVolume < model.Contracts(5_000) || before.Trailing30dVolume > model.Contracts(60_000) {
		t.Fatalf("seeded base %s", before.Trailing30dVolume)
	}
	if seededVolume(7, TraderAccount) != before.Trailing30dVolume || seededVolume(8, TraderAccount) == before.Trailing30dVolume {
		t.Fatal("the base is not drawn from the seed")
	}
	if _, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1]); err != nil {
		t.Fatal(err)
	}
	h.place("bob", askAt(m.Ticker, "0.50", 7))
	h.place(TraderAccount, bidAt(m.Ticker, "0.50", 7))
	var body struct {
		VolumeProgress []model.VolumeProgress `json:"volume_progress"`
	}
	expect(t, h.get("/account/api_usage_level/volume_progress"), http.StatusOK).decode(t, &body)
	if len(body.VolumeProgress) != 1 {
		t.Fatalf("%+v", body)
	}
	vp := body.VolumeProgress[0]
	if vp.Trailing30dVolume != before.Trailing30dVolume+model.Contracts(7) || vp.ComputedTS != h.clock.Now().Unix() {
		t.Fatalf("progress %+v, base %s", vp, before.Trailing30dVolume)
	}
	var levels []string
	for i, g := range vp.Goals {
		levels = append(levels, g.Level)
		if g.KeepVolumeGoal >= g.EarnVolumeGoal || (i > 0 && g.EarnVolumeGoal <= vp.Goals[i-1].EarnVolumeGoal) {
			t.Fatalf("goals %+v", vp.Goals)
		}
	}
	if len(levels) != 5 || levels[0] != "expert" || levels[4] != "prestige" {
		t.Fatalf("levels %v", levels)
	}
	// Trading more than 30 days ago falls out of the window.
	h.clock.Advance(31 * 24 * time.Hour)
	if got := e.VolumeProgress(TraderAccount).Trailing30dVolume; got != before.Trailing30dVolume {
		t.Fatalf("after 31 days %s", got)
	}
}

package sim

import (
	"time"

	"ladder/model"
)

// The simulated exchange trades around the clock and never pauses for
// maintenance (real Kalshi pauses trading on Thursdays 3–5 AM ET). Its
// schedule says exactly that: one all-day session every day, in force from
// the day the engine started for a year, and no maintenance windows.
const scheduleSpan = 365 * 24 * time.Hour

// Schedule is the exchange's trading schedule.
func (e *Engine) Schedule() model.ExchangeSchedule {
	e.mu.Lock()
	start := e.born.UTC().Truncate(24 * time.Hour)
	e.mu.Unlock()
	allDay := func() []model.TradingSession {
		return []model.TradingSession{{OpenTime: "00:00", CloseTime: "24:00"}}
	}
	return model.ExchangeSchedule{
		StandardHours: []model.WeeklySchedule{{
			StartTime: start, EndTime: start.Add(scheduleSpan),
			Monday: allDay(), Tuesday: allDay(), Wednesday: allDay(), Thursday: allDay(),
			Friday: allDay(), Saturday: allDay(), Sunday: allDay(),
		}},
		MaintenanceWindows: []model.MaintenanceWindow{},
	}
}

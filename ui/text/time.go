package text

import (
	"strconv"
	"time"
)

// ShortDuration formats a duration for the status bar: 0.3s, 12s, 4m, 2h.
func ShortDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d < time.Second:
		return "0." + strconv.FormatInt(int64(d/(100*time.Millisecond)), 10) + "s"
	case d < 10*time.Second:
		return strconv.FormatInt(int64(d/time.Second), 10) + "." + strconv.FormatInt(int64(d%time.Second/(100*time.Millisecond)), 10) + "s"
	case d < time.Minute:
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	case d < time.Hour:
		return strconv.FormatInt(int64(d/time.Minute), 10) + "m"
	}
	return strconv.FormatInt(int64(d/time.Hour), 10) + "h"
}

// Millis formats a round-trip time: 14ms, 1.2s.
func Millis(d time.Duration) string {
	if d < time.Millisecond {
		return "<1ms"
	}
	if d < time.Second {
		return strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
	}
	return ShortDuration(d)
}

// Clock formats a wall time as HH:MM:SS in loc.
func Clock(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "--:--:--"
	}
	return t.In(loc).Format("15:04:05")
}

// CloseTime formats a market's close: "Dec 17 18:00" in loc. Where it
// stands alone it needs its zone (Zone); a column names it once in its
// header.
func CloseTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("Jan 02 15:04")
}

// Zone is loc's abbreviation at t: "UTC", "EST", or "+0530" for a zone
// without one.
func Zone(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("MST")
}

// Duration writes a span in words for sentences ("in 1 min", "for 90 s"
// reads "for 1 min 30 s"): whole seconds under a minute, minutes and
// seconds under ten minutes, minutes under an hour, hours and minutes
// under a day, then days. Never Go's syntax ("1m0s").
func Duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	n := func(v time.Duration, unit string) string { return strconv.FormatInt(int64(v), 10) + " " + unit }
	switch {
	case d < time.Minute:
		return n(d.Round(time.Second)/time.Second, "s")
	case d < 10*time.Minute:
		s := n(d/time.Minute, "min")
		if sec := d % time.Minute / time.Second; sec > 0 {
			s += " " + n(sec, "s")
		}
		return s
	case d < time.Hour:
		return n(d/time.Minute, "min")
	case d < 24*time.Hour:
		s := n(d/time.Hour, "h")
		if mins := d % time.Hour / time.Minute; mins > 0 {
			s += " " + n(mins, "min")
		}
		return s
	}
	days := d / (24 * time.Hour)
	if days == 1 {
		return "1 day"
	}
	return n(days, "days")
}

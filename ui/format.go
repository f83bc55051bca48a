package ui

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"ladder/model"
)

// width is the display width of plain text. Exchange-provided text may hold
// wide characters, so it is measured, never assumed from byte length.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// trunc shortens plain or styled text to at most w cells with an ellipsis.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit truncates or pads styled text to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = ansi.StringWidth(s)
	}
	if n < w {
		s += spaces(w - n)
	}
	return s
}

// padLeft right-aligns plain text in w cells, truncating from the left
// edge's side is never right for numbers, so long text is cut with "…".
func padLeft(s string, w int) string {
	n := width(s)
	if n > w {
		return trunc(s, w)
	}
	return spaces(w-n) + s
}

// padRight left-aligns plain text in w cells.
func padRight(s string, w int) string {
	n := width(s)
	if n > w {
		return trunc(s, w)
	}
	return s + spaces(w-n)
}

// center centres plain text in w cells.
func center(s string, w int) string {
	n := width(s)
	if n >= w {
		return trunc(s, w)
	}
	left := (w - n) / 2
	return spaces(left) + s + spaces(w-n-left)
}

// blank is a run of spaces long enough for any terminal line; spaces slices
// it instead of allocating.
const blank = "                                                                                                                                                                                                                                                                "

// spaces returns n spaces.
func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(blank) {
		return blank[:n]
	}
	return strings.Repeat(" ", n)
}

// repeat returns s repeated n times (n ≤ 0: empty).
func repeat(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(s, n)
}

// qtyText formats a size compactly for narrow cells: whole contracts as
// integers, fractions with their decimals, and large sizes as 12.5k / 3.2M.
func qtyText(q model.Qty) string {
	if q == 0 {
		return ""
	}
	neg := q < 0
	a := q.Abs()
	var s string
	switch {
	case a >= model.Contracts(1_000_000):
		s = scaled(int64(a/model.Contract), 1_000_000, "M")
	case a >= model.Contracts(10_000):
		s = scaled(int64(a/model.Contract), 1_000, "k")
	default:
		s = a.Short()
	}
	if neg {
		return "-" + s
	}
	return s
}

// scaled formats v/div with one decimal and a suffix, truncating.
func scaled(v, div int64, suffix string) string {
	whole := v / div
	tenth := (v % div) * 10 / div
	if whole >= 100 {
		return strconv.FormatInt(whole, 10) + suffix
	}
	return strconv.FormatInt(whole, 10) + "." + strconv.FormatInt(tenth, 10) + suffix
}

// marketTitle is the title of a market column w cells wide: "mkt" reads
// better than "mark…" when "market" does not fit.
func marketTitle(w int) string {
	if w < len("market") {
		return "mkt"
	}
	return "market"
}

// signedQty formats a position: +25, -3.5, 0.
func signedQty(q model.Qty) string {
	switch {
	case q > 0:
		return "+" + q.Short()
	case q < 0:
		return "-" + q.Abs().Short()
	}
	return "0"
}

// signedMoney formats money exactly (model.Money.Dollars: cents, or four
// or six decimals when the amount has them, so a $0.0027 fee is never
// shown as $0.00) with an explicit + for gains.
func signedMoney(m model.Money) string {
	if m > 0 {
		return "+" + m.Dollars()
	}
	return m.Dollars()
}

// avgPrice turns an average price given as money per contract
// (Position.AvgEntry) into a price, rounded to a hundredth of a cent.
func avgPrice(m model.Money) model.Price {
	// Money per contract → hundredths of a cent: $0.0001 = 100 units.
	return model.Price((int64(m) + 50) / 100)
}

// shortDuration formats a duration for the status bar: 0.3s, 12s, 4m, 2h.
func shortDuration(d time.Duration) string {
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

// millis formats a round-trip time: 14ms, 1.2s.
func millis(d time.Duration) string {
	if d < time.Millisecond {
		return "<1ms"
	}
	if d < time.Second {
		return strconv.FormatInt(int64(d/time.Millisecond), 10) + "ms"
	}
	return shortDuration(d)
}

// clockTime formats a wall time as HH:MM:SS in loc.
func clockTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "--:--:--"
	}
	return t.In(loc).Format("15:04:05")
}

// closeTime formats a market's close: "Dec 17 18:00" in loc. Where it
// stands alone it needs its zone (zoneName); a column names it once in
// its header.
func closeTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("Jan 02 15:04")
}

// zoneName is loc's abbreviation at t: "UTC", "EST", or "+0530" for a
// zone without one.
func zoneName(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("MST")
}

// marketName is what a market is called in a list or a header: its YES
// subtitle ("Above 4.25%"), else its subtitle, else its title, else (when
// orTicker) its ticker.
func marketName(m model.Market, orTicker bool) string {
	for _, s := range []string{m.YesSubTitle, m.Subtitle, m.Title} {
		if s != "" {
			return s
		}
	}
	if orTicker {
		return m.Ticker
	}
	return ""
}

// sideWord names an order side in plain words in YES terms.
func sideWord(s model.BookSide) string {
	if s == model.Ask {
		return "SELL"
	}
	return "BUY"
}

// tifWord is the time in force in words.
func tifWord(t model.TimeInForce) string {
	switch t {
	case model.IOC:
		return "immediate or cancel"
	case model.FOK:
		return "fill or kill"
	}
	return "good till cancelled"
}

// itoa formats an int.
func itoa(v int) string { return strconv.Itoa(v) }

// shortTicker keeps the part after the last dash, the part that tells
// markets of one event apart ("KXFED-26DEC-T4.25" → "T4.25").
func shortTicker(t string) string {
	if i := strings.LastIndexByte(t, '-'); i >= 0 && i+1 < len(t) {
		return t[i+1:]
	}
	return t
}

// msTime converts Unix milliseconds; zero stays the zero time.
func msTime(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// stripped removes escape sequences, leaving the visible text.
func stripped(s string) string { return ansi.Strip(s) }

// shortID shortens a UUID-like order id for messages: "af947e60…".
func shortID(id string) string {
	if len(id) > 12 {
		return id[:8] + "…"
	}
	return id
}

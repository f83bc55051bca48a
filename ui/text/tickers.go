package text

// Tickers shortens market tickers without making them ambiguous: each
// ticker is written as its shortest dash-separated suffix that no other
// market in the set shares. "KXFED-26DEC-T4.25" is "T4.25" while only one
// event has a T4.25; once the 15-minute BTC market rolls over,
// "KXBTC15M-26DEC030915-UP" and "KXBTC15M-26DEC030930-UP" become
// "26DEC030915-UP" and "26DEC030930-UP", the event-qualified names. Build
// it once per change of the set (NewTickers); the zero Tickers knows no
// markets and shortens like ShortTicker.
type Tickers struct {
	short map[string]string // ticker → its shortest unique suffix
	count map[string]int    // suffix → how many known tickers end with it
}

// NewTickers is the shortening for a set of tickers (duplicates are
// ignored).
func NewTickers(all []string) Tickers {
	ts := Tickers{short: make(map[string]string, len(all)), count: map[string]int{}}
	seen := make(map[string]bool, len(all))
	for _, t := range all {
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		forSuffixes(t, func(s string) bool { ts.count[s]++; return true })
	}
	for t := range seen {
		ts.short[t] = ts.pick(t, 1)
	}
	return ts
}

// forSuffixes calls f with t's suffixes, shortest first, until f says stop.
func forSuffixes(t string, f func(string) bool) {
	for i := len(t) - 1; i > 0; i-- {
		if t[i] == '-' && i+1 < len(t) && !f(t[i+1:]) {
			return
		}
	}
	f(t)
}

// pick is t's shortest suffix that at most limit known tickers end with.
func (ts Tickers) pick(t string, limit int) string {
	found := t
	forSuffixes(t, func(s string) bool {
		if ts.count[s] <= limit {
			found = s
			return false
		}
		return true
	})
	return found
}

// Short is a ticker's shortest unambiguous form. A ticker outside the set
// gets the shortest suffix no market of the set ends with.
func (ts Tickers) Short(t string) string {
	if s, ok := ts.short[t]; ok {
		return s
	}
	if ts.count == nil {
		return ShortTicker(t)
	}
	return ts.pick(t, 0)
}

// Cell writes a ticker for a market column w cells wide: the whole ticker
// from FullTickerMin cells (elided in the middle when it does not fit),
// else its short form. A short form that does not fit keeps its end,
// where tickers differ ("…0915-UP"), rather than its start.
func (ts Tickers) Cell(t string, w int) string {
	if w <= 0 {
		return ""
	}
	if w >= FullTickerMin {
		if Width(t) <= w {
			return t
		}
		return ElideMiddle(t, w)
	}
	s := ts.Short(t)
	if Width(s) <= w {
		return s
	}
	if w == 1 {
		return "…"
	}
	return "…" + s[len(s)-(w-1):]
}

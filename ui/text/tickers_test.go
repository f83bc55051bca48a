package text

import "testing"

// Regression: after the 15-minute BTC market rolled over, two markets
// both showed as "UP".
func TestTickersAreNeverShortenedIntoAmbiguity(t *testing.T) {
	ts := NewTickers([]string{
		"KXBTC15M-26DEC030915-UP", "KXBTC15M-26DEC030930-UP",
		"KXFED-26DEC-T4.25", "KXFED-26DEC-T4.50", "KXOTHER-26DEC-T4.25",
		"KXINX-26DEC03-B6837",
	})
	for ticker, want := range map[string]string{
		"KXBTC15M-26DEC030915-UP": "26DEC030915-UP",
		"KXBTC15M-26DEC030930-UP": "26DEC030930-UP",
		"KXFED-26DEC-T4.50":       "T4.50",
		"KXFED-26DEC-T4.25":       "KXFED-26DEC-T4.25", // 26DEC-T4.25 is shared too
		"KXINX-26DEC03-B6837":     "B6837",
		"KXNEW-26DEC-B6837":       "26DEC-B6837", // unknown, and B6837 is taken
		"KXNEW-26DEC-T9":          "T9",          // unknown and unique
	} {
		if got := ts.Short(ticker); got != want {
			t.Errorf("Short(%q) = %q, want %q", ticker, got, want)
		}
	}
	if got := ts.Cell("KXBTC15M-26DEC030915-UP", 8); got != "…0915-UP" {
		t.Errorf("narrow cell = %q, want the distinguishing end", got)
	}
	if got := (Tickers{}).Short("KXFED-26DEC-T4.25"); got != "T4.25" {
		t.Errorf("zero Tickers: %q", got)
	}
}

func TestFitNameWritesAStrikeShortBeforeCutting(t *testing.T) {
	for _, c := range []struct {
		name string
		w    int
		want string
	}{
		{"6,750 to 6,774.99", 20, "6,750 to 6,774.99"}, // fits: left alone
		{"6,750 to 6,774.99", 15, "6,750–6,774.99"},    // both ends kept
		{"6,750 to 6,774.99", 10, "6,750–6,7…"},        // then cut
		{"$105,000 or above", 16, "≥$105,000"},
		{"44° or below", 20, "44° or below"},
		{"44° or below", 8, "≤44°"},
		{"Above 4.25%", 8, "Above 4…"},
	} {
		if got := FitName(c.name, c.w); got != c.want {
			t.Errorf("FitName(%q, %d) = %q, want %q", c.name, c.w, got, c.want)
		}
	}
}

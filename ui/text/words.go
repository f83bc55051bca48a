package text

import (
	"strings"

	"ladder/model"
)

// MarketName is what a market is called in a list or a header: its YES
// subtitle ("Above 4.25%"), else its subtitle, else its title, else (when
// orTicker) its ticker.
func MarketName(m model.Market, orTicker bool) string {
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

// FitName fits a market's name into w cells. A name that does not fit
// is written the short way before anything is cut: a range ("6,750 to
// 6,774.99") closes up to "6,750–6,774.99" and an open bracket ("$105,000
// or above") becomes "≥$105,000", so the strike stays readable in a
// narrow column.
func FitName(name string, w int) string {
	if Width(name) <= w {
		return name
	}
	switch {
	case strings.Contains(name, " to "):
		name = strings.Replace(name, " to ", "–", 1)
	case strings.HasSuffix(name, " or above"):
		name = "≥" + strings.TrimSuffix(name, " or above")
	case strings.HasSuffix(name, " or below"):
		name = "≤" + strings.TrimSuffix(name, " or below")
	}
	return Trunc(name, w)
}

// MarketTitle is the title of a market column w cells wide: "mkt" reads
// better than "mark…" when "market" does not fit.
func MarketTitle(w int) string {
	if w < len("market") {
		return "mkt"
	}
	return "market"
}

// SideWord names an order side in plain words in YES terms.
func SideWord(s model.BookSide) string {
	if s == model.Ask {
		return "SELL"
	}
	return "BUY"
}

// TIFWord is the time in force in words.
func TIFWord(t model.TimeInForce) string {
	switch t {
	case model.IOC:
		return "immediate or cancel"
	case model.FOK:
		return "fill or kill"
	}
	return "good till cancelled"
}

// ShortTicker keeps the part after the last dash, the part that tells
// markets of one event apart ("KXFED-26DEC-T4.25" → "T4.25").
func ShortTicker(t string) string {
	if i := strings.LastIndexByte(t, '-'); i >= 0 && i+1 < len(t) {
		return t[i+1:]
	}
	return t
}

// ShortID shortens a UUID-like order id for messages: "af947e60…".
func ShortID(id string) string {
	if len(id) > 12 {
		return id[:8] + "…"
	}
	return id
}

// FullTickerMin is the narrowest market column that shows whole tickers.
// Below it every row shows the part that tells markets of one event apart
// ("T4.25"); from it every row shows the whole ticker. The choice depends
// on the column's width only, never on the tickers in it, so one pane never
// mixes "KXFED-26DEC-T3.25" with "B49.5".
const FullTickerMin = 20

// TickerCell writes a ticker for a market column w cells wide, by the rule
// above. A whole ticker that does not fit keeps its head and its last part
// around an ellipsis ("KXINXU-26NOV…-B6837"); a last part that does not
// fit is cut with an ellipsis like any other text.
func TickerCell(t string, w int) string {
	if w <= 0 {
		return ""
	}
	if w < FullTickerMin {
		return Trunc(ShortTicker(t), w)
	}
	if Width(t) <= w {
		return t
	}
	return ElideMiddle(t, w)
}

// ElideMiddle shortens a ticker to w cells, keeping its last part whole.
func ElideMiddle(t string, w int) string {
	i := strings.LastIndexByte(t, '-')
	if i <= 0 || Width(t[i:])+2 > w {
		return Trunc(t, w)
	}
	tail := t[i:]
	return Trunc(t[:i], w-Width(tail)) + tail
}

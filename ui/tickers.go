package ui

import "strings"

// fullTickerMin is the narrowest market column that shows whole tickers.
// Below it every row shows the part that tells markets of one event apart
// ("T4.25"); from it every row shows the whole ticker. The choice depends
// on the column's width only, never on the tickers in it, so one pane never
// mixes "KXFED-26DEC-T3.25" with "B49.5".
const fullTickerMin = 20

// tickerCell writes a ticker for a market column w cells wide, by the rule
// above. A whole ticker that does not fit keeps its head and its last part
// around an ellipsis ("KXINXU-26NOV…-B6837"); a last part that does not
// fit is cut with an ellipsis like any other text.
func tickerCell(t string, w int) string {
	if w <= 0 {
		return ""
	}
	if w < fullTickerMin {
		return trunc(shortTicker(t), w)
	}
	if width(t) <= w {
		return t
	}
	return elideMiddle(t, w)
}

// elideMiddle shortens a ticker to w cells, keeping its last part whole.
func elideMiddle(t string, w int) string {
	i := strings.LastIndexByte(t, '-')
	if i <= 0 || width(t[i:])+2 > w {
		return trunc(t, w)
	}
	tail := t[i:]
	return trunc(t[:i], w-width(tail)) + tail
}

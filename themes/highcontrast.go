package themes

import "charm.land/lipgloss/v2"

// highContrast uses only the sixteen basic ANSI colours, which every colour
// terminal has and which lipgloss never downsamples, for the widest
// compatibility and the strongest contrast on a dark background. The terminal's
// own palette decides the exact shades, so what text is painted on must
// read whatever the palette: depth bars are the bright colours, light in
// every common palette, with black sizes on them; the cursor row is white
// (light grey) with black text.
func highContrast() Theme {
	return Theme{
		Name: NameHighContrast,

		Background: lipgloss.Black,

		Bid:    lipgloss.BrightGreen,
		Ask:    lipgloss.BrightRed,
		BidBar: lipgloss.BrightGreen,
		AskBar: lipgloss.BrightRed,
		Best:   lipgloss.BrightBlack,
		Spread: lipgloss.Yellow,

		OwnOrder: lipgloss.BrightYellow,
		Fill:     lipgloss.BrightCyan,

		Last:      lipgloss.BrightWhite,
		TradeUp:   lipgloss.BrightGreen,
		TradeDown: lipgloss.BrightRed,

		Cursor: lipgloss.White,

		Stale:   lipgloss.BrightMagenta,
		Warning: lipgloss.BrightYellow,
		Error:   lipgloss.BrightRed,
		OK:      lipgloss.BrightGreen,

		Text:        lipgloss.BrightWhite,
		Subtle:      lipgloss.White,
		Accent:      lipgloss.BrightCyan,
		Border:      lipgloss.White,
		FocusBorder: lipgloss.BrightYellow,
		Header:      lipgloss.BrightWhite,

		SimBadge:  Badge{Fg: lipgloss.Black, Bg: lipgloss.BrightCyan},
		DemoBadge: Badge{Fg: lipgloss.Black, Bg: lipgloss.BrightYellow},
		ProdBadge: Badge{Fg: lipgloss.Black, Bg: lipgloss.BrightRed}, // white on it is 4:1
		Locked:    Badge{Fg: lipgloss.BrightWhite, Bg: lipgloss.Red},
	}
}

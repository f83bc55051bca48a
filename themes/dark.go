package themes

import "charm.land/lipgloss/v2"

// dark is the default theme, for dark terminal backgrounds.
//
// Every value is a point of the xterm 256-colour palette, so 256-colour
// terminals show it exactly; the comment after each gives the palette index
// and the ANSI-16 colour lipgloss downsamples it to, chosen so that the pairs
// that must differ (bid/ask, up/down, text/cursor, badge fg/bg) still differ
// on a 16-colour terminal.
func dark() Theme {
	c := lipgloss.Color
	return Theme{
		Name: NameDark,

		Background: c("#000000"), // 16, black

		Bid:    c("#5fd75f"), // 77, bright green
		Ask:    c("#ff5f5f"), // 203, bright red
		BidBar: c("#005f00"), // 22, green
		AskBar: c("#870000"), // 88, red
		Best:   c("#444444"), // 238, bright black
		Spread: c("#afaf5f"), // 143, yellow

		OwnOrder: c("#ffff5f"), // 227, bright yellow
		Fill:     c("#5fd7d7"), // 80, bright cyan

		Last:      c("#ffffff"), // 231, bright white
		TradeUp:   c("#87ff87"), // 120, bright green
		TradeDown: c("#ff8787"), // 210, bright red

		// Dark blue: every coloured text keeps 4.5:1 on it (the contrast
		// rule, ui/styles/contrast.go), red asks included.
		Cursor: c("#000087"), // 18, blue

		Stale:   c("#d787d7"), // 176, bright magenta
		Warning: c("#d7d75f"), // 185, bright yellow
		Error:   c("#ff5f5f"), // 203, bright red
		OK:      c("#5fd75f"), // 77, bright green

		Text:        c("#b2b2b2"), // 249, white
		Subtle:      c("#767676"), // 243, bright black
		Accent:      c("#87afff"), // 111, bright blue
		Border:      c("#626262"), // 241, bright black
		FocusBorder: c("#87afff"), // 111, bright blue
		Header:      c("#ffffff"), // 231, bright white

		SimBadge:  Badge{Fg: c("#000000"), Bg: c("#5fd7d7")}, // black on bright cyan
		DemoBadge: Badge{Fg: c("#000000"), Bg: c("#ffff5f")}, // black on bright yellow
		ProdBadge: Badge{Fg: c("#ffffff"), Bg: c("#d70000")}, // 160: bright white on bright red
		Locked:    Badge{Fg: c("#ffffff"), Bg: c("#af0000")}, // bright white on red
	}
}

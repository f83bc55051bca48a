package themes

import "charm.land/lipgloss/v2"

// light is for light terminal backgrounds. Values are xterm 256-colour
// palette points; the comments give the index and the ANSI-16 downsample (see
// dark). Backgrounds avoid ANSI white so they stay visible on white terminals.
func light() Theme {
	c := lipgloss.Color
	return Theme{
		Name: NameLight,

		Background: c("#ffffff"), // 231, bright white

		Bid:    c("#008700"), // 28, green
		Ask:    c("#d70000"), // 160, bright red
		BidBar: c("#87d787"), // 114, bright green
		AskBar: c("#ff8787"), // 210, bright red
		Best:   c("#d7ffff"), // 195, bright cyan
		Spread: c("#5f5f00"), // 58, yellow: olive dark enough to read on white

		OwnOrder: c("#005fd7"), // 26, bright blue
		Fill:     c("#005f5f"), // 23, cyan

		Last:      c("#000000"), // 16, black
		TradeUp:   c("#008700"), // 28, green
		TradeDown: c("#d70000"), // 160, bright red

		Cursor: c("#ffffaf"), // 229, bright yellow

		Stale:   c("#870087"), // 90, magenta
		Warning: c("#875f00"), // 94, yellow: amber that reads on white
		Error:   c("#d70000"), // 160, bright red
		OK:      c("#008700"), // 28, green

		Text:        c("#262626"), // 235, black
		Subtle:      c("#6c6c6c"), // 242, bright black
		Accent:      c("#5f00af"), // 55, blue
		Border:      c("#767676"), // 243, bright black
		FocusBorder: c("#5f00af"), // 55, blue
		Header:      c("#000087"), // 18, blue

		SimBadge:  Badge{Fg: c("#000000"), Bg: c("#5fd7d7")}, // black on bright cyan
		DemoBadge: Badge{Fg: c("#000000"), Bg: c("#ffff5f")}, // black on bright yellow
		ProdBadge: Badge{Fg: c("#ffffff"), Bg: c("#d70000")}, // 160: bright white on bright red
		Locked:    Badge{Fg: c("#ffffff"), Bg: c("#af0000")}, // bright white on red
	}
}

package themes

import "charm.land/lipgloss/v2"

// mono has no colour at all, for NO_COLOR and for terminals without colour.
// Every token is lipgloss.NoColor{}, which lipgloss renders as the terminal's
// default colours, so the style builder can apply tokens unconditionally and
// must add attributes itself when Mono is set. A mapping that keeps a ladder
// readable: bids bold, asks underline, best levels and the cursor row reverse,
// own orders bold+underline, stale books and subtle text faint, badges and
// the kill-switch banner reverse+bold.
func mono() Theme {
	none := lipgloss.NoColor{}
	plain := Badge{Fg: none, Bg: none}
	return Theme{
		Name: NameMono,
		Mono: true,

		Background: none,
		Bid:        none, Ask: none, BidBar: none, AskBar: none, Best: none, Spread: none,
		OwnOrder: none, Fill: none,
		Last: none, TradeUp: none, TradeDown: none,
		Cursor: none,
		Stale:  none, Warning: none, Error: none, OK: none,
		Text: none, Subtle: none, Accent: none, Border: none, FocusBorder: none, Header: none,

		SimBadge: plain, DemoBadge: plain, ProdBadge: plain, Locked: plain,
	}
}

// Package themes holds ladder's named colour themes as semantic tokens.
//
// A Theme says what things mean (a bid, my own order, a stale book), never how
// a particular pane draws them; the UI turns one Theme into its styles. Every
// function returns a fresh value, so no caller can change a theme another
// caller is using.
package themes

import "image/color"

// Theme is a set of semantic colour tokens. Every colour is usable directly
// with lipgloss v2 (Foreground, Background, BorderForeground ...); lipgloss
// downsamples them to the terminal's profile, and the built-in themes pick
// values that stay distinct on 16-, 256- and true-colour terminals.
type Theme struct {
	// Name is the theme's stable name, as accepted by ByName.
	Name string

	// Mono marks a theme without colour (NO_COLOR). All its colours are
	// lipgloss.NoColor{}, so the style builder must tell things apart with
	// attributes instead: bold, reverse, underline, faint.
	Mono bool

	// Background is the terminal background the theme is made for. It is
	// never painted (the terminal keeps its own); the contrast rule
	// measures text drawn without a background against it.
	Background color.Color

	// Order book.
	Bid    color.Color // bid sizes and bid-side text (buy YES)
	Ask    color.Color // ask sizes and ask-side text (sell YES / NO bids)
	BidBar color.Color // depth bars on the bid side
	AskBar color.Color // depth bars on the ask side
	Best   color.Color // (unused since the best level is drawn on its depth bar)
	Spread color.Color // price cells strictly between the best bid and best ask

	// My activity.
	OwnOrder color.Color // my working orders at a level
	Fill     color.Color // my fills

	// Trades.
	Last      color.Color // the last traded price
	TradeUp   color.Color // flash for a trade above the previous one
	TradeDown color.Color // flash for a trade below the previous one

	// Cursor is the background of the cursor row (ladder) or selected row.
	Cursor color.Color

	// State.
	Stale   color.Color // a book that is stale or resyncing
	Warning color.Color
	Error   color.Color
	OK      color.Color

	// Chrome.
	Text        color.Color // ordinary text
	Subtle      color.Color // secondary text: labels, empty levels, hints
	Accent      color.Color // titles and highlights that are not market data
	Border      color.Color // pane borders
	FocusBorder color.Color // the focused pane's border
	Header      color.Color // column and pane headers

	// Badges are painted as solid blocks, so each carries both colours.
	SimBadge  Badge
	DemoBadge Badge
	ProdBadge Badge // must be unmistakable: white on bright red
	Locked    Badge // the kill-switch banner while order entry is locked
}

// Badge is a foreground/background pair for a label painted on a solid block.
type Badge struct {
	Fg color.Color
	Bg color.Color
}

// Package styles turns a theme's semantic colour tokens into every paint the
// dashboard draws with, once per theme, and draws the frames panes and
// dialogs sit in.
//
// A Styles value is built by New and never changed afterwards; switching
// theme builds a new one. There are no package-level styles.
package styles

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"ladder/model"
	"ladder/themes"
	"ladder/ui/text"
)

// Styles is every paint the dashboard uses, built once from a Theme by New
// (and again only when the user switches theme).
type Styles struct {
	Theme themes.Theme

	// Chrome.
	Text, Subtle, Accent, Header, Title   Tone
	Warning, Error, OK, Stale, Fill, Own  Tone
	Bid, Ask, Up, Down                    Tone
	Border, FocusBorder                   Paint
	Cursor                                Paint // blank cells of the cursor row
	BadgeSim, BadgeDemo, BadgeProd        Paint
	BadgeReplay, Locked, ReadOnly         Paint
	GaugeFull, GaugeEmpty, GaugeLow       Paint
	DialogBorder, DialogArmed, DialogWait Paint

	// Ladder is the ladder's cells.
	Ladder LadderStyles
	// StaleLadder draws a book that may not be trusted (disconnected,
	// stalled, resyncing): every level dimmed, no depth bars or best-level
	// colours; my own orders keep their colour.
	StaleLadder LadderStyles

	Help help.Styles
}

// LadderStyles are the ladder's cell tones.
type LadderStyles struct {
	OwnBid, OwnAsk             Tone
	BidSize, AskSize           Tone // size text without a bar
	BidBar, AskBar             Tone // size text over the depth bar
	BestBidBar, BestAskBar     Tone // the best level's size over its depth bar
	BestBidSize, BestAskSize   Tone // the best level's size beyond its bar
	Price, PriceDim            Tone
	PriceSpread                Tone
	PriceBestBid, PriceBestAsk Tone
	LastUp, LastDown, LastOld  Tone // last-trade marker
	Volume                     Tone
	Cum                        Tone // cumulative depth
	Sep                        Tone
	CursorMark                 Tone
}

// New builds the dashboard's styles from a theme. A mono theme has no
// colours, so meaning is carried by attributes instead (bold bids,
// underlined asks, reverse best levels and cursor, faint secondary text).
func New(t themes.Theme) Styles {
	b := builder{t: t}
	st := Styles{Theme: t}

	st.Text = b.tone(t.Text, nil)
	st.Subtle = b.tone(t.Subtle, faint)
	st.Accent = b.tone(t.Accent, bold)
	st.Header = b.tone(t.Header, bold)
	st.Title = b.tone(t.Accent, bold)
	st.Warning = b.tone(t.Warning, bold)
	st.Error = b.tone(t.Error, bold)
	st.OK = b.tone(t.OK, nil)
	st.Stale = b.tone(t.Stale, faintUnder)
	st.Fill = b.tone(t.Fill, bold)
	st.Own = b.tone(t.OwnOrder, boldUnder)
	st.Bid = b.tone(t.Bid, bold)
	st.Ask = b.tone(t.Ask, underline)
	st.Up = b.tone(t.TradeUp, bold)
	st.Down = b.tone(t.TradeDown, underline)
	st.Border = paintOf(lipgloss.NewStyle().Foreground(t.Border))
	st.FocusBorder = paintOf(lipgloss.NewStyle().Foreground(t.FocusBorder).Bold(true))
	st.Cursor = b.cursorOnly()

	badge := func(bg themes.Badge) Paint {
		return paintOf(lipgloss.NewStyle().Foreground(bg.Fg).Background(bg.Bg).Bold(true).Reverse(t.Mono))
	}
	st.BadgeSim = badge(t.SimBadge)
	st.BadgeDemo = badge(t.DemoBadge)
	st.BadgeProd = paintOf(lipgloss.NewStyle().Foreground(t.ProdBadge.Fg).Background(t.ProdBadge.Bg).Bold(true).Blink(t.Mono).Reverse(t.Mono))
	st.BadgeReplay = badge(themes.Badge{Fg: t.SimBadge.Fg, Bg: t.Accent})
	st.Locked = badge(t.Locked)
	st.ReadOnly = badge(themes.Badge{Fg: t.SimBadge.Fg, Bg: t.Warning})
	st.GaugeFull = paintOf(lipgloss.NewStyle().Foreground(t.OK))
	st.GaugeLow = paintOf(lipgloss.NewStyle().Foreground(t.Warning).Bold(t.Mono))
	st.GaugeEmpty = paintOf(lipgloss.NewStyle().Foreground(t.Border).Faint(t.Mono))
	st.DialogBorder = paintOf(lipgloss.NewStyle().Foreground(t.FocusBorder).Bold(true))
	st.DialogArmed = paintOf(lipgloss.NewStyle().Foreground(t.OK).Bold(true))
	st.DialogWait = paintOf(lipgloss.NewStyle().Foreground(t.Subtle).Faint(t.Mono))

	l := &st.Ladder
	l.OwnBid = b.tone(t.OwnOrder, boldUnder)
	l.OwnAsk = b.tone(t.OwnOrder, boldUnder)
	l.BidSize = b.tone(t.Bid, bold)
	l.AskSize = b.tone(t.Ask, underline)
	l.BidBar = b.barTone(t.Bid, t.BidBar)
	l.AskBar = b.barTone(t.Ask, t.AskBar)
	bestBidMono := func(s lipgloss.Style) lipgloss.Style { return s.Bold(true).Reverse(true) }
	bestAskMono := func(s lipgloss.Style) lipgloss.Style { return s.Underline(true).Reverse(true) }
	l.BestBidBar = b.bestBar(t.Bid, t.BidBar, bestBidMono)
	l.BestAskBar = b.bestBar(t.Ask, t.AskBar, bestAskMono)
	l.BestBidSize = b.bestSize(t.Bid, bestBidMono)
	l.BestAskSize = b.bestSize(t.Ask, bestAskMono)
	l.Price = b.tone(t.Text, nil)
	l.PriceDim = b.tone(t.Subtle, faint)
	l.PriceSpread = b.tone(t.Spread, italic)
	l.PriceBestBid = b.tone(t.Bid, bold)
	l.PriceBestAsk = b.tone(t.Ask, boldUnder)
	l.LastUp = b.tone(t.TradeUp, bold)
	l.LastDown = b.tone(t.TradeDown, bold)
	l.LastOld = b.tone(t.Last, nil)
	l.Volume = b.tone(t.Subtle, faint)
	l.Cum = b.tone(t.Subtle, faint)
	l.Sep = b.tone(t.Border, faint)
	l.CursorMark = b.tone(t.Accent, bold)
	st.StaleLadder = l.dimmed()

	st.Help = help.Styles{
		Ellipsis:       lipgloss.NewStyle().Foreground(t.Subtle),
		ShortKey:       lipgloss.NewStyle().Foreground(t.Accent).Bold(t.Mono),
		ShortDesc:      lipgloss.NewStyle().Foreground(t.Subtle),
		ShortSeparator: lipgloss.NewStyle().Foreground(t.Border),
		FullKey:        lipgloss.NewStyle().Foreground(t.Accent).Bold(t.Mono),
		FullDesc:       lipgloss.NewStyle().Foreground(t.Text),
		FullSeparator:  lipgloss.NewStyle().Foreground(t.Border),
	}
	return st
}

// dimmed is the stale variant of a ladder's tones: the book's tones all
// become the dim price tone.
func (l LadderStyles) dimmed() LadderStyles {
	d := l
	dim := l.PriceDim
	d.BidSize, d.AskSize, d.BidBar, d.AskBar = dim, dim, dim, dim
	d.BestBidBar, d.BestAskBar, d.BestBidSize, d.BestAskSize = dim, dim, dim, dim
	d.Price, d.PriceSpread, d.PriceBestBid, d.PriceBestAsk = dim, dim, dim, dim
	d.LastUp, d.LastDown, d.LastOld, d.Volume, d.Cum = dim, dim, dim, dim, dim
	return d
}

// PnL paints money by its sign as written (text.SignedMoney): gains up,
// losses down, and anything that rounds to $0.00 as text.
func (st *Styles) PnL(m model.Money) Paint {
	m = text.RoundCents(m)
	switch {
	case m > 0:
		return st.Up.Normal
	case m < 0:
		return st.Down.Normal
	}
	return st.Text.Normal
}

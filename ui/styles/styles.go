// Package styles turns a theme's semantic colour tokens into every paint the
// dashboard draws with, once per theme, and draws the frames panes and
// dialogs sit in.
//
// A Styles value is built by New and never changed afterwards; switching
// theme builds a new one. There are no package-level styles.
package styles

import (
	"image/color"

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
	// Flash marks a fill for a moment: the ladder row it traded at and the
	// fills pane's title.
	Flash Paint

	// Pairs is every foreground painted on a background, with the
	// contrast it must reach: the contrast rule's test walks it.
	Pairs []Pair

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
	// Gap paints the blank cells between the cursor row's columns.
	Gap Paint
	// Bars says sizes sit on depth bars; mono and stale books have none,
	// so their sizes are painted like any padded text.
	Bars bool
}

// New builds the dashboard's styles from a theme. A mono theme has no
// colours, so meaning is carried by attributes instead (bold bids,
// underlined asks, reverse best levels and cursor, faint secondary text).
func New(t themes.Theme) Styles {
	var pairs []Pair
	b := builder{t: t, pairs: &pairs}
	st := Styles{Theme: t}

	st.Text = b.tone("text", t.Text, nil)
	st.Subtle = b.chrome("subtle text", t.Subtle, faint)
	st.Accent = b.tone("accent", t.Accent, bold)
	st.Header = b.tone("header", t.Header, bold)
	st.Title = b.tone("title", t.Accent, bold)
	st.Warning = b.tone("warning", t.Warning, bold)
	st.Error = b.tone("error", t.Error, bold)
	st.OK = b.tone("ok", t.OK, nil)
	st.Stale = b.tone("stale", t.Stale, faintUnder)
	st.Fill = b.tone("fill", t.Fill, bold)
	st.Own = b.tone("my order", t.OwnOrder, boldUnder)
	st.Bid = b.tone("bid", t.Bid, bold)
	st.Ask = b.tone("ask", t.Ask, underline)
	st.Up = b.tone("up", t.TradeUp, bold)
	st.Down = b.tone("down", t.TradeDown, underline)
	st.Border = paintOf(lipgloss.NewStyle().Foreground(t.Border))
	b.note("border", t.Border, t.Background, MinContrastChrome)
	st.FocusBorder = paintOf(lipgloss.NewStyle().Foreground(t.FocusBorder).Bold(true))
	b.note("focused border", t.FocusBorder, t.Background, MinContrastChrome)
	st.Cursor = b.cursorOnly()
	// The flash of a fill: the fill colour as a block, reverse in mono.
	st.Flash = b.flash()

	badge := func(what string, bg themes.Badge) Paint {
		b.note(what+" badge", bg.Fg, bg.Bg, MinContrast)
		return paintOf(lipgloss.NewStyle().Foreground(bg.Fg).Background(bg.Bg).Bold(true).Reverse(t.Mono))
	}
	st.BadgeSim = badge("SIM", t.SimBadge)
	st.BadgeDemo = badge("DEMO", t.DemoBadge)
	b.note("PROD badge", t.ProdBadge.Fg, t.ProdBadge.Bg, MinContrast)
	st.BadgeProd = paintOf(lipgloss.NewStyle().Foreground(t.ProdBadge.Fg).Background(t.ProdBadge.Bg).Bold(true).Blink(t.Mono).Reverse(t.Mono))
	// Badges on a token meant for text take its contrasting foreground.
	derived := func(bg color.Color) themes.Badge {
		if t.Mono {
			return themes.Badge{Fg: t.SimBadge.Fg, Bg: bg}
		}
		return themes.Badge{Fg: readableOn(t.SimBadge.Fg, bg), Bg: bg}
	}
	st.BadgeReplay = badge("REPLAY", derived(t.Accent))
	st.Locked = badge("LOCKED", t.Locked)
	st.ReadOnly = badge("READ-ONLY", derived(t.Warning))
	st.GaugeFull = paintOf(lipgloss.NewStyle().Foreground(t.OK))
	st.GaugeLow = paintOf(lipgloss.NewStyle().Foreground(t.Warning).Bold(t.Mono))
	st.GaugeEmpty = paintOf(lipgloss.NewStyle().Foreground(t.Border).Faint(t.Mono))
	st.DialogBorder = paintOf(lipgloss.NewStyle().Foreground(t.FocusBorder).Bold(true))
	st.DialogArmed = paintOf(lipgloss.NewStyle().Foreground(t.OK).Bold(true))
	st.DialogWait = paintOf(lipgloss.NewStyle().Foreground(t.Subtle).Faint(t.Mono))

	l := &st.Ladder
	l.OwnBid = b.tone("my bid", t.OwnOrder, boldUnder)
	l.OwnAsk = b.tone("my offer", t.OwnOrder, boldUnder)
	l.BidSize = b.tone("bid size", t.Bid, bold)
	l.AskSize = b.tone("ask size", t.Ask, underline)
	l.BidBar = b.barTone("bid size on its bar", t.Bid, t.BidBar, l.BidSize)
	l.AskBar = b.barTone("ask size on its bar", t.Ask, t.AskBar, l.AskSize)
	bestBidMono := func(s lipgloss.Style) lipgloss.Style { return s.Bold(true).Reverse(true) }
	bestAskMono := func(s lipgloss.Style) lipgloss.Style { return s.Underline(true).Reverse(true) }
	l.BestBidBar = b.bestBar("best bid on its bar", t.Bid, t.BidBar, bestBidMono)
	l.BestAskBar = b.bestBar("best ask on its bar", t.Ask, t.AskBar, bestAskMono)
	l.BestBidSize = b.bestSize("best bid size", t.Bid, bestBidMono)
	l.BestAskSize = b.bestSize("best ask size", t.Ask, bestAskMono)
	l.Price = b.tone("price", t.Text, nil)
	l.PriceDim = b.chrome("empty price", t.Subtle, faint)
	l.PriceSpread = b.tone("price in the spread", t.Spread, italic)
	l.PriceBestBid = b.tone("best bid price", t.Bid, bold)
	l.PriceBestAsk = b.tone("best ask price", t.Ask, boldUnder)
	l.LastUp = b.tone("last trade up", t.TradeUp, bold)
	l.LastDown = b.tone("last trade down", t.TradeDown, bold)
	l.LastOld = b.tone("last trade", t.Last, nil)
	l.Volume = b.chrome("volume", t.Subtle, faint)
	l.Cum = b.chrome("cumulative depth", t.Subtle, faint)
	l.Sep = b.chrome("separator", t.Border, faint)
	l.CursorMark = b.tone("cursor mark", t.Accent, bold)
	l.Gap = st.Cursor
	l.Bars = !t.Mono
	st.StaleLadder = l.dimmed(b.staleCursor().OnCursor)
	st.Pairs = pairs

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
// become the dim price tone, and the cursor row a grey one (cursor), so
// nothing on a stale book looks live. My orders keep their colour off the
// cursor row.
func (l LadderStyles) dimmed(cursor Paint) LadderStyles {
	d := l
	dim := Tone{Normal: l.PriceDim.Normal, OnCursor: cursor}
	d.BidSize, d.AskSize, d.BidBar, d.AskBar = dim, dim, dim, dim
	d.BestBidBar, d.BestAskBar, d.BestBidSize, d.BestAskSize = dim, dim, dim, dim
	d.Price, d.PriceSpread, d.PriceBestBid, d.PriceBestAsk = dim, dim, dim, dim
	d.LastUp, d.LastDown, d.LastOld, d.Volume, d.Cum = dim, dim, dim, dim, dim
	d.PriceDim, d.CursorMark = dim, dim
	d.OwnBid.OnCursor, d.OwnAsk.OnCursor = cursor, cursor
	d.Gap = cursor
	d.Bars = false
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

package ui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"ladder/themes"
)

// paint is a style reduced to the escape sequences that open and close it.
// Rendering a ladder is a few hundred styled cells per frame; wrapping text
// in precomputed sequences is an order of magnitude cheaper than
// lipgloss.Style.Render per cell, which is what keeps a full frame under
// the 2 ms budget.
type paint struct{ on, off string }

// paintOf captures the sequences lipgloss emits around text for s. The
// probe is a printable letter: lipgloss leaves control characters (and,
// with underline, spaces) unstyled. Escape sequences never contain an X.
func paintOf(s lipgloss.Style) paint {
	r := s.Render("X")
	i := strings.IndexByte(r, 'X')
	if i < 0 {
		return paint{}
	}
	return paint{on: r[:i], off: r[i+1:]}
}

// trimTo appends text painted with p, except leading and trailing spaces,
// which get pad instead (plain, or the cursor row's background), so an
// underlined number does not underline its padding.
func (p paint) trimTo(b *strings.Builder, text string, pad paint) {
	core := strings.TrimLeft(text, " ")
	lead := len(text) - len(core)
	core = strings.TrimRight(core, " ")
	trail := len(text) - lead - len(core)
	pad.to(b, text[:lead])
	p.to(b, core)
	pad.to(b, text[lead+len(core):lead+len(core)+trail])
}

// s wraps text in the paint.
func (p paint) s(text string) string {
	if p.on == "" || text == "" {
		return text
	}
	return p.on + text + p.off
}

// to appends painted text to b.
func (p paint) to(b *strings.Builder, text string) {
	if p.on == "" || text == "" {
		b.WriteString(text)
		return
	}
	b.WriteString(p.on)
	b.WriteString(text)
	b.WriteString(p.off)
}

// tone is a paint in two variants: on an ordinary row and on the cursor
// (selected) row, which adds the cursor background.
type tone struct{ n, c paint }

// on returns the variant for a row.
func (t tone) on(cursor bool) paint {
	if cursor {
		return t.c
	}
	return t.n
}

// Styles is every paint the dashboard uses, built once from a Theme by
// NewStyles (and again only when the user switches theme).
type Styles struct {
	Theme themes.Theme

	// Chrome.
	Text, Subtle, Accent, Header, Title   tone
	Warning, Error, OK, Stale, Fill, Own  tone
	Bid, Ask, Up, Down                    tone
	Border, FocusBorder                   paint
	Cursor                                paint // blank cells of the cursor row
	BadgeSim, BadgeDemo, BadgeProd        paint
	BadgeReplay, Locked, ReadOnly         paint
	GaugeFull, GaugeEmpty, GaugeLow       paint
	DialogBorder, DialogArmed, DialogWait paint

	// Ladder cells.
	L ladderStyles
	// LStale draws a book that may not be trusted (disconnected, stalled,
	// resyncing): every level dimmed, no depth bars or best-level colours;
	// my own orders keep their colour.
	LStale ladderStyles

	Help help.Styles
}

// ladderStyles are the ladder's cell paints.
type ladderStyles struct {
	OwnBid, OwnAsk            tone
	BidSize, AskSize          tone // size text without a bar
	BidBar, AskBar            tone // size text over the depth bar
	BestBidBar, BestAskBar    tone // the best level's size over its depth bar
	BestBidSize, BestAskSize  tone // the best level's size beyond its bar
	Price, PriceDim           tone
	PriceSpread               tone
	PriceBestBid, PriceBestAs tone
	LastUp, LastDown, LastOld tone // last-trade marker
	Volume                    tone
	Cum                       tone // cumulative depth
	Sep                       tone
	CursorMark                tone
}

// NewStyles builds the dashboard's styles from a theme. A mono theme has no
// colours, so meaning is carried by attributes instead (bold bids,
// underlined asks, reverse best levels and cursor, faint secondary text).
func NewStyles(t themes.Theme) Styles {
	b := styleBuilder{t: t}
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

	badge := func(bg themes.Badge) paint {
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

	l := &st.L
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
	l.PriceBestAs = b.tone(t.Ask, boldUnder)
	l.LastUp = b.tone(t.TradeUp, bold)
	l.LastDown = b.tone(t.TradeDown, bold)
	l.LastOld = b.tone(t.Last, nil)
	l.Volume = b.tone(t.Subtle, faint)
	l.Cum = b.tone(t.Subtle, faint)
	l.Sep = b.tone(t.Border, faint)
	l.CursorMark = b.tone(t.Accent, bold)
	st.LStale = l.dimmed()

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

// dimmed is the stale variant of a ladder's paints: the book's tones all
// become the dim price tone.
func (l ladderStyles) dimmed() ladderStyles {
	d := l
	dim := l.PriceDim
	d.BidSize, d.AskSize, d.BidBar, d.AskBar = dim, dim, dim, dim
	d.BestBidBar, d.BestAskBar, d.BestBidSize, d.BestAskSize = dim, dim, dim, dim
	d.Price, d.PriceSpread, d.PriceBestBid, d.PriceBestAs = dim, dim, dim, dim
	d.LastUp, d.LastDown, d.LastOld, d.Volume, d.Cum = dim, dim, dim, dim, dim
	return d
}

// attrs is how the mono theme tells a token apart without colour (bold,
// faint, ...); colour themes ignore it.
type attrs func(lipgloss.Style) lipgloss.Style

func bold(s lipgloss.Style) lipgloss.Style       { return s.Bold(true) }
func faint(s lipgloss.Style) lipgloss.Style      { return s.Faint(true) }
func italic(s lipgloss.Style) lipgloss.Style     { return s.Italic(true) }
func underline(s lipgloss.Style) lipgloss.Style  { return s.Underline(true) }
func boldUnder(s lipgloss.Style) lipgloss.Style  { return s.Bold(true).Underline(true) }
func faintUnder(s lipgloss.Style) lipgloss.Style { return s.Faint(true).Underline(true) }

// styleBuilder turns theme tokens into tones.
type styleBuilder struct{ t themes.Theme }

// base is a style with the foreground, plus the mono attributes when the
// theme has no colours.
func (b styleBuilder) base(fg color.Color, mono attrs) lipgloss.Style {
	s := lipgloss.NewStyle().Foreground(fg)
	if b.t.Mono && mono != nil {
		s = mono(s)
	}
	return s
}

// withCursor adds the cursor-row background (reverse video in mono).
func (b styleBuilder) withCursor(s lipgloss.Style) lipgloss.Style {
	if b.t.Mono {
		return s.Reverse(true)
	}
	return s.Background(b.t.Cursor)
}

func (b styleBuilder) tone(fg color.Color, mono attrs) tone {
	s := b.base(fg, mono)
	return tone{n: paintOf(s), c: paintOf(b.withCursor(s))}
}

// bestBar paints the best level's size over its depth bar: the same side
// colours as every other level's bar, in bold, so the best level stands
// out and still reads as a bid or an offer, and a number half on its bar
// stays one colour. Mono has no bars: the whole best cell is reversed
// (with bestSize).
func (b styleBuilder) bestBar(fg, bar color.Color, mono attrs) tone {
	s := lipgloss.NewStyle().Foreground(fg).Background(bar).Bold(true)
	if b.t.Mono {
		s = mono(lipgloss.NewStyle())
	}
	return tone{n: paintOf(s), c: paintOf(s)}
}

// bestSize paints the part of the best level's size cell beyond its bar:
// the side's colour, bold.
func (b styleBuilder) bestSize(fg color.Color, mono attrs) tone {
	if b.t.Mono {
		s := mono(lipgloss.NewStyle())
		return tone{n: paintOf(s), c: paintOf(s)}
	}
	s := lipgloss.NewStyle().Foreground(fg).Bold(true)
	return tone{n: paintOf(s), c: paintOf(b.withCursor(s))}
}

// barTone paints size text over a depth bar; mono has no bars, only the
// size's own attribute.
func (b styleBuilder) barTone(fg, bar color.Color) tone {
	if b.t.Mono {
		s := lipgloss.NewStyle().Faint(true).Underline(true)
		return tone{n: paintOf(s), c: paintOf(s.Reverse(true))}
	}
	s := lipgloss.NewStyle().Foreground(fg).Background(bar)
	return tone{n: paintOf(s), c: paintOf(s)}
}

// cursorOnly paints blank cells of the cursor row.
func (b styleBuilder) cursorOnly() paint {
	return paintOf(b.withCursor(lipgloss.NewStyle()))
}

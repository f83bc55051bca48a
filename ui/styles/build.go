package styles

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"ladder/themes"
)

// attrs is how the mono theme tells a token apart without colour (bold,
// faint, ...); colour themes ignore it.
type attrs func(lipgloss.Style) lipgloss.Style

func bold(s lipgloss.Style) lipgloss.Style       { return s.Bold(true) }
func faint(s lipgloss.Style) lipgloss.Style      { return s.Faint(true) }
func italic(s lipgloss.Style) lipgloss.Style     { return s.Italic(true) }
func underline(s lipgloss.Style) lipgloss.Style  { return s.Underline(true) }
func boldUnder(s lipgloss.Style) lipgloss.Style  { return s.Bold(true).Underline(true) }
func faintUnder(s lipgloss.Style) lipgloss.Style { return s.Faint(true).Underline(true) }

// builder turns theme tokens into tones, noting every foreground and
// background it pairs for the contrast rule (Styles.Pairs).
type builder struct {
	t     themes.Theme
	pairs *[]Pair
}

// Pair is a foreground painted on a background, and the contrast it must
// reach (contrast.go).
type Pair struct {
	What   string
	Fg, Bg color.Color
	Min    float64
}

// note records a pair the styles paint.
func (b builder) note(what string, fg, bg color.Color, min float64) {
	if b.t.Mono || b.pairs == nil {
		return
	}
	*b.pairs = append(*b.pairs, Pair{What: what, Fg: fg, Bg: bg, Min: min})
}

// base is a style with the foreground, plus the mono attributes when the
// theme has no colours.
func (b builder) base(fg color.Color, mono attrs) lipgloss.Style {
	s := lipgloss.NewStyle().Foreground(fg)
	if b.t.Mono && mono != nil {
		s = mono(s)
	}
	return s
}

// onCursor is the cursor-row variant of a style with foreground fg: the
// cursor background with fg, or the cursor's contrasting foreground where
// fg is too close to it (reverse video in mono).
func (b builder) onCursor(what string, s lipgloss.Style, fg color.Color) lipgloss.Style {
	if b.t.Mono {
		return s.Reverse(true)
	}
	fg = readableOn(fg, b.t.Cursor)
	b.note(what+" on the cursor row", fg, b.t.Cursor, MinContrast)
	return s.Foreground(fg).Background(b.t.Cursor)
}

// tone is text the trader reads (MinContrast on the terminal background
// and on the cursor row).
func (b builder) tone(what string, fg color.Color, mono attrs) Tone {
	return b.toneMin(what, fg, mono, MinContrast)
}

// chrome is secondary text: labels, hints, separators (MinContrastChrome).
func (b builder) chrome(what string, fg color.Color, mono attrs) Tone {
	return b.toneMin(what, fg, mono, MinContrastChrome)
}

func (b builder) toneMin(what string, fg color.Color, mono attrs, min float64) Tone {
	s := b.base(fg, mono)
	b.note(what, fg, b.t.Background, min)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(b.onCursor(what, s, fg))}
}

// bestBar paints the best level's size over its depth bar: the bar's
// contrasting foreground, in bold, so the best level stands out. Mono has
// no bars: the whole best cell is reversed (with bestSize).
func (b builder) bestBar(what string, fg, bar color.Color, mono attrs) Tone {
	if b.t.Mono {
		s := mono(lipgloss.NewStyle())
		return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
	}
	fg = readableOn(fg, bar)
	b.note(what, fg, bar, MinContrast)
	s := lipgloss.NewStyle().Foreground(fg).Background(bar).Bold(true)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
}

// bestSize paints the part of the best level's size cell beyond its bar:
// the side's colour, bold.
func (b builder) bestSize(what string, fg color.Color, mono attrs) Tone {
	if b.t.Mono {
		s := mono(lipgloss.NewStyle())
		return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
	}
	s := lipgloss.NewStyle().Foreground(fg).Bold(true)
	b.note(what, fg, b.t.Background, MinContrast)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(b.onCursor(what, s, fg))}
}

// barTone paints size text over a depth bar in the bar's contrasting
// foreground (readableOn). Mono has no bars: its sizes keep their own
// tone (plain), which tells the ladder to draw no bar.
func (b builder) barTone(what string, fg, bar color.Color, plain Tone) Tone {
	if b.t.Mono {
		return plain
	}
	fg = readableOn(fg, bar)
	b.note(what, fg, bar, MinContrast)
	s := lipgloss.NewStyle().Foreground(fg).Background(bar)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
}

// flash is the paint of a fill's flash: the fill colour as a block with
// its contrasting text, reverse video in mono.
func (b builder) flash() Paint {
	if b.t.Mono {
		return paintOf(lipgloss.NewStyle().Bold(true).Reverse(true))
	}
	fg := readableOn(b.t.Background, b.t.Fill)
	b.note("fill flash", fg, b.t.Fill, MinContrast)
	return paintOf(lipgloss.NewStyle().Foreground(fg).Background(b.t.Fill).Bold(true))
}

// cursorOnly paints blank cells of the cursor row.
func (b builder) cursorOnly() Paint {
	if b.t.Mono {
		return paintOf(lipgloss.NewStyle().Reverse(true))
	}
	return paintOf(lipgloss.NewStyle().Background(b.t.Cursor))
}

// staleCursor is the cursor row of a book that may not be trusted: the
// dim text reversed, a grey row rather than the live cursor's colour, so
// the row stays findable while nothing on it looks live.
func (b builder) staleCursor() Tone {
	s := lipgloss.NewStyle().Foreground(b.t.Subtle).Reverse(true)
	if b.t.Mono {
		s = lipgloss.NewStyle().Faint(true).Reverse(true)
	}
	b.note("stale cursor row", b.t.Background, b.t.Subtle, MinContrastChrome)
	p := paintOf(s)
	return Tone{Normal: p, OnCursor: p}
}

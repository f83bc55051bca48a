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

// builder turns theme tokens into tones.
type builder struct{ t themes.Theme }

// base is a style with the foreground, plus the mono attributes when the
// theme has no colours.
func (b builder) base(fg color.Color, mono attrs) lipgloss.Style {
	s := lipgloss.NewStyle().Foreground(fg)
	if b.t.Mono && mono != nil {
		s = mono(s)
	}
	return s
}

// withCursor adds the cursor-row background (reverse video in mono).
func (b builder) withCursor(s lipgloss.Style) lipgloss.Style {
	if b.t.Mono {
		return s.Reverse(true)
	}
	return s.Background(b.t.Cursor)
}

func (b builder) tone(fg color.Color, mono attrs) Tone {
	s := b.base(fg, mono)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(b.withCursor(s))}
}

// bestBar paints the best level's size over its depth bar: the same side
// colours as every other level's bar, in bold, so the best level stands
// out and still reads as a bid or an offer, and a number half on its bar
// stays one colour. Mono has no bars: the whole best cell is reversed
// (with bestSize).
func (b builder) bestBar(fg, bar color.Color, mono attrs) Tone {
	s := lipgloss.NewStyle().Foreground(fg).Background(bar).Bold(true)
	if b.t.Mono {
		s = mono(lipgloss.NewStyle())
	}
	return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
}

// bestSize paints the part of the best level's size cell beyond its bar:
// the side's colour, bold.
func (b builder) bestSize(fg color.Color, mono attrs) Tone {
	if b.t.Mono {
		s := mono(lipgloss.NewStyle())
		return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
	}
	s := lipgloss.NewStyle().Foreground(fg).Bold(true)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(b.withCursor(s))}
}

// barTone paints size text over a depth bar; mono has no bars, only the
// size's own attribute.
func (b builder) barTone(fg, bar color.Color) Tone {
	if b.t.Mono {
		s := lipgloss.NewStyle().Faint(true).Underline(true)
		return Tone{Normal: paintOf(s), OnCursor: paintOf(s.Reverse(true))}
	}
	s := lipgloss.NewStyle().Foreground(fg).Background(bar)
	return Tone{Normal: paintOf(s), OnCursor: paintOf(s)}
}

// cursorOnly paints blank cells of the cursor row.
func (b builder) cursorOnly() Paint {
	return paintOf(b.withCursor(lipgloss.NewStyle()))
}

package styles

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Paint is a style reduced to the escape sequences that open and close it.
// Rendering a ladder is a few hundred styled cells per frame; wrapping text
// in precomputed sequences is an order of magnitude cheaper than
// lipgloss.Style.Render per cell, which is what keeps a full frame under
// the 2 ms budget. The zero Paint leaves text as it is.
type Paint struct{ on, off string }

// paintOf captures the sequences lipgloss emits around text for s. The
// probe is a printable letter: lipgloss leaves control characters (and,
// with underline, spaces) unstyled. Escape sequences never contain an X.
func paintOf(s lipgloss.Style) Paint {
	r := s.Render("X")
	i := strings.IndexByte(r, 'X')
	if i < 0 {
		return Paint{}
	}
	return Paint{on: r[:i], off: r[i+1:]}
}

// Render wraps text in the paint.
func (p Paint) Render(text string) string {
	if p.on == "" || text == "" {
		return text
	}
	return p.on + text + p.off
}

// Write appends painted text to b: the allocation-free form of Render that
// the ladder's rows are drawn with.
func (p Paint) Write(b *strings.Builder, text string) {
	if p.on == "" || text == "" {
		b.WriteString(text)
		return
	}
	b.WriteString(p.on)
	b.WriteString(text)
	b.WriteString(p.off)
}

// WriteTrimmed appends text painted with p, except leading and trailing
// spaces, which get pad instead (plain, or the cursor row's background), so
// an underlined number does not underline its padding.
func (p Paint) WriteTrimmed(b *strings.Builder, text string, pad Paint) {
	core := strings.TrimLeft(text, " ")
	lead := len(text) - len(core)
	core = strings.TrimRight(core, " ")
	trail := len(text) - lead - len(core)
	pad.Write(b, text[:lead])
	p.Write(b, core)
	pad.Write(b, text[lead+len(core):lead+len(core)+trail])
}

// Prefix is the sequence that turns the paint on ("" for the zero Paint);
// tests look for it to tell which paint a cell got.
func (p Paint) Prefix() string { return p.on }

// Tone is a paint in two variants: on an ordinary row, and on the cursor
// (selected) row, which adds the cursor background.
type Tone struct{ Normal, OnCursor Paint }

// On returns the variant for a row: OnCursor when cursor is set.
func (t Tone) On(cursor bool) Paint {
	if cursor {
		return t.OnCursor
	}
	return t.Normal
}

// Render wraps text in the tone's ordinary paint.
func (t Tone) Render(text string) string { return t.Normal.Render(text) }

// Write appends text in the tone's ordinary paint to b.
func (t Tone) Write(b *strings.Builder, text string) { t.Normal.Write(b, text) }

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
//
// An underlined paint (mono's asks, my orders, stale text) underlines only
// the text itself: the spaces padding it into its column get the same
// paint without the underline, so a padded cell reads "  1", never "__1".
type Paint struct {
	on, off string
	// pad opens and closes the paint without its underline; empty when
	// the paint has none.
	padOn, padOff string
}

// paintOf captures the sequences lipgloss emits around text for s. The
// probe is a printable letter: lipgloss leaves control characters (and,
// with underline, spaces) unstyled. Escape sequences never contain an X.
func paintOf(s lipgloss.Style) Paint {
	p := capture(s)
	if s.GetUnderline() {
		pad := capture(s.Underline(false))
		p.padOn, p.padOff = pad.on, pad.off
		if p.padOn == "" {
			p.padOn, p.padOff = "\x1b[m", "" // a reset keeps the padding plain
		}
	}
	return p
}

// capture is the sequences around a probe letter.
func capture(s lipgloss.Style) Paint {
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
	if p.padOn != "" && (text[0] == ' ' || text[len(text)-1] == ' ') {
		var b strings.Builder
		p.writeUnder(&b, text)
		return b.String()
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
	if p.padOn != "" && (text[0] == ' ' || text[len(text)-1] == ' ') {
		p.writeUnder(b, text)
		return
	}
	b.WriteString(p.on)
	b.WriteString(text)
	b.WriteString(p.off)
}

// writeUnder writes an underlined paint's text: its padding without the
// underline, the rest with it.
func (p Paint) writeUnder(b *strings.Builder, text string) {
	core := strings.TrimLeft(text, " ")
	lead := len(text) - len(core)
	core = strings.TrimRight(core, " ")
	pad := Paint{on: p.padOn, off: p.padOff}
	pad.writePlain(b, text[:lead])
	if core != "" {
		b.WriteString(p.on)
		b.WriteString(core)
		b.WriteString(p.off)
	}
	pad.writePlain(b, text[lead+len(core):])
}

// writePlain writes text in the paint, with no padding rule.
func (p Paint) writePlain(b *strings.Builder, text string) {
	if text == "" {
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

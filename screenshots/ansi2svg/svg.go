package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Font metrics of DejaVu Sans Mono (units per em 2048): every glyph
// advances 1233 units; ascent 1901, descent 483. The font size is chosen
// so that one advance is exactly one cell, which keeps runs on the grid.
const (
	fontAdvance = 1233.0 / 2048
	fontAscent  = 1901.0 / 2048
	fontDescent = 483.0 / 2048
)

// Options controls the picture.
type Options struct {
	CellW, CellH float64 // one cell in pixels
	Pad          float64 // margin around the grid, in the background colour
	FontFamily   string
	Palette      Palette
}

// resolved is a cell's style reduced to what is painted.
type resolved struct {
	fg, bg            RGB
	bgSet             bool // bg differs from the terminal background
	bold, italic, dim bool
	underline, strike bool
}

// resolve applies reverse video, invisibility and the default colours.
func resolve(s Style, pal Palette) resolved {
	fg, bg := pal.FG, pal.BG
	if s.FG.Set {
		fg = s.FG.RGB
	}
	if s.BG.Set {
		bg = s.BG.RGB
	}
	bgSet := s.BG.Set
	if s.Reverse {
		fg, bg = bg, fg
		bgSet = true
	}
	if s.Invisible {
		fg = bg
	}
	return resolved{fg: fg, bg: bg, bgSet: bgSet && bg != pal.BG, bold: s.Bold, italic: s.Italic,
		dim: s.Dim, underline: s.Underline, strike: s.Strike}
}

// WriteSVG draws the screen: background rectangles first, then box and
// block characters as shapes, then one <tspan> per run of same-styled text
// (runs break at spaces, so every word starts exactly on its cell), then
// underlines and strike-throughs.
func WriteSVG(w io.Writer, s *Screen, o Options) error {
	pal := o.Palette
	fontSize := o.CellW / fontAdvance
	width := float64(s.Cols)*o.CellW + 2*o.Pad
	height := float64(s.Rows)*o.CellH + 2*o.Pad
	// Centre the font's ascent+descent box in the cell.
	baseline := (o.CellH-(fontAscent+fontDescent)*fontSize)/2 + fontAscent*fontSize

	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" xml:space="preserve">`+"\n",
		num(width), num(height), num(width), num(height))
	fmt.Fprintf(bw, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", pal.BG.Hex())

	var bg, shapes, deco rectList
	var arcs strings.Builder
	var text strings.Builder
	for y, line := range s.Lines {
		top := o.Pad + float64(y)*o.CellH
		runs := newRunWriter(&text, top+baseline)
		for x := 0; x < len(line); x++ {
			c := line[x]
			st := resolve(c.Style, pal)
			left := o.Pad + float64(x)*o.CellW
			cw := o.CellW * float64(max(c.Width, 1))
			if c.Width == 0 {
				cw = 0 // continuation of a wide character: already covered
			}
			if st.bgSet && cw > 0 {
				bg.add(Rect{X: left, Y: top, W: cw, H: o.CellH, Fill: st.bg})
			}
			if st.underline && cw > 0 {
				deco.add(Rect{X: left, Y: top + baseline + math.Max(1, math.Round(fontSize*0.1)), W: cw, H: math.Max(1, math.Round(fontSize/14)), Fill: st.fg})
			}
			if st.strike && cw > 0 {
				deco.add(Rect{X: left, Y: top + math.Round(o.CellH/2), W: cw, H: math.Max(1, math.Round(fontSize/14)), Fill: st.fg})
			}
			r := firstRune(c.Text)
			if c.Width == 0 || r == ' ' || r == 0 {
				runs.flush()
				continue
			}
			if sh, ok := boxShapes(r, cellBox{left, top, cw, o.CellH}, st.fg); ok {
				runs.flush()
				for _, rc := range sh.Rects {
					if st.dim && rc.Opacity == 0 {
						rc.Opacity = dimOpacity
					}
					shapes.add(rc)
				}
				if sh.Arc != "" {
					fmt.Fprintf(&arcs, `<path d="%s" stroke="%s" stroke-width="%s"/>`+"\n", sh.Arc, sh.ArcColor.Hex(), num(sh.ArcWidth))
				}
				continue
			}
			runs.add(left, st, c.Text)
			if c.Width == 2 {
				runs.flush() // the next run restarts on the grid whatever the glyph's advance
			}
		}
		runs.close()
	}
	bg.write(bw)
	fmt.Fprintf(bw, `<g shape-rendering="crispEdges">`+"\n")
	shapes.write(bw)
	bw.WriteString("</g>\n")
	if arcs.Len() > 0 {
		fmt.Fprintf(bw, `<g fill="none">`+"\n%s</g>\n", arcs.String())
	}
	fmt.Fprintf(bw, `<g font-family="%s" font-size="%s" fill="%s">`+"\n%s</g>\n",
		escape(o.FontFamily), num(fontSize), pal.FG.Hex(), text.String())
	deco.write(bw)
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

// dimOpacity renders SGR 2 (faint) text.
const dimOpacity = 0.6

// rectList collects rectangles, merging each with the previous one when
// they continue each other horizontally (a row of ─, a highlighted line).
type rectList []Rect

func (l *rectList) add(r Rect) {
	if n := len(*l); n > 0 {
		p := &(*l)[n-1]
		if p.Y == r.Y && p.H == r.H && p.Fill == r.Fill && p.Opacity == r.Opacity && math.Abs(p.X+p.W-r.X) < 1e-9 {
			p.W += r.W
			return
		}
	}
	*l = append(*l, r)
}

func (l rectList) write(w *bufio.Writer) {
	for _, r := range l {
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, num(r.X), num(r.Y), num(r.W), num(r.H), r.Fill.Hex())
		if r.Opacity > 0 && r.Opacity < 1 {
			fmt.Fprintf(w, ` fill-opacity="%s"`, num(r.Opacity))
		}
		w.WriteString("/>\n")
	}
}

// runWriter groups the glyphs of one row into <tspan> runs inside one
// <text> element, written only if the row has any text.
type runWriter struct {
	out     *strings.Builder
	y       float64
	started bool // the row's <text> has been opened
	open    bool // a run is being collected
	x       float64
	st      resolved
	buf     strings.Builder
}

func newRunWriter(out *strings.Builder, y float64) *runWriter {
	return &runWriter{out: out, y: y}
}

// add appends text at pixel x, continuing the current run when the style
// matches (the caller flushes whenever the run must restart on the grid).
func (r *runWriter) add(x float64, st resolved, text string) {
	same := r.open && r.st.fg == st.fg && r.st.bold == st.bold && r.st.italic == st.italic && r.st.dim == st.dim
	if !same {
		r.flush()
		r.open, r.x, r.st = true, x, st
	}
	r.buf.WriteString(text)
}

// flush writes the current run, if any, as one <tspan>.
func (r *runWriter) flush() {
	if !r.open {
		return
	}
	if !r.started {
		fmt.Fprintf(r.out, `<text y="%s">`, num(r.y))
		r.started = true
	}
	fmt.Fprintf(r.out, `<tspan x="%s" fill="%s"`, num(r.x), r.st.fg.Hex())
	if r.st.bold {
		r.out.WriteString(` font-weight="bold"`)
	}
	if r.st.italic {
		r.out.WriteString(` font-style="italic"`)
	}
	if r.st.dim {
		fmt.Fprintf(r.out, ` fill-opacity="%s"`, num(dimOpacity))
	}
	r.out.WriteString(">")
	r.out.WriteString(escape(r.buf.String()))
	r.out.WriteString("</tspan>")
	r.buf.Reset()
	r.open = false
}

// close ends the row.
func (r *runWriter) close() {
	r.flush()
	if r.started {
		r.out.WriteString("</text>\n")
	}
}

// escape makes text safe inside XML character data and attribute values,
// dropping the control characters XML 1.0 forbids.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&apos;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			// not allowed in XML
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// firstRune is the first rune of s, or 0 for an empty string.
func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// num formats a pixel value compactly: integers without a fraction, others
// to two decimals.
func num(f float64) string {
	if f == math.Trunc(f) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

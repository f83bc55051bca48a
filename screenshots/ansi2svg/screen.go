package main

import (
	"strings"
	"unicode/utf8"
)

// Color is a resolved cell colour; Set is false for the terminal default.
type Color struct {
	Set bool
	RGB RGB
}

// Style is the SGR state that applies to a cell.
type Style struct {
	FG, BG                                        Color
	Bold, Dim, Italic, Underline, Reverse, Strike bool
	Invisible                                     bool
}

// Cell is one terminal cell. Text is the base rune plus any combining
// marks; a wide character occupies its own cell (Width 2) and a following
// continuation cell (Width 0, empty Text) so columns stay on the grid.
type Cell struct {
	Text  string
	Width int
	Style Style
}

// Screen is a grid of cells, one slice per row, each exactly Cols long.
type Screen struct {
	Cols, Rows int
	Lines      [][]Cell
}

// Parse turns captured ANSI text (as from `tmux capture-pane -e -p`) into a
// screen of cols×rows cells. SGR state carries across lines, as it does
// when the text is printed to a terminal. Other escape sequences (cursor
// movement, OSC titles and hyperlinks) are skipped. cols or rows of 0 mean
// "as wide / as tall as the text". Text beyond cols is dropped, short lines
// are padded with default-styled blanks.
func Parse(text string, pal Palette, cols, rows int) *Screen {
	text = strings.TrimSuffix(text, "\n")
	raw := strings.Split(text, "\n")
	var style Style
	lines := make([][]Cell, 0, len(raw))
	for _, l := range raw {
		var cells []Cell
		cells, style = parseLine(strings.TrimSuffix(l, "\r"), style, pal)
		lines = append(lines, cells)
	}
	if rows == 0 {
		rows = len(lines)
	}
	if cols == 0 {
		for _, l := range lines {
			cols = max(cols, len(l))
		}
	}
	s := &Screen{Cols: cols, Rows: rows, Lines: make([][]Cell, rows)}
	for y := range rows {
		var l []Cell
		if y < len(lines) {
			l = lines[y]
		}
		s.Lines[y] = fitRow(l, cols)
	}
	return s
}

// fitRow cuts or pads a row to exactly cols cells, never leaving half of a
// wide character at the edge.
func fitRow(l []Cell, cols int) []Cell {
	if len(l) > cols {
		l = l[:cols]
		if last := &l[cols-1]; last.Width == 2 {
			*last = Cell{Text: " ", Width: 1, Style: last.Style}
		}
	}
	for len(l) < cols {
		l = append(l, Cell{Text: " ", Width: 1})
	}
	return l
}

// parseLine reads one line of text starting in style st and returns its
// cells and the style in force at the end of the line.
func parseLine(l string, st Style, pal Palette) ([]Cell, Style) {
	var cells []Cell
	for i := 0; i < len(l); {
		c := l[i]
		switch {
		case c == 0x1b:
			var params string
			var final byte
			params, final, i = scanEscape(l, i)
			if final == 'm' {
				st = applySGR(st, params, pal)
			}
		case c == '\t':
			i++
			for {
				cells = append(cells, Cell{Text: " ", Width: 1, Style: st})
				if len(cells)%8 == 0 {
					break
				}
			}
		case c < 0x20 || c == 0x7f:
			i++ // other control characters have no cell
		default:
			r, n := utf8.DecodeRuneInString(l[i:])
			i += n
			cells = appendRune(cells, r, st)
		}
	}
	return cells, st
}

// appendRune places r in the next cell(s), or joins it to the previous
// cell when it is a combining mark.
func appendRune(cells []Cell, r rune, st Style) []Cell {
	switch cellWidth(r) {
	case 0:
		for j := len(cells) - 1; j >= 0; j-- {
			if cells[j].Width > 0 {
				cells[j].Text += string(r)
				return cells
			}
		}
		return cells // a mark with nothing to combine with is dropped
	case 2:
		return append(cells, Cell{Text: string(r), Width: 2, Style: st}, Cell{Width: 0, Style: st})
	default:
		return append(cells, Cell{Text: string(r), Width: 1, Style: st})
	}
}

// scanEscape reads the escape sequence starting at l[i] (an ESC) and
// returns the CSI parameters and final byte (final is 0 for anything but
// CSI) and the index just past the sequence. Unterminated sequences end
// the line.
func scanEscape(l string, i int) (params string, final byte, next int) {
	i++ // ESC
	if i >= len(l) {
		return "", 0, i
	}
	switch l[i] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40–0x7e
		start := i + 1
		for j := start; j < len(l); j++ {
			if l[j] >= 0x40 && l[j] <= 0x7e {
				return l[start:j], l[j], j + 1
			}
		}
		return "", 0, len(l)
	case ']', 'P', '_', '^': // OSC, DCS, APC, PM: up to BEL or ST (ESC \)
		for j := i + 1; j < len(l); j++ {
			if l[j] == 0x07 {
				return "", 0, j + 1
			}
			if l[j] == 0x1b && j+1 < len(l) && l[j+1] == '\\' {
				return "", 0, j + 2
			}
		}
		return "", 0, len(l)
	case '(', ')', '*', '+', '#', '%': // charset designation: one more byte
		return "", 0, min(i+2, len(l))
	default:
		return "", 0, i + 1
	}
}

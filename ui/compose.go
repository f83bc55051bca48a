package ui

import (
	"ladder/ui/layout"
	"ladder/ui/text"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The screen is composed of blocks: each visible pane's lines at its
// rectangle, then the top modal centred over them.

// block is a rendered pane placed at a rectangle.
type block struct {
	r     layout.Rect
	lines []string
}

// compose builds h screen lines of width w from blocks that tile the area;
// uncovered cells are blank.
func compose(blocks []block, w, h int) []string {
	slices.SortFunc(blocks, func(a, b block) int { return a.r.X - b.r.X })
	out := make([]string, h)
	var sb strings.Builder
	for y := range h {
		sb.Reset()
		x := 0
		for _, b := range blocks {
			if y < b.r.Y || y >= b.r.Y+b.r.H {
				continue
			}
			if b.r.X > x {
				sb.WriteString(text.Spaces(b.r.X - x))
			}
			if i := y - b.r.Y; i < len(b.lines) {
				sb.WriteString(b.lines[i])
			} else {
				sb.WriteString(text.Spaces(b.r.W))
			}
			x = b.r.X + b.r.W
		}
		if x < w {
			sb.WriteString(text.Spaces(w - x))
		}
		out[y] = sb.String()
	}
	return out
}

// placeBlock writes the lines of a block into screen lines at column x,
// row y; screen lines are fully built already, and each is cut around the
// block with escape-aware truncation.
func placeBlock(screen []string, block []string, x, y, screenW int) {
	for i, line := range block {
		row := y + i
		if row < 0 || row >= len(screen) {
			continue
		}
		bw := ansi.StringWidth(line)
		left := ansi.Truncate(screen[row], x, "")
		if w := ansi.StringWidth(left); w < x {
			left += text.Spaces(x - w)
		}
		right := ""
		if x+bw < screenW {
			right = ansi.TruncateLeft(screen[row], x+bw, "")
		}
		screen[row] = left + "\x1b[m" + line + "\x1b[m" + right
	}
}

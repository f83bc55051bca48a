package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// frame draws a pane: a rounded border with the title in the top edge and an
// optional footer in the bottom edge, around body lines fitted to the inner
// width. It returns exactly r.H lines of exactly r.W cells. When exact is
// true the body lines are trusted to be r.W-2 cells wide already (the ladder
// builds its rows to size), which skips measuring them.
func (st *Styles) frame(r Rect, title, footer string, body []string, focused, exact bool) []string {
	if !r.Visible() {
		return nil
	}
	bp := st.Border
	if focused {
		bp = st.FocusBorder
	}
	inner := r.W - 2
	out := make([]string, 0, r.H)
	out = append(out, edge(bp, "╭", "╮", title, inner))
	side := bp.s("│")
	for i := 0; i < r.H-2; i++ {
		line := ""
		if i < len(body) {
			line = body[i]
		}
		if exact && i < len(body) {
			out = append(out, side+line+side)
			continue
		}
		out = append(out, side+fit(line, inner)+side)
	}
	out = append(out, edge(bp, "╰", "╯", footer, inner))
	return out
}

// edge draws a top or bottom border with a label after the first corner:
// ╭─ label ────╮. The label is styled text; it is truncated to fit.
func edge(bp paint, left, right, label string, inner int) string {
	var b strings.Builder
	b.Grow(inner*3 + 32)
	if label == "" || inner < 6 {
		b.WriteString(bp.s(left + repeat("─", inner) + right))
		return b.String()
	}
	label = trunc(label, inner-4)
	lw := ansi.StringWidth(label)
	b.WriteString(bp.s(left + "─ "))
	b.WriteString(label)
	b.WriteString(bp.s(" " + repeat("─", inner-3-lw) + right))
	return b.String()
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
			left += spaces(x - w)
		}
		right := ""
		if x+bw < screenW {
			right = ansi.TruncateLeft(screen[row], x+bw, "")
		}
		screen[row] = left + "\x1b[m" + line + "\x1b[m" + right
	}
}

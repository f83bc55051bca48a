package styles

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"ladder/ui/text"
)

// Border is what a frame's border says and how it looks.
type Border struct {
	Title  string // styled text in the top edge
	Footer string // styled text in the bottom edge
	// Focused draws the highlighted border of the pane with focus.
	Focused bool
	// Exact says the body lines are w-2 cells wide already (the ladder
	// builds its rows to size), which skips measuring them.
	Exact bool
}

// Frame draws a pane: a rounded border with the title in the top edge and
// an optional footer in the bottom edge, around body lines fitted to the
// inner width. It returns exactly h lines of exactly w cells, or nothing
// when w×h has no room for a frame.
func (st *Styles) Frame(w, h int, br Border, body []string) []string {
	if w < 3 || h < 3 {
		return nil
	}
	bp := st.Border
	if br.Focused {
		bp = st.FocusBorder
	}
	inner := w - 2
	out := make([]string, 0, h)
	out = append(out, edge(bp, "╭", "╮", br.Title, inner))
	side := bp.Render("│")
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(body) {
			line = body[i]
		}
		if br.Exact && i < len(body) {
			out = append(out, side+line+side)
			continue
		}
		out = append(out, side+text.Fit(line, inner)+side)
	}
	out = append(out, edge(bp, "╰", "╯", br.Footer, inner))
	return out
}

// Box draws a dialog box w cells wide (highlighted border) around lines,
// with a one-cell margin on the left. The title in the border is the
// first thing read, so the body starts on the line under it.
func (st *Styles) Box(title string, lines []string, w int) []string {
	body := make([]string, 0, len(lines)+1)
	for _, l := range lines {
		body = append(body, " "+l)
	}
	return st.Frame(w, len(body)+2, Border{Title: title, Focused: true}, body)
}

// edge draws a top or bottom border with a label after the first corner:
// ╭─ label ────╮. The label is styled text; it is truncated to fit.
func edge(bp Paint, left, right, label string, inner int) string {
	var b strings.Builder
	b.Grow(inner*3 + 32)
	if label == "" || inner < 6 {
		b.WriteString(bp.Render(left + text.Repeat("─", inner) + right))
		return b.String()
	}
	label = text.Trunc(label, inner-4)
	lw := ansi.StringWidth(label)
	b.WriteString(bp.Render(left + "─ "))
	b.WriteString(label)
	b.WriteString(bp.Render(" " + text.Repeat("─", inner-3-lw) + right))
	return b.String()
}

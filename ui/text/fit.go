package text

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width is the display width of plain text. Exchange-provided text may hold
// wide characters, so it is measured, never assumed from byte length.
func Width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// Trunc shortens plain or styled text to at most w cells with an ellipsis.
func Trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Fit truncates or pads styled text to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = ansi.StringWidth(s)
	}
	if n < w {
		s += Spaces(w - n)
	}
	return s
}

// PadLeft right-aligns plain text in w cells. Cutting a number from the
// left would change its value, so long text is cut with "…" instead.
func PadLeft(s string, w int) string {
	n := Width(s)
	if n > w {
		return Trunc(s, w)
	}
	return Spaces(w-n) + s
}

// PadRight left-aligns plain text in w cells.
func PadRight(s string, w int) string {
	n := Width(s)
	if n > w {
		return Trunc(s, w)
	}
	return s + Spaces(w-n)
}

// Center centres plain text in w cells.
func Center(s string, w int) string {
	n := Width(s)
	if n >= w {
		return Trunc(s, w)
	}
	left := (w - n) / 2
	return Spaces(left) + s + Spaces(w-n-left)
}

// blank is a run of spaces long enough for any terminal line; Spaces slices
// it instead of allocating.
const blank = "                                                                                                                                                                                                                                                                "

// Spaces returns n spaces.
func Spaces(n int) string {
	if n <= 0 {
		return ""
	}
	if n <= len(blank) {
		return blank[:n]
	}
	return strings.Repeat(" ", n)
}

// Repeat returns s repeated n times (n ≤ 0: empty).
func Repeat(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(s, n)
}

// Strip removes escape sequences, leaving the visible text.
func Strip(s string) string { return ansi.Strip(s) }

// WrapWords breaks plain text into lines of at most w cells at spaces.
func WrapWords(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case Width(line)+1+Width(word) <= w:
			line += " " + word
		default:
			out = append(out, line)
			line = word
		}
		for Width(line) > w {
			out = append(out, Trunc(line, w))
			line = ""
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// WrapAtCommas breaks plain ASCII text (a JSON body) into lines of at most
// w cells, after a comma where one falls in the second half of the line.
func WrapAtCommas(s string, w int) []string {
	var out []string
	for len(s) > w {
		cut := strings.LastIndexByte(s[:w], ',')
		if cut < w/2 {
			cut = w - 1
		}
		out = append(out, s[:cut+1])
		s = s[cut+1:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// Clamp keeps v within [lo, hi]; lo wins when the range is empty.
func Clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

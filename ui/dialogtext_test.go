package ui

import (
	"strings"

	"ladder/ui/text"
)

// dialogText is the open dialog's words as drawn, borders dropped and
// wrapped lines joined, so a test can look for a phrase the box wrapped.
func dialogText(hs *harness) string {
	d := hs.m.currentDialog()
	if d == nil {
		return ""
	}
	var words []string
	for _, l := range d.View(&hs.m) {
		l = strings.Trim(text.Strip(l), "│╭╮╰╯─ ")
		words = append(words, strings.Fields(l)...)
	}
	return strings.Join(words, " ")
}

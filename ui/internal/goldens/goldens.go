// Package goldens is the golden-file check every ui package's view tests
// share: one rendering compared twice, downsampled to the 256-colour
// profile (so colours are fixed whatever the terminal running the tests)
// and stripped to plain text (so a layout change reads in a diff).
// `go test ./ui/... -update` refreshes the files under each package's
// testdata.
package goldens

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"ladder/ui/text"
)

// ANSI256 downsamples rendered output to the 256-colour profile.
func ANSI256(s string) string {
	var buf bytes.Buffer
	w := colorprofile.Writer{Forward: &buf, Profile: colorprofile.ANSI256}
	if _, err := w.WriteString(s); err != nil {
		panic(err)
	}
	return buf.String()
}

// Require checks both the colour and the plain golden of one rendering,
// as the subtests "ansi256" and "plain".
func Require(t *testing.T, out string) {
	t.Helper()
	t.Run("ansi256", func(t *testing.T) { golden.RequireEqual(t, ANSI256(out)) })
	t.Run("plain", func(t *testing.T) { golden.RequireEqual(t, text.Strip(out)) })
}

// RequireLines is Require of a pane's lines, each ended by a newline.
func RequireLines(t *testing.T, lines []string) {
	t.Helper()
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	Require(t, b.String())
}

package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func sgr(t *testing.T, params string) Style {
	t.Helper()
	return applySGR(Style{}, params, DarkPalette())
}

func rgb(r, g, b uint8) Color { return Color{Set: true, RGB: RGB{r, g, b}} }

func TestSGRColours(t *testing.T) {
	cases := []struct {
		params string
		fg, bg Color
	}{
		{"31", Color{true, DarkPalette().ANSI[1]}, Color{}},
		{"97;44", Color{true, DarkPalette().ANSI[15]}, Color{true, DarkPalette().ANSI[4]}},
		{"101", Color{}, Color{true, DarkPalette().ANSI[9]}},
		{"38;5;196", rgb(255, 0, 0), Color{}},
		{"48;5;21", Color{}, rgb(0, 0, 255)},
		{"38;2;135;175;255", rgb(135, 175, 255), Color{}},
		{"38;2;1;2;3;48;2;4;5;6", rgb(1, 2, 3), rgb(4, 5, 6)},
		{"38:2::10:20:30", rgb(10, 20, 30), Color{}},  // ITU form with empty colour space
		{"38:2:0:10:20:30", rgb(10, 20, 30), Color{}}, // ITU form with colour space id
		{"38:2:10:20:30", rgb(10, 20, 30), Color{}},   // common colon form
		{"48:5:232", Color{}, rgb(8, 8, 8)},
		{"38;5;196;1", rgb(255, 0, 0), Color{}},                        // args consumed, then bold
		{"38;2;300;0;0", Color{}, Color{}},                             // out of range: ignored
		{"38;5", Color{}, Color{}},                                     // truncated
		{"38;2;1;2", Color{}, Color{}},                                 // truncated
		{"38;9;1", Color{}, Color{}},                                   // unknown kind
		{"31;39", Color{}, Color{}},                                    // default fg
		{"41;49", Color{}, Color{}},                                    // default bg
		{"58;2;1;2;3;32", Color{true, DarkPalette().ANSI[2]}, Color{}}, // underline colour skipped
	}
	for _, c := range cases {
		st := sgr(t, c.params)
		if st.FG != c.fg || st.BG != c.bg {
			t.Errorf("SGR %q: fg %+v bg %+v, want fg %+v bg %+v", c.params, st.FG, st.BG, c.fg, c.bg)
		}
	}
}

func TestSGRAttributes(t *testing.T) {
	st := sgr(t, "1;3;4;7;9")
	if !st.Bold || !st.Italic || !st.Underline || !st.Reverse || !st.Strike {
		t.Fatalf("1;3;4;7;9 set %+v", st)
	}
	off := applySGR(st, "22;23;24;27;29", DarkPalette())
	if off != (Style{}) {
		t.Errorf("22;23;24;27;29 left %+v", off)
	}
	if st := applySGR(sgr(t, "1;31"), "", DarkPalette()); st != (Style{}) {
		t.Errorf("empty SGR (ESC[m) should reset, got %+v", st)
	}
	if st := applySGR(sgr(t, "1;31"), "0", DarkPalette()); st != (Style{}) {
		t.Errorf("SGR 0 should reset, got %+v", st)
	}
	if st := sgr(t, "4:0"); st.Underline {
		t.Error("4:0 means no underline")
	}
	if st := sgr(t, "4:3"); !st.Underline {
		t.Error("4:3 (curly) is an underline")
	}
	if st := sgr(t, "2"); !st.Dim {
		t.Error("2 is faint")
	}
	if st := sgr(t, ">4;1"); st != (Style{}) {
		t.Errorf("a private CSI ... m is not SGR, got %+v", st)
	}
	for _, junk := range []string{"x", ";;;", "38;", "48:", "38:5:", "38;2;a;b;c", "999999999999999999999"} {
		_ = sgr(t, junk) // must not panic
	}
}

func TestPalette256(t *testing.T) {
	p := DarkPalette()
	cases := map[int]RGB{
		0:   p.ANSI[0],
		9:   p.ANSI[9],
		15:  p.ANSI[15],
		16:  {0, 0, 0},
		21:  {0, 0, 255},
		67:  {95, 135, 175},
		196: {255, 0, 0},
		214: {255, 175, 0},
		231: {255, 255, 255},
		232: {8, 8, 8},
		244: {128, 128, 128},
		255: {238, 238, 238},
	}
	for n, want := range cases {
		if got := p.Color256(n); got != want {
			t.Errorf("colour %d = %v, want %v", n, got, want)
		}
	}
	if got := p.Color256(256); got != p.FG {
		t.Errorf("out of range index should give the default foreground, got %v", got)
	}
}

func TestParseHex(t *testing.T) {
	if c, err := ParseHex("#1d1f21"); err != nil || c != (RGB{0x1d, 0x1f, 0x21}) {
		t.Errorf("ParseHex(#1d1f21) = %v, %v", c, err)
	}
	if c, err := ParseHex("fff"); err != nil || c != (RGB{255, 255, 255}) {
		t.Errorf("ParseHex(fff) = %v, %v", c, err)
	}
	for _, bad := range []string{"", "#12345", "#gggggg"} {
		if _, err := ParseHex(bad); err == nil {
			t.Errorf("ParseHex(%q) accepted", bad)
		}
	}
}

// texts lists each cell's text, "" for continuation cells.
func texts(cells []Cell) []string {
	var out []string
	for _, c := range cells {
		out = append(out, c.Text)
	}
	return out
}

func TestParseCellsAndWidths(t *testing.T) {
	s := Parse("a世b\n╭─╮ ¢\ne\u0301x\n", DarkPalette(), 0, 0)
	if s.Rows != 3 || s.Cols != 5 {
		t.Fatalf("grid %dx%d, want 5x3", s.Cols, s.Rows)
	}
	row := s.Lines[0]
	if got := texts(row); strings.Join(got, "|") != "a|世||b| " {
		t.Errorf("row 0 = %q", got)
	}
	if row[1].Width != 2 || row[2].Width != 0 {
		t.Errorf("wide char widths %d,%d, want 2,0", row[1].Width, row[2].Width)
	}
	for i, c := range s.Lines[1] {
		if c.Width != 1 {
			t.Errorf("box/symbol cell %d (%q) width %d, want 1", i, c.Text, c.Width)
		}
	}
	if got := s.Lines[2][0].Text; got != "e\u0301" {
		t.Errorf("combining mark not joined: %q", got)
	}
	if got := s.Lines[2][1].Text; got != "x" {
		t.Errorf("cell after combined char = %q", got)
	}
}

func TestParseStyleCarriesAcrossLinesAndSkipsOtherEscapes(t *testing.T) {
	in := "\x1b]8;;http://x\x1b\\\x1b[31mA\x1b[2K\x1b]0;title\x07B\nC\x1b[0mD\x1b(B"
	s := Parse(in, DarkPalette(), 4, 2)
	red := Color{true, DarkPalette().ANSI[1]}
	want := []struct {
		text string
		fg   Color
	}{{"A", red}, {"B", red}, {"C", red}, {"D", Color{}}}
	got := append(append([]Cell{}, s.Lines[0][:2]...), s.Lines[1][:2]...)
	for i, w := range want {
		if got[i].Text != w.text || got[i].Style.FG != w.fg {
			t.Errorf("cell %d = %q %+v, want %q %+v", i, got[i].Text, got[i].Style.FG, w.text, w.fg)
		}
	}
}

func TestParseFitsGrid(t *testing.T) {
	s := Parse("abcdef\nxy世\n", DarkPalette(), 3, 3)
	if got := strings.Join(texts(s.Lines[0]), ""); got != "abc" {
		t.Errorf("long line cut to %q", got)
	}
	if c := s.Lines[1][2]; c.Text != " " || c.Width != 1 {
		t.Errorf("half a wide char at the edge should become a blank, got %+v", c)
	}
	if got := strings.Join(texts(s.Lines[2]), ""); got != "   " {
		t.Errorf("missing row should be blank, got %q", got)
	}
	if s := Parse("\tx", DarkPalette(), 0, 0); s.Cols != 9 || s.Lines[0][8].Text != "x" {
		t.Errorf("tab should advance to column 8")
	}
	_ = Parse("\x1b[", DarkPalette(), 0, 0)    // unterminated: no panic
	_ = Parse("\x1b]0;t", DarkPalette(), 0, 0) // unterminated OSC
	_ = Parse("\xff\xfe", DarkPalette(), 0, 0) // invalid UTF-8
	_ = Parse("\x1b", DarkPalette(), 0, 0)
}

func svgOf(t *testing.T, text string, cols, rows int) string {
	t.Helper()
	var b bytes.Buffer
	o := Options{CellW: 10, CellH: 20, Pad: 0, FontFamily: "DejaVu Sans Mono", Palette: DarkPalette()}
	if err := WriteSVG(&b, Parse(text, DarkPalette(), cols, rows), o); err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, b.String())
	return b.String()
}

// checkWellFormed fails unless s parses as XML.
func checkWellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, s)
		}
	}
}

func TestSVGEscapesText(t *testing.T) {
	out := svgOf(t, "<a&b> \"q\" 'x'\x01", 0, 0)
	for _, want := range []string{"&lt;a&amp;b&gt;", "&quot;q&quot;", "&apos;x&apos;"} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<a&b>") || strings.Contains(out, "\x01") {
		t.Error("raw text leaked into the SVG")
	}
	if got := escape("x\x00y\uFFFEz"); got != "xyz" {
		t.Errorf("escape kept characters XML forbids: %q", got)
	}
}

func TestSVGRunsAndGrid(t *testing.T) {
	out := svgOf(t, "ab \x1b[1;31mcd\x1b[0m 世x", 9, 1)
	for _, want := range []string{
		`<tspan x="0" fill="#c5c8c6">ab</tspan>`,                                       // default colour
		`<tspan x="30" fill="#cc6666" font-weight="bold">cd</tspan>`,                   // one run per style, on its cell
		`<tspan x="60" fill="#c5c8c6">世</tspan><tspan x="80" fill="#c5c8c6">x</tspan>`, // a wide char takes two cells
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s:\n%s", want, out)
		}
	}
	if !strings.Contains(out, `width="90" height="20"`) {
		t.Errorf("picture should be 9×1 cells of 10×20 px:\n%s", out)
	}
}

func TestSVGBackgroundsAndReverse(t *testing.T) {
	out := svgOf(t, "\x1b[48;5;21m  \x1b[0m \x1b[7mR\x1b[0m", 4, 1)
	// Two adjacent blue cells merge into one rectangle.
	if !strings.Contains(out, `<rect x="0" y="0" width="20" height="20" fill="#0000ff"/>`) {
		t.Errorf("background not drawn as one merged rect:\n%s", out)
	}
	// Reverse video: default foreground becomes the background and vice versa.
	if !strings.Contains(out, `<rect x="30" y="0" width="10" height="20" fill="#c5c8c6"/>`) ||
		!strings.Contains(out, `<tspan x="30" fill="#1d1f21">R</tspan>`) {
		t.Errorf("reverse video not swapped:\n%s", out)
	}
}

func TestSVGBoxDrawingIsGeometry(t *testing.T) {
	out := svgOf(t, "╭──╮\n│▏█│\n╰━━╯", 4, 3)
	if regexp.MustCompile(`[─│╭╮╰╯━▏█]`).MatchString(out) {
		t.Errorf("box and block characters should be drawn as shapes, not text:\n%s", out)
	}
	if n := strings.Count(out, "<path "); n != 4 {
		t.Errorf("want 4 rounded corners as paths, got %d", n)
	}
	// "──" on row 0 spans cells 1 and 2 as one continuous line.
	if !regexp.MustCompile(`<rect x="10" y="9" width="20" height="1" fill="#c5c8c6"/>`).MatchString(out) {
		t.Errorf("light horizontal line not continuous:\n%s", out)
	}
	// ▏ is one eighth of the cell wide; █ fills it.
	for _, want := range []string{
		`<rect x="10" y="20" width="1" height="20"`,
		`<rect x="20" y="20" width="10" height="20"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks block %s", want)
		}
	}
	// ━ is heavier than ─.
	if !strings.Contains(out, `<rect x="10" y="48" width="20" height="3"`) {
		t.Errorf("heavy line not 3px:\n%s", out)
	}
}

func TestBoxArmsTable(t *testing.T) {
	fields := strings.Fields(boxArms)
	if len(fields) != 0x254B-0x2500+1 {
		t.Fatalf("boxArms has %d entries, want %d", len(fields), 0x254B-0x2500+1)
	}
	if len(strings.Fields(boxArmsHalf)) != 0x257F-0x2574+1 {
		t.Fatal("boxArmsHalf has the wrong length")
	}
	// Spot checks against the Unicode names (arms up, right, down, left).
	spot := map[rune]string{'─': "0101", '┃': "2020", '┌': "0110", '┘': "1001", '├': "1110",
		'┤': "1011", '┬': "0111", '┴': "1101", '┼': "1111", '╋': "2222", '┡': "2210", '╆': "1221"}
	for r, want := range spot {
		if got := fields[r-0x2500]; got != want {
			t.Errorf("%c arms %s, want %s", r, got, want)
		}
	}
}

func TestRunFlagsAndFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "cap.ansi")
	if err := os.WriteFile(in, []byte("\x1b[32mok\x1b[0m\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "cap.svg")
	// Flags may follow the input file, as generate.sh passes them.
	if err := run([]string{"-cols", "4", in, "-palette", "light", "-bg", "#fafafa", "-o", out}, nil, io.Discard); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `fill="#fafafa"`) || !strings.Contains(string(data), ">ok</tspan>") {
		t.Errorf("unexpected SVG:\n%s", data)
	}
	var stdout bytes.Buffer
	if err := run(nil, strings.NewReader("hi"), &stdout); err != nil || !strings.Contains(stdout.String(), ">hi</tspan>") {
		t.Errorf("stdin to stdout: %v\n%s", err, stdout.String())
	}
	for _, bad := range [][]string{{"-palette", "neon"}, {"-fg", "red"}, {"-cell-width", "0"}, {"a", "b"}, {filepath.Join(dir, "missing")}} {
		if err := run(bad, strings.NewReader(""), io.Discard); err == nil {
			t.Errorf("run(%q) should fail", bad)
		}
	}
}

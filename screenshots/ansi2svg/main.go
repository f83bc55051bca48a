// Command ansi2svg draws captured terminal text (`tmux capture-pane -e -p`)
// as an SVG picture of a terminal: a monospace cell grid with the SGR
// colours (16, 256 and 24-bit), bold, italic, faint, reverse, underline and
// strike-through, box-drawing and block characters drawn as shapes so lines
// join, and wide characters kept on the grid. screenshots/generate.sh turns
// the SVG into PNG with rsvg-convert.
//
//	ansi2svg [-cols 120 -rows 40] [-palette dark|light] [-o out.svg] [capture.ansi]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ansi2svg:", err)
		os.Exit(1)
	}
}

// run is main without the process: it parses args, reads the capture from
// the named file or stdin and writes the SVG to -o or stdout.
func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("ansi2svg", flag.ContinueOnError)
	cols := fs.Int("cols", 0, "grid width in cells (0: the longest line)")
	rows := fs.Int("rows", 0, "grid height in cells (0: the number of lines)")
	cellW := fs.Float64("cell-width", 10, "cell width in pixels (the font size follows from it)")
	cellH := fs.Float64("cell-height", 20, "cell height in pixels")
	pad := fs.Float64("pad", 12, "margin around the grid in pixels")
	font := fs.String("font", "DejaVu Sans Mono, monospace", "font-family; metrics assume DejaVu Sans Mono")
	paletteName := fs.String("palette", "dark", "terminal colours: dark or light")
	fg := fs.String("fg", "", "default foreground #rrggbb (overrides the palette's)")
	bg := fs.String("bg", "", "default background #rrggbb (overrides the palette's)")
	out := fs.String("o", "", "output file (default stdout)")
	// Flags may come before or after the input file.
	var inputs []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		inputs = append(inputs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(inputs) > 1 {
		return fmt.Errorf("want at most one input file, got %d", len(inputs))
	}
	if *cols < 0 || *rows < 0 || *cellW <= 0 || *cellH <= 0 || *pad < 0 {
		return fmt.Errorf("sizes must be positive (cols %d rows %d cell %gx%g pad %g)", *cols, *rows, *cellW, *cellH, *pad)
	}
	opts := Options{CellW: *cellW, CellH: *cellH, Pad: *pad, FontFamily: *font}
	switch *paletteName {
	case "dark":
		opts.Palette = DarkPalette()
	case "light":
		opts.Palette = LightPalette()
	default:
		return fmt.Errorf("unknown palette %q (want dark or light)", *paletteName)
	}
	for _, c := range []struct {
		flag string
		dst  *RGB
	}{{*fg, &opts.Palette.FG}, {*bg, &opts.Palette.BG}} {
		if c.flag == "" {
			continue
		}
		rgb, err := ParseHex(c.flag)
		if err != nil {
			return err
		}
		*c.dst = rgb
	}

	in := stdin
	if len(inputs) == 1 {
		f, err := os.Open(inputs[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("reading capture: %w", err)
	}
	screen := Parse(string(data), opts.Palette, *cols, *rows)

	if *out == "" {
		return WriteSVG(stdout, screen, opts)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := WriteSVG(f, screen, opts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

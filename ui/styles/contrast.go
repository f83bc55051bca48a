package styles

import (
	"image/color"
	"math"
)

// The contrast rule. Text must stay readable on whatever it is painted
// on: a size on its depth bar, anything on the cursor row, market data on
// the terminal's own background. Readability is measured as WCAG 2's
// contrast ratio of the two colours' relative luminances, (L1+0.05)/
// (L2+0.05), from 1 (the same colour) to 21 (black on white):
//
//   - MinContrast (4.5, WCAG AA for body text) for every number a trader
//     reads: sizes, prices, my orders, the cursor mark, badges. A terminal
//     cell is small text, so the body-text ratio, not the large-text one,
//     is the honest bar.
//   - MinContrastChrome (3, WCAG AA for large text and for interface
//     components) for secondary text the eye does not have to read at
//     speed: labels, hints, borders.
//
// The sixteen basic ANSI colours are measured in x/ansi's reference
// palette; a terminal with a palette of its own shows other shades, which
// no theme can know.
const (
	MinContrast       = 4.5
	MinContrastChrome = 3.0
)

// Luminance is a colour's relative luminance in WCAG 2's sense: 0 for
// black, 1 for white.
func Luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast is the WCAG 2 contrast ratio of two colours, 1 to 21.
func Contrast(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// readableOn is fg when it contrasts with bg by MinContrast, else
// whichever of black and white contrasts more: the bar's contrasting
// foreground, so a size on its depth bar never vanishes into it.
func readableOn(fg, bg color.Color) color.Color {
	if Contrast(fg, bg) >= MinContrast {
		return fg
	}
	black, white := color.RGBA{A: 0xff}, color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	if Contrast(black, bg) >= Contrast(white, bg) {
		return black
	}
	return white
}

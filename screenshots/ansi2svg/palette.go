package main

import (
	"fmt"
	"strings"
)

// RGB is a 24-bit colour.
type RGB struct{ R, G, B uint8 }

// Hex formats the colour as #rrggbb for SVG attributes.
func (c RGB) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// ParseHex reads #rgb or #rrggbb (the # is optional), so colours can be
// given on the command line.
func ParseHex(s string) (RGB, error) {
	h := strings.TrimPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var c RGB
	if len(h) != 6 {
		return c, fmt.Errorf("colour %q: want #rrggbb", s)
	}
	if _, err := fmt.Sscanf(h, "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("colour %q: want #rrggbb", s)
	}
	return c, nil
}

// Palette is the terminal's colour set: the 16 ANSI colours (which every
// terminal chooses for itself) plus the default foreground and background.
type Palette struct {
	ANSI   [16]RGB
	FG, BG RGB
}

// DarkPalette is the "Tomorrow Night" scheme: a dark background that the
// dashboard's dark theme was designed against.
func DarkPalette() Palette {
	return Palette{
		ANSI: [16]RGB{
			{0x00, 0x00, 0x00}, {0xcc, 0x66, 0x66}, {0xb5, 0xbd, 0x68}, {0xf0, 0xc6, 0x74},
			{0x81, 0xa2, 0xbe}, {0xb2, 0x94, 0xbb}, {0x8a, 0xbe, 0xb7}, {0xc5, 0xc8, 0xc6},
			{0x66, 0x66, 0x66}, {0xd5, 0x4e, 0x53}, {0xb9, 0xca, 0x4a}, {0xe7, 0xc5, 0x47},
			{0x7a, 0xa6, 0xda}, {0xc3, 0x97, 0xd8}, {0x70, 0xc0, 0xb1}, {0xea, 0xea, 0xea},
		},
		FG: RGB{0xc5, 0xc8, 0xc6},
		BG: RGB{0x1d, 0x1f, 0x21},
	}
}

// Color256 resolves an xterm 256-colour index: 0–15 from the palette,
// 16–231 the 6×6×6 cube, 232–255 the grey ramp.
func (p Palette) Color256(n int) RGB {
	switch {
	case n < 0:
		return p.FG
	case n < 16:
		return p.ANSI[n]
	case n < 232:
		n -= 16
		return RGB{cubeLevel(n / 36), cubeLevel(n / 6 % 6), cubeLevel(n % 6)}
	case n < 256:
		g := uint8(8 + 10*(n-232))
		return RGB{g, g, g}
	default:
		return p.FG
	}
}

// cubeLevel is xterm's intensity for one axis of the colour cube.
func cubeLevel(i int) uint8 {
	if i == 0 {
		return 0
	}
	return uint8(55 + 40*i)
}

// LightPalette is the "Tomorrow" scheme, for themes meant for light
// terminal backgrounds.
func LightPalette() Palette {
	return Palette{
		ANSI: [16]RGB{
			{0x00, 0x00, 0x00}, {0xc8, 0x28, 0x29}, {0x71, 0x8c, 0x00}, {0xea, 0xb7, 0x00},
			{0x42, 0x71, 0xae}, {0x89, 0x59, 0xa8}, {0x3e, 0x99, 0x9f}, {0xd6, 0xd6, 0xd6},
			{0x8e, 0x90, 0x8c}, {0xc8, 0x28, 0x29}, {0x71, 0x8c, 0x00}, {0xea, 0xb7, 0x00},
			{0x42, 0x71, 0xae}, {0x89, 0x59, 0xa8}, {0x3e, 0x99, 0x9f}, {0xff, 0xff, 0xff},
		},
		FG: RGB{0x4d, 0x4d, 0x4c},
		BG: RGB{0xff, 0xff, 0xff},
	}
}

package main

import (
	"fmt"
	"math"
)

// Rect is an axis-aligned filled rectangle in pixels.
type Rect struct {
	X, Y, W, H float64
	Fill       RGB
	Opacity    float64 // 0 means opaque
}

// cellBox is the pixel rectangle of one cell.
type cellBox struct{ x, y, w, h float64 }

// boxArms gives, for U+2500–U+254B in order, the weight of the up, right,
// down and left arms (0 none, 1 light, 2 heavy), one 4-digit group per
// character. "...." marks the dashed lines, which are left to the font.
const boxArms = "0101 0202 1010 2020 .... .... .... .... .... .... .... .... 0110 0210 0120 0220 " +
	"0011 0012 0021 0022 1100 1200 2100 2200 1001 1002 2001 2002 1110 1210 2110 1120 " +
	"2120 2210 1220 2220 1011 1012 2011 1021 2021 2012 1022 2022 0111 0112 0211 0212 " +
	"0121 0122 0221 0222 1101 1102 1201 1202 2101 2102 2201 2202 1111 1112 1211 1212 " +
	"2111 1121 2121 2112 2211 1122 1221 2212 1222 2122 2221 2222"

// boxArmsHalf is the same for the half lines U+2574–U+257F.
const boxArmsHalf = "0001 1000 0100 0010 0002 2000 0200 0020 0201 1020 0102 2010"

// Shapes is what draws one box or block character: filled rectangles and,
// for rounded corners, a path to be stroked.
type Shapes struct {
	Rects    []Rect
	Arc      string
	ArcWidth float64
	ArcColor RGB
}

// boxShapes returns the geometry that draws r in cell b, and false when r
// is not drawn by geometry (so the font draws it). Drawing box and block
// characters as shapes, as most modern terminals do, keeps lines
// continuous across cells whatever the font's line height.
func boxShapes(r rune, b cellBox, fg RGB) (Shapes, bool) {
	switch {
	case r >= 0x2500 && r <= 0x254B:
		i := int(r-0x2500) * 5
		return armRects(boxArms[i:i+4], b, fg)
	case r >= 0x2574 && r <= 0x257F:
		i := int(r-0x2574) * 5
		return armRects(boxArmsHalf[i:i+4], b, fg)
	case r >= 0x256D && r <= 0x2570:
		return Shapes{Arc: arcPath(r, b), ArcWidth: lineWidth('1', b), ArcColor: fg}, true
	case r >= 0x2580 && r <= 0x259F:
		return Shapes{Rects: blockRects(r, b, fg)}, true
	}
	return Shapes{}, false
}

// lineWidth is the thickness of a light ('1') or heavy ('2') line.
func lineWidth(weight byte, b cellBox) float64 {
	light := math.Max(1, math.Round(b.w/10))
	if weight == '2' {
		return light*2 + 1
	}
	return light
}

// lineStart is the offset at which a line of thickness t starts so that it
// sits centred, on whole pixels, in a span of length n.
func lineStart(n, t float64) float64 { return math.Floor((n - t) / 2) }

// armRects draws the arms given as weights "urdl". A straight line
// through the cell (left and right, or up and down, of equal weight) is one
// rectangle, so that a row of ─ merges into one; any other arm runs from
// the cell edge to the far side of the lines it meets, so joints close
// without poking out.
func armRects(arms string, b cellBox, fg RGB) (Shapes, bool) {
	if arms[0] == '.' {
		return Shapes{}, false
	}
	up, right, down, left := arms[0], arms[1], arms[2], arms[3]
	thick := func(weight byte) float64 {
		if weight == '0' {
			return 0
		}
		return lineWidth(weight, b)
	}
	// meet is the span, across the cell, of the thickest line among the
	// perpendicular arms (or of the arm's own thickness if there are none).
	meet := func(origin, n, perp, own float64) (lo, hi float64) {
		if perp == 0 {
			perp = own
		}
		lo = origin + lineStart(n, perp)
		return lo, lo + perp
	}
	vmax := max(thick(up), thick(down))
	hmax := max(thick(left), thick(right))
	vert := func(weight byte, y0, y1 float64) Rect {
		t := thick(weight)
		return Rect{X: b.x + lineStart(b.w, t), Y: y0, W: t, H: y1 - y0, Fill: fg}
	}
	horiz := func(weight byte, x0, x1 float64) Rect {
		t := thick(weight)
		return Rect{X: x0, Y: b.y + lineStart(b.h, t), W: x1 - x0, H: t, Fill: fg}
	}
	var rs []Rect
	if left != '0' && left == right {
		rs = append(rs, horiz(left, b.x, b.x+b.w))
	} else {
		if left != '0' {
			_, hi := meet(b.x, b.w, vmax, thick(left))
			rs = append(rs, horiz(left, b.x, hi))
		}
		if right != '0' {
			lo, _ := meet(b.x, b.w, vmax, thick(right))
			rs = append(rs, horiz(right, lo, b.x+b.w))
		}
	}
	if up != '0' && up == down {
		rs = append(rs, vert(up, b.y, b.y+b.h))
	} else {
		if up != '0' {
			_, hi := meet(b.y, b.h, hmax, thick(up))
			rs = append(rs, vert(up, b.y, hi))
		}
		if down != '0' {
			lo, _ := meet(b.y, b.h, hmax, thick(down))
			rs = append(rs, vert(down, lo, b.y+b.h))
		}
	}
	return Shapes{Rects: rs}, true
}

// arcPath is the centre line of a rounded corner (╭ ╮ ╯ ╰), placed where
// the light lines it joins are drawn: from the horizontal edge of the cell
// to the vertical one through a quarter circle.
func arcPath(r rune, b cellBox) string {
	t := lineWidth('1', b)
	cx := b.x + lineStart(b.w, t) + t/2
	cy := b.y + lineStart(b.h, t) + t/2
	rad := math.Min(b.w, b.h) / 2
	right := r == 0x256D || r == 0x2570 // the horizontal arm goes right
	down := r == 0x256D || r == 0x256E  // the vertical arm goes down
	edgeX, hx := b.x, cx-rad
	if right {
		edgeX, hx = b.x+b.w, cx+rad
	}
	edgeY, vy := b.y, cy-rad
	if down {
		edgeY, vy = b.y+b.h, cy+rad
	}
	// Travelling from the horizontal arm into the vertical one (y grows
	// downwards), the turn is anticlockwise for ╭ and ╯, clockwise for ╮ and ╰.
	sweep := 0
	if right != down {
		sweep = 1
	}
	return fmt.Sprintf("M%s %sH%sA%s %s 0 0 %d %s %sV%s",
		num(edgeX), num(cy), num(hx), num(rad), num(rad), sweep, num(cx), num(vy), num(edgeY))
}

// blockRects draws the block elements U+2580–U+259F: halves, eighths,
// shades and quadrants.
func blockRects(r rune, b cellBox, fg RGB) []Rect {
	eighthW := func(k int) float64 { return math.Max(1, math.Round(b.w*float64(k)/8)) }
	eighthH := func(k int) float64 { return math.Max(1, math.Round(b.h*float64(k)/8)) }
	full := Rect{X: b.x, Y: b.y, W: b.w, H: b.h, Fill: fg}
	switch {
	case r == 0x2580: // ▀
		return []Rect{{X: b.x, Y: b.y, W: b.w, H: eighthH(4), Fill: fg}}
	case r >= 0x2581 && r <= 0x2588: // ▁ … █ lower eighths
		h := eighthH(int(r - 0x2580))
		return []Rect{{X: b.x, Y: b.y + b.h - h, W: b.w, H: h, Fill: fg}}
	case r >= 0x2589 && r <= 0x258F: // ▉ … ▏ left eighths
		return []Rect{{X: b.x, Y: b.y, W: eighthW(int(0x2590 - r)), H: b.h, Fill: fg}}
	case r == 0x2590: // ▐
		w := eighthW(4)
		return []Rect{{X: b.x + b.w - w, Y: b.y, W: w, H: b.h, Fill: fg}}
	case r >= 0x2591 && r <= 0x2593: // ░ ▒ ▓
		full.Opacity = float64(r-0x2590) / 4
		return []Rect{full}
	case r == 0x2594: // ▔
		return []Rect{{X: b.x, Y: b.y, W: b.w, H: eighthH(1), Fill: fg}}
	case r == 0x2595: // ▕
		w := eighthW(1)
		return []Rect{{X: b.x + b.w - w, Y: b.y, W: w, H: b.h, Fill: fg}}
	default: // quadrants U+2596–U+259F
		return quadrantRects(r, b, fg)
	}
}

// quadrantRects draws ▖▗▘▙▚▛▜▝▞▟. Bits: 1 upper left, 2 upper right,
// 4 lower left, 8 lower right.
func quadrantRects(r rune, b cellBox, fg RGB) []Rect {
	const masks = "\x04\x08\x01\x0d\x09\x07\x0b\x02\x06\x0e" // U+2596…U+259F
	mask := masks[r-0x2596]
	hw, hh := math.Round(b.w/2), math.Round(b.h/2)
	var rs []Rect
	for bit, q := range [4]Rect{
		{X: b.x, Y: b.y, W: hw, H: hh},
		{X: b.x + hw, Y: b.y, W: b.w - hw, H: hh},
		{X: b.x, Y: b.y + hh, W: hw, H: b.h - hh},
		{X: b.x + hw, Y: b.y + hh, W: b.w - hw, H: b.h - hh},
	} {
		if mask&(1<<bit) != 0 {
			q.Fill = fg
			rs = append(rs, q)
		}
	}
	return rs
}

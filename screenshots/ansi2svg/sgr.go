package main

import (
	"strconv"
	"strings"
)

// applySGR applies the parameters of one SGR sequence (the text between
// "ESC [" and "m") to st. Parameters are separated by ';', and a parameter
// may carry ':'-separated sub-parameters (ITU T.416 colours such as
// 38:2::r:g:b, underline styles such as 4:3). Unknown or malformed
// parameters are ignored, as a terminal would.
func applySGR(st Style, params string, pal Palette) Style {
	if params == "" {
		return Style{}
	}
	if strings.ContainsAny(params, "<=>?") {
		return st // private sequences that end in 'm' (e.g. XTMODKEYS) are not SGR
	}
	fields := strings.Split(params, ";")
	for i := 0; i < len(fields); i++ {
		sub := strings.Split(fields[i], ":")
		code, ok := atoi(sub[0], 0)
		if !ok {
			continue
		}
		switch {
		case code == 0:
			st = Style{}
		case code == 1:
			st.Bold = true
		case code == 2:
			st.Dim = true
		case code == 3:
			st.Italic = true
		case code == 4:
			style, _ := atoi(at(sub, 1), 1)
			st.Underline = style != 0
		case code == 7:
			st.Reverse = true
		case code == 8:
			st.Invisible = true
		case code == 9:
			st.Strike = true
		case code == 21:
			st.Underline = true // double underline
		case code == 22:
			st.Bold, st.Dim = false, false
		case code == 23:
			st.Italic = false
		case code == 24:
			st.Underline = false
		case code == 27:
			st.Reverse = false
		case code == 28:
			st.Invisible = false
		case code == 29:
			st.Strike = false
		case code >= 30 && code <= 37:
			st.FG = Color{true, pal.ANSI[code-30]}
		case code == 39:
			st.FG = Color{}
		case code >= 40 && code <= 47:
			st.BG = Color{true, pal.ANSI[code-40]}
		case code == 49:
			st.BG = Color{}
		case code >= 90 && code <= 97:
			st.FG = Color{true, pal.ANSI[code-90+8]}
		case code >= 100 && code <= 107:
			st.BG = Color{true, pal.ANSI[code-100+8]}
		case code == 38 || code == 48 || code == 58:
			var c Color
			var used int
			if len(sub) > 1 {
				c = extendedColor(sub[1:], true, pal)
			} else {
				c, used = extendedColorArgs(fields[i+1:], pal)
				i += used
			}
			switch code {
			case 38:
				st.FG = c
			case 48:
				st.BG = c
			} // 58 (underline colour) is consumed but not drawn
		}
	}
	return st
}

// extendedColorArgs reads the arguments of a ';'-separated extended colour
// (5;n or 2;r;g;b) and reports how many fields it consumed.
func extendedColorArgs(rest []string, pal Palette) (Color, int) {
	if len(rest) == 0 {
		return Color{}, 0
	}
	switch rest[0] {
	case "5":
		if len(rest) < 2 {
			return Color{}, len(rest)
		}
		return extendedColor(rest[:2], false, pal), 2
	case "2":
		if len(rest) < 4 {
			return Color{}, len(rest)
		}
		return extendedColor(rest[:4], false, pal), 4
	default:
		return Color{}, 1
	}
}

// extendedColor decodes "5 n" or "2 r g b". In the ':' form a colour-space
// id may precede r,g,b (38:2::r:g:b or 38:2:0:r:g:b), so with colonForm
// the last three values are taken. A bad value yields the default colour.
func extendedColor(args []string, colonForm bool, pal Palette) Color {
	switch at(args, 0) {
	case "5":
		n, ok := atoi(at(args, 1), -1)
		if !ok || n < 0 || n > 255 {
			return Color{}
		}
		return Color{true, pal.Color256(n)}
	case "2":
		vals := args[1:]
		if colonForm && len(vals) > 3 {
			vals = vals[len(vals)-3:]
		}
		if len(vals) != 3 {
			return Color{}
		}
		var rgb [3]uint8
		for k, v := range vals {
			n, ok := atoi(v, -1)
			if !ok || n < 0 || n > 255 {
				return Color{}
			}
			rgb[k] = uint8(n)
		}
		return Color{true, RGB{rgb[0], rgb[1], rgb[2]}}
	}
	return Color{}
}

// atoi parses a decimal parameter; an empty one takes the default def.
func atoi(s string, def int) (int, bool) {
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// at returns s[i], or "" when s is too short.
func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

package themes

import (
	"fmt"
	"strings"
)

// Names of the built-in themes.
const (
	NameDark         = "dark"
	NameLight        = "light"
	NameHighContrast = "high-contrast"
	NameMono         = "mono"
)

// DefaultName is the theme used when nothing else is chosen and NO_COLOR is
// not set.
const DefaultName = NameDark

// builders lists the themes in cycling order. It is never mutated; each call
// builds a fresh Theme, so callers cannot share state through it.
var builders = [...]func() Theme{dark, light, highContrast, mono}

// Names returns the theme names in cycling order.
func Names() []string {
	names := make([]string, len(builders))
	for i, build := range builders {
		names[i] = build().Name
	}
	return names
}

// ByName returns the named theme. Names are matched case-insensitively,
// ignoring surrounding spaces, so hand-written config values still work.
func ByName(name string) (Theme, error) {
	want := strings.ToLower(strings.TrimSpace(name))
	for _, build := range builders {
		if t := build(); t.Name == want {
			return t, nil
		}
	}
	return Theme{}, fmt.Errorf("unknown theme %q (choose one of: %s)", name, strings.Join(Names(), ", "))
}

// Next returns the name of the theme after name, wrapping around; it is what
// the theme key cycles through. An unknown name starts the cycle again at the
// first theme.
func Next(name string) string {
	names := Names()
	want := strings.ToLower(strings.TrimSpace(name))
	for i, n := range names {
		if n == want {
			return names[(i+1)%len(names)]
		}
	}
	return names[0]
}

// NextMono is Next among the themes without colour, for a terminal that
// is sent none (NO_COLOR); a colour theme's successor is the first of them.
func NextMono(name string) string {
	var names []string
	for _, build := range builders {
		if t := build(); t.Mono {
			names = append(names, t.Name)
		}
	}
	want := strings.ToLower(strings.TrimSpace(name))
	for i, n := range names {
		if n == want {
			return names[(i+1)%len(names)]
		}
	}
	return names[0]
}

// Default returns the theme to use when neither a flag nor the config file
// chooses one. Pass os.Getenv("NO_COLOR") != "": NO_COLOR asks for no colour
// at all, so the answer is then the mono theme. An explicit choice by flag or
// config should win over NO_COLOR, as no-color.org recommends.
func Default(noColor bool) Theme {
	if noColor {
		return mono()
	}
	return dark()
}

package themes

import (
	"image/color"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// tokens returns every colour of t by field name, badges as "Badge.Fg" and
// "Badge.Bg", found by reflection so a token added later is covered too.
func tokens(t Theme) map[string]color.Color {
	out := map[string]color.Color{}
	v := reflect.ValueOf(t)
	colorType := reflect.TypeFor[color.Color]()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		switch {
		case f.Type == colorType:
			c, _ := v.Field(i).Interface().(color.Color)
			out[f.Name] = c
		case f.Type == reflect.TypeFor[Badge]():
			b := v.Field(i).Interface().(Badge)
			out[f.Name+".Fg"] = b.Fg
			out[f.Name+".Bg"] = b.Bg
		}
	}
	return out
}

func allThemes(t *testing.T) []Theme {
	t.Helper()
	var all []Theme
	for _, name := range Names() {
		th, err := ByName(name)
		if err != nil {
			t.Fatalf("ByName(%q): %v", name, err)
		}
		all = append(all, th)
	}
	return all
}

func TestEveryThemeSetsEveryToken(t *testing.T) {
	for _, th := range allThemes(t) {
		toks := tokens(th)
		if len(toks) < 30 {
			t.Fatalf("%s: only %d tokens found; reflection broken?", th.Name, len(toks))
		}
		for name, c := range toks {
			if c == nil {
				t.Errorf("%s: token %s is nil", th.Name, name)
				continue
			}
			_, isNone := c.(lipgloss.NoColor)
			if th.Mono && !isNone {
				t.Errorf("%s: mono token %s is a colour (%v); mono must use attributes only", th.Name, name, c)
			}
			if !th.Mono && isNone {
				t.Errorf("%s: token %s is NoColor in a colour theme", th.Name, name)
			}
		}
	}
}

func TestRequiredThemesExistAndNamesAreUnique(t *testing.T) {
	names := Names()
	for _, want := range []string{NameDark, NameLight, NameHighContrast, NameMono} {
		if !slices.Contains(names, want) {
			t.Errorf("Names() = %v, missing %q", names, want)
		}
	}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Errorf("duplicate theme name %q", n)
		}
		seen[n] = true
	}
	for _, th := range allThemes(t) {
		if th.Mono != (th.Name == NameMono) {
			t.Errorf("%s: Mono = %v", th.Name, th.Mono)
		}
	}
}

func TestByName(t *testing.T) {
	th, err := ByName("  High-Contrast ")
	if err != nil || th.Name != NameHighContrast {
		t.Fatalf("ByName(High-Contrast) = %q, %v", th.Name, err)
	}
	_, err = ByName("solarized")
	if err == nil {
		t.Fatal("ByName(solarized) succeeded")
	}
	for _, want := range append(Names(), `"solarized"`) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestNextCyclesThroughEveryTheme(t *testing.T) {
	names := Names()
	name := DefaultName
	var visited []string
	for range names {
		visited = append(visited, name)
		name = Next(name)
	}
	if name != DefaultName {
		t.Errorf("after %d steps Next returned %q, want back at %q", len(names), name, DefaultName)
	}
	slices.Sort(visited)
	sorted := slices.Sorted(slices.Values(names))
	if !slices.Equal(visited, sorted) {
		t.Errorf("cycle visited %v, want every theme %v", visited, sorted)
	}
	if got := Next("no-such-theme"); got != names[0] {
		t.Errorf("Next(unknown) = %q, want %q", got, names[0])
	}
}

func TestDefaultHonoursNoColor(t *testing.T) {
	if got := Default(false); got.Name != DefaultName || got.Mono {
		t.Errorf("Default(false) = %q mono=%v", got.Name, got.Mono)
	}
	if got := Default(true); got.Name != NameMono || !got.Mono {
		t.Errorf("Default(true) = %q mono=%v", got.Name, got.Mono)
	}
}

func TestThemesAreFreshValues(t *testing.T) {
	a, _ := ByName(NameDark)
	a.Bid = lipgloss.Color("#123456")
	b, _ := ByName(NameDark)
	if b.Bid == a.Bid {
		t.Error("changing one theme value changed another")
	}
}

// TestColoursStayDistinctWhenDownsampled checks what a 16-colour terminal
// (the worst case lipgloss downsamples to) would show: pairs that carry
// meaning must not collapse into one colour, and text must not vanish into
// its background.
func TestColoursStayDistinctWhenDownsampled(t *testing.T) {
	to16 := func(c color.Color) ansi.BasicColor { return ansi.Convert16(c) }
	for _, th := range allThemes(t) {
		if th.Mono {
			continue
		}
		differ := func(what string, a, b color.Color) {
			t.Helper()
			if to16(a) == to16(b) {
				t.Errorf("%s: %s collapse to ANSI colour %d on 16-colour terminals", th.Name, what, to16(a))
			}
			if ansi.Convert256(a) == ansi.Convert256(b) {
				t.Errorf("%s: %s collapse to the same 256-colour index", th.Name, what)
			}
		}
		differ("Bid and Ask", th.Bid, th.Ask)
		differ("BidBar and AskBar", th.BidBar, th.AskBar)
		differ("TradeUp and TradeDown", th.TradeUp, th.TradeDown)
		differ("Warning and Error", th.Warning, th.Error)
		differ("Cursor and Best", th.Cursor, th.Best)
		for _, bg := range []struct {
			name string
			c    color.Color
		}{{"Cursor", th.Cursor}, {"Best", th.Best}} {
			differ("Text on "+bg.name, th.Text, bg.c)
			differ("Bid on "+bg.name, th.Bid, bg.c)
			differ("Ask on "+bg.name, th.Ask, bg.c)
			differ("OwnOrder on "+bg.name, th.OwnOrder, bg.c)
		}
		badges := map[string]Badge{"SimBadge": th.SimBadge, "DemoBadge": th.DemoBadge, "ProdBadge": th.ProdBadge, "Locked": th.Locked}
		for name, b := range badges {
			differ(name+" Fg and Bg", b.Fg, b.Bg)
		}
		differ("SimBadge and DemoBadge", th.SimBadge.Bg, th.DemoBadge.Bg)
		differ("SimBadge and ProdBadge", th.SimBadge.Bg, th.ProdBadge.Bg)
		differ("DemoBadge and ProdBadge", th.DemoBadge.Bg, th.ProdBadge.Bg)
		if bg := to16(th.ProdBadge.Bg); bg != ansi.BrightRed {
			t.Errorf("%s: PROD badge background is ANSI %d, want bright red", th.Name, bg)
		}
		// Bright white, or black where white on the theme's red is short of
		// the contrast rule (ui/styles/contrast.go).
		if fg := to16(th.ProdBadge.Fg); fg != ansi.BrightWhite && fg != ansi.Black {
			t.Errorf("%s: PROD badge text is ANSI %d, want bright white or black", th.Name, fg)
		}
	}
}

// TestTextIsVisibleOnTheIntendedBackground: dark themes assume a black-ish
// terminal, light a white-ish one; no foreground, and no background we paint
// (cursor, best level, depth bars), may downsample to that background.
func TestTextIsVisibleOnTheIntendedBackground(t *testing.T) {
	painted := []string{"Bid", "Ask", "OwnOrder", "Fill", "Last", "TradeUp", "TradeDown", "Spread",
		"Stale", "Warning", "Error", "OK", "Text", "Subtle", "Accent", "Border", "FocusBorder", "Header",
		"Cursor", "Best", "BidBar", "AskBar"}
	for _, th := range allThemes(t) {
		if th.Mono {
			continue
		}
		invisible := []ansi.BasicColor{ansi.Black}
		if th.Name == NameLight {
			invisible = []ansi.BasicColor{ansi.White, ansi.BrightWhite}
		}
		toks := tokens(th)
		for _, name := range painted {
			if c := ansi.Convert16(toks[name]); slices.Contains(invisible, c) {
				t.Errorf("%s: %s downsamples to ANSI %d, invisible on the terminal background", th.Name, name, c)
			}
		}
	}
}

func TestHighContrastUsesOnlyBasicColours(t *testing.T) {
	th, _ := ByName(NameHighContrast)
	for name, c := range tokens(th) {
		if _, ok := c.(ansi.BasicColor); !ok {
			t.Errorf("high-contrast: %s is %T, want a basic ANSI colour", name, c)
		}
	}
}

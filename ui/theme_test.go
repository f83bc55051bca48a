package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"ladder/themes"
)

// With no theme chosen, the terminal's background picks dark or light; a
// chosen theme (flag, config, NO_COLOR's mono, the theme key) wins.

func TestLightBackgroundPicksTheLightTheme(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = themes.Theme{} })
	if got := hs.m.opts.Theme.Name; got != themes.NameDark {
		t.Fatalf("before the answer: theme %q, want dark", got)
	}
	hs.send(tea.BackgroundColorMsg{Color: color.RGBA{R: 0xfa, G: 0xfa, B: 0xf0, A: 0xff}})
	if got := hs.m.opts.Theme.Name; got != themes.NameLight {
		t.Fatalf("on a light background: theme %q, want light", got)
	}
	if hs.m.st.Theme.Name != themes.NameLight {
		t.Fatalf("styles not rebuilt for the light theme: %q", hs.m.st.Theme.Name)
	}
	// Only the first answer decides.
	hs.send(tea.BackgroundColorMsg{Color: color.Black})
	if got := hs.m.opts.Theme.Name; got != themes.NameLight {
		t.Fatalf("a second answer changed the theme to %q", got)
	}
}

func TestDarkBackgroundKeepsTheDarkTheme(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = themes.Theme{} })
	hs.send(tea.BackgroundColorMsg{Color: color.RGBA{R: 0x1c, G: 0x1c, B: 0x1c, A: 0xff}})
	if got := hs.m.opts.Theme.Name; got != themes.NameDark {
		t.Fatalf("on a dark background: theme %q, want dark", got)
	}
}

func TestChosenThemeWinsOverTheBackground(t *testing.T) {
	mono, err := themes.ByName(themes.NameMono)
	if err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = mono })
	hs.send(tea.BackgroundColorMsg{Color: color.White})
	if got := hs.m.opts.Theme.Name; got != themes.NameMono {
		t.Fatalf("a chosen theme was replaced by %q", got)
	}
	// The theme key before the answer is a choice too.
	hs = newHarness(t, 120, 40, func(o *Options) { o.Theme = themes.Theme{} })
	hs.press("t")
	picked := hs.m.opts.Theme.Name
	hs.send(tea.BackgroundColorMsg{Color: color.White})
	if got := hs.m.opts.Theme.Name; got != picked {
		t.Fatalf("the background replaced the theme picked with the key (%q) by %q", picked, got)
	}
}

func TestNoThemeAsksTheTerminalAtStart(t *testing.T) {
	hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = themes.Theme{} })
	if !hs.m.autoTheme {
		t.Fatal("no theme chosen, but the dashboard does not wait for the background")
	}
	chosen := newHarness(t, 120, 40, nil)
	if chosen.m.autoTheme {
		t.Fatal("a chosen theme still waits for the background")
	}
}

// Regression: under NO_COLOR the theme key cycled into the colour themes,
// which the terminal then drew without colour (and without a cursor row).
func TestNoColorKeepsTheThemeKeyWithinMonochromeThemes(t *testing.T) {
	dark, _ := themes.ByName(themes.NameDark)
	hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = dark; o.NoColor = true })
	if !hs.m.opts.Theme.Mono {
		t.Fatalf("NO_COLOR with a colour theme chosen: theme %q, want a mono one", hs.m.opts.Theme.Name)
	}
	for range 5 {
		hs.press("t")
		if !hs.m.opts.Theme.Mono || !hs.m.st.Theme.Mono {
			t.Fatalf("the theme key reached %q under NO_COLOR", hs.m.opts.Theme.Name)
		}
	}
	if !strings.Contains(hs.m.notice.text, "NO_COLOR") {
		t.Errorf("the theme key says nothing about NO_COLOR: %q", hs.m.notice.text)
	}
}

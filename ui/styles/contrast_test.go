package styles

import (
	"strings"
	"testing"

	"ladder/themes"
)

// The contrast rule (contrast.go) over every colour theme: each
// foreground the styles paint on a background — sizes on their depth bars,
// everything on the cursor row, text on the terminal's own background,
// badges — reaches its minimum ratio.
func TestEveryThemeKeepsTheContrastRule(t *testing.T) {
	for _, name := range themes.Names() {
		th, err := themes.ByName(name)
		if err != nil {
			t.Fatal(err)
		}
		st := New(th)
		if th.Mono {
			if len(st.Pairs) != 0 {
				t.Errorf("mono paints %d colour pairs", len(st.Pairs))
			}
			continue
		}
		if len(st.Pairs) < 40 {
			t.Fatalf("%s: only %d pairs noted", name, len(st.Pairs))
		}
		for _, p := range st.Pairs {
			if c := Contrast(p.Fg, p.Bg); c < p.Min {
				t.Errorf("%s: %s is %.2f:1, under %.1f:1", name, p.What, c, p.Min)
			}
		}
	}
}

// Regression: in high-contrast, sizes on depth bars were bright green on
// green and bright red on red ("68" vanished); in light, the best ask was
// red on a pink bar.
func TestSizesOnDepthBarsAreReadable(t *testing.T) {
	for _, name := range []string{themes.NameDark, themes.NameLight, themes.NameHighContrast} {
		th, _ := themes.ByName(name)
		st := New(th)
		n := 0
		for _, p := range st.Pairs {
			if strings.Contains(p.What, "on its bar") {
				n++
				if c := Contrast(p.Fg, p.Bg); c < MinContrast {
					t.Errorf("%s: %s %.2f:1", name, p.What, c)
				}
			}
		}
		if n != 4 {
			t.Errorf("%s: %d bar pairs, want 4 (bid, ask, best bid, best ask)", name, n)
		}
	}
}

func TestContrastOfBlackAndWhite(t *testing.T) {
	th, _ := themes.ByName(themes.NameLight)
	dark, _ := themes.ByName(themes.NameDark)
	if c := Contrast(dark.Background, th.Background); c < 20.9 || c > 21.1 {
		t.Errorf("black on white = %.2f, want 21", c)
	}
}

// The mono cursor row is reverse video, and so are the blank cells
// between its columns: without colour the row is still one visible band.
func TestMonoCursorRowIsReverseVideo(t *testing.T) {
	th, _ := themes.ByName(themes.NameMono)
	st := New(th)
	for what, p := range map[string]Paint{
		"blank cell": st.Cursor, "price": st.Ladder.Price.OnCursor, "gap": st.Ladder.Gap,
		"cursor mark": st.Ladder.CursorMark.OnCursor, "bid size": st.Ladder.BidSize.OnCursor,
	} {
		if !strings.Contains(p.Prefix(), "7") {
			t.Errorf("mono %s on the cursor row is %q, not reverse video", what, p.Prefix())
		}
	}
}

// Regression: mono underlines ran across padding ("___Above 3.50%").
func TestUnderlineStopsAtThePadding(t *testing.T) {
	th, _ := themes.ByName(themes.NameMono)
	st := New(th)
	got := st.Ask.Render("   12.5  ")
	if !strings.HasPrefix(got, "\x1b[m   ") && !strings.HasPrefix(got, "   ") {
		t.Errorf("padding before the text is underlined: %q", got)
	}
	if i := strings.Index(got, "12.5"); i < 0 || !strings.Contains(got[:i], "4m") {
		t.Errorf("text not underlined: %q", got)
	}
	if tail := got[strings.Index(got, "12.5")+4:]; strings.Contains(tail, "4m") {
		t.Errorf("padding after the text is underlined: %q", got)
	}
}

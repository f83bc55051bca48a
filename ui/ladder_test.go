package ui

import (
	"image/color"
	"ladder/model"
	"ladder/themes"
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"slices"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestWideLadderShowsCumulativeDepth(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openFed()
	lp := hs.m.activeLadder()
	if w, _ := lp.Size(); ladder.ColsFor(w-2, ladder.Want{}).Cum == 0 {
		t.Fatalf("ladder %d wide: columns %+v", w, ladder.ColsFor(w-2, ladder.Want{}))
	}
	scr := hs.screen()
	if !strings.Contains(scr, "Σbids") || !strings.Contains(scr, "Σasks") {
		t.Fatalf("no cumulative depth header:\n%s", scr)
	}
	// Bids 120 at 55¢ and 340 at 54¢: 460 to sweep down to 54¢. Offers 80
	// at 57¢ and 260 at 58¢: 340 up to 58¢.
	for price, want := range map[string][2]string{"0.54": {"460", "340"}, "0.58": {"", "340"}} {
		row := ladderRow(t, hs, price)
		if want[0] != "" && !strings.Contains(row, want[0]) {
			t.Errorf("row %s lacks cumulative bids %s: %q", price, want[0], row)
		}
		if !strings.Contains(row, want[1]) {
			t.Errorf("row %s lacks %s: %q", price, want[1], row)
		}
	}
	// The narrow ladder keeps its columns.
	if c := ladder.ColsFor(layout.LadderMin-2, ladder.Want{Queue: true}); c != (ladder.Cols{My: 5, Size: 8, Price: 6, Vol: 7}) {
		t.Fatalf("48-column ladder: %+v", c)
	}
}

// ladderRow is the plain text of the active ladder's row at a price.
func ladderRow(t *testing.T, hs *harness, price string) string {
	t.Helper()
	label := model.MustPrice(price).Cents()
	for _, line := range strings.Split(hs.screen(), "\n") {
		if strings.Contains(line, " "+label+" ") || strings.Contains(line, " "+label+"▲") || strings.Contains(line, " "+label+"◂") {
			return line
		}
	}
	t.Fatalf("no row for %s", price)
	return ""
}

func TestCloseLadderKeepsItsOrdersWorking(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openMarket(btcTicker)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.press("w")
	if len(hs.m.ladders) != 1 || hs.m.activeLadder().Ticker() != btcTicker || hs.m.focus != layout.FocusLadder {
		t.Fatalf("after closing T4.25: %d ladders, focus %v", len(hs.m.ladders), hs.m.focus)
	}
	if calls := hs.calls(); slices.ContainsFunc(calls, func(c string) bool { return strings.Contains(c, "cancel") }) {
		t.Fatalf("closing a ladder cancelled orders: %v", calls)
	}
	if len(hs.working(fedTicker)) != 1 || !strings.Contains(hs.screen(), "1 working order(s) stay working") {
		t.Fatalf("the order should stay working and be mentioned:\n%s", hs.screen())
	}
	// It takes all the width its columns have a use for, and no more: the
	// rest goes to the other panes (no position or order in B105000).
	if w := hs.m.layout.Ladders[0].W; w != ladder.MaxWidth(ladder.Want{}) {
		t.Errorf("the remaining ladder is %d wide, its columns use %d", w, ladder.MaxWidth(ladder.Want{}))
	}
	hs.press("w")
	if len(hs.m.ladders) != 0 || hs.m.focus != layout.FocusMarkets {
		t.Fatalf("after closing the last: %d ladders, focus %v", len(hs.m.ladders), hs.m.focus)
	}
}

func TestLaddersWithoutASlotAreCountedInTheTitles(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openMarket(btcTicker)
	hs.openMarket("KXFED-26DEC-T4.00")
	hs.openFed() // three ladders, two slots: the first is out of view
	if n := len(hs.m.layout.Ladders); n != 2 {
		t.Fatalf("%d ladder slots at 200×60", n)
	}
	top := strings.Split(hs.screen(), "\n")[0]
	if !strings.Contains(top, "◂1 KXFED-26DEC-T4.00") || strings.Contains(top, btcTicker) {
		t.Fatalf("top line: %q", top)
	}
	hs.press("[", "[") // back to the first: the window moves left
	top = strings.Split(hs.screen(), "\n")[0]
	if !strings.Contains(top, "KXFED-26DEC-T4.00 1▸") || !strings.Contains(top, btcTicker) {
		t.Fatalf("top line: %q", top)
	}
}

// TestBestLevelKeepsItsSideColour: the best bid and offer used to be painted
// on the theme's "best" background (grey in dark, cyan in light), losing the
// side's colour. They keep their side's bar and colour, in bold.
func TestBestLevelKeepsItsSideColour(t *testing.T) {
	for _, name := range []string{"dark", "light", "high-contrast"} {
		t.Run(name, func(t *testing.T) {
			th, err := themes.ByName(name)
			if err != nil {
				t.Fatal(err)
			}
			hs := newHarness(t, 120, 40, func(o *Options) { o.Theme = th })
			hs.openFed()
			unit := func(s lipgloss.Style) string {
				for u := range sgrUnits(paintPrefix(s)) {
					return u
				}
				return "?"
			}
			best := unit(lipgloss.NewStyle().Background(th.Best))
			for _, side := range []struct {
				price   string // best bid 55¢ (120), best offer 57¢ (80)
				fg, bar color.Color
			}{
				{"0.55", th.Bid, th.BidBar},
				{"0.57", th.Ask, th.AskBar},
			} {
				row := rawLadderRow(t, hs, side.price)
				units := sgrUnits(row)
				if units[best] {
					t.Errorf("best level at %s painted on the theme's best background %s:\n%q", side.price, best, row)
				}
				for what, u := range map[string]string{
					"side bar":    unit(lipgloss.NewStyle().Background(side.bar)),
					"side colour": unit(lipgloss.NewStyle().Foreground(side.fg)),
					"bold":        "1",
				} {
					if !units[u] {
						t.Errorf("best level at %s lacks its %s (%s):\n%q", side.price, what, u, row)
					}
				}
			}
		})
	}
}

// paintPrefix is the escape sequence lipgloss opens s with, as the styles
// builder captures it.
func paintPrefix(s lipgloss.Style) string {
	r := s.Render("X")
	return r[:max(strings.IndexByte(r, 'X'), 0)]
}

// sgrUnits collects the attributes set by the escape sequences in s, one
// unit each: "1" (bold), "38;5;77", "48;2;0;95;0", "42".
func sgrUnits(s string) map[string]bool {
	out := map[string]bool{}
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return out
		}
		s = s[i+2:]
		j := strings.IndexByte(s, 'm')
		if j < 0 {
			return out
		}
		params := strings.Split(s[:j], ";")
		s = s[j+1:]
		for k := 0; k < len(params); k++ {
			p := params[k]
			if (p == "38" || p == "48") && k+1 < len(params) {
				n := 3 // 38;5;n
				if params[k+1] == "2" {
					n = 5 // 38;2;r;g;b
				}
				end := min(k+n, len(params))
				p = strings.Join(params[k:end], ";")
				k = end - 1
			}
			out[p] = true
		}
	}
}

// rawLadderRow is the styled text of the active ladder's row at a price,
// from its size columns to its price.
func rawLadderRow(t *testing.T, hs *harness, price string) string {
	t.Helper()
	lp := hs.m.activeLadder()
	lp.Recenter()
	lines := lp.View(hs.m.ladderCtx(hs.m.desk.View(), lp, false)) // not the cursor row's colours
	i, ok := lp.Grid().Index(model.MustPrice(price))
	if !ok {
		t.Fatalf("%s not on the grid", price)
	}
	top, _ := lp.Window()
	r := top - i
	return lines[1+ladder.HeaderLines+r]
}

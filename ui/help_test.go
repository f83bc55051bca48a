package ui

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/ui/fills"
	"ladder/ui/keys"
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"ladder/ui/markets"
	"ladder/ui/orders"
	"ladder/ui/text"
)

// contextHelp is the help a key context contributes, from the pane or
// modal that owns it: its own columns, then the global ones for panes.
func contextHelp(t *testing.T, km *keys.KeyMap, ctx string) help.KeyMap {
	t.Helper()
	var own help.KeyMap
	switch ctx {
	case keys.ContextLadder:
		lp, err := ladder.New(fixtureEvents()[0].Markets[2], km)
		if err != nil {
			t.Fatal(err)
		}
		own = lp
	case keys.ContextMarkets:
		own = markets.New(nil, km)
	case keys.ContextOrders:
		own = orders.New(km)
	case keys.ContextFills:
		own = fills.New(km)
	case keys.ContextDialog:
		return &dialog{keys: km}
	case keys.ContextTicket:
		return &ticket{keys: km}
	default:
		return staticHelp{nil, km.GlobalHelp()}
	}
	return staticHelp{own.ShortHelp(), append(own.FullHelp(), km.GlobalHelp()...)}
}

// staticHelp is a help.KeyMap of fixed bindings.
type staticHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h staticHelp) ShortHelp() []key.Binding  { return h.short }
func (h staticHelp) FullHelp() [][]key.Binding { return h.full }

func TestRebindReplacesKeysAndHelp(t *testing.T) {
	km := keys.DefaultKeyMap()
	err := km.Rebind(map[string][]string{
		"ladder.bid":      {"ctrl+b", "b", "ctrl+b"},
		"global.theme":    {"T"},
		"ladder.recenter": {},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := km.Ladder.Bid.Keys(); !slices.Equal(got, []string{"ctrl+b", "b"}) {
		t.Errorf("ladder.bid keys = %v (duplicates should be dropped)", got)
	}
	if h := km.Ladder.Bid.Help(); h.Key != "ctrl+b/b" || h.Desc != "bid at cursor" {
		t.Errorf("ladder.bid help = %+v", h)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'b', Mod: tea.ModCtrl}, km.Ladder.Bid) {
		t.Error("ctrl+b does not match the rebound bid")
	}
	if km.Ladder.Recenter.Enabled() {
		t.Error("an empty key list should unbind ladder.recenter")
	}
	if key.Matches(tea.KeyPressMsg{Code: 'c', Text: "c"}, km.Ladder.Recenter) {
		t.Error("unbound recenter still matches c")
	}
	view := help.New().FullHelpView(contextHelp(t, &km, keys.ContextLadder).FullHelp())
	if !strings.Contains(view, "ctrl+b/b") {
		t.Errorf("help does not show the new bid keys:\n%s", view)
	}
	if strings.Contains(view, "recenter") {
		t.Errorf("help still shows the unbound recenter:\n%s", view)
	}
}

// TestHelpShowsEveryBinding: the help overlay is generated from the keymap,
// so every action of a context (and every global action for panes) must
// appear in it exactly once.
func TestHelpShowsEveryBinding(t *testing.T) {
	km := keys.DefaultKeyMap()
	id := func(b key.Binding) string { return b.Help().Key + " " + b.Help().Desc }
	for _, ctx := range []string{keys.ContextGlobal, keys.ContextLadder, keys.ContextMarkets, keys.ContextOrders, keys.ContextFills, keys.ContextDialog, keys.ContextTicket} {
		var shown []string
		for _, col := range contextHelp(t, &km, ctx).FullHelp() {
			for _, b := range col {
				shown = append(shown, id(b))
			}
		}
		var want []string
		for _, a := range km.Actions() {
			modal := ctx == keys.ContextDialog || ctx == keys.ContextTicket
			if a.Context() == ctx || (a.Context() == keys.ContextGlobal && !modal) {
				want = append(want, id(*a.Binding))
			}
		}
		slices.Sort(shown)
		slices.Sort(want)
		if !slices.Equal(shown, want) {
			t.Errorf("%s help shows %v\nwant %v", ctx, shown, want)
		}
		for _, b := range contextHelp(t, &km, ctx).ShortHelp() {
			if !slices.Contains(want, id(b)) {
				t.Errorf("%s short help shows %q, which is not live in that context", ctx, id(b))
			}
		}
	}
}

func TestHelpRendersWithBubblesHelp(t *testing.T) {
	km := keys.DefaultKeyMap()
	h := help.New()
	short := h.View(contextHelp(t, &km, keys.ContextLadder))
	for _, want := range []string{"b", "bid at cursor", "?", "help"} {
		if !strings.Contains(short, want) {
			t.Errorf("short help %q does not contain %q", short, want)
		}
	}
	h.ShowAll = true
	full := h.View(contextHelp(t, &km, keys.ContextMarkets))
	for _, want := range []string{"open ladder", "toggle favourite", "kill switch", "k/↑"} {
		if !strings.Contains(full, want) {
			t.Errorf("full help does not contain %q:\n%s", want, full)
		}
	}
}

// TestHelpFitsAt80x24: the help box fits above the status lines in every
// pane's context, and always says how to close it.
func TestHelpFitsAt80x24(t *testing.T) {
	hs := richHarness(t, 80, 24, "dark")
	for range layout.NumFocus {
		hs.press("?")
		lines := strings.Split(hs.screen(), "\n")
		if len(lines) != 24 {
			t.Fatalf("%d lines", len(lines))
		}
		bottom := -1
		for i, l := range lines {
			if text.Width(l) != 80 {
				t.Errorf("line %d is %d wide", i, text.Width(l))
			}
			if strings.Contains(l, "closes ─") {
				bottom = i
			}
		}
		if bottom < 0 || bottom > 21 {
			t.Errorf("%v help: close hint at line %d, want within the 22 main lines:\n%s", hs.m.focus, bottom, strings.Join(lines, "\n"))
		}
		hs.press("esc", "tab")
	}
}

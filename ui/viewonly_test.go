package ui

import (
	"slices"
	"strings"
	"testing"

	"ladder/model"
	"ladder/themes"
	"ladder/ui/internal/goldens"
	"ladder/ui/status"
	"ladder/ui/text"
)

// viewerHarness is a dashboard as a view-role SSH key sees it under
// ladder serve: a Trader that can read (the harness's fake records every
// call), ViewOnly, and three people watching.
func viewerHarness(t *testing.T, w, h int, theme string) *harness {
	t.Helper()
	th, err := themes.ByName(theme)
	if err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, w, h, func(o *Options) {
		o.ViewOnly = true
		o.Theme = th
		o.Watchers = func() int { return 3 }
	})
	hs.openFed()
	return hs
}

func TestGoldenViewOnlyStatus(t *testing.T) {
	for _, theme := range []string{"dark", "mono"} {
		t.Run(theme, func(t *testing.T) {
			hs := viewerHarness(t, 120, 40, theme)
			goldens.Require(t, status.Bar(hs.m.statusCtx(), 120))
		})
	}
}

func TestViewOnlyStatusSaysViewOnlyAndWatchers(t *testing.T) {
	hs := viewerHarness(t, 120, 40, "mono")
	bar := text.Strip(status.Bar(hs.m.statusCtx(), 120))
	for _, want := range []string{"VIEW ONLY", "3 watching"} {
		if !strings.Contains(bar, want) {
			t.Errorf("status bar lacks %q: %s", want, bar)
		}
	}
	if strings.Contains(bar, "READ-ONLY") {
		t.Errorf("a viewer's status bar says READ-ONLY: %s", bar)
	}
}

// A viewer's keys never reach the Trader: no order, no cancel, no kill
// switch, and the words say why.
func TestViewOnlySendsNothing(t *testing.T) {
	hs := viewerHarness(t, 120, 40, "dark")
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.press("b")
	if !strings.Contains(hs.screen(), "view only SIM: order entry is disabled") {
		t.Errorf("entry not labelled view only:\n%s", hs.screen())
	}
	hs.press("X")
	if !strings.Contains(hs.screen(), "view only: cannot cancel") {
		t.Errorf("cancel-all not refused in words:\n%s", hs.screen())
	}
	hs.press("!")
	if !strings.Contains(hs.screen(), "view only: the kill switch is for trading sessions") {
		t.Errorf("kill switch not refused in words:\n%s", hs.screen())
	}
	if hs.m.desk.View().Lock.Locked() {
		t.Error("a viewer's kill key locked entry")
	}
	hs.trader.mu.Lock()
	defer hs.trader.mu.Unlock()
	if len(hs.trader.creates)+len(hs.trader.cancels)+len(hs.trader.batches)+len(hs.trader.amends) != 0 {
		t.Fatalf("a viewer reached the Trader: %v", hs.trader.calls)
	}
	if !slices.Contains(hs.trader.calls, "get balance") {
		t.Error("a viewer did not read its balance")
	}
}

func TestStatusHidesWatchersOutsideServe(t *testing.T) {
	hs := newHarness(t, 160, 48, nil)
	if strings.Contains(hs.screen(), "watching") {
		t.Fatalf("the plain dashboard counts watchers:\n%s", hs.screen())
	}
}

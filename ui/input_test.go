package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/ui/text"
)

// The markets filter and the ticket's typed fields are text inputs: a paste
// reaches the focused one, and esc clears a kept filter (issue 11).

func TestPasteReachesTheMarketsFilter(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.press("/")
	hs.send(tea.PasteMsg{Content: "bit"})
	if got := hs.m.markets.Filter(); got != "bit" {
		t.Fatalf("filter after a paste = %q, want %q", got, "bit")
	}
	var tickers []string
	for _, r := range hs.m.markets.Rows() {
		if r.Market != nil {
			tickers = append(tickers, r.Market.Ticker)
		}
	}
	if len(tickers) != 2 || !strings.HasPrefix(tickers[0], "KXBTCD") {
		t.Fatalf("pasted filter bit: %v", tickers)
	}
	if !strings.Contains(hs.screen(), "/ bit▏") {
		t.Errorf("the filter line does not show the pasted query:\n%s", hs.screen())
	}
}

func TestPasteOutsideAnInputIsIgnored(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.send(tea.PasteMsg{Content: "bit"})
	if got := hs.m.markets.Filter(); got != "" {
		t.Fatalf("a paste with no input focused filtered the markets: %q", got)
	}
}

func TestFilterEditsAtItsCursor(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.press("/", "f", "d", "left", "e")
	if got := hs.m.markets.Filter(); got != "fed" {
		t.Fatalf("filter = %q, want fed (typed at the cursor)", got)
	}
	if !strings.Contains(hs.screen(), "/ fe▏d") {
		t.Errorf("the cursor is not drawn where the next key goes:\n%s", hs.screen())
	}
	hs.press("backspace")
	if got := hs.m.markets.Filter(); got != "fd" {
		t.Fatalf("backspace at the cursor: %q, want fd", got)
	}
}

// TestEscClearsAKeptFilter: a filter kept with enter stayed until it was
// typed again and cleared.
func TestEscClearsAKeptFilter(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.press("/", "f", "e", "d", "enter")
	if hs.m.markets.Editing() || hs.m.markets.Filter() != "fed" {
		t.Fatalf("enter did not keep the filter: editing %v, %q", hs.m.markets.Editing(), hs.m.markets.Filter())
	}
	hs.press("esc")
	if got := hs.m.markets.Filter(); got != "" {
		t.Fatalf("esc left the kept filter %q", got)
	}
	if strings.Contains(hs.screen(), "(filtered)") {
		t.Errorf("the list still says it is filtered:\n%s", hs.screen())
	}
}

func TestPasteReachesTheTicketsPriceField(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("enter") // the ticket, on its price field
	hs.send(tea.PasteMsg{Content: "54¢\n"})
	tk := hs.m.currentTicket()
	if tk == nil {
		t.Fatal("no ticket")
	}
	if p, why := tk.livePrice(); why != "" || p != model.MustPrice("0.54") {
		t.Fatalf("pasted price = %s (%q), want 54¢", p.Cents(), why)
	}
	body := text.Strip(strings.Join(tk.View(&hs.m), "\n"))
	if !strings.Contains(body, "54▏") {
		t.Errorf("the ticket does not show the pasted price:\n%s", body)
	}
	hs.press("tab") // quantity
	hs.send(tea.PasteMsg{Content: "7"})
	if q, why := tk.liveQty(); why != "" || q != model.Contracts(7) {
		t.Fatalf("pasted quantity = %s (%q), want 7", q.Short(), why)
	}
	hs.press("tab", "tab") // time in force: no typing there
	hs.send(tea.PasteMsg{Content: "9"})
	if q, _ := tk.liveQty(); q != model.Contracts(7) {
		t.Fatalf("a paste on the time-in-force row changed the quantity to %s", q.Short())
	}
}

func TestTicketFieldEditingKeys(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.press("enter", "5", "3", "backspace", "4")
	if p, why := hs.m.currentTicket().livePrice(); why != "" || p != model.MustPrice("0.54") {
		t.Fatalf("typed price = %s (%q), want 54¢", p.Cents(), why)
	}
}

package keys

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestActionsCoverEveryBindingOnce(t *testing.T) {
	km := DefaultKeyMap()
	actions := km.Actions()

	// Count key.Binding fields by reflection so a binding added to a
	// context struct but forgotten in Actions fails here.
	fields := 0
	v := reflect.ValueOf(km)
	for i := range v.NumField() {
		ctx := v.Field(i)
		for j := range ctx.NumField() {
			if ctx.Field(j).Type() == reflect.TypeFor[key.Binding]() {
				fields++
			}
		}
	}
	if len(actions) != fields {
		t.Fatalf("Actions() has %d entries, KeyMap has %d bindings", len(actions), fields)
	}

	contexts := []string{ContextGlobal, ContextLadder, ContextMarkets, ContextOrders, ContextFills, ContextFilter, ContextDialog, ContextTicket,
		ContextBoard, ContextChart, ContextAccount, ContextReplay}
	names := map[string]bool{}
	pointers := map[*key.Binding]bool{}
	for _, a := range actions {
		ctx, action, ok := strings.Cut(a.Name, ".")
		if !ok || action == "" || strings.ToLower(a.Name) != a.Name || strings.ContainsAny(action, ". -") {
			t.Errorf("action name %q is not context.action in lower snake case", a.Name)
		}
		if !slices.Contains(contexts, ctx) || a.Context() != ctx {
			t.Errorf("action %q: unknown context %q", a.Name, a.Context())
		}
		if names[a.Name] {
			t.Errorf("duplicate action name %q", a.Name)
		}
		names[a.Name] = true
		if pointers[a.Binding] {
			t.Errorf("action %q shares a binding with another action", a.Name)
		}
		pointers[a.Binding] = true
		if len(a.Binding.Keys()) == 0 || !a.Binding.Enabled() {
			t.Errorf("action %q has no default keys", a.Name)
		}
		if h := a.Binding.Help(); h.Key == "" || h.Desc == "" {
			t.Errorf("action %q has no help text: %+v", a.Name, h)
		}
	}
}

func TestActionsPointIntoTheKeyMap(t *testing.T) {
	km := DefaultKeyMap()
	for _, a := range km.Actions() {
		if a.Name == "ladder.bid" {
			a.Binding.SetKeys("v")
		}
	}
	if got := km.Ladder.Bid.Keys(); !slices.Equal(got, []string{"v"}) {
		t.Errorf("changing the action's binding did not change the keymap: %v", got)
	}
}

func TestDefaultKeyMapHasNoConflicts(t *testing.T) {
	if c := DefaultKeyMap().Conflicts(); len(c) > 0 {
		t.Errorf("default keymap conflicts: %v", c)
	}
}

// TestDefaultsMatchRealKeyPresses checks the defaults against key presses as
// Bubble Tea v2 delivers them, including shifted letters and named
func TestDefaultsMatchRealKeyPresses(t *testing.T) {
	km := DefaultKeyMap()
	cases := []struct {
		press tea.KeyPressMsg
		want  key.Binding
		name  string
	}{
		{tea.KeyPressMsg{Code: 'b', Text: "b"}, km.Ladder.Bid, "b"},
		{tea.KeyPressMsg{Code: 'b', ShiftedCode: 'B', Text: "B", Mod: tea.ModShift}, km.Ladder.BuyNow, "shift+b"},
		{tea.KeyPressMsg{Code: 's', ShiftedCode: 'S', Text: "S", Mod: tea.ModShift}, km.Ladder.SellNow, "shift+s"},
		{tea.KeyPressMsg{Code: 'x', ShiftedCode: 'X', Text: "X", Mod: tea.ModShift}, km.Ladder.CancelAll, "shift+x"},
		{tea.KeyPressMsg{Code: 'u', ShiftedCode: 'U', Text: "U", Mod: tea.ModShift}, km.Global.Unlock, "shift+u"},
		{tea.KeyPressMsg{Code: tea.KeyUp}, km.Ladder.Up, "up"},
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, km.Ladder.Down, "j"},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, km.Ladder.PageDown, "pgdown"},
		{tea.KeyPressMsg{Code: tea.KeyEnter}, km.Ladder.Ticket, "enter"},
		{tea.KeyPressMsg{Code: '+', Text: "+"}, km.Ladder.QtyUp, "+"},
		{tea.KeyPressMsg{Code: '=', Text: "="}, km.Ladder.QtyUp, "="},
		{tea.KeyPressMsg{Code: '3', Text: "3"}, km.Ladder.Presets()[2], "3"},
		{tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}, km.Global.Quit, "ctrl+c"},
		{tea.KeyPressMsg{Code: 'q', Text: "q"}, km.Global.Quit, "q"},
		{tea.KeyPressMsg{Code: '?', Text: "?"}, km.Global.Help, "?"},
		{tea.KeyPressMsg{Code: '!', Text: "!"}, km.Global.Kill, "!"},
		{tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, km.Global.PrevPane, "shift+tab"},
		{tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, km.Orders.Select, "space"},
		{tea.KeyPressMsg{Code: 'a', Mod: tea.ModCtrl}, km.Orders.SelectAll, "ctrl+a"},
		{tea.KeyPressMsg{Code: tea.KeyEscape}, km.Dialog.Dismiss, "esc"},
		{tea.KeyPressMsg{Code: 'y', Text: "y"}, km.Dialog.Confirm, "y"},
		{tea.KeyPressMsg{Code: 'l', Text: "l"}, km.Ticket.Increase, "l"},
		{tea.KeyPressMsg{Code: tea.KeyLeft}, km.Ticket.Decrease, "left"},
	}
	for _, c := range cases {
		if !key.Matches(c.press, c.want) {
			t.Errorf("press %s (String %q) does not match binding %v", c.name, c.press.String(), c.want.Keys())
		}
	}
}

func TestRebindRejectsUnknownActionsAndLeavesKeyMapUnchanged(t *testing.T) {
	km := DefaultKeyMap()
	err := km.Rebind(map[string][]string{
		"ladder.bid":    {"v"},
		"ladder.bidd":   {"b"},
		"nonsense.zzzz": {"b"},
	})
	if err == nil {
		t.Fatal("Rebind accepted unknown actions")
	}
	msg := err.Error()
	for _, want := range []string{`"ladder.bidd"`, `did you mean "ladder.bid"`, `"nonsense.zzzz"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %s", msg, want)
		}
	}
	if strings.Contains(msg, `"ladder.bid",`) {
		t.Errorf("error names a valid action as unknown: %q", msg)
	}
	if !reflect.DeepEqual(km, DefaultKeyMap()) {
		t.Error("a failed Rebind changed the keymap")
	}
}

func TestRebindRejectsKeysThatCanNeverMatch(t *testing.T) {
	km := DefaultKeyMap()
	err := km.Rebind(map[string][]string{"ladder.bid": {"Ctrl+b"}, "ladder.ask": {"shift+s"}})
	if err == nil {
		t.Fatal("Rebind accepted impossible keys")
	}
	for _, want := range []string{"ladder.bid", `"Ctrl"`, "ladder.ask", `write "S"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %s", err, want)
		}
	}
}

func TestCheckKey(t *testing.T) {
	valid := []string{"b", "B", "+", "-", "?", "!", "[", "ctrl++", "ctrl+a", "ctrl+shift+a", "alt+enter",
		"shift+tab", "space", "pgup", "pgdown", "esc", "f1", "f12", "f63", "ctrl+alt+shift+meta+hyper+super+x", "é"}
	for _, k := range valid {
		if err := checkKey(k); err != nil {
			t.Errorf("checkKey(%q) = %v, want ok", k, err)
		}
	}
	invalid := []string{"", " ", "Ctrl+a", "alt+ctrl+a", "ctrl+ctrl+a", "shift+b", "ctrl+A", "escape",
		"Enter", "spacebar", "f0", "f64", "f01", "\x01", "ctrl+"}
	for _, k := range invalid {
		if err := checkKey(k); err == nil {
			t.Errorf("checkKey(%q) = nil, want an error", k)
		}
	}
}

func TestConflicts(t *testing.T) {
	cases := []struct {
		name      string
		overrides map[string][]string
		want      []Conflict
	}{
		{
			name:      "pane key shadows a global key",
			overrides: map[string][]string{"ladder.bid": {"q"}},
			want:      []Conflict{{Key: "q", First: "global.quit", Second: "ladder.bid"}},
		},
		{
			name:      "two actions in one pane",
			overrides: map[string][]string{"orders.amend": {"x"}},
			want:      []Conflict{{Key: "x", First: "orders.cancel", Second: "orders.amend"}},
		},
		{
			name:      "global duplicate is reported once, not once per pane",
			overrides: map[string][]string{"global.theme": {"?"}},
			want:      []Conflict{{Key: "?", First: "global.help", Second: "global.theme"}},
		},
		{
			name:      "different panes never conflict",
			overrides: map[string][]string{"ladder.bid": {"f"}},
		},
		{
			name:      "modal contexts ignore pane and global keys",
			overrides: map[string][]string{"dialog.confirm": {"q", "b"}, "ticket.submit": {"tab", "enter"}},
			want:      []Conflict{{Key: "tab", First: "ticket.next_field", Second: "ticket.submit"}},
		},
		{
			name:      "modal context conflicts within itself",
			overrides: map[string][]string{"dialog.confirm": {"n"}},
			want:      []Conflict{{Key: "n", First: "dialog.confirm", Second: "dialog.dismiss"}},
		},
		{
			name:      "three actions on one key give every pair, sorted by key",
			overrides: map[string][]string{"ladder.bid": {"v", "q"}, "ladder.ask": {"v"}, "ladder.recenter": {"v"}},
			want: []Conflict{
				{Key: "q", First: "global.quit", Second: "ladder.bid"},
				{Key: "v", First: "ladder.recenter", Second: "ladder.bid"},
				{Key: "v", First: "ladder.recenter", Second: "ladder.ask"},
				{Key: "v", First: "ladder.bid", Second: "ladder.ask"},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			km := DefaultKeyMap()
			if err := km.Rebind(c.overrides); err != nil {
				t.Fatal(err)
			}
			got := km.Conflicts()
			if !slices.Equal(got, c.want) {
				t.Errorf("Conflicts() = %v\nwant %v", got, c.want)
			}
		})
	}
	c := Conflict{Key: "q", First: "global.quit", Second: "ladder.bid"}
	if got, want := c.String(), `key "q" is bound to both global.quit and ladder.bid`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

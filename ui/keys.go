package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// Key contexts. An action is named "<context>.<action>", e.g. "ladder.bid".
// Global keys are live together with whichever pane has focus (ladder,
// markets, orders, fills); dialog and ticket keys are modal and live alone.
const (
	ContextGlobal  = "global"
	ContextLadder  = "ladder"
	ContextMarkets = "markets"
	ContextOrders  = "orders"
	ContextFills   = "fills"
	ContextDialog  = "dialog"
	ContextTicket  = "ticket"
)

// KeyMap holds every key binding, grouped by the context it is active in.
// Match keys with key.Matches(msg, km.Ladder.Bid); never compare raw strings,
// so rebinding from the config file works everywhere.
type KeyMap struct {
	Global  GlobalKeys
	Ladder  LadderKeys
	Markets MarketsKeys
	Orders  OrdersKeys
	Fills   FillsKeys
	Dialog  DialogKeys
	Ticket  TicketKeys
}

// GlobalKeys work in every non-modal context.
type GlobalKeys struct {
	Help, Quit, NextPane, PrevPane, Filter, Kill, Unlock, Theme, PrevLadder, NextLadder key.Binding
}

// LadderKeys work when a price ladder has focus.
type LadderKeys struct {
	Up, Down, PageUp, PageDown, Recenter, ToggleTerms key.Binding
	Bid, Ask, BuyNow, SellNow                         key.Binding
	CancelLevel, CancelAll, Move, Ticket              key.Binding
	Preset1, Preset2, Preset3, Preset4, Preset5       key.Binding
	QtyUp, QtyDown, Close                             key.Binding
}

// Presets returns the quantity-preset bindings in order, so preset i is
// Presets()[i].
func (l LadderKeys) Presets() [5]key.Binding {
	return [5]key.Binding{l.Preset1, l.Preset2, l.Preset3, l.Preset4, l.Preset5}
}

// MarketsKeys work when the markets list has focus.
type MarketsKeys struct {
	Up, Down, PageUp, PageDown, Open, Favourite key.Binding
}

// OrdersKeys work when the working-orders pane has focus.
type OrdersKeys struct {
	Up, Down, Select, SelectAll, Cancel, CancelSelected, Amend key.Binding
}

// FillsKeys scroll the fills pane when it has focus.
type FillsKeys struct {
	Up, Down, PageUp, PageDown key.Binding
}

// DialogKeys answer a confirmation dialog.
type DialogKeys struct {
	Confirm, Dismiss key.Binding
}

// TicketKeys drive the full order ticket.
type TicketKeys struct {
	NextField, PrevField, Increase, Decrease, Submit, Cancel key.Binding
}

// DefaultKeyMap returns the default bindings: vim keys plus arrows.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Global: GlobalKeys{
			Help:       bind("help", "?"),
			Quit:       bind("quit", "q", "ctrl+c"),
			NextPane:   bind("next pane", "tab"),
			PrevPane:   bind("previous pane", "shift+tab"),
			Filter:     bind("filter markets", "/"),
			Kill:       bind("kill switch", "!"),
			Unlock:     bind("unlock order entry", "U"),
			Theme:      bind("next theme", "t"),
			PrevLadder: bind("previous ladder", "["),
			NextLadder: bind("next ladder", "]"),
		},
		Ladder: LadderKeys{
			Up:          bind("up one level", "k", "up"),
			Down:        bind("down one level", "j", "down"),
			PageUp:      bind("page up", "pgup"),
			PageDown:    bind("page down", "pgdown"),
			Recenter:    bind("recenter", "c"),
			ToggleTerms: bind("YES / NO terms", "n"),
			Bid:         bind("bid at cursor", "b"),
			Ask:         bind("ask at cursor", "s"),
			BuyNow:      bind("buy at best ask (IOC)", "B"),
			SellNow:     bind("sell at best bid (IOC)", "S"),
			CancelLevel: bind("cancel mine at level", "x"),
			CancelAll:   bind("cancel all mine", "X"),
			Move:        bind("pick up / move", "a"),
			Ticket:      bind("order ticket", "enter"),
			Preset1:     bind("qty preset 1", "1"),
			Preset2:     bind("qty preset 2", "2"),
			Preset3:     bind("qty preset 3", "3"),
			Preset4:     bind("qty preset 4", "4"),
			Preset5:     bind("qty preset 5", "5"),
			QtyUp:       bind("qty up", "+", "="),
			QtyDown:     bind("qty down", "-"),
			Close:       bind("close ladder", "w"),
		},
		Markets: MarketsKeys{
			Up:        bind("up", "k", "up"),
			Down:      bind("down", "j", "down"),
			PageUp:    bind("page up", "pgup"),
			PageDown:  bind("page down", "pgdown"),
			Open:      bind("open ladder", "enter"),
			Favourite: bind("toggle favourite", "f"),
		},
		Orders: OrdersKeys{
			Up:             bind("up", "k", "up"),
			Down:           bind("down", "j", "down"),
			Select:         bind("select", "space"),
			SelectAll:      bind("select all", "ctrl+a"),
			Cancel:         bind("cancel order", "x"),
			CancelSelected: bind("cancel selected", "X"),
			Amend:          bind("amend order", "a"),
		},
		Fills: FillsKeys{
			Up:       bind("newer", "k", "up"),
			Down:     bind("older", "j", "down"),
			PageUp:   bind("page newer", "pgup"),
			PageDown: bind("page older", "pgdown"),
		},
		Dialog: DialogKeys{
			Confirm: bind("confirm", "y", "enter"),
			Dismiss: bind("dismiss", "n", "esc"),
		},
		Ticket: TicketKeys{
			NextField: bind("next field", "tab"),
			PrevField: bind("previous field", "shift+tab"),
			Increase:  bind("next value", "right", "l"),
			Decrease:  bind("previous value", "left", "h"),
			Submit:    bind("submit", "enter"),
			Cancel:    bind("cancel", "esc"),
		},
	}
}

// bind makes a binding whose help shows exactly the keys it matches, so help
// can never disagree with the keymap.
func bind(desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKeys(keys), desc))
}

// helpKeys renders keys for the help view: arrows as symbols, joined by "/".
func helpKeys(keys []string) string {
	shown := make([]string, len(keys))
	for i, k := range keys {
		switch k {
		case "up":
			shown[i] = "↑"
		case "down":
			shown[i] = "↓"
		case "left":
			shown[i] = "←"
		case "right":
			shown[i] = "→"
		default:
			shown[i] = k
		}
	}
	return strings.Join(shown, "/")
}

// Action is one rebindable action: its stable config name and the binding it
// controls inside a KeyMap.
type Action struct {
	Name    string // "context.action", e.g. "ladder.bid"
	Binding *key.Binding
}

// Context returns the part of the action name before the dot.
func (a Action) Context() string {
	ctx, _, _ := strings.Cut(a.Name, ".")
	return ctx
}

// Actions lists every action of km in a stable order (global first, then the
// panes, then the modal contexts). The names are the config file's API: do not
// rename one without keeping the old name working.
func (km *KeyMap) Actions() []Action {
	g, l, m, o, f, d, t := &km.Global, &km.Ladder, &km.Markets, &km.Orders, &km.Fills, &km.Dialog, &km.Ticket
	return []Action{
		{"global.help", &g.Help},
		{"global.quit", &g.Quit},
		{"global.next_pane", &g.NextPane},
		{"global.prev_pane", &g.PrevPane},
		{"global.filter", &g.Filter},
		{"global.kill", &g.Kill},
		{"global.unlock", &g.Unlock},
		{"global.theme", &g.Theme},
		{"global.prev_ladder", &g.PrevLadder},
		{"global.next_ladder", &g.NextLadder},

		{"ladder.up", &l.Up},
		{"ladder.down", &l.Down},
		{"ladder.page_up", &l.PageUp},
		{"ladder.page_down", &l.PageDown},
		{"ladder.recenter", &l.Recenter},
		{"ladder.toggle_terms", &l.ToggleTerms},
		{"ladder.bid", &l.Bid},
		{"ladder.ask", &l.Ask},
		{"ladder.buy_now", &l.BuyNow},
		{"ladder.sell_now", &l.SellNow},
		{"ladder.cancel_level", &l.CancelLevel},
		{"ladder.cancel_all", &l.CancelAll},
		{"ladder.move", &l.Move},
		{"ladder.ticket", &l.Ticket},
		{"ladder.preset_1", &l.Preset1},
		{"ladder.preset_2", &l.Preset2},
		{"ladder.preset_3", &l.Preset3},
		{"ladder.preset_4", &l.Preset4},
		{"ladder.preset_5", &l.Preset5},
		{"ladder.qty_up", &l.QtyUp},
		{"ladder.qty_down", &l.QtyDown},
		{"ladder.close", &l.Close},

		{"markets.up", &m.Up},
		{"markets.down", &m.Down},
		{"markets.page_up", &m.PageUp},
		{"markets.page_down", &m.PageDown},
		{"markets.open", &m.Open},
		{"markets.favourite", &m.Favourite},

		{"orders.up", &o.Up},
		{"orders.down", &o.Down},
		{"orders.select", &o.Select},
		{"orders.select_all", &o.SelectAll},
		{"orders.cancel", &o.Cancel},
		{"orders.cancel_selected", &o.CancelSelected},
		{"orders.amend", &o.Amend},

		{"fills.up", &f.Up},
		{"fills.down", &f.Down},
		{"fills.page_up", &f.PageUp},
		{"fills.page_down", &f.PageDown},

		{"dialog.confirm", &d.Confirm},
		{"dialog.dismiss", &d.Dismiss},

		{"ticket.next_field", &t.NextField},
		{"ticket.prev_field", &t.PrevField},
		{"ticket.increase", &t.Increase},
		{"ticket.decrease", &t.Decrease},
		{"ticket.submit", &t.Submit},
		{"ticket.cancel", &t.Cancel},
	}
}

// Rebind replaces the keys of the named actions, e.g.
// {"ladder.bid": {"b", "ctrl+b"}}. An empty key list unbinds the action.
// Unknown action names and key names that can never match a key press are
// errors, all reported at once; on error km is left unchanged, so a typo
// cannot leave a half-applied keymap.
func (km *KeyMap) Rebind(overrides map[string][]string) error {
	actions := km.Actions()
	byName := make(map[string]*key.Binding, len(actions))
	for _, a := range actions {
		byName[a.Name] = a.Binding
	}

	var unknown, badKeys []string
	for _, name := range sortedKeys(overrides) {
		if _, ok := byName[name]; !ok {
			unknown = append(unknown, fmt.Sprintf("%q%s", name, suggestAction(name, actions)))
			continue
		}
		for _, k := range overrides[name] {
			if err := checkKey(k); err != nil {
				badKeys = append(badKeys, fmt.Sprintf("%s: %v", name, err))
			}
		}
	}
	var errs []error
	if len(unknown) > 0 {
		errs = append(errs, fmt.Errorf("unknown key action(s) %s; actions are named context.action, e.g. ladder.bid, global.quit",
			strings.Join(unknown, ", ")))
	}
	for _, msg := range badKeys {
		errs = append(errs, errors.New(msg))
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}

	for name, keys := range overrides {
		b := byName[name]
		keys = dedupe(keys)
		b.SetKeys(keys...)
		b.SetHelp(helpKeys(keys), b.Help().Desc)
	}
	return nil
}

// checkKey rejects key names that key.Matches could never match, because the
// binding would silently do nothing. The names are those of tea.Key.String:
// a printable character ("b", "B", "+"), a named key ("enter", "pgup", "f5"),
// optionally after modifiers in the fixed order ctrl, alt, shift, meta, hyper,
// super ("ctrl+alt+x").
func checkKey(k string) error {
	if k == "" {
		return errors.New(`empty key name; use [] to unbind an action`)
	}
	base, mods := k, []string(nil)
	for {
		i := strings.Index(base, "+")
		if i <= 0 || i == len(base)-1 { // "+" itself is a key, as is "ctrl++"
			break
		}
		mods = append(mods, base[:i])
		base = base[i+1:]
	}
	order := []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}
	last := -1
	for _, m := range mods {
		i := slices.Index(order, m)
		if i < 0 {
			return fmt.Errorf("key %q: unknown modifier %q (use ctrl, alt, shift, meta, hyper or super, lower case)", k, m)
		}
		if i <= last {
			return fmt.Errorf("key %q: write modifiers once each, in the order ctrl+alt+shift+meta+hyper+super", k)
		}
		last = i
	}
	if r, size := utf8.DecodeRuneInString(base); size == len(base) && r != utf8.RuneError {
		switch {
		case unicode.IsSpace(r):
			return fmt.Errorf("key %q: write the space bar as \"space\"", k)
		case !unicode.IsPrint(r):
			return fmt.Errorf("key %q: not a printable character", k)
		case len(mods) == 1 && mods[0] == "shift":
			// A shifted character arrives as the character itself.
			return fmt.Errorf("key %q: a shifted character arrives as the character itself; write %q", k, string(unicode.ToUpper(r)))
		case len(mods) > 0 && unicode.IsUpper(r):
			return fmt.Errorf("key %q: with modifiers, write letters in lower case and add shift (e.g. %q)", k, "ctrl+shift+"+string(unicode.ToLower(r)))
		}
		return nil
	}
	if !isNamedKey(base) {
		return fmt.Errorf("key %q: unknown key name %q (e.g. enter, esc, tab, space, up, pgdown, home, f5)", k, base)
	}
	return nil
}

// isNamedKey reports whether name is a multi-letter key name that tea.Key
// produces (ultraviolet's key table).
func isNamedKey(name string) bool {
	switch name {
	case "enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
		"begin", "find", "insert", "delete", "select", "pgup", "pgdown", "home", "end",
		"equal", "mul", "plus", "comma", "minus", "period", "div", "sep": // keypad
		return true
	}
	if n, ok := strings.CutPrefix(name, "f"); ok && n != "" && n[0] != '0' && len(n) <= 2 {
		num := 0
		for _, r := range n {
			if r < '0' || r > '9' {
				return false
			}
			num = num*10 + int(r-'0')
		}
		return num >= 1 && num <= 63
	}
	return false
}

// suggestAction returns ` (did you mean "x"?)` for the closest action name, or
// "" when nothing is close enough to be a likely typo.
func suggestAction(name string, actions []Action) string {
	best, bestDist := "", 3 // at most two edits away
	for _, a := range actions {
		if d := editDistance(name, a.Name); d < bestDist {
			best, bestDist = a.Name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func dedupe(keys []string) []string {
	var out []string
	for _, k := range keys {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Conflict is one key bound to two actions that are live at the same time.
type Conflict struct {
	Key    string
	First  string // action name, in Actions order
	Second string
}

func (c Conflict) String() string {
	return fmt.Sprintf("key %q is bound to both %s and %s", c.Key, c.First, c.Second)
}

// simultaneousContexts are the sets of contexts whose keys are live together:
// each pane with the global keys, and each modal context alone.
func simultaneousContexts() [][]string {
	return [][]string{
		{ContextGlobal, ContextLadder},
		{ContextGlobal, ContextMarkets},
		{ContextGlobal, ContextOrders},
		{ContextGlobal, ContextFills},
		{ContextDialog},
		{ContextTicket},
	}
}

// Conflicts reports every key bound to two actions that are live at the same
// time, sorted by key. Only one of the two could ever fire, so each is worth a
// warning at start-up. Bindings that are merely disabled still count, since
// the UI may enable them later.
func (km KeyMap) Conflicts() []Conflict {
	actions := km.Actions()
	seen := map[Conflict]bool{}
	var out []Conflict
	for _, contexts := range simultaneousContexts() {
		byKey := map[string][]string{}
		var order []string
		for _, a := range actions {
			if !slices.Contains(contexts, a.Context()) {
				continue
			}
			for _, k := range a.Binding.Keys() {
				if slices.Contains(byKey[k], a.Name) {
					continue
				}
				if byKey[k] == nil {
					order = append(order, k)
				}
				byKey[k] = append(byKey[k], a.Name)
			}
		}
		for _, k := range order {
			names := byKey[k]
			for i := range names {
				for j := i + 1; j < len(names); j++ {
					c := Conflict{Key: k, First: names[i], Second: names[j]}
					if !seen[c] {
						seen[c] = true
						out = append(out, c)
					}
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Conflict) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// ContextHelp is the help for one context; it satisfies help.KeyMap, so
// help.Model.View(km.Help(ui.ContextLadder)) renders it.
type ContextHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

var _ help.KeyMap = ContextHelp{}

// ShortHelp returns the one-line help: the context's most used keys.
func (h ContextHelp) ShortHelp() []key.Binding { return h.short }

// FullHelp returns the help overlay's columns: the context's keys, then the
// global keys when the context is not modal.
func (h ContextHelp) FullHelp() [][]key.Binding { return h.full }

// Help returns the help for a context (one of the Context constants). An
// unknown context gets the global help only.
func (km KeyMap) Help(context string) ContextHelp {
	g, l, m, o, f, d, t := km.Global, km.Ladder, km.Markets, km.Orders, km.Fills, km.Dialog, km.Ticket
	globalCols := [][]key.Binding{
		{g.Help, g.Quit, g.NextPane, g.PrevPane, g.Filter},
		{g.Kill, g.Unlock, g.Theme, g.PrevLadder, g.NextLadder},
	}
	switch context {
	case ContextLadder:
		return ContextHelp{
			short: []key.Binding{l.Bid, l.Ask, l.BuyNow, l.SellNow, l.CancelLevel, l.Ticket, g.Help, g.Quit},
			full: append([][]key.Binding{
				{l.Up, l.Down, l.PageUp, l.PageDown, l.Recenter, l.ToggleTerms},
				{l.Bid, l.Ask, l.BuyNow, l.SellNow, l.Ticket, l.Move},
				{l.CancelLevel, l.CancelAll, l.QtyUp, l.QtyDown, l.Close},
				{l.Preset1, l.Preset2, l.Preset3, l.Preset4, l.Preset5},
			}, globalCols...),
		}
	case ContextMarkets:
		return ContextHelp{
			short: []key.Binding{m.Open, g.Filter, m.Favourite, g.NextPane, g.Help, g.Quit},
			full: append([][]key.Binding{
				{m.Up, m.Down, m.PageUp, m.PageDown, m.Open, m.Favourite},
			}, globalCols...),
		}
	case ContextOrders:
		return ContextHelp{
			short: []key.Binding{o.Select, o.Cancel, o.CancelSelected, o.Amend, g.Help, g.Quit},
			full: append([][]key.Binding{
				{o.Up, o.Down, o.Select, o.SelectAll},
				{o.Cancel, o.CancelSelected, o.Amend},
			}, globalCols...),
		}
	case ContextFills:
		return ContextHelp{
			short: []key.Binding{f.Down, f.Up, g.NextPane, g.Help, g.Quit},
			full: append([][]key.Binding{
				{f.Up, f.Down, f.PageUp, f.PageDown},
			}, globalCols...),
		}
	case ContextDialog:
		keys := []key.Binding{d.Confirm, d.Dismiss}
		return ContextHelp{short: keys, full: [][]key.Binding{keys}}
	case ContextTicket:
		return ContextHelp{
			short: []key.Binding{t.NextField, t.Decrease, t.Increase, t.Submit, t.Cancel},
			full: [][]key.Binding{
				{t.NextField, t.PrevField, t.Decrease, t.Increase},
				{t.Submit, t.Cancel},
			},
		}
	default:
		return ContextHelp{
			short: []key.Binding{g.Help, g.Quit, g.NextPane, g.Theme},
			full:  globalCols,
		}
	}
}

// HelpFor returns the full help columns for a context: its own bindings plus
// the global ones (modal contexts: only their own).
func (km KeyMap) HelpFor(context string) [][]key.Binding {
	return km.Help(context).FullHelp()
}

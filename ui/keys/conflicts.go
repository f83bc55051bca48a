package keys

import (
	"fmt"
	"slices"
	"strings"
)

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
		{ContextGlobal, ContextBoard},
		{ContextGlobal, ContextChart},
		{ContextGlobal, ContextAccount},
		{ContextFilter},
		{ContextDialog},
		{ContextTicket},
		// A replay's keys come before the panes' moving keys, which must
		// not share them; the orders pane's are shadowed (nothing to
		// select or cancel in a replay).
		{ContextGlobal, ContextReplay, ContextLadder},
		{ContextGlobal, ContextReplay, ContextMarkets},
		{ContextGlobal, ContextReplay, ContextFills},
	}
}

// Conflicts reports every key bound to two actions that are live at the same
// time, sorted by key. Only one of the two could ever fire, so the program
// refuses to start with any (a trading key that silently does something
// else is worse than not starting). Bindings that are merely disabled still
// count, since the UI may enable them later.
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

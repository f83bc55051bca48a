package keys

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// Rebinding actions from the config file, with every mistake reported.

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
		b.SetHelp(HelpKeys(keys), b.Help().Desc)
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

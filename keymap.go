package main

import (
	"fmt"

	"ladder/ui/keys"
)

// buildKeyMap starts from the default bindings and applies the config file's
// [keys] overrides (action name → keys). A bad override is an error, because
// a trading key that silently does something else is worse than not starting.
// Conflicts (one key bound to two actions live together) are returned in
// words: the dashboard refuses to start with any (runDashboard), for the same
// reason, and `ladder config` lists them.
func buildKeyMap(overrides map[string][]string) (keys.KeyMap, []string, error) {
	km := keys.DefaultKeyMap()
	if err := km.Rebind(overrides); err != nil {
		return keys.KeyMap{}, nil, fmt.Errorf("key bindings in the config file: %w", err)
	}
	var conflicts []string
	for _, c := range km.Conflicts() {
		conflicts = append(conflicts, "key conflict: "+c.String())
	}
	return km, conflicts, nil
}

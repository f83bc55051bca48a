package main

import (
	"fmt"

	"ladder/ui"
)

// buildKeyMap starts from the default bindings and applies the config file's
// [keys] overrides (action name → keys). A bad override is an error, because
// a trading key that silently does something else is worse than not starting.
// Conflicts are only warnings: the user may have meant them, and start-up
// should show them rather than refuse to run.
func buildKeyMap(overrides map[string][]string) (ui.KeyMap, []string, error) {
	km := ui.DefaultKeyMap()
	if err := km.Rebind(overrides); err != nil {
		return ui.KeyMap{}, nil, fmt.Errorf("key bindings in the config file: %w", err)
	}
	var warnings []string
	for _, c := range km.Conflicts() {
		warnings = append(warnings, "key conflict: "+c.String())
	}
	return km, warnings, nil
}

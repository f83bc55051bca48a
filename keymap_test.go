package main

import (
	"slices"
	"strings"
	"testing"
)

func TestBuildKeyMapDefaults(t *testing.T) {
	km, warnings, err := buildKeyMap(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("default keymap warns: %v", warnings)
	}
	if got := km.Ladder.Bid.Keys(); !slices.Equal(got, []string{"b"}) {
		t.Errorf("ladder.bid = %v, want [b]", got)
	}
}

func TestBuildKeyMapAppliesOverridesAndWarnsOnConflicts(t *testing.T) {
	km, warnings, err := buildKeyMap(map[string][]string{"ladder.bid": {"q"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := km.Ladder.Bid.Keys(); !slices.Equal(got, []string{"q"}) {
		t.Errorf("ladder.bid = %v, want [q]", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `"q"`) ||
		!strings.Contains(warnings[0], "global.quit") || !strings.Contains(warnings[0], "ladder.bid") {
		t.Errorf("warnings = %q, want one naming the key and both actions", warnings)
	}
}

func TestBuildKeyMapRejectsUnknownActions(t *testing.T) {
	_, _, err := buildKeyMap(map[string][]string{"ladder.buy": {"b"}})
	if err == nil || !strings.Contains(err.Error(), "ladder.buy") || !strings.Contains(err.Error(), "config file") {
		t.Errorf("err = %v, want one naming ladder.buy and the config file", err)
	}
}

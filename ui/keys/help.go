package keys

import "charm.land/bubbles/v2/key"

// Each pane and modal lists its own bindings for the help (their
// ShortHelp and FullHelp); the keys live with every pane are the global
// ones here.

// GlobalHelp is the help's columns of global keys, shown after the focused
// pane's own.
func (km *KeyMap) GlobalHelp() [][]key.Binding {
	g := km.Global
	return [][]key.Binding{
		{g.Help, g.Quit, g.NextPane, g.PrevPane, g.Filter},
		{g.Kill, g.Unlock, g.Theme, g.PrevLadder, g.NextLadder, g.History},
		{g.KillSubaccount, g.Chart, g.Account},
	}
}

// ReplayHelp is the replay's keys for the help.
func (km *KeyMap) ReplayHelp() [][]key.Binding {
	r := km.Replay
	return [][]key.Binding{
		{r.Pause, r.Step, r.Faster, r.Slower},
		{r.Back, r.Forward, r.BackMore, r.ForwardMore},
	}
}

// First is the first key of a binding as help shows it, for hints where
// room is short.
func First(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return HelpKeys(ks[:1])
	}
	return "(unbound)"
}

// Label is every key of a binding as help shows it: "y/enter".
func Label(b key.Binding) string {
	if k := b.Help().Key; k != "" {
		return k
	}
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return "(unbound)"
}

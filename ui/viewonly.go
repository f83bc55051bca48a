package ui

// A read-only session comes in two kinds: a replay, which has no Trader at
// all, and a viewer of ladder serve (Options.ViewOnly), whose Trader reads
// orders, positions and the balance for the screen but must never be
// asked to act. Every order action goes through writer.

// writer is the Trader order actions (creates, amends, cancels, the kill
// switch) go through: nil when the session is read-only.
func (m *Model) writer() Trader {
	if m.opts.ReadOnly || m.opts.Trader == nil {
		return nil
	}
	// Each cancel and amend goes to its order's subaccount (subaccount.go).
	return &routed{Trader: m.opts.Trader, desk: m.desk}
}

// readOnlyWord names the read-only state on screen.
func (m *Model) readOnlyWord() string {
	if m.opts.ViewOnly {
		return "view only"
	}
	return "read-only"
}

// watchers is how many people watch this exchange session (0 when not
// known).
func (m *Model) watchers() int {
	if m.opts.Watchers == nil {
		return 0
	}
	return m.opts.Watchers()
}

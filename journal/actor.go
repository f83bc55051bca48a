package journal

import (
	"log/slog"
	"time"
)

// Actor names who performed an action when several people share one
// exchange session (ladder serve): the SSH key that signed in, never the
// key itself.
type Actor struct {
	Fingerprint string `json:"fingerprint"`       // SHA256 fingerprint of the public key
	Comment     string `json:"comment,omitempty"` // the key's comment, e.g. alice@laptop
	Role        string `json:"role,omitempty"`    // view or trade
}

// Name is how the actor is shown to people: the comment, or the
// fingerprint when the key has none.
func (a Actor) Name() string {
	if a.Comment != "" {
		return a.Comment
	}
	return a.Fingerprint
}

// Session lifecycle actions, written by ladder serve. They are single
// entries (phase result, outcome ok): nothing was sent to the exchange.
const (
	ActionSessionStart Action = "session_start" // an SSH session opened a dashboard
	ActionSessionEnd   Action = "session_end"   // it closed
	// ActionShutdown is the server stopping; OrderIDs lists the orders it
	// left resting on the exchange.
	ActionShutdown Action = "shutdown"
)

// WrapAs is Wrap for a session run by someone other than the local user:
// every entry it writes carries a. A nil t stays nil.
func WrapAs(t Trader, j *Journal, log *slog.Logger, a Actor) Trader {
	tr := Wrap(t, j, log)
	if r, ok := tr.(*recorder); ok {
		r.actor = &a
	}
	return tr
}

// Note writes a lifecycle entry (ActionSessionStart, ActionSessionEnd,
// ActionShutdown) for actor (nil: the server itself).
func (j *Journal) Note(action Action, actor *Actor, orderIDs []string) error {
	return j.Write(Entry{Time: time.Now(), Action: action, Phase: PhaseResult, Outcome: OutcomeOK, Actor: actor, OrderIDs: orderIDs})
}

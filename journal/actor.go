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
	// ActionUnlock is order entry unlocked after the kill switch, the loss
	// limit or the exchange guard locked it.
	ActionUnlock Action = "unlock"
)

// NoteKill journals the kill switch, with the orders it cancels, under the
// recorder's actor (nil: the local user).
func (r *recorder) NoteKill(orderIDs []string) error {
	return r.j.Write(Entry{Time: time.Now(), Action: ActionKillSwitch, Phase: PhaseResult, Outcome: OutcomeOK,
		Actor: r.actor, OrderIDs: orderIDs})
}

// NoteUnlock journals an unlock under the recorder's actor.
func (r *recorder) NoteUnlock() error {
	return r.j.Write(Entry{Time: time.Now(), Action: ActionUnlock, Phase: PhaseResult, Outcome: OutcomeOK, Actor: r.actor})
}

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

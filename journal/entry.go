package journal

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"ladder/api"
	"ladder/model"
)

// Action names what was done to orders.
type Action string

// Actions. The wrapper writes create, cancel, amend, batch_cancel,
// cancel_all and the order-group actions; the others are for callers that
// perform them.
const (
	ActionCreate      Action = "create"
	ActionCancel      Action = "cancel"
	ActionAmend       Action = "amend"
	ActionDecrease    Action = "decrease"
	ActionBatchCreate Action = "batch_create"
	ActionBatchCancel Action = "batch_cancel"
	ActionCancelAll   Action = "cancel_all"
	ActionKillSwitch  Action = "kill_switch"
	// The session's exchange order group: created, triggered by the kill
	// switch, reset on unlock.
	ActionGroupCreate  Action = "order_group_create"
	ActionGroupTrigger Action = "order_group_trigger"
	ActionGroupReset   Action = "order_group_reset"
)

// Phase says whether an entry was written before sending or after.
type Phase string

// Phases: a request entry without a matching result entry means the
// program stopped while the action was in flight.
const (
	PhaseRequest Phase = "request"
	PhaseResult  Phase = "result"
)

// Outcome is how an action ended, as far as the client knows.
type Outcome string

// Outcomes.
const (
	OutcomeOK       Outcome = "ok"       // the exchange accepted it
	OutcomeRejected Outcome = "rejected" // the exchange refused it (see status, code)
	OutcomeUnknown  Outcome = "unknown"  // it may or may not have happened: reconcile
	OutcomeGone     Outcome = "gone"     // the order no longer exists
	OutcomeFailed   Outcome = "failed"   // no answer from the exchange (invalid locally, cancelled, network)
)

// maxErrorText bounds the error text of one entry.
const maxErrorText = 1000

// Entry is one journal line. Prices and counts marshal as Kalshi's fixed
// point strings. There are deliberately no fields for headers, keys or
// signatures.
type Entry struct {
	Time                 time.Time         `json:"time"` // RFC 3339 with nanoseconds, UTC
	Action               Action            `json:"action"`
	Phase                Phase             `json:"phase"`
	Ticker               string            `json:"ticker,omitempty"`
	Side                 model.BookSide    `json:"side,omitempty"`
	Price                model.Price       `json:"price,omitempty"`
	Count                model.Qty         `json:"count,omitempty"`
	TimeInForce          model.TimeInForce `json:"tif,omitempty"`
	PostOnly             bool              `json:"post_only,omitempty"`
	ReduceOnly           bool              `json:"reduce_only,omitempty"`
	ClientOrderID        string            `json:"client_order_id,omitempty"`
	UpdatedClientOrderID string            `json:"updated_client_order_id,omitempty"` // amend
	OrderID              string            `json:"order_id,omitempty"`
	OrderIDs             []string          `json:"order_ids,omitempty"` // batch cancel request
	OrderGroupID         string            `json:"order_group_id,omitempty"`
	Subaccount           int               `json:"subaccount,omitempty"` // 0, the primary, is left out
	FillCount            model.Qty         `json:"fill_count,omitempty"`
	RemainingCount       model.Qty         `json:"remaining_count,omitempty"`
	ReducedBy            model.Qty         `json:"reduced_by,omitempty"` // cancels
	Outcome              Outcome           `json:"outcome,omitempty"`
	Error                string            `json:"error,omitempty"`
	Code                 string            `json:"code,omitempty"`   // the exchange's error code
	Status               int               `json:"status,omitempty"` // HTTP status of a refusal
	// LatencyMs is the call's duration in milliseconds, to the microsecond
	// (a duration, not a price: a float is fine here).
	LatencyMs float64 `json:"latency_ms,omitempty"`
	// Actor is who acted, when it was not the local user (actor.go).
	Actor *Actor `json:"actor,omitempty"`
}

// setOutcome classifies err into e's outcome, error text, status and code.
// Unknown is checked first (an unknown outcome may wrap an *api.Error),
// then gone (which wraps the 404 *api.Error).
func (e *Entry) setOutcome(err error) {
	if err == nil {
		e.Outcome = OutcomeOK
		return
	}
	e.Error = clip(err.Error())
	var ae *api.Error
	if errors.As(err, &ae) {
		e.Status, e.Code = ae.Status, ae.Code
	}
	switch {
	case errors.Is(err, api.ErrUnknownOutcome):
		e.Outcome = OutcomeUnknown
	case errors.Is(err, api.ErrOrderGone):
		e.Outcome = OutcomeGone
	case ae != nil:
		e.Outcome = OutcomeRejected
	default:
		e.Outcome = OutcomeFailed
	}
}

// setItemOutcome classifies one batch cancel item.
func (e *Entry) setItemOutcome(item model.BatchCancelItem) {
	switch {
	case item.Error == nil:
		e.Outcome = OutcomeOK
		return
	case api.ItemGone(item):
		e.Outcome = OutcomeGone
	default:
		e.Outcome = OutcomeRejected
	}
	e.Code, e.Error = item.Error.Code, clip(item.Error.Error())
}

// clip bounds s to maxErrorText bytes without splitting a character.
func clip(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= maxErrorText {
		return s
	}
	i := maxErrorText
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// millis is d in milliseconds, to the microsecond.
func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

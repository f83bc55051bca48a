package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"ladder/model"
)

// Sentinels for errors.Is.
var (
	// ErrUnknownOutcome: a write may or may not have reached the exchange.
	// The error is an *UnknownOutcomeError naming the client_order_id.
	ErrUnknownOutcome = errors.New("outcome unknown")
	// ErrOrderGone: the order a cancel, amend, decrease or lookup named no
	// longer exists (already cancelled, executed or never there). For a
	// cancel that is the desired end state, not a failure.
	ErrOrderGone = errors.New("order is gone")
	// ErrMalformedResponse: a 2xx response whose body could not be decoded.
	ErrMalformedResponse = errors.New("malformed response")
)

// CodeMalformedResponse is Error.Code for a 2xx body that did not decode.
const CodeMalformedResponse = "malformed_response"

// maxBodyQuote bounds how much of an unexpected body an error quotes.
const maxBodyQuote = 120

// Error is a request the exchange answered with an error status, or whose
// successful answer could not be decoded. Code, Message and Details come
// from Kalshi's error object when there is one.
type Error struct {
	Status  int
	Code    string
	Message string
	Details string
	Method  string
	Path    string // relative to the base URL, without the query string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("kalshi: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.Status))
	if e.Code != "" {
		b.WriteByte(' ')
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Details != "" {
		b.WriteString(" (")
		b.WriteString(e.Details)
		b.WriteByte(')')
	}
	return b.String()
}

// Is makes errors.Is(err, ErrMalformedResponse) work.
func (e *Error) Is(target error) bool {
	return target == ErrMalformedResponse && e.Code == CodeMalformedResponse
}

// Retryable reports whether the status says nothing was wrong with the
// request itself: rate limited or a server-side failure.
func (e *Error) Retryable() bool { return e.Status == http.StatusTooManyRequests || e.Status >= 500 }

// UnknownOutcomeError is returned when a write (create, amend, decrease,
// batch create) was possibly processed but the client could not confirm it.
// The UI must reconcile (user_orders feed or GetOrders) before trusting its
// view of that market.
type UnknownOutcomeError struct {
	Op             string   // "create", "amend", "decrease", "batch create"
	ClientOrderID  string   // the id the order was (or would have been) placed under
	ClientOrderIDs []string // batch create: every item's id
	OrderID        string   // amend/decrease: the order acted on
	Ticker         string
	Err            error // the last failure seen
}

func (e *UnknownOutcomeError) Error() string {
	var b strings.Builder
	b.WriteString("api: ")
	b.WriteString(e.Op)
	b.WriteString(" ")
	b.WriteString(e.Ticker)
	b.WriteString(": outcome unknown")
	if e.OrderID != "" {
		b.WriteString(", order_id=")
		b.WriteString(e.OrderID)
	}
	if e.ClientOrderID != "" {
		b.WriteString(", client_order_id=")
		b.WriteString(e.ClientOrderID)
	}
	if len(e.ClientOrderIDs) > 0 {
		fmt.Fprintf(&b, ", %d client_order_ids", len(e.ClientOrderIDs))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap exposes both ErrUnknownOutcome and the underlying failure.
func (e *UnknownOutcomeError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrUnknownOutcome}
	}
	return []error{ErrUnknownOutcome, e.Err}
}

// errorEnvelope accepts both shapes Kalshi uses, {"error":{...}} and the
// bare {code, message, details}, plus {"error":"too many requests"}.
// Details is raw because some servers send an object there.
type errorEnvelope struct {
	Error   json.RawMessage `json:"error"`
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Details json.RawMessage `json:"details"`
}

type errorObject struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Details json.RawMessage `json:"details"`
}

// decodeError turns a non-2xx response into an *Error. It never fails: a
// body it cannot read becomes a message quoting a sanitized prefix of it.
func decodeError(status int, method, path string, body []byte) *Error {
	e := &Error{Status: status, Method: method, Path: path}
	trimmed := strings.TrimSpace(string(body))
	if trimmed == "" {
		e.Message = strings.ToLower(http.StatusText(status))
		return e
	}
	var env errorEnvelope
	if trimmed[0] != '{' || json.Unmarshal(body, &env) != nil {
		e.Message = "unexpected non-JSON body: " + QuoteBody(body)
		return e
	}
	switch {
	case len(env.Error) > 0 && env.Error[0] == '{':
		var obj errorObject
		if json.Unmarshal(env.Error, &obj) == nil {
			e.Code, e.Message, e.Details = obj.Code, obj.Message, rawText(obj.Details)
		}
	case len(env.Error) > 0 && env.Error[0] == '"':
		var s string
		if json.Unmarshal(env.Error, &s) == nil {
			e.Message = sanitize(s, maxBodyQuote)
		}
	default:
		e.Code, e.Message, e.Details = env.Code, env.Message, rawText(env.Details)
	}
	if e.Code == "" && e.Message == "" && e.Details == "" {
		e.Message = "unrecognised error body: " + QuoteBody(body)
	}
	return e
}

// malformed builds the error for a 2xx body that did not decode.
func malformed(status int, method, path string, body []byte, err error) *Error {
	msg := "cannot decode response"
	if len(strings.TrimSpace(string(body))) == 0 {
		msg = "empty response body"
	} else if err != nil {
		msg += " (" + sanitize(err.Error(), maxBodyQuote) + "): " + QuoteBody(body)
	}
	return &Error{Status: status, Code: CodeMalformedResponse, Message: msg, Method: method, Path: path}
}

// rawText renders a details field: a JSON string unquoted, anything else as
// its compact JSON text, both bounded.
func rawText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return sanitize(s, 4*maxBodyQuote)
	}
	return sanitize(string(raw), maxBodyQuote)
}

// QuoteBody quotes at most 120 bytes of an unexpected body, with control
// characters and invalid UTF-8 replaced, so an error message stays one
// short, printable line whatever the server sent.
func QuoteBody(body []byte) string {
	return strconv.Quote(sanitize(string(body), maxBodyQuote))
}

// sanitize cuts s to at most limit bytes (on a rune boundary, marking the
// cut with "…") and replaces control characters and invalid UTF-8 with
// spaces and U+FFFD.
func sanitize(s string, limit int) string {
	cut := false
	if len(s) > limit {
		i := limit
		for i > 0 && !utf8.RuneStart(s[i]) {
			i-- // do not split a multi-byte character
		}
		s, cut = s[:i], true
	}
	var b strings.Builder
	b.Grow(len(s) + 3)
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	if cut {
		b.WriteString("…")
	}
	return b.String()
}

// goneError marks a not-found answer about a specific order as
// ErrOrderGone while keeping the *Error reachable with errors.As.
func goneError(err error, orderID string) error {
	var ae *Error
	if errors.As(err, &ae) && isNotFound(ae) {
		return fmt.Errorf("%w: order %s: %w", ErrOrderGone, orderID, err)
	}
	return err
}

// isNotFound recognises "that order does not exist" in the forms seen so
// far: HTTP 404, or a not_found-style code on another status.
func isNotFound(e *Error) bool {
	return e.Status == http.StatusNotFound || isNotFoundCode(e.Code)
}

// ItemGone reports whether one item of a batch cancel failed only because
// the order no longer exists, which for a cancel is success.
func ItemGone(item model.BatchCancelItem) bool {
	return item.Error != nil && isNotFoundCode(item.Error.Code)
}

// isNotFoundCode recognises the not_found-style error codes seen so far.
func isNotFoundCode(code string) bool {
	c := strings.ToLower(code)
	return strings.Contains(c, "not_found") || strings.Contains(c, "notfound")
}

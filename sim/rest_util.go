package sim

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"ladder/model"
)

// Error codes the server itself emits (the engine's are in errors.go).
const (
	codeBadRequest      = "bad_request"
	codeBatchTooLarge   = "batch_too_large"
	codeRequestTooLarge = "request_too_large"
)

func badRequest(details string) *APIError {
	return apiErr(http.StatusBadRequest, codeBadRequest, "bad request", details)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// wrappedError is the wire form {"error":{code,message,details}}.
type wrappedError struct {
	Error model.ErrorBody `json:"error"`
}

// writeError sends err in Kalshi's wrapped form; a 429 gets the bare
// {"error":"too many requests"} with no rate-limit headers, and an error
// that is not an *APIError becomes a 500 whose cause stays in the server.
func writeError(w http.ResponseWriter, err error) {
	var tmr tooManyRequests
	if errors.As(err, &tmr) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"error":"too many requests"}`)
		return
	}
	var ae *APIError
	if !errors.As(err, &ae) {
		ae = apiErr(http.StatusInternalServerError, "internal", "internal error", "")
	}
	writeJSON(w, ae.Status, wrappedError{Error: ae.ErrorBody})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	b, err := json.Marshal(body)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error","details":"encoding the response failed"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// decodeBody reads one JSON value into v. Unknown fields are ignored (as
// a forward-compatible server must), but a malformed body, a field of the
// wrong type, trailing data or an oversized body is a 4xx.
func decodeBody(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	err := dec.Decode(v)
	if err == nil {
		if dec.Decode(new(json.RawMessage)) != io.EOF {
			return badRequest("request body has data after the JSON value")
		}
		return nil
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return apiErr(http.StatusRequestEntityTooLarge, codeRequestTooLarge, "request body too large",
			"the limit is "+itoa(tooBig.Limit)+" bytes")
	case errors.Is(err, io.EOF):
		return badRequest("request body is empty; a JSON object is required")
	}
	return badRequest("malformed JSON body: " + err.Error())
}

// decodeOptionalBody is decodeBody for endpoints whose body may be left
// out: an empty or blank body leaves v untouched.
func decodeOptionalBody(r *http.Request, v any) error {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return apiErr(http.StatusRequestEntityTooLarge, codeRequestTooLarge, "request body too large",
				"the limit is "+itoa(tooBig.Limit)+" bytes")
		}
		return badRequest("reading the request body: " + err.Error())
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return decodeBody(r, v)
}

// Pagination limits per endpoint family (kalshi-api.md §3).
const (
	defaultPageLimit = 100
	maxPageLimit     = 1000
	eventsPageLimit  = 200
)

// page cuts one page out of items, which must be in a stable order. The
// cursor is opaque to clients (an encoded offset); an empty cursor in the
// answer means the last page.
func page[T any](items []T, q url.Values, def, maxLimit int) ([]T, string, error) {
	limit := def
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return nil, "", badRequest("limit must be an integer between 1 and " + strconv.Itoa(maxLimit))
		}
		limit = n
	}
	start := 0
	if c := q.Get("cursor"); c != "" {
		off, ok := decodeCursor(c)
		if !ok {
			return nil, "", badRequest("cursor is not one this server issued")
		}
		start = min(off, len(items))
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = encodeCursor(end)
	}
	out := items[start:end]
	if out == nil {
		out = []T{}
	}
	return out, next, nil
}

const cursorTag = "sim1:"

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorTag + strconv.Itoa(offset)))
}

func decodeCursor(c string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !strings.HasPrefix(string(raw), cursorTag) {
		return 0, false
	}
	n, err := strconv.Atoi(string(raw[len(cursorTag):]))
	return n, err == nil && n >= 0
}

// queryInt64 parses an optional integer parameter (0 when absent).
func queryInt64(q url.Values, name string) (int64, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, badRequest(name + " must be a non-negative integer")
	}
	return n, nil
}

// queryRange parses an optional pair of bounds such as min_ts/max_ts
// (non-negative integers, 0 when absent), which the list endpoints filter
// on with outsideRange.
func queryRange(q url.Values, minName, maxName string) (lo, hi int64, err error) {
	if lo, err = queryInt64(q, minName); err != nil {
		return 0, 0, err
	}
	if hi, err = queryInt64(q, maxName); err != nil {
		return 0, 0, err
	}
	return lo, hi, nil
}

// queryBool parses an optional boolean parameter.
func queryBool(q url.Values, name string) (bool, error) {
	s := q.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, badRequest(name + " must be true or false")
	}
	return b, nil
}

// queryList splits a comma-separated parameter, dropping empty items.
func queryList(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, item := range strings.Split(v, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// toSet turns a list into a membership set; nil for an empty list.
func toSet(items []string) map[string]bool {
	if len(items) == 0 {
		return nil
	}
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}

// orEmpty makes a nil slice encode as [] instead of null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// querySubaccount reads the optional subaccount parameter: nil when absent,
// an invalid_subaccount error when it is not an integer in 0–63. Whether
// an absent one means 0 or every subaccount is the endpoint's choice
// (kalshi-api.md §11).
func querySubaccount(q url.Values) (*int, error) {
	s := q.Get("subaccount")
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, errSubaccount("subaccount " + strconv.Quote(s) + " is not an integer")
	}
	if err := checkSubaccountRange(n); err != nil {
		return nil, err
	}
	return &n, nil
}

// querySubaccountOr0 is querySubaccount for the endpoints whose default is
// the primary subaccount.
func querySubaccountOr0(q url.Values) (int, error) {
	sub, err := querySubaccount(q)
	if err != nil || sub == nil {
		return 0, err
	}
	return *sub, nil
}

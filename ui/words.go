package ui

import (
	"errors"
	"strings"
	"time"

	"ladder/api"
	"ladder/model"
	"ladder/stream"
)

// Messages name orders and feed trouble in words the trader recognises:
// side, quantity, price and market rather than order ids, and the cause of
// a connection problem rather than the Go error chain (which goes to the
// log in full).

// orderWords names one of my orders in its ladder's terms:
// "BUY 5 YES @ 95¢ T3.25".
func (m *Model) orderWords(o *myOrder) string {
	terms := m.termsFor(o.Ticker)
	outcome := "YES"
	if terms == model.NoTerms {
		outcome = "NO"
	}
	side := o.Side
	if terms == model.NoTerms {
		side = side.Opposite()
	}
	return sideWord(side) + " " + o.Remaining.Short() + " " + outcome + " @ " +
		m.priceFormatFor(o.Ticker).text(inTerms(o.Price, terms)) + " " + shortTicker(o.Ticker)
}

// orderWordsOr names an order by its snapshot, or by its id when the
// dashboard no longer knows it.
func (m *Model) orderWordsOr(o *myOrder, id string) string {
	if o != nil {
		return m.orderWords(o)
	}
	return "order " + shortID(id)
}

// amendWords says what an amend changed: the price, the quantity or both,
// e.g. "BUY 5→8 YES @ 95¢→96¢ T3.25".
func (m *Model) amendWords(before myOrder, price model.Price, remaining model.Qty) string {
	terms := m.termsFor(before.Ticker)
	pf := m.priceFormatFor(before.Ticker)
	outcome, side := "YES", before.Side
	if terms == model.NoTerms {
		outcome, side = "NO", side.Opposite()
	}
	qty := before.Remaining.Short()
	if remaining != before.Remaining {
		qty += "→" + remaining.Short()
	}
	p := pf.text(inTerms(before.Price, terms))
	if price != before.Price {
		p += "→" + pf.text(inTerms(price, terms))
	}
	return sideWord(side) + " " + qty + " " + outcome + " @ " + p + " " + shortTicker(before.Ticker)
}

// amendVerb is "moved", "resized" or "amended" for what changed.
func amendVerb(before myOrder, price model.Price, remaining model.Qty) string {
	switch {
	case price != before.Price && remaining != before.Remaining:
		return "amended"
	case remaining != before.Remaining:
		return "resized"
	}
	return "moved"
}

// amendNoun names the change an amend asked for: "move", "resize", "amend".
func amendNoun(verb string) string {
	switch verb {
	case "amended":
		return "amend"
	case "resized":
		return "resize"
	}
	return "move"
}

// amendVerbing is amendVerb while the amend is on its way.
func amendVerbing(before myOrder, price model.Price, remaining model.Qty) string {
	switch amendVerb(before, price, remaining) {
	case "amended":
		return "amending"
	case "resized":
		return "resizing"
	}
	return "moving"
}

// feedTrouble summarises a feed error for the message line and the status
// bar: what went wrong in a few words, never the raw error chain.
func feedTrouble(raw string) string {
	s := strings.ToLower(raw)
	switch {
	case raw == "":
		return ""
	case strings.Contains(s, "http 401"), strings.Contains(s, "http 403"):
		return "the exchange refused the API key"
	case strings.Contains(s, "websocket handshake: http "):
		i := strings.Index(s, "http ")
		code := strings.TrimSpace(strings.SplitN(s[i+len("http "):], ":", 2)[0])
		return "the exchange refused the connection (HTTP " + code + ")"
	case strings.Contains(s, "no such host"):
		return "cannot find the exchange's host"
	case strings.Contains(s, "timeout"), strings.Contains(s, "deadline exceeded"):
		return "connection timed out"
	case strings.Contains(s, "websocket dial"), strings.Contains(s, "connection refused"),
		strings.Contains(s, "network is unreachable"), strings.Contains(s, "handshake"):
		return "cannot connect"
	case strings.Contains(s, "eof"), strings.Contains(s, "connection reset"), strings.Contains(s, "closed"):
		return "connection lost"
	}
	// Unknown: the outermost part of the chain, which names the step.
	if i := strings.Index(raw, ": "); i > 0 && i < 40 {
		return raw[:i]
	}
	return trunc(raw, 40)
}

// feedStateWords is the message for a change of the feed's state:
// "feed down: cannot connect (retrying in 4s)".
func feedStateWords(h stream.Health, now time.Time) string {
	s := "feed " + h.State.String()
	if h.State == stream.BackingOff || h.State == stream.Down {
		s = "feed down"
	}
	if why := feedTrouble(h.LastError); why != "" {
		s += ": " + why
	}
	if h.State == stream.BackingOff && h.BackoffUntil.After(now) {
		if wait := h.BackoffUntil.Sub(now); wait < time.Second {
			s += " (reconnecting now)"
		} else {
			s += " (retrying in " + wholeSeconds(wait) + ")"
		}
	}
	return s
}

// wholeSeconds rounds a wait up to whole seconds: "4s".
func wholeSeconds(d time.Duration) string {
	return itoa(int((d+time.Second-1)/time.Second)) + "s"
}

// feedErrorWords puts a feed error event in words: the exchange's refusal
// of a command as it worded it, a failed REST reconciliation as the API
// error, and connection trouble summarised.
func feedErrorWords(err error) string {
	var ce *stream.CommandError
	if errors.As(err, &ce) {
		return ce.Error()
	}
	var ae *api.Error
	if errors.As(err, &ae) {
		return errText(err)
	}
	raw := err.Error()
	if step, rest, ok := strings.Cut(raw, ": "); ok && strings.HasPrefix(step, "reconcile ") {
		return step + " failed: " + feedTrouble(rest)
	}
	return feedTrouble(raw)
}

package ui

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"ladder/api"
	"ladder/desk"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/status"
	"ladder/ui/text"
)

// Messages name orders and feed trouble in words the trader recognises:
// side, quantity, price and market rather than order ids, and the cause of
// a connection problem rather than the Go error chain (which goes to the
// log in full).

// orderWords names one of my orders in its ladder's terms:
// "BUY 5 YES @ 95¢ T3.25".
func (m *Model) orderWords(o desk.Order) string {
	terms := m.termsFor(o.Ticker)
	outcome := "YES"
	if terms == model.NoTerms {
		outcome = "NO"
	}
	side := o.Side
	if terms == model.NoTerms {
		side = side.Opposite()
	}
	return text.SideWord(side) + " " + o.Remaining.Short() + " " + outcome + " @ " +
		m.priceFormatFor(o.Ticker).Format(inTerms(o.Price, terms)) + " " + m.names.Short(o.Ticker)
}

// amendWords says what an amend changed: the price, the quantity or both,
// e.g. "BUY 5→8 YES @ 95¢→96¢ T3.25".
func (m *Model) amendWords(before desk.Order, price model.Price, remaining model.Qty) string {
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
	p := pf.Format(inTerms(before.Price, terms))
	if price != before.Price {
		p += "→" + pf.Format(inTerms(price, terms))
	}
	return text.SideWord(side) + " " + qty + " " + outcome + " @ " + p + " " + m.names.Short(before.Ticker)
}

// amendVerb is "moved", "resized" or "amended" for what changed.
func amendVerb(before desk.Order, price model.Price, remaining model.Qty) string {
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
func amendVerbing(before desk.Order, price model.Price, remaining model.Qty) string {
	switch amendVerb(before, price, remaining) {
	case "amended":
		return "amending"
	case "resized":
		return "resizing"
	}
	return "moving"
}

// feedStateWords is the message for a change of the feed's state:
// "feed down: cannot connect (retrying in 4s)".
func feedStateWords(h stream.Health, now time.Time) string {
	s := "feed " + h.State.String()
	if h.State == stream.BackingOff || h.State == stream.Down {
		s = "feed down"
	}
	if why := status.Trouble(h.LastError); why != "" {
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
	return text.Itoa(int((d+time.Second-1)/time.Second)) + "s"
}

// feedErrorSource names where a feed error came from: the feed's own
// REST calls (a reconciliation after a reconnect) are the exchange's REST
// API, not the WebSocket, so a 429 there is the request budget.
func feedErrorSource(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		if ae.Status == http.StatusTooManyRequests {
			return "exchange REST rate limit (429), backing off: "
		}
		return "exchange REST: "
	}
	return "feed: "
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
		return step + " failed: " + status.Trouble(rest)
	}
	return status.Trouble(raw)
}

// An order that takes a position through zero (selling more than I hold,
// buying more than I am short) turns a long into a short or back. That is
// easy to do by accident with a repeated one-key order, so the
// confirmation dialog and the placed message say so.

// flipWords says how a position flips, in the ladder's terms:
// "flips long 5 → short 3". Positions are YES-terms sizes; in NO terms a
// YES short is a NO long.
func flipWords(before, after model.Qty, terms model.Terms) string {
	return "flips " + flipSpan(before, after, terms)
}

// flipSpan is "long 5 → short 3" in the ladder's terms.
func flipSpan(before, after model.Qty, terms model.Terms) string {
	if terms == model.NoTerms {
		before, after = -before, -after
	}
	return model.PositionWords(before) + " → " + model.PositionWords(after)
}

// sentOrder is what the dashboard remembers about a create in flight, for
// the message that answers it.
type sentOrder struct {
	crossed bool      // a marketable order sent as such: trades as taker
	before  model.Qty // projected position when it was sent (YES terms)
}

// placedFlip says how a create's answer flips the position: what it filled
// did ("flips long 5 → short 3"), or what its resting rest would do if
// filled ("would flip … if filled"). "" when neither flips.
func placedFlip(before model.Qty, side model.BookSide, filled, resting model.Qty, terms model.Terms) string {
	after := before + side.Sign()*filled
	if desk.Flips(before, after) {
		return flipWords(before, after, terms)
	}
	if full := after + side.Sign()*resting; resting > 0 && desk.Flips(before, full) {
		return "would flip " + flipSpan(before, full, terms) + " if filled"
	}
	return ""
}

// takeWords says what a marketable order takes, in the shown terms:
// "1 @ 64¢", "30 @ 64¢–65¢, 20 rest".
func takeWords(e desk.Take, req model.CreateOrderRequest, terms model.Terms, pf text.PriceFormat) string {
	s := text.Qty(e.Took) + " @ " + pf.Format(inTerms(e.First, terms))
	if e.Last != e.First {
		s += "–" + pf.Format(inTerms(e.Last, terms))
	}
	if rest := req.Count - e.Took; rest > 0 {
		s += ", " + text.Qty(rest) + " rest"
	}
	return s
}

// farWords says how far from the market a price is, in the ladder's price
// format (YES prices, said so in NO terms): "30¢ is 25¢ away from the
// best bid 55¢".
func farWords(f *desk.Far, side model.BookSide, price model.Price, terms model.Terms, pf text.PriceFormat) string {
	if f == nil {
		return ""
	}
	ref := "best offer"
	if f.RefBid {
		ref = "best bid"
	}
	how := "away from"
	if f.Through {
		how = "through"
	}
	s := pf.Format(price) + " is " + pf.Format(f.Dist) + " " + how + " the " + ref + " " + pf.Format(f.Ref)
	if terms == model.NoTerms {
		s += " (YES prices)"
	}
	return s
}

// flowWords says what an order moves in cash if it fills at its limit:
// "$3.00" for an order that only opens (its cost), "proceeds $5.50" for
// one that only closes, "proceeds $5.50 (closes 10), cost $0.90 (opens 2)"
// for one that does both.
func flowWords(f desk.Flow) string {
	switch {
	case f.Closes > 0 && f.Opens > 0:
		return "proceeds " + text.ExactMoney(f.Proceeds) + " (closes " + f.Closes.Short() + "), cost " + text.ExactMoney(f.Cost) +
			" (opens " + f.Opens.Short() + ")"
	case f.Closes > 0:
		return "proceeds " + text.ExactMoney(f.Proceeds)
	}
	return text.ExactMoney(f.Cost)
}

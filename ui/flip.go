package ui

import "ladder/model"

// An order that takes a position through zero (selling more than I hold,
// buying more than I am short) turns a long into a short or back. That is
// easy to do by accident with a repeated one-key order, so the confirmation
// dialog and the placed message say so.

// projectedPosition is my position in a market as a new order will find
// it: the exchange's position plus the immediate orders (IOC, FOK) still in
// flight there, counted as if they fill, since their fills have not reached
// the position yet. A repeated `S` thus sees the sells sent before it.
func (m *Model) projectedPosition(ticker string) model.Qty {
	pos := m.holdings.Position(ticker).Size
	for _, o := range m.store.pendingList() {
		if o.Ticker == ticker && (o.TIF == model.IOC || o.TIF == model.FOK) {
			pos += o.Side.Sign() * o.Remaining
		}
	}
	return pos
}

// flips reports whether going from before to after crosses zero. Going
// flat, or starting flat, is no flip.
func flips(before, after model.Qty) bool {
	return (before > 0 && after < 0) || (before < 0 && after > 0)
}

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
	return positionWords(before) + " → " + positionWords(after)
}

// positionWords names a position: "long 5", "short 3", "flat".
func positionWords(q model.Qty) string {
	switch {
	case q > 0:
		return "long " + q.Short()
	case q < 0:
		return "short " + (-q).Short()
	}
	return "flat"
}

// sentOrder is what the dashboard remembers about a create in flight, for
// the message that answers it.
type sentOrder struct {
	crossed bool      // a marketable one-key order: trades as taker
	before  model.Qty // projected position when it was sent (YES terms)
}

// placedFlip says how a create's answer flips the position: what it filled
// did ("flips long 5 → short 3"), or what its resting rest would do if
// filled ("would flip … if filled"). "" when neither flips.
func placedFlip(s sentOrder, side model.BookSide, filled, resting model.Qty, terms model.Terms) string {
	after := s.before + side.Sign()*filled
	if flips(s.before, after) {
		return flipWords(s.before, after, terms)
	}
	if full := after + side.Sign()*resting; resting > 0 && flips(s.before, full) {
		return "would flip " + flipSpan(s.before, full, terms) + " if filled"
	}
	return ""
}

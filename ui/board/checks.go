package board

import (
	"ladder/model"
)

// The event's consistency checks. A mutually exclusive event (brackets,
// ranges: exactly one market resolves YES) is worth exactly $1 as a set:
// buying one YES of every market costs Σ best asks and pays $1 whatever
// happens; selling one of each brings Σ best bids and costs $1. Net of the
// taker fee on each leg, a set bought under $1 or sold over $1 is money on
// the table. A strike ladder ("above X") must price a higher strike no
// higher than a lower one: the higher strike's YES implies the lower's.
//
// Everything is integer: per-contract prices in $0.0001 and the fee, which
// Kalshi rounds up to $0.0001, in the same unit.

// Set is the cost (buying) or proceeds (selling) of one contract of every
// market, before and after fees, in $0.0001 units (model.Price), and how
// many whole sets the best levels hold.
type Set struct {
	OK      bool        // every market has a quote on this side
	Missing string      // a market without one, when !OK
	Gross   model.Price // Σ best prices
	Fees    model.Price // Σ taker fees of one contract at each
	Net     model.Price // buying: Gross + Fees; selling: Gross − Fees
	Sets    model.Qty   // the smallest size at the best levels
}

// Edge is what the set gains per set against $1: positive is an
// opportunity (buying under $1, selling over $1).
func (s Set) Edge(buy bool) model.Price {
	if buy {
		return model.OneDollar - s.Net
	}
	return s.Net - model.OneDollar
}

// fee is the taker fee of one contract at p, as a price.
func fee(rate model.FeeRate, p model.Price) model.Price {
	// A fee is a whole number of $0.0001 (TradeFee rounds up to it), and
	// one Money unit is $0.000001: 100 of them make one Price unit.
	return model.Price(model.TradeFee(rate, model.Contract, p) / 100)
}

// SumSet adds up one side of every market's quote: the asks to buy a set,
// the bids to sell one.
func SumSet(rows []Row, buy bool, rate model.FeeRate) Set {
	s := Set{OK: len(rows) > 0}
	first := true
	for _, r := range rows {
		p, size := r.Quote.Bid, r.Quote.BidSize
		if buy {
			p, size = r.Quote.Ask, r.Quote.AskSize
		}
		if !r.HasQuote || !p.InOpenRange() {
			if s.OK {
				s.OK, s.Missing = false, r.Label
			}
			continue
		}
		s.Gross += p
		s.Fees += fee(rate, p)
		if first || size < s.Sets {
			s.Sets = size
		}
		first = false
	}
	if buy {
		s.Net = s.Gross + s.Fees
	} else {
		s.Net = s.Gross - s.Fees
	}
	return s
}

// Mark is the price a row is compared at: the mid of a two-sided quote,
// else the last trade.
func Mark(q Quote) (model.Price, bool) {
	if q.Bid.InOpenRange() && q.Ask.InOpenRange() {
		return (q.Bid + q.Ask) / 2, true
	}
	if q.Last.InOpenRange() {
		return q.Last, true
	}
	return 0, false
}

// Inversion flags a strike priced above a strike its YES implies: for
// "above X" markets a higher strike, for "below X" a lower one.
type Inversion struct {
	Row   int         // the row priced too high
	Than  int         // the row it is priced above
	Price model.Price // Row's mark
	Below model.Price // Than's mark
}

// Inversions checks a strike ladder sorted by strike, ascending: the
// marks of "greater" strikes must not rise, those of "less" strikes must
// not fall. Each row is compared with the nearest priced row on the side
// that must be worth at least as much.
func Inversions(rows []Row) []Inversion {
	var out []Inversion
	last := -1
	for i := range rows {
		p, ok := Mark(rows[i].Quote)
		if !ok || !rows[i].HasQuote {
			continue
		}
		if last >= 0 {
			q, _ := Mark(rows[last].Quote)
			switch rows[i].Market.StrikeType {
			case "greater", "greater_or_equal":
				if p > q { // the higher strike is dearer
					out = append(out, Inversion{Row: i, Than: last, Price: p, Below: q})
				}
			case "less", "less_or_equal":
				if q > p { // the lower strike is dearer
					out = append(out, Inversion{Row: last, Than: i, Price: q, Below: p})
				}
			}
		}
		last = i
	}
	return out
}

// Ladder reports whether an event is a strike ladder: not mutually
// exclusive, and every market a one-sided strike of the same direction.
func Ladder(ev *model.Event) bool {
	if ev.MutuallyExclusive || len(ev.Markets) < 2 {
		return false
	}
	kind := ""
	for i := range ev.Markets {
		k := direction(ev.Markets[i].StrikeType)
		if k == "" || (kind != "" && k != kind) {
			return false
		}
		kind = k
	}
	return true
}

func direction(strikeType string) string {
	switch strikeType {
	case "greater", "greater_or_equal":
		return "greater"
	case "less", "less_or_equal":
		return "less"
	}
	return ""
}

package sim

import (
	"sort"

	"ladder/model"
)

// eventResults draws the results of every market of ev at once, the first
// time one of them is determined, from one uniform number u in [0, $1):
//
//   - In a mutually exclusive event exactly one market resolves YES: the
//     markets are laid end to end along the latent axis, each as wide as
//     its price (normalised to sum to $1), and u picks one.
//   - Otherwise a market resolves YES when u is below its price, so a
//     strike ladder whose prices fall with the strike resolves YES up to
//     some strike and NO above it, never the other way round.
//
// The prices are the markets' marks, so traders move the odds.
func (e *Engine) eventResults(ev *eventInfo) map[string]bool {
	if ev.results != nil {
		return ev.results
	}
	ms := make([]*market, 0, len(ev.tickers))
	for _, t := range ev.tickers {
		if m := e.cat.markets[t]; m != nil && m.ev == ev {
			ms = append(ms, m)
		}
	}
	u := model.Price(e.rng.Int64N(int64(model.OneDollar)))
	ev.results = make(map[string]bool, len(ms))
	if !ev.MutuallyExclusive {
		for _, m := range ms {
			ev.results[m.info.Ticker] = u < m.mark()
		}
		return ev.results
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].band.lo < ms[j].band.lo })
	var total int64
	for _, m := range ms {
		total += int64(max(m.mark(), 1))
	}
	// u/$1 ≤ cum/total, compared in integers.
	var cum int64
	for _, m := range ms {
		cum += int64(max(m.mark(), 1))
		if int64(u)*total < cum*int64(model.OneDollar) {
			ev.results[m.info.Ticker] = true
			break
		}
	}
	return ev.results
}

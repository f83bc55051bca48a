package sim

import (
	"math"
	"sort"

	"ladder/model"
)

// The simulated world behind each event is one number, its latent value:
// the Fed's upper bound after the meeting, tomorrow's high in Central Park,
// the S&P close, the away team's margin, Bitcoin's move over the window.
// Every market of the event pays out when that number lands in the market's
// band, so fair values derived from one latent distribution are coherent
// across the event by construction: a strike ladder's prices fall as the
// strike rises, mutually exclusive brackets partition the line and their
// prices sum to $1, and a game's two winners are p and 1 − p.

// latentModel is an event's latent distribution: logistic around a value
// that random-walks from center, with a fixed scale.
type latentModel struct {
	center float64 // where the walk starts and mean-reverts to
	scale  float64 // spread of the outcome around the current value
}

// band is the latent interval [lo, hi) in which a market resolves YES;
// ±Inf for open-ended strikes.
type band struct{ lo, hi float64 }

// above is the band of a "greater" strike at v.
func above(v float64) band { return band{lo: v, hi: math.Inf(1)} }

// below is the band of a "less" strike at v.
func below(v float64) band { return band{lo: math.Inf(-1), hi: v} }

// logistic is the CDF of the standard logistic distribution; it maps ±Inf
// to 1 and 0 without special cases.
func logistic(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// prob is the probability the outcome lands in b when the latent value is
// x: the CDF difference across the band.
func (b band) prob(x float64, lm latentModel) float64 {
	return logistic((b.hi-x)/lm.scale) - logistic((b.lo-x)/lm.scale)
}

// fairPrice turns a probability into a YES price, clamped to the grid's
// lowest and highest prices so both sides can still be quoted. The clamp is
// monotone, so ladders stay ordered; it is as narrow as the grid allows, so
// a strike deep in the money is not flattened onto its neighbour.
func fairPrice(p float64, g *model.Grid) model.Price {
	v := model.Price(math.Round(p * float64(model.OneDollar)))
	return min(max(v, g.Level(0)), g.Level(g.Len()-1))
}

// specBand derives a market's band from its strike: "greater" pays above
// the floor, "less" below the cap, "between" inside both. A market without
// a strike must name its band explicitly (game winners, up/down).
func specBand(s marketSpec) band {
	switch {
	case s.band != nil:
		return *s.band
	case s.strikeType == "greater" && s.floor != nil:
		return above(*s.floor)
	case s.strikeType == "less" && s.cap != nil:
		return below(*s.cap)
	case s.strikeType == "between" && s.floor != nil && s.cap != nil:
		return band{lo: *s.floor, hi: *s.cap}
	}
	return above(0)
}

// closeGaps makes the bands of a mutually exclusive event meet: Kalshi
// brackets are written on whole units ("45° to 46°", "47° to 48°"), so the
// boundary between neighbours is placed halfway across the gap. Without it
// an outcome of 46.7 would fall in no bracket and the prices would sum to
// less than $1.
func closeGaps(bands []band) {
	idx := make([]int, len(bands))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return bands[idx[a]].lo < bands[idx[b]].lo })
	for k := 0; k+1 < len(idx); k++ {
		lo, hi := &bands[idx[k]], &bands[idx[k+1]]
		if lo.hi < hi.lo {
			mid := (lo.hi + hi.lo) / 2
			lo.hi, hi.lo = mid, mid
		}
	}
}

package sim

import (
	"time"

	"ladder/model"
)

// Candlesticks are served from one-minute buckets per market: what the
// best bid and ask did in the minute, the trades' prices and volume, and
// the open interest at its end. Hourly and daily candles are sums of
// minutes. A market keeps the last candleKeep minutes, so memory is bounded
// however long the simulator runs; the seeded day (candles_seed.go) and
// live trading (execute and every operation's end) fill the same buckets.

// candleKeep is how many minutes of history a market keeps: a day for the
// charts plus an hour of slack, trimmed an hour at a time.
const (
	candleKeep  = 25 * 60
	candleSlack = 60
)

// candleMinute is one minute of one market.
type candleMinute struct {
	bid, ask [4]model.Price // best YES bid and ask: open, low, high, close
	trade    [4]model.Price // traded YES price: open, low, high, close; valid when vol > 0
	notional model.Money    // Σ price × count, for the mean
	vol      model.Qty
	oi       model.Qty // open interest at the end of the minute
}

const (
	ohlcOpen = iota
	ohlcLow
	ohlcHigh
	ohlcClose
)

// candleSeries is a market's consecutive minutes from first.
type candleSeries struct {
	first     int64 // Unix minute of buf[0]
	buf       []candleMinute
	lastTrade model.Price // last trade before buf[0] (0 = none), for "previous"
}

func unixMinute(t time.Time) int64 { return floorDivInt(t.Unix(), 60) }

// floorDivInt divides rounding toward −∞, so minutes before 1970 (tests'
// clocks never go there, but the arithmetic should not care) stay ordered.
func floorDivInt(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// lastMinute is the Unix minute of the newest bucket; ok is false when the
// series is empty.
func (s *candleSeries) lastMinute() (int64, bool) {
	if len(s.buf) == 0 {
		return 0, false
	}
	return s.first + int64(len(s.buf)) - 1, true
}

// at returns the bucket for minute, creating it and carrying the quote and
// open interest forward over any quiet minutes since the last one. Minutes
// before the newest are never reopened (a late write lands in the newest):
// the engine's clock only moves forward.
func (s *candleSeries) at(minute int64, bid, ask model.Price, oi model.Qty) *candleMinute {
	last, ok := s.lastMinute()
	if !ok {
		s.first = minute
		s.buf = append(s.buf, openMinute(bid, ask, oi))
		return &s.buf[0]
	}
	if minute > last {
		prev := s.buf[len(s.buf)-1]
		carry := openMinute(prev.bid[ohlcClose], prev.ask[ohlcClose], prev.oi)
		for m := last + 1; m <= minute; m++ {
			s.buf = append(s.buf, carry)
			s.trim() // inside the loop: a long quiet spell must not grow the buffer
		}
	}
	return &s.buf[len(s.buf)-1]
}

// openMinute is a minute in which nothing has happened yet.
func openMinute(bid, ask model.Price, oi model.Qty) candleMinute {
	return candleMinute{bid: [4]model.Price{bid, bid, bid, bid}, ask: [4]model.Price{ask, ask, ask, ask}, oi: oi}
}

// trim drops the oldest minutes beyond candleKeep (an hour at a time, so
// the copy is rare), remembering the last trade among them.
func (s *candleSeries) trim() {
	if len(s.buf) <= candleKeep+candleSlack {
		return
	}
	cut := len(s.buf) - candleKeep
	for i := cut - 1; i >= 0; i-- {
		if s.buf[i].vol > 0 {
			s.lastTrade = s.buf[i].trade[ohlcClose]
			break
		}
	}
	n := copy(s.buf, s.buf[cut:])
	s.buf = s.buf[:n]
	s.first += int64(cut)
}

// quote records the best bid and ask at minute. A side with nothing on it
// (a book being built, or emptied at the close) leaves that side's line at
// its last value rather than dropping it to 0 or $1 for a moment.
func (s *candleSeries) quote(minute int64, bid model.Price, hasBid bool, ask model.Price, hasAsk bool, oi model.Qty) {
	c := s.at(minute, bid, ask, oi)
	if hasBid {
		extend(&c.bid, bid)
	}
	if hasAsk {
		extend(&c.ask, ask)
	}
	c.oi = oi
}

// extend moves an open-high-low-close on by one price.
func extend(o *[4]model.Price, p model.Price) {
	o[ohlcLow], o[ohlcHigh], o[ohlcClose] = min(o[ohlcLow], p), max(o[ohlcHigh], p), p
}

// addTrade records one execution at YES price p in the minute: the first
// one opens the minute's trade prices.
func (c *candleMinute) addTrade(p model.Price, qty model.Qty) {
	if c.vol == 0 {
		c.trade = [4]model.Price{p, p, p, p}
	} else {
		extend(&c.trade, p)
	}
	c.notional += model.Notional(p, qty)
	c.vol += qty
}

// trade records one execution at YES price p.
func (s *candleSeries) trade(minute int64, bid, ask, p model.Price, qty model.Qty, oi model.Qty) {
	c := s.at(minute, bid, ask, oi)
	c.addTrade(p, qty)
	c.oi = oi
}

// recordQuote notes the market's current best bid and ask in its candles;
// the engine calls it for every market an operation touched.
func (m *market) recordQuote(now time.Time) {
	bid, bidSize, ask, askSize := m.top()
	m.candles.quote(unixMinute(now), bid, bidSize > 0, ask, askSize > 0, m.openInterest)
}

// recordTrade notes one execution in the market's candles.
func (m *market) recordTrade(now time.Time, yesPrice model.Price, qty model.Qty) {
	bid, _, ask, _ := m.top()
	m.candles.trade(unixMinute(now), bid, ask, yesPrice, qty, m.openInterest)
}

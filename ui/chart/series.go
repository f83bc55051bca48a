// Package chart draws a market's prices over time: candles (or the last
// price where a period did not trade) over the bid–ask band, volume bars
// and my fills, in block characters, from the exchange's candlesticks
// extended live by the trade feed. It is a small drawer of its own:
// NimbleMarkets/ntcharts v0.4.0, the kept charting library, is built on
// Bubble Tea v1 and Lip Gloss v1 (github.com/charmbracelet/...), not the
// v2 modules this program uses, and is not an approved dependency.
//
// Prices are integers ($0.0001) throughout; they are mapped to rows with
// integer arithmetic, and every price shown is formatted exactly.
package chart

import (
	"ladder/model"
)

// Periods the exchange serves, in minutes, in the order the period key
// cycles through them.
var Periods = []int{model.CandleMinute, model.CandleHour, model.CandleDay}

// PeriodName names a period for the header: "1 min", "1 h", "1 day".
func PeriodName(minutes int) string {
	switch minutes {
	case model.CandleHour:
		return "1 h"
	case model.CandleDay:
		return "1 day"
	}
	return "1 min"
}

// Series is one market's candles of one period, oldest first, as loaded
// and then extended by the feed's trades and quotes.
type Series struct {
	Ticker  string
	Period  int // minutes
	Candles []model.Candlestick
	// AsOfMs is when the candles were asked for (Unix ms): the exchange
	// counted every trade before it, so the feed extends the series only
	// with later ones (else a trade on the wire while the answer came back
	// would count twice).
	AsOfMs int64
}

// periodEnd is the end (Unix seconds) of the period holding second ts: a
// period k covers [k·P, (k+1)·P) and ends at (k+1)·P, as the exchange's
// end_period_ts says.
func (s *Series) periodEnd(ts int64) int64 {
	p := int64(s.Period) * 60
	k := ts / p
	if ts < 0 && ts%p != 0 {
		k--
	}
	return (k + 1) * p
}

// at returns the candle of the period holding ts, appending one when ts
// is past the last (empty periods between are not made up: the chart
// draws what exists). A trade older than the last candle is dropped: the
// loaded history already counts it.
func (s *Series) at(ts int64) *model.Candlestick {
	end := s.periodEnd(ts)
	if n := len(s.Candles); n > 0 {
		last := &s.Candles[n-1]
		switch {
		case end == last.EndPeriodTS:
			return last
		case end < last.EndPeriodTS:
			return nil
		}
	}
	c := model.Candlestick{EndPeriodTS: end}
	if n := len(s.Candles); n > 0 {
		prev := s.Candles[n-1]
		c.YesBid = flat(prev.YesBid.Close)
		c.YesAsk = flat(prev.YesAsk.Close)
		c.OpenInterest = prev.OpenInterest
		if lp := lastPrice(prev); lp != nil {
			p := *lp
			c.Price.Previous = &p
		}
	}
	s.Candles = append(s.Candles, c)
	return &s.Candles[len(s.Candles)-1]
}

// Trade extends the series with one public trade (tsMs, YES price, size).
func (s *Series) Trade(tsMs int64, price model.Price, qty model.Qty) {
	if tsMs <= s.AsOfMs {
		return // in the loaded candles already
	}
	c := s.at(tsMs / 1000)
	if c == nil {
		return
	}
	tp := &c.Price
	if tp.Open == nil {
		p := price
		tp.Open, tp.High, tp.Low = &p, ptr(price), ptr(price)
	}
	if price > *tp.High {
		*tp.High = price
	}
	if price < *tp.Low {
		*tp.Low = price
	}
	tp.Close = ptr(price)
	c.Volume += qty
}

// Quote extends the series with the best bid and ask at tsMs (a zero
// price is a side without a quote, left as it was).
func (s *Series) Quote(tsMs int64, bid, ask model.Price) {
	c := s.at(tsMs / 1000)
	if c == nil {
		return
	}
	quote(&c.YesBid, bid)
	quote(&c.YesAsk, ask)
}

func quote(o *model.QuoteOHLC, p model.Price) {
	if !p.InOpenRange() {
		return
	}
	if !o.Open.InOpenRange() {
		*o = flat(p)
		return
	}
	o.Close = p
	o.High = max(o.High, p)
	o.Low = min(o.Low, p)
}

func flat(p model.Price) model.QuoteOHLC { return model.QuoteOHLC{Open: p, Low: p, High: p, Close: p} }

func ptr(p model.Price) *model.Price { return &p }

// lastPrice is a candle's last traded price: its close, else the last
// trade before it.
func lastPrice(c model.Candlestick) *model.Price {
	if c.Price.Close != nil {
		return c.Price.Close
	}
	return c.Price.Previous
}

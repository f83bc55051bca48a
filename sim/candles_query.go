package sim

import (
	"fmt"
	"net/http"

	"ladder/model"
)

// maxCandles bounds one request: Kalshi caps the batch endpoint at 10,000
// candles, and the simulator applies the same cap to the single-market one.
const maxCandles = 10_000

// CandleQuery selects candles: those whose period ends within
// [StartTs, EndTs] (Unix seconds), PeriodMinutes long (1, 60 or 1440).
type CandleQuery struct {
	StartTs, EndTs int64
	PeriodMinutes  int
	// IncludeLatestBeforeStart prepends the last period before the window,
	// with its trade prices nulled and Previous set to the last trade price
	// before the window (Kalshi's include_latest_before_start). Kalshi moves
	// that candle to the window's first boundary; the simulator keeps its
	// own end time, so end_period_ts stays strictly increasing.
	IncludeLatestBeforeStart bool
}

// span is the range of period indexes the query asks for (a period k ends
// at (k+1)·period minutes) and how many that is.
func (q CandleQuery) span() (lo, hi, n int64, err error) {
	switch q.PeriodMinutes {
	case model.CandleMinute, model.CandleHour, model.CandleDay:
	default:
		return 0, 0, 0, apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters",
			fmt.Sprintf("period_interval %d must be 1, 60 or 1440", q.PeriodMinutes))
	}
	if q.StartTs <= 0 || q.EndTs <= 0 || q.StartTs > q.EndTs {
		return 0, 0, 0, apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters",
			"start_ts and end_ts are required Unix seconds with start_ts ≤ end_ts")
	}
	secs := int64(q.PeriodMinutes) * 60
	lo = -floorDivInt(-q.StartTs, secs) - 1 // first k with (k+1)·secs ≥ start
	hi = floorDivInt(q.EndTs, secs) - 1     // last k with (k+1)·secs ≤ end
	return lo, hi, max(hi-lo+1, 0), nil
}

// checkCandleBudget refuses a request for more than maxCandles periods
// across markets markets.
func checkCandleBudget(q CandleQuery, markets int) error {
	_, _, n, err := q.span()
	if err != nil {
		return err
	}
	if n*int64(markets) > maxCandles {
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters",
			fmt.Sprintf("the request spans %d candles; at most %d are served at once", n*int64(markets), maxCandles))
	}
	return nil
}

// Candlesticks returns one market's candles for q, oldest first: every
// period in the window that overlaps the market's kept history, which runs
// from its oldest kept minute to now (or to its close). Quiet minutes carry
// the last quote and have no trade prices.
func (e *Engine) Candlesticks(ticker string, q CandleQuery) ([]model.Candlestick, error) {
	if err := checkCandleBudget(q, 1); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.cat.markets[ticker]
	if m == nil {
		return nil, errNotFound("market " + ticker)
	}
	return m.candlesticks(q, unixMinute(e.cfg.Now())), nil
}

// seriesEnd is the last minute the market's history covers: its newest
// bucket, or the current minute (once closed, its last open minute) if
// that is later.
func (m *market) seriesEnd(nowMinute int64) int64 {
	last, _ := m.candles.lastMinute()
	if m.info.Status == statusInitialized {
		return last
	}
	return max(last, min(nowMinute, unixMinute(m.info.CloseTime)-1))
}

// candlesticks aggregates the market's minutes into q's periods.
func (m *market) candlesticks(q CandleQuery, nowMinute int64) []model.Candlestick {
	out := []model.Candlestick{}
	s := &m.candles
	if len(s.buf) == 0 {
		return out
	}
	lo, hi, _, _ := q.span()
	p := int64(q.PeriodMinutes)
	end := m.seriesEnd(nowMinute)
	first := floorDivInt(s.first, p)
	last := floorDivInt(end, p)
	agg := candleAggregator{s: s, end: end, lastTrade: s.lastTrade}
	candle := func(k int64) model.Candlestick {
		c := agg.period(k*p, k*p+p-1)
		c.EndPeriodTS = (k + 1) * p * 60
		return c
	}
	if k := min(lo-1, last); q.IncludeLatestBeforeStart && k >= first {
		c := candle(k)
		out = append(out, beforeStart(c, agg.lastTrade))
	}
	for k := max(lo, first); k <= min(hi, last); k++ {
		out = append(out, candle(k))
	}
	return out
}

// beforeStart blanks a candle's trade prices, keeping the last price known
// before the window as Previous.
func beforeStart(c model.Candlestick, lastTrade model.Price) model.Candlestick {
	c.Price = model.TradeStats{Previous: pricePtr(lastTrade)}
	c.Volume = 0
	return c
}

// candleAggregator walks a series' minutes forward once, period by period,
// carrying the last trade price for each period's Previous.
type candleAggregator struct {
	s         *candleSeries
	end       int64 // last minute covered (minutes after the buffer repeat its last)
	next      int64 // next minute to read
	started   bool
	lastTrade model.Price
}

// minute returns the bucket for minute mi (≥ s.first, ≤ end): recorded, or
// the newest one carried forward with no trades.
func (a *candleAggregator) minute(mi int64) candleMinute {
	if i := mi - a.s.first; i < int64(len(a.s.buf)) {
		return a.s.buf[i]
	}
	last := a.s.buf[len(a.s.buf)-1]
	return openMinute(last.bid[ohlcClose], last.ask[ohlcClose], last.oi)
}

// period aggregates minutes [from, to], clipped to the series. Minutes
// skipped since the last call only advance the last trade price.
func (a *candleAggregator) period(from, to int64) model.Candlestick {
	from, to = max(from, a.s.first), min(to, a.end)
	if !a.started {
		a.next, a.started = a.s.first, true
	}
	for ; a.next < from; a.next++ {
		if c := a.minute(a.next); c.vol > 0 {
			a.lastTrade = c.trade[ohlcClose]
		}
	}
	var out model.Candlestick
	out.Price.Previous = pricePtr(a.lastTrade)
	var notional model.Money
	var tr [4]model.Price
	for mi := from; mi <= to; mi++ {
		c := a.minute(mi)
		if mi == from {
			out.YesBid = model.QuoteOHLC{Open: c.bid[ohlcOpen], Low: c.bid[ohlcLow], High: c.bid[ohlcHigh]}
			out.YesAsk = model.QuoteOHLC{Open: c.ask[ohlcOpen], Low: c.ask[ohlcLow], High: c.ask[ohlcHigh]}
		}
		out.YesBid.Low, out.YesBid.High, out.YesBid.Close = min(out.YesBid.Low, c.bid[ohlcLow]), max(out.YesBid.High, c.bid[ohlcHigh]), c.bid[ohlcClose]
		out.YesAsk.Low, out.YesAsk.High, out.YesAsk.Close = min(out.YesAsk.Low, c.ask[ohlcLow]), max(out.YesAsk.High, c.ask[ohlcHigh]), c.ask[ohlcClose]
		if c.vol > 0 {
			if out.Volume == 0 {
				tr = c.trade
			} else {
				tr[ohlcLow], tr[ohlcHigh], tr[ohlcClose] = min(tr[ohlcLow], c.trade[ohlcLow]), max(tr[ohlcHigh], c.trade[ohlcHigh]), c.trade[ohlcClose]
			}
			out.Volume += c.vol
			notional += c.notional
			a.lastTrade = c.trade[ohlcClose]
		}
		out.OpenInterest = c.oi
	}
	a.next = to + 1
	if out.Volume > 0 {
		mean := meanPrice(notional, out.Volume)
		out.Price.Open, out.Price.Low, out.Price.High, out.Price.Close = pricePtr(tr[ohlcOpen]), pricePtr(tr[ohlcLow]), pricePtr(tr[ohlcHigh]), pricePtr(tr[ohlcClose])
		// Kalshi does not say how min/max differ from low/high; here they
		// are the same extremes of the period's trades.
		out.Price.Min, out.Price.Max = pricePtr(tr[ohlcLow]), pricePtr(tr[ohlcHigh])
		out.Price.Mean = &mean
	}
	return out
}

// meanPrice is the volume-weighted mean price, rounded half up to $0.0001.
func meanPrice(notional model.Money, vol model.Qty) model.Price {
	return model.Price((int64(notional) + int64(vol)/2) / int64(vol))
}

// pricePtr is p as a nullable field; 0 (no price) is null.
func pricePtr(p model.Price) *model.Price {
	if p == 0 {
		return nil
	}
	return &p
}

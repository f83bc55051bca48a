package ui

import (
	"context"
	"errors"
	"net/http"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/model"
	"ladder/ui/chart"
)

// The chart's root side: loading a market's candlesticks for the period
// shown (tagged with market and period, so a late answer for another is
// dropped), and extending them live from the feed's trades and tickers.

// candlesMsg answers GetCandlesticks.
type candlesMsg struct {
	ticker  string
	period  int
	candles []model.Candlestick
	asOf    int64 // Unix ms the request left (chart.Series.AsOfMs)
	err     error
}

// openChart shows the chart of the focused market.
func (m *Model) openChart() tea.Cmd {
	ticker := m.focusedMarket()
	if ticker == "" {
		m.say(lvlWarn, "choose a market first")
		return nil
	}
	m.chartTicker = ticker
	m.openFull(fullChart)
	return m.loadChart()
}

// loadChart asks for the chart's window of candles: as many periods as
// fill its width, up to the running one.
func (m *Model) loadChart() tea.Cmd {
	ticker, period := m.chartTicker, m.chart.Period()
	m.chartSeries, m.chartErr = nil, ""
	if m.opts.Exchange == nil {
		m.chartErr = "this session has no exchange to ask"
		return nil
	}
	mk := m.markets.Find(ticker)
	if mk == nil {
		m.chartErr = "unknown market " + ticker
		return nil
	}
	ev := m.eventOf(mk.EventTicker)
	if ev == nil || ev.SeriesTicker == "" {
		m.chartErr = "no series known for " + ticker
		return nil
	}
	secs := int64(period) * 60
	now := m.now.Unix()
	q := api.CandlesQuery{StartTs: now - int64(m.chart.Window())*secs, EndTs: now + secs, PeriodMinutes: period}
	x, ctx, series := m.opts.Exchange, m.ctx, ev.SeriesTicker
	asOf := m.now.UnixMilli() // the request leaves now
	return func() tea.Msg {
		cs, err := x.GetCandlesticks(ctx, series, ticker, q)
		return candlesMsg{ticker: ticker, period: period, candles: cs, asOf: asOf, err: err}
	}
}

func (m *Model) onCandles(msg candlesMsg) {
	if msg.ticker != m.chartTicker || msg.period != m.chart.Period() || m.full != fullChart {
		return // the user moved on
	}
	if msg.err != nil {
		m.chartErr = unavailable(msg.err)
		return
	}
	m.chartSeries = &chart.Series{Ticker: msg.ticker, Period: msg.period, Candles: msg.candles, AsOfMs: msg.asOf}
}

// unavailable words an error of an account or history endpoint: one the
// exchange does not offer says so.
func unavailable(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) && (ae.Status == http.StatusNotFound || ae.Status == http.StatusNotImplemented) {
		return "not offered by this exchange (" + http.StatusText(ae.Status) + ")"
	}
	if errors.Is(err, context.Canceled) {
		return "cancelled"
	}
	return errText(err)
}

// extendChart adds a frame's trades (newest first) and the market's
// ticker to the chart's candles.
func (m *Model) extendChart(trades []model.TradeMsg, tickers map[string]model.TickerMsg) {
	s := m.chartSeries
	if s == nil {
		return
	}
	for i := len(trades) - 1; i >= 0; i-- {
		if t := trades[i]; t.MarketTicker == s.Ticker && t.TsMs > 0 {
			s.Trade(t.TsMs, t.YesPrice, t.Count)
		}
	}
	if t, ok := tickers[s.Ticker]; ok && t.TsMs > 0 {
		s.Quote(t.TsMs, t.YesBid, t.YesAsk)
	}
}

// chartKey handles the chart's keys.
func (m *Model) chartKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys.Chart
	switch {
	case key.Matches(msg, k.Close):
		m.closeFull()
	case key.Matches(msg, k.Period):
		m.chart.NextPeriod()
		return m.loadChart(), true
	default:
		return nil, false
	}
	return nil, true
}

// chartCtx is what the chart draws from the root.
func (m *Model) chartCtx() chart.Ctx {
	cx := chart.Ctx{Styles: m.st, Series: m.chartSeries, Err: m.chartErr, Fills: m.view().Fills,
		Prices: m.priceFormatFor(m.chartTicker), Loc: m.opts.Location}
	if mk := m.markets.Find(m.chartTicker); mk != nil {
		cx.Market = *mk
	} else {
		cx.Market = model.Market{Ticker: m.chartTicker}
	}
	if q, ok := m.quoteOf(m.chartTicker); ok {
		cx.Bid, cx.Ask, cx.Last = q.Bid, q.Ask, q.Last
	}
	return cx
}

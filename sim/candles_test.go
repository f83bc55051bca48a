package sim

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"ladder/model"
)

func TestSeededHistoryEndsAtTheFairValue(t *testing.T) {
	f := newEngFixture(t, 0)
	now := unixMinute(f.clock.Now())
	for ticker, minutes := range map[string]int{mktGame: seedMinutes, mktFed: seedMinutes, mktHigh: seedMinutes, mktInx: 6 * 60} {
		m := f.e.markets[ticker]
		s := &m.candles
		if len(s.buf) != minutes || s.first+int64(minutes) != now {
			t.Fatalf("%s: %d minutes from %d, want %d ending before %d", ticker, len(s.buf), s.first, minutes, now)
		}
		bid, ask := synthQuote(m.grid, m.fair0)
		last := s.buf[len(s.buf)-1]
		if last.bid[ohlcClose] != bid || last.ask[ohlcClose] != ask {
			t.Fatalf("%s ends at %s/%s, the fair value %s quotes %s/%s", ticker, last.bid[ohlcClose], last.ask[ohlcClose], m.fair0, bid, ask)
		}
		var vol model.Qty
		for _, c := range s.buf {
			vol += c.vol
			if c.vol > 0 && (c.trade[ohlcLow] > c.trade[ohlcHigh] || !m.grid.Valid(c.trade[ohlcOpen])) {
				t.Fatalf("%s: bad minute %+v", ticker, c)
			}
		}
		if vol == 0 {
			t.Fatalf("%s: a day without trades", ticker)
		}
	}
	if tk := rollingTicker(t, f.e, "active"); len(f.e.markets[tk].candles.buf) != 0 {
		t.Fatal("a market opened just now has history")
	}
}

func TestSeededHistoryIsDeterministic(t *testing.T) {
	clock := newEngClock()
	build := func(seed int64) []candleMinute {
		e := NewEngine(EngineConfig{Seed: seed, Now: clock.Now})
		return e.markets[mktFed].candles.buf
	}
	a, b, c := build(7), build(7), build(8)
	if !slices.Equal(a, b) {
		t.Fatal("same seed, different history")
	}
	if slices.Equal(a, c) {
		t.Fatal("different seeds, same history")
	}
	if e := NewEngine(EngineConfig{Seed: 7, Now: clock.Now, NoHistory: true}); len(e.markets[mktFed].candles.buf) != 0 {
		t.Fatal("NoHistory seeded anyway")
	}
}

// One latent value per event drives every market's history, so a strike
// ladder is ordered at every minute: a higher strike never bids above a
// lower one.
func TestSeededHistoryKeepsStrikesOrdered(t *testing.T) {
	f := newEngFixture(t, 0)
	var ladder []*candleSeries
	for _, strike := range []string{"3.25", "3.50", "3.75", "4.00", "4.25"} {
		ladder = append(ladder, &f.e.markets["KXFED-26DEC-T"+strike].candles)
	}
	moved := false
	for i := range ladder[0].buf {
		for k := 1; k < len(ladder); k++ {
			if ladder[k].buf[i].bid[ohlcClose] > ladder[k-1].buf[i].bid[ohlcClose] {
				t.Fatalf("minute %d: strike %d bids %s above strike %d's %s", i, k, ladder[k].buf[i].bid[ohlcClose], k-1, ladder[k-1].buf[i].bid[ohlcClose])
			}
		}
		moved = moved || ladder[2].buf[i].bid[ohlcClose] != ladder[2].buf[0].bid[ohlcClose]
	}
	if !moved {
		t.Fatal("a day of history without a price move")
	}
}

// liveFixture is an engine without seeded history, so its candles hold
// exactly what the test trades.
func liveFixture(t *testing.T) *engFixture {
	t.Helper()
	f := &engFixture{t: t, clock: newEngClock()}
	f.e = NewEngine(EngineConfig{Seed: 7, Now: f.clock.Now, NoHistory: true})
	for _, id := range []AccountID{engAlice, engBob, engCarol} {
		f.e.CreateAccount(id, 1000*model.Dollar)
	}
	return f
}

func (f *engFixture) trade(price string, qty int64) {
	f.t.Helper()
	f.create(engBob, engGTC(mktGame, model.Ask, price, qty))
	f.create(engAlice, engGTC(mktGame, model.Bid, price, qty))
}

func (f *engFixture) candles(q CandleQuery) []model.Candlestick {
	f.t.Helper()
	cs, err := f.e.Candlesticks(mktGame, q)
	if err != nil {
		f.t.Fatal(err)
	}
	return cs
}

func p(s string) model.Price { return model.MustPrice(s) }

func TestLiveTradesBuildCandles(t *testing.T) {
	f := liveFixture(t)
	t0 := f.clock.Now() // 15:00:00
	f.create(engCarol, engGTC(mktGame, model.Bid, "0.30", 10))
	f.create(engCarol, engGTC(mktGame, model.Ask, "0.70", 10))
	f.clock.Advance(10 * time.Second)
	f.trade("0.40", 2)
	f.clock.Advance(10 * time.Second)
	f.trade("0.44", 1)
	f.trade("0.42", 3)
	f.clock.Advance(2 * time.Minute) // 15:02:20, minute 15:01 stays quiet
	f.trade("0.50", 4)
	f.clock.Advance(time.Minute)

	start := t0.Unix()
	cs := f.candles(CandleQuery{StartTs: start, EndTs: start + 3*60, PeriodMinutes: 1})
	if len(cs) != 3 {
		t.Fatalf("%d candles: %+v", len(cs), cs)
	}
	first := cs[0]
	if first.EndPeriodTS != start+60 || first.Volume != model.Contracts(6) || first.OpenInterest != model.Contracts(6) {
		t.Fatalf("first minute %+v", first)
	}
	pr := first.Price
	if *pr.Open != p("0.40") || *pr.High != p("0.44") || *pr.Low != p("0.40") || *pr.Close != p("0.42") || pr.Previous != nil {
		t.Fatalf("first minute prices %+v", pr)
	}
	// (0.40·2 + 0.44·1 + 0.42·3) / 6 = 0.4167 (rounded half up).
	if *pr.Mean != p("0.4167") || *pr.Min != *pr.Low || *pr.Max != *pr.High {
		t.Fatalf("mean %s min %s max %s", *pr.Mean, *pr.Min, *pr.Max)
	}
	if first.YesBid.Open != p("0.30") || first.YesBid.Close != p("0.30") || first.YesAsk.Close != p("0.70") {
		t.Fatalf("first minute quotes %+v %+v", first.YesBid, first.YesAsk)
	}
	quiet := cs[1]
	if quiet.Volume != 0 || quiet.Price.Open != nil || *quiet.Price.Previous != p("0.42") || quiet.YesBid != first.YesBid || quiet.OpenInterest != model.Contracts(6) {
		t.Fatalf("quiet minute %+v", quiet)
	}
	if third := cs[2]; *third.Price.Close != p("0.50") || *third.Price.Previous != p("0.42") || third.OpenInterest != model.Contracts(10) {
		t.Fatalf("third minute %+v", third)
	}

	hour := f.candles(CandleQuery{StartTs: start, EndTs: start + 3600, PeriodMinutes: 60})
	if len(hour) != 1 || hour[0].EndPeriodTS != start+3600 || hour[0].Volume != model.Contracts(10) ||
		*hour[0].Price.Open != p("0.40") || *hour[0].Price.Close != p("0.50") || *hour[0].Price.High != p("0.50") {
		t.Fatalf("hour %+v", hour)
	}
	// The window extends to now, carrying the quote through quiet minutes.
	if cs := f.candles(CandleQuery{StartTs: start, EndTs: start + 10*60, PeriodMinutes: 1}); len(cs) != 4 || cs[3].YesAsk.Close != p("0.70") {
		t.Fatalf("window to now: %d candles", len(cs))
	}
}

func TestCandlesIncludeLatestBeforeStart(t *testing.T) {
	f := liveFixture(t)
	t0 := f.clock.Now().Unix()
	f.trade("0.35", 1)
	f.clock.Advance(5 * time.Minute)
	f.trade("0.37", 1)
	q := CandleQuery{StartTs: t0 + 3*60, EndTs: t0 + 6*60, PeriodMinutes: 1}
	plain := f.candles(q)
	q.IncludeLatestBeforeStart = true
	with := f.candles(q)
	if len(with) != len(plain)+1 {
		t.Fatalf("%d candles with, %d without", len(with), len(plain))
	}
	pre := with[0]
	if pre.EndPeriodTS != plain[0].EndPeriodTS-60 || pre.Price.Open != nil || pre.Price.Close != nil || *pre.Price.Previous != p("0.35") || pre.Volume != 0 {
		t.Fatalf("prepended %+v", pre)
	}
	// A window after the history still gets the last candle before it.
	q.StartTs, q.EndTs = t0+3600, t0+7200
	if cs := f.candles(q); len(cs) != 1 || *cs[0].Price.Previous != p("0.37") || cs[0].EndPeriodTS > q.StartTs {
		t.Fatalf("window after the history: %+v", cs)
	}
	// Nothing before the history: nothing to prepend.
	q.StartTs, q.EndTs = t0-600, t0+60
	if cs := f.candles(q); len(cs) != 1 {
		t.Fatalf("%d candles", len(cs))
	}
}

func TestCandleQueryRules(t *testing.T) {
	f := liveFixture(t)
	now := f.clock.Now().Unix()
	for name, q := range map[string]CandleQuery{
		"period 5":      {StartTs: now - 60, EndTs: now, PeriodMinutes: 5},
		"start > end":   {StartTs: now, EndTs: now - 60, PeriodMinutes: 1},
		"no start":      {EndTs: now, PeriodMinutes: 1},
		"10,001 minute": {StartTs: now - 10_001*60, EndTs: now, PeriodMinutes: 1},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.e.Candlesticks(mktGame, q)
			engExpectErr(t, err, http.StatusBadRequest, CodeInvalidParameters)
		})
	}
	_, err := f.e.Candlesticks("NOPE", CandleQuery{StartTs: now - 60, EndTs: now, PeriodMinutes: 1})
	engExpectErr(t, err, http.StatusNotFound, CodeNotFound)
	if cs, err := f.e.Candlesticks(mktGame, CandleQuery{StartTs: now - 10_000*60 + 1, EndTs: now, PeriodMinutes: 1}); err != nil || len(cs) != 0 {
		t.Fatalf("10,000 minutes of nothing: %v %v", cs, err)
	}
}

// A market keeps a bounded window of minutes however long it runs, and
// remembers the last trade it dropped for the next candle's Previous.
func TestCandleHistoryIsBounded(t *testing.T) {
	f := liveFixture(t)
	f.trade("0.41", 1)
	for range 3 {
		f.clock.Advance(20 * time.Hour)
		f.create(engCarol, engGTC(mktGame, model.Bid, "0.10", 1)) // any operation records a quote
	}
	s := &f.e.markets[mktGame].candles
	if len(s.buf) > candleKeep+candleSlack || s.lastTrade != p("0.41") {
		t.Fatalf("%d minutes kept, last dropped trade %s", len(s.buf), s.lastTrade)
	}
	now := f.clock.Now().Unix()
	cs := f.candles(CandleQuery{StartTs: now - 3599, EndTs: now, PeriodMinutes: 60})
	if len(cs) != 1 || cs[0].Price.Previous == nil || *cs[0].Price.Previous != p("0.41") {
		t.Fatalf("candles after trimming %+v", cs)
	}
}

func TestRESTCandlesticks(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	series := h.s.eventSeries()[m.EventTicker]
	now := h.clock.Now().Unix()
	path := fmt.Sprintf("/series/%s/markets/%s/candlesticks?start_ts=%d&end_ts=%d&period_interval=60", series, m.Ticker, now-86400, now)
	var one struct {
		Ticker       string              `json:"ticker"`
		Candlesticks []model.Candlestick `json:"candlesticks"`
	}
	expect(t, h.getPublic(path), http.StatusOK).decode(t, &one)
	if one.Ticker != m.Ticker || len(one.Candlesticks) != 24 {
		t.Fatalf("%s: %d hourly candles", one.Ticker, len(one.Candlesticks))
	}
	for _, c := range one.Candlesticks {
		if c.YesBid.Low > c.YesBid.High || c.YesBid.Close == 0 || c.Volume < 0 {
			t.Fatalf("candle %+v", c)
		}
	}

	other := h.s.Engine().Markets()[0].Ticker
	batch := fmt.Sprintf("/markets/candlesticks?market_tickers=%s,%s&start_ts=%d&end_ts=%d&period_interval=1440", m.Ticker, other, now-86400, now)
	var many struct {
		Markets []model.MarketCandlesticks `json:"markets"`
	}
	expect(t, h.getPublic(batch), http.StatusOK).decode(t, &many)
	if len(many.Markets) != 2 || many.Markets[0].MarketTicker != m.Ticker || many.Markets[1].MarketTicker != other {
		t.Fatalf("batch %+v", many)
	}

	for path, status := range map[string]int{
		fmt.Sprintf("/series/NOPE/markets/%s/candlesticks?start_ts=1&end_ts=2&period_interval=1", m.Ticker):                                         404,
		fmt.Sprintf("/series/%s/markets/NOPE/candlesticks?start_ts=1&end_ts=2&period_interval=1", series):                                           404,
		fmt.Sprintf("/series/%s/markets/%s/candlesticks?end_ts=2&period_interval=1", series, m.Ticker):                                              400,
		fmt.Sprintf("/series/%s/markets/%s/candlesticks?start_ts=1&end_ts=2&period_interval=x", series, m.Ticker):                                   400,
		fmt.Sprintf("/series/%s/markets/%s/candlesticks?start_ts=1&end_ts=2&period_interval=1&include_latest_before_start=maybe", series, m.Ticker): 400,
		fmt.Sprintf("/markets/candlesticks?start_ts=%d&end_ts=%d&period_interval=1", now-60, now):                                                   400,
		fmt.Sprintf("/markets/candlesticks?market_tickers=%s,NOPE&start_ts=%d&end_ts=%d&period_interval=1", m.Ticker, now-60, now):                  404,
		// 8 markets × 1,440 minutes is over the 10,000-candle cap.
		fmt.Sprintf("/markets/candlesticks?market_tickers=%s&start_ts=%d&end_ts=%d&period_interval=1", m.Ticker+",a,b,c,d,e,f,g", now-86400, now): 400,
	} {
		if r := h.getPublic(path); r.status != status || r.errorCode() == "" {
			t.Errorf("%s: %d %s, want %d", path, r.status, r.body, status)
		}
	}
}

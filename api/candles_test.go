package api

import (
	"testing"
	"time"

	"ladder/model"
)

func TestCandlesticksAgainstSimulator(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	m := s.market()
	ev, err := s.c.GetEvent(ctx, m.EventTicker, false)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Unix()
	day := CandlesQuery{StartTs: now - 86400, EndTs: now, PeriodMinutes: model.CandleHour}
	hours, err := s.c.GetCandlesticks(ctx, ev.SeriesTicker, m.Ticker, day)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh simulator already has a day of history.
	if len(hours) != 24 {
		t.Fatalf("%d hourly candles for the last day", len(hours))
	}
	var vol model.Qty
	for i, c := range hours {
		vol += c.Volume
		if i > 0 && c.EndPeriodTS != hours[i-1].EndPeriodTS+3600 {
			t.Fatalf("candle %d ends at %d", i, c.EndPeriodTS)
		}
		if c.YesBid.Close <= 0 || c.YesAsk.Close <= c.YesBid.Close || (c.Volume > 0) != (c.Price.Close != nil) {
			t.Fatalf("candle %+v", c)
		}
	}
	if vol == 0 {
		t.Fatal("a day without volume")
	}
	minutes, err := s.c.GetCandlesticks(ctx, ev.SeriesTicker, m.Ticker, CandlesQuery{StartTs: now - 600, EndTs: now, PeriodMinutes: model.CandleMinute, IncludeLatestBeforeStart: true})
	if err != nil || len(minutes) < 10 || minutes[0].Price.Open != nil {
		t.Fatalf("minutes %d, %v", len(minutes), err)
	}

	tickers := []string{m.Ticker, ev.Markets[1].Ticker}
	batch, err := s.c.GetBatchCandlesticks(ctx, tickers, CandlesQuery{StartTs: now - 86400, EndTs: now + 86400, PeriodMinutes: model.CandleDay})
	if err != nil || len(batch) != 2 || batch[0].MarketTicker != tickers[0] || batch[1].MarketTicker != tickers[1] || len(batch[0].Candlesticks) == 0 {
		t.Fatalf("batch %+v, %v", batch, err)
	}

	// Requests the exchange would refuse are refused before sending.
	for name, q := range map[string]CandlesQuery{
		"period":    {StartTs: now - 60, EndTs: now, PeriodMinutes: 5},
		"window":    {StartTs: now, EndTs: now - 60, PeriodMinutes: 1},
		"too many":  {StartTs: now - 8*86400, EndTs: now, PeriodMinutes: 1},
		"no window": {PeriodMinutes: 60},
	} {
		if _, err := s.c.GetCandlesticks(ctx, ev.SeriesTicker, m.Ticker, q); err == nil {
			t.Errorf("%s: sent", name)
		}
	}
	if _, err := s.c.GetBatchCandlesticks(ctx, make([]string, 101), day); err == nil {
		t.Error("101 markets sent")
	}
	if _, err := s.c.GetBatchCandlesticks(ctx, []string{m.Ticker, "a", "b", "c", "d", "e", "f", "g"}, CandlesQuery{StartTs: now - 86400, EndTs: now, PeriodMinutes: 1}); err == nil {
		t.Error("11,520 candles asked for")
	}
	if _, err := s.c.GetCandlesticks(ctx, "KXNOPE", m.Ticker, day); err == nil {
		t.Error("a market under another series was served")
	}
}

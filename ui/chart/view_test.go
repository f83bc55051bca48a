package chart

import (
	"fmt"
	"testing"
	"time"

	"ladder/model"
	"ladder/themes"
	"ladder/ui/internal/goldens"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Golden files: `go test ./ui/chart/ -update` refreshes them.

func px(s string) model.Price { return model.MustPrice(s) }

// t0 is the end of the fixed candles' last period.
var t0 = time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)

// fixedCandles are 90 one-minute candles of a market drifting up from
// 40¢ with a quiet stretch (no trades: the last price carried), the band
// a cent or two wide, and volume that swells near the end.
func fixedCandles() []model.Candlestick {
	var out []model.Candlestick
	var last model.Price
	for i := range 90 {
		end := t0.Add(time.Duration(i-89) * time.Minute).Unix()
		mid := px("0.40") + model.Price(i%30*30+i*8)
		c := model.Candlestick{EndPeriodTS: end,
			YesBid: model.QuoteOHLC{Open: mid - 100, Low: mid - 150, High: mid - 50, Close: mid - 100},
			YesAsk: model.QuoteOHLC{Open: mid + 100, Low: mid + 50, High: mid + 150, Close: mid + 100},
		}
		if i >= 30 && i < 40 { // a quiet stretch
			if last != 0 {
				c.Price.Previous = ptr(last)
			}
			out = append(out, c)
			continue
		}
		open, cls := mid-model.Price(i%3*50), mid+model.Price((i+1)%3*50)
		c.Price = model.TradeStats{Open: ptr(open), Close: ptr(cls), High: ptr(max(open, cls) + 50), Low: ptr(min(open, cls) - 50)}
		c.Volume = model.Contracts(int64(10 + i%7*5 + i*i/40))
		last = cls
		out = append(out, c)
	}
	return out
}

func TestGoldenChart(t *testing.T) {
	km := keys.DefaultKeyMap()
	fills := []model.Fill{
		{TradeID: "f1", OrderID: "o1", Ticker: "KXFED-26DEC-T3.75", BookSide: model.Bid, YesPrice: px("0.45"), Count: model.Contracts(5), CreatedTime: t0.Add(-50*time.Minute - 30*time.Second)},
		{TradeID: "f2", OrderID: "o2", Ticker: "KXFED-26DEC-T3.75", BookSide: model.Ask, YesPrice: px("0.52"), Count: model.Contracts(5), CreatedTime: t0.Add(-10*time.Minute - 30*time.Second)},
		{TradeID: "f3", OrderID: "o3", Ticker: "OTHER", BookSide: model.Ask, YesPrice: px("0.52"), Count: model.Contracts(5), CreatedTime: t0.Add(-20 * time.Minute)},
	}
	for _, theme := range []string{"dark", "mono"} {
		th, err := themes.ByName(theme)
		if err != nil {
			t.Fatal(err)
		}
		st := styles.New(th)
		for _, sz := range [][2]int{{80, 22}, {120, 38}, {200, 58}} {
			t.Run(fmt.Sprintf("%s/%dx%d", theme, sz[0], sz[1]), func(t *testing.T) {
				cp := New(&km)
				cp.SetSize(sz[0], sz[1])
				lines := cp.View(Ctx{Styles: &st, Market: model.Market{Ticker: "KXFED-26DEC-T3.75", YesSubTitle: "Above 3.75%"},
					Series: &Series{Ticker: "KXFED-26DEC-T3.75", Period: model.CandleMinute, Candles: fixedCandles()},
					Fills:  fills, Prices: text.PriceFormatOf(model.DeciCentRanges()), Loc: time.UTC,
					Bid: px("0.515"), Ask: px("0.525"), Last: px("0.52")})
				if len(lines) != sz[1] {
					t.Fatalf("%d lines, want %d", len(lines), sz[1])
				}
				for i, l := range lines {
					if w := text.Width(text.Strip(l)); w != sz[0] {
						t.Fatalf("line %d is %d cells, want %d: %q", i, w, sz[0], text.Strip(l))
					}
				}
				goldens.RequireLines(t, lines)
			})
		}
	}
}

func TestSeriesExtendsFromTheFeed(t *testing.T) {
	s := &Series{Period: model.CandleMinute, Candles: fixedCandles()}
	n := len(s.Candles)
	last := s.Candles[n-1].EndPeriodTS // t0: the period [t0−60 s, t0)
	// A trade in the last loaded period updates it.
	s.Trade((last-10)*1000, px("0.70"), model.Contracts(3))
	c := s.Candles[n-1]
	if len(s.Candles) != n || *c.Price.High != px("0.70") || *c.Price.Close != px("0.70") {
		t.Fatalf("trade in the last period: %d candles, last %+v", len(s.Candles), c.Price)
	}
	// A trade at t0 opens the next period, starting from the last quote.
	s.Trade(last*1000, px("0.66"), model.Contracts(2))
	s.Quote(last*1000+500, px("0.65"), px("0.67"))
	if len(s.Candles) != n+1 {
		t.Fatalf("%d candles after a trade in a new period, want %d", len(s.Candles), n+1)
	}
	nc := s.Candles[n]
	if nc.EndPeriodTS != last+60 || *nc.Price.Open != px("0.66") || nc.Volume != model.Contracts(2) ||
		nc.YesBid.Close != px("0.65") || nc.YesAsk.Close != px("0.67") || *nc.Price.Previous != px("0.70") {
		t.Fatalf("new candle %+v", nc)
	}
	// An old trade (already in the history) changes nothing.
	s.Trade((last-600)*1000, px("0.10"), model.Contracts(1))
	if len(s.Candles) != n+1 || *s.Candles[n-10].Price.Low == px("0.10") {
		t.Fatal("an old trade changed the history")
	}
}

func TestScaleMapsPricesToRowsInIntegers(t *testing.T) {
	sc := scale{lo: px("0.40"), hi: px("0.60"), rows: 11}
	for _, tc := range []struct {
		p   string
		row int
	}{{"0.60", 0}, {"0.40", 10}, {"0.50", 5}, {"0.59", 1}, {"0.99", 0}, {"0.01", 10}} {
		if got := sc.row(px(tc.p)); got != tc.row {
			t.Errorf("row(%s) = %d, want %d", tc.p, got, tc.row)
		}
	}
}

// Regression: the newest candle's volume was counted twice when a trade
// the exchange had already counted in its answer also came in on the feed.
func TestLiveTradesBeforeTheAnswerAreNotCountedTwice(t *testing.T) {
	s := &Series{Ticker: "A", Period: model.CandleMinute, AsOfMs: 120_000,
		Candles: []model.Candlestick{{EndPeriodTS: 180, Volume: model.Contracts(5)}}}
	s.Trade(119_000, model.MustPrice("0.50"), model.Contracts(5)) // in the answer already
	s.Trade(121_000, model.MustPrice("0.51"), model.Contracts(2))
	if got := s.Candles[0].Volume; got != model.Contracts(7) {
		t.Fatalf("volume %s, want 7", got)
	}
}

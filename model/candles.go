package model

// Candlestick is one period of GET /series/{s}/markets/{t}/candlesticks and
// of the batch GET /markets/candlesticks (kalshi-api.md §11): the YES bid
// and ask over the period, the traded price, volume and open interest at
// its end. EndPeriodTS is the period's inclusive end, Unix seconds.
type Candlestick struct {
	EndPeriodTS  int64      `json:"end_period_ts"`
	YesBid       QuoteOHLC  `json:"yes_bid"`
	YesAsk       QuoteOHLC  `json:"yes_ask"`
	Price        TradeStats `json:"price"`
	Volume       Qty        `json:"volume_fp"`
	OpenInterest Qty        `json:"open_interest_fp"`
}

// QuoteOHLC is a best bid or ask over a period: at its start, lowest,
// highest and at its end.
type QuoteOHLC struct {
	Open  Price `json:"open_dollars"`
	Low   Price `json:"low_dollars"`
	High  Price `json:"high_dollars"`
	Close Price `json:"close_dollars"`
}

// TradeStats is the traded YES price over a period. Every field is null
// when nothing traded in it, except Previous: the last trade before the
// period (null when the market never traded).
type TradeStats struct {
	Open     *Price `json:"open_dollars"`
	Low      *Price `json:"low_dollars"`
	High     *Price `json:"high_dollars"`
	Close    *Price `json:"close_dollars"`
	Mean     *Price `json:"mean_dollars"`
	Previous *Price `json:"previous_dollars"`
	Min      *Price `json:"min_dollars"`
	Max      *Price `json:"max_dollars"`
}

// MarketCandlesticks is one market's entry in the batch answer.
type MarketCandlesticks struct {
	MarketTicker string        `json:"market_ticker"`
	Candlesticks []Candlestick `json:"candlesticks"`
}

// Candle periods Kalshi serves, in minutes.
const (
	CandleMinute = 1
	CandleHour   = 60
	CandleDay    = 1440
)

package model

import (
	"encoding/json"
	"fmt"
	"time"
)

// Market is Kalshi's market object (current fixed-point fields only).
type Market struct {
	Ticker                 string       `json:"ticker"`
	EventTicker            string       `json:"event_ticker"`
	MarketType             string       `json:"market_type"`
	Title                  string       `json:"title,omitempty"`
	Subtitle               string       `json:"subtitle,omitempty"`
	YesSubTitle            string       `json:"yes_sub_title"`
	NoSubTitle             string       `json:"no_sub_title"`
	RulesPrimary           string       `json:"rules_primary"`
	RulesSecondary         string       `json:"rules_secondary"`
	Status                 string       `json:"status"`
	CreatedTime            time.Time    `json:"created_time"`
	UpdatedTime            time.Time    `json:"updated_time"`
	OpenTime               time.Time    `json:"open_time"`
	CloseTime              time.Time    `json:"close_time"`
	ExpectedExpirationTime *time.Time   `json:"expected_expiration_time,omitempty"`
	LatestExpirationTime   time.Time    `json:"latest_expiration_time"`
	YesBid                 Price        `json:"yes_bid_dollars"`
	YesBidSize             Qty          `json:"yes_bid_size_fp"`
	YesAsk                 Price        `json:"yes_ask_dollars"`
	YesAskSize             Qty          `json:"yes_ask_size_fp"`
	NoBid                  Price        `json:"no_bid_dollars"`
	NoAsk                  Price        `json:"no_ask_dollars"`
	LastPrice              Price        `json:"last_price_dollars"`
	PreviousYesBid         Price        `json:"previous_yes_bid_dollars"`
	PreviousYesAsk         Price        `json:"previous_yes_ask_dollars"`
	PreviousPrice          Price        `json:"previous_price_dollars"`
	Volume                 Qty          `json:"volume_fp"`
	Volume24h              Qty          `json:"volume_24h_fp"`
	OpenInterest           Qty          `json:"open_interest_fp"`
	NotionalValue          Money        `json:"notional_value_dollars"`
	Liquidity              Money        `json:"liquidity_dollars"`
	Result                 string       `json:"result"`
	SettlementValue        *Price       `json:"settlement_value_dollars,omitempty"`
	CanCloseEarly          bool         `json:"can_close_early"`
	StrikeType             string       `json:"strike_type,omitempty"`
	FloorStrike            *float64     `json:"floor_strike,omitempty"` // a strike label (e.g. 4.25 %), never money
	CapStrike              *float64     `json:"cap_strike,omitempty"`
	PriceLevelStructure    string       `json:"price_level_structure"`
	PriceRanges            []PriceRange `json:"price_ranges"`
	ExchangeIndex          int          `json:"exchange_index"`
}

// Grid builds the market's price grid from its price_ranges.
func (m *Market) Grid() (*Grid, error) {
	g, err := NewGrid(m.PriceRanges)
	if err != nil {
		return nil, fmt.Errorf("market %s: %w", m.Ticker, err)
	}
	return g, nil
}

// Open reports whether the market accepts orders.
func (m *Market) Open() bool { return m.Status == "active" || m.Status == "open" }

// Event is Kalshi's event object, optionally with nested markets.
type Event struct {
	EventTicker       string     `json:"event_ticker"`
	SeriesTicker      string     `json:"series_ticker"`
	Title             string     `json:"title"`
	SubTitle          string     `json:"sub_title"`
	Category          string     `json:"category,omitempty"`
	MutuallyExclusive bool       `json:"mutually_exclusive"`
	StrikeDate        *time.Time `json:"strike_date,omitempty"`
	Markets           []Market   `json:"markets,omitempty"`
	ExchangeIndex     int        `json:"exchange_index"`
}

// Series is Kalshi's series object.
type Series struct {
	Ticker     string   `json:"ticker"`
	Title      string   `json:"title"`
	Frequency  string   `json:"frequency"`
	Category   string   `json:"category"`
	Categories []string `json:"categories"`
	Tags       []string `json:"tags"`
}

// Trade is one public trade (REST /markets/trades).
type Trade struct {
	TradeID          string    `json:"trade_id"`
	Ticker           string    `json:"ticker"`
	Count            Qty       `json:"count_fp"`
	YesPrice         Price     `json:"yes_price_dollars"`
	NoPrice          Price     `json:"no_price_dollars"`
	TakerOutcomeSide string    `json:"taker_outcome_side"`
	TakerBookSide    BookSide  `json:"taker_book_side"`
	CreatedTime      time.Time `json:"created_time"`
	IsBlockTrade     bool      `json:"is_block_trade"`
}

// MarshalJSON writes a level as Kalshi's ["0.4200","13.00"] pair.
func (l Level) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24)
	b = append(b, '[', '"')
	b = l.Price.Append(b)
	b = append(b, '"', ',', '"')
	b = l.Qty.Append(b)
	return append(b, '"', ']'), nil
}

// UnmarshalJSON reads a ["price","count"] pair.
func (l *Level) UnmarshalJSON(b []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil {
		return fmt.Errorf("book level: %w", err)
	}
	if len(pair) != 2 {
		return fmt.Errorf("book level %s: want [price, count]", b)
	}
	if err := l.Price.UnmarshalJSON(pair[0]); err != nil {
		return err
	}
	return l.Qty.UnmarshalJSON(pair[1])
}

// OrderbookFP is the REST orderbook_fp object: bids only, ascending, with
// NO levels in NO terms.
type OrderbookFP struct {
	Yes []Level `json:"yes_dollars"`
	No  []Level `json:"no_dollars"`
}

// MarketPosition is one market's position (REST positions and the
// market_positions channel share the meaning).
type MarketPosition struct {
	Ticker         string `json:"ticker"`
	Position       Qty    `json:"position_fp"` // + YES, − NO
	MarketExposure Money  `json:"market_exposure_dollars"`
	RealizedPnL    Money  `json:"realized_pnl_dollars"`
	FeesPaid       Money  `json:"fees_paid_dollars"`
	TotalTraded    Money  `json:"total_traded_dollars"`
	LastUpdatedTS  string `json:"last_updated_ts"`
	ExchangeIndex  int    `json:"exchange_index"`
}

// Balance is GET /portfolio/balance.
type Balance struct {
	Balance        int64 `json:"balance"` // cents
	BalanceDollars Money `json:"balance_dollars"`
	PortfolioValue int64 `json:"portfolio_value"` // cents
	UpdatedTS      int64 `json:"updated_ts"`
}

// ExchangeStatus is GET /exchange/status.
type ExchangeStatus struct {
	ExchangeActive              bool    `json:"exchange_active"`
	TradingActive               bool    `json:"trading_active"`
	ExchangeEstimatedResumeTime *string `json:"exchange_estimated_resume_time,omitempty"`
}

package model

// Payloads of Kalshi's WebSocket channels (the "msg" object of each frame),
// shared by the stream client and the simulator so both speak one format.

// BookSnapshotMsg is an orderbook_snapshot. NO levels are in NO terms unless
// the subscription asked for use_yes_price.
type BookSnapshotMsg struct {
	MarketTicker string  `json:"market_ticker"`
	MarketID     string  `json:"market_id"`
	Yes          []Level `json:"yes_dollars_fp,omitempty"`
	No           []Level `json:"no_dollars_fp,omitempty"`
}

// BookDeltaMsg is an orderbook_delta: a signed change to one level.
type BookDeltaMsg struct {
	MarketTicker  string `json:"market_ticker"`
	MarketID      string `json:"market_id"`
	Price         Price  `json:"price_dollars"`
	Delta         Qty    `json:"delta_fp"`
	Side          string `json:"side"` // "yes" | "no"
	ClientOrderID string `json:"client_order_id,omitempty"`
	Subaccount    *int   `json:"subaccount,omitempty"`
	TsMs          int64  `json:"ts_ms"`
}

// TickerMsg is a ticker update (no seq).
type TickerMsg struct {
	MarketTicker       string `json:"market_ticker"`
	MarketID           string `json:"market_id"`
	Price              Price  `json:"price_dollars"` // last trade
	YesBid             Price  `json:"yes_bid_dollars"`
	YesAsk             Price  `json:"yes_ask_dollars"`
	YesBidSize         Qty    `json:"yes_bid_size_fp"`
	YesAskSize         Qty    `json:"yes_ask_size_fp"`
	LastTradeSize      Qty    `json:"last_trade_size_fp"`
	Volume             Qty    `json:"volume_fp"`
	OpenInterest       Qty    `json:"open_interest_fp"`
	DollarVolume       int64  `json:"dollar_volume"`
	DollarOpenInterest int64  `json:"dollar_open_interest"`
	TsMs               int64  `json:"ts_ms"`
}

// TradeMsg is a public trade.
type TradeMsg struct {
	TradeID          string   `json:"trade_id"`
	MarketTicker     string   `json:"market_ticker"`
	YesPrice         Price    `json:"yes_price_dollars"`
	NoPrice          Price    `json:"no_price_dollars"`
	Count            Qty      `json:"count_fp"`
	TakerOutcomeSide string   `json:"taker_outcome_side"`
	TakerBookSide    BookSide `json:"taker_book_side"`
	IsBlockTrade     bool     `json:"is_block_trade"`
	TsMs             int64    `json:"ts_ms"`
}

// FillMsg is one of the account's fills on the private fill channel.
type FillMsg struct {
	TradeID       string   `json:"trade_id"`
	OrderID       string   `json:"order_id"`
	MarketTicker  string   `json:"market_ticker"`
	IsTaker       bool     `json:"is_taker"`
	OutcomeSide   string   `json:"outcome_side"`
	BookSide      BookSide `json:"book_side"`
	YesPrice      Price    `json:"yes_price_dollars"`
	Count         Qty      `json:"count_fp"`
	FeeCost       Money    `json:"fee_cost"`
	PostPosition  Qty      `json:"post_position_fp"`
	ClientOrderID string   `json:"client_order_id,omitempty"`
	ExchangeIndex int      `json:"exchange_index"`
	Subaccount    *int     `json:"subaccount,omitempty"` // set for subaccounts 1–63
	TsMs          int64    `json:"ts_ms"`
}

// FillKey identifies one party's side of one trade: REST fills and feed
// fills of the same execution share it, which is how duplicates are caught.
type FillKey struct{ TradeID, OrderID string }

// Key returns the fill's identity.
func (f *FillMsg) Key() FillKey { return FillKey{f.TradeID, f.OrderID} }

// Key returns the fill's identity.
func (f *Fill) Key() FillKey { return FillKey{f.TradeID, f.OrderID} }

// AsFill converts a feed fill to the REST fill shape.
func (f *FillMsg) AsFill() Fill {
	return Fill{
		TradeID: f.TradeID, OrderID: f.OrderID, Ticker: f.MarketTicker, MarketTicker: f.MarketTicker,
		OutcomeSide: f.OutcomeSide, BookSide: f.BookSide, Count: f.Count,
		YesPrice: f.YesPrice, NoPrice: f.YesPrice.Complement(), IsTaker: f.IsTaker,
		FeeCost: f.FeeCost, Ts: f.TsMs / 1000, ExchangeIndex: f.ExchangeIndex,
		SubaccountNumber: f.Subaccount,
	}
}

// PositionMsg is a market_position update.
type PositionMsg struct {
	UserID          string `json:"user_id,omitempty"`
	MarketTicker    string `json:"market_ticker"`
	Position        Qty    `json:"position_fp"`
	PositionCost    Money  `json:"position_cost_dollars"`
	RealizedPnL     Money  `json:"realized_pnl_dollars"`
	FeesPaid        Money  `json:"fees_paid_dollars"`
	PositionFeeCost Money  `json:"position_fee_cost_dollars"`
	Volume          Qty    `json:"volume_fp"`
	Subaccount      *int   `json:"subaccount,omitempty"` // set for subaccounts 1–63
}

// UserOrderMsg is a user_order update: the full current state of one order.
type UserOrderMsg struct {
	OrderID         string      `json:"order_id"`
	UserID          string      `json:"user_id,omitempty"`
	Ticker          string      `json:"ticker"`
	Status          OrderStatus `json:"status"`
	OutcomeSide     string      `json:"outcome_side"`
	BookSide        BookSide    `json:"book_side"`
	YesPrice        Price       `json:"yes_price_dollars"`
	FillCount       Qty         `json:"fill_count_fp"`
	RemainingCount  Qty         `json:"remaining_count_fp"`
	InitialCount    Qty         `json:"initial_count_fp"`
	TakerFillCost   Money       `json:"taker_fill_cost_dollars"`
	MakerFillCost   Money       `json:"maker_fill_cost_dollars"`
	TakerFees       Money       `json:"taker_fees_dollars"`
	MakerFees       Money       `json:"maker_fees_dollars"`
	ClientOrderID   string      `json:"client_order_id"`
	OrderGroupID    string      `json:"order_group_id,omitempty"`
	STP             STP         `json:"self_trade_prevention_type,omitempty"`
	CreatedTsMs     int64       `json:"created_ts_ms"`
	LastUpdatedTsMs int64       `json:"last_updated_ts_ms"`
	ExpirationTsMs  int64       `json:"expiration_ts_ms,omitempty"`
	// SubaccountNumber is the order's subaccount (0 = primary).
	SubaccountNumber *int `json:"subaccount_number,omitempty"`
}

// OrderGroupUpdateMsg is an order_group_updates message. ContractsLimit is
// set for "created" and "limit_updated" only.
type OrderGroupUpdateMsg struct {
	EventType      string `json:"event_type"` // created|triggered|reset|deleted|limit_updated
	OrderGroupID   string `json:"order_group_id"`
	ContractsLimit *Qty   `json:"contracts_limit_fp,omitempty"`
	TsMs           int64  `json:"ts_ms"`
}

// LifecycleMsg is a market_lifecycle_v2 event.
type LifecycleMsg struct {
	MarketTicker    string       `json:"market_ticker"`
	EventType       string       `json:"event_type"`
	OpenTs          int64        `json:"open_ts,omitempty"`
	CloseTs         int64        `json:"close_ts,omitempty"`
	Result          string       `json:"result,omitempty"`
	SettlementValue *Price       `json:"settlement_value,omitempty"`
	SettledTs       int64        `json:"settled_ts,omitempty"`
	IsDeactivated   bool         `json:"is_deactivated,omitempty"`
	PriceRanges     []PriceRange `json:"price_ranges,omitempty"`
}

package model

import "time"

// Wire types of the account-level endpoints in kalshi-api.md §11:
// settlements, subaccounts, usage-level volume progress, the resting-order
// summary and the exchange schedule. Field names follow kalshi-typescript
// 3.30.0's models.

// MaxSubaccount is the highest subaccount number; 0 is the primary.
const MaxSubaccount = 63

// Settlement is one settled market position (GET /portfolio/settlements).
// Revenue and Value are integer cents, the costs and the fee dollars; a
// settlement carries no subaccount number (the query filters by it).
type Settlement struct {
	Ticker        string    `json:"ticker"`
	EventTicker   string    `json:"event_ticker"`
	ExchangeIndex int       `json:"exchange_index"`
	MarketResult  string    `json:"market_result"` // yes | no | scalar
	YesCount      Qty       `json:"yes_count_fp"`
	YesTotalCost  Money     `json:"yes_total_cost_dollars"`
	NoCount       Qty       `json:"no_count_fp"`
	NoTotalCost   Money     `json:"no_total_cost_dollars"`
	Revenue       int64     `json:"revenue"` // cents paid out
	SettledTime   time.Time `json:"settled_time"`
	FeeCost       Money     `json:"fee_cost"`
	Value         *int64    `json:"value"` // cents one YES contract paid; null when unknown
}

// SubaccountBalance is one row of GET /portfolio/subaccounts/balances.
// Balance is a dollars string here, unlike /portfolio/balance's cents.
type SubaccountBalance struct {
	SubaccountNumber int   `json:"subaccount_number"`
	ExchangeIndex    int   `json:"exchange_index"`
	Balance          Money `json:"balance"`
	UpdatedTS        int64 `json:"updated_ts"`
}

// SubaccountTransferRequest is the body of POST /portfolio/subaccounts/transfer.
// ClientTransferID (a UUID) makes the transfer idempotent: a reused id is
// refused with 409 and moves nothing.
type SubaccountTransferRequest struct {
	ClientTransferID string `json:"client_transfer_id"`
	FromSubaccount   int    `json:"from_subaccount"`
	ToSubaccount     int    `json:"to_subaccount"`
	AmountCents      int64  `json:"amount_cents"`
	ExchangeIndex    int    `json:"exchange_index,omitempty"`
}

// SubaccountTransfer is one row of GET /portfolio/subaccounts/transfers.
type SubaccountTransfer struct {
	TransferID     string `json:"transfer_id"`
	FromSubaccount int    `json:"from_subaccount"`
	ToSubaccount   int    `json:"to_subaccount"`
	AmountCents    int64  `json:"amount_cents"`
	CreatedTS      int64  `json:"created_ts"`
	ExchangeIndex  int    `json:"exchange_index"`
}

// NettingConfig is one subaccount's netting flag
// (GET /portfolio/subaccounts/netting).
type NettingConfig struct {
	SubaccountNumber int  `json:"subaccount_number"`
	Enabled          bool `json:"enabled"`
	ExchangeIndex    int  `json:"exchange_index"`
}

// VolumeProgress is one entry of GET /account/api_usage_level/volume_progress:
// the trailing 30-day volume at ComputedTS and the volume each usage level
// needs to be earned or kept.
type VolumeProgress struct {
	ComputedTS        int64        `json:"computed_ts"`
	Trailing30dVolume Qty          `json:"trailing_30d_volume_fp"`
	Goals             []VolumeGoal `json:"goals"`
}

// VolumeGoal is one usage level's volume thresholds.
type VolumeGoal struct {
	Level          string `json:"level"`
	EarnVolumeGoal Qty    `json:"earn_volume_goal_fp"`
	KeepVolumeGoal Qty    `json:"keep_volume_goal_fp"`
}

// RestingOrderValue is GET /portfolio/summary/total_resting_order_value:
// the total in integer cents, and per shard as a dollars string.
type RestingOrderValue struct {
	TotalRestingOrderValue int64            `json:"total_resting_order_value"`
	Breakdown              []IndexedBalance `json:"resting_order_value_breakdown"`
}

// IndexedBalance is an amount held on one exchange shard.
type IndexedBalance struct {
	ExchangeIndex int   `json:"exchange_index"`
	Balance       Money `json:"balance"`
}

// ExchangeSchedule is the schedule object of GET /exchange/schedule.
type ExchangeSchedule struct {
	StandardHours      []WeeklySchedule    `json:"standard_hours"`
	MaintenanceWindows []MaintenanceWindow `json:"maintenance_windows"`
}

// WeeklySchedule is the trading hours in force between StartTime and
// EndTime. Session times are "HH:MM" in US Eastern time.
type WeeklySchedule struct {
	StartTime time.Time        `json:"start_time"`
	EndTime   time.Time        `json:"end_time"`
	Monday    []TradingSession `json:"monday"`
	Tuesday   []TradingSession `json:"tuesday"`
	Wednesday []TradingSession `json:"wednesday"`
	Thursday  []TradingSession `json:"thursday"`
	Friday    []TradingSession `json:"friday"`
	Saturday  []TradingSession `json:"saturday"`
	Sunday    []TradingSession `json:"sunday"`
}

// TradingSession is one open period of a day.
type TradingSession struct {
	OpenTime  string `json:"open_time"`
	CloseTime string `json:"close_time"`
}

// MaintenanceWindow is a scheduled period when the exchange may be down.
type MaintenanceWindow struct {
	Start time.Time `json:"start_datetime"`
	End   time.Time `json:"end_datetime"`
}

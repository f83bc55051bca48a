package model

import (
	"fmt"
	"time"
)

// BookSide is the V2 order side on the YES book: bid buys YES, ask sells
// YES (equivalently buys NO at 1 − price).
type BookSide string

// V2 sides.
const (
	Bid BookSide = "bid"
	Ask BookSide = "ask"
)

// Outcome returns the contract side an order on this book side acquires:
// bid → yes, ask → no.
func (s BookSide) Outcome() Side {
	if s == Ask {
		return No
	}
	return Yes
}

// Sign is +1 for bid (position grows in YES) and −1 for ask.
func (s BookSide) Sign() Qty {
	if s == Ask {
		return -1
	}
	return 1
}

// Opposite returns the other book side.
func (s BookSide) Opposite() BookSide {
	if s == Ask {
		return Bid
	}
	return Ask
}

// Valid reports whether s is bid or ask.
func (s BookSide) Valid() bool { return s == Bid || s == Ask }

// TimeInForce is a V2 order's lifetime.
type TimeInForce string

// Lifetimes.
const (
	GTC TimeInForce = "good_till_canceled"
	IOC TimeInForce = "immediate_or_cancel"
	FOK TimeInForce = "fill_or_kill"
)

// Valid reports whether t is a known time in force.
func (t TimeInForce) Valid() bool { return t == GTC || t == IOC || t == FOK }

// Short is a compact label for tables.
func (t TimeInForce) Short() string {
	switch t {
	case IOC:
		return "IOC"
	case FOK:
		return "FOK"
	}
	return "GTC"
}

// STP is the self-trade-prevention mode.
type STP string

// Self-trade prevention: cancel the incoming (taker) order at the cross, or
// cancel the resting (maker) order.
const (
	STPTakerAtCross STP = "taker_at_cross"
	STPMaker        STP = "maker"
)

// Valid reports whether s is a known mode.
func (s STP) Valid() bool { return s == STPTakerAtCross || s == STPMaker }

// OrderStatus is an order's state.
type OrderStatus string

// Statuses.
const (
	Resting  OrderStatus = "resting"
	Canceled OrderStatus = "canceled"
	Executed OrderStatus = "executed"
)

// Order is Kalshi's order object (GET /portfolio/orders).
type Order struct {
	OrderID          string      `json:"order_id"`
	UserID           string      `json:"user_id"`
	ClientOrderID    string      `json:"client_order_id"`
	Ticker           string      `json:"ticker"`
	OutcomeSide      string      `json:"outcome_side"`
	BookSide         BookSide    `json:"book_side"`
	Type             string      `json:"type"`
	Status           OrderStatus `json:"status"`
	YesPrice         Price       `json:"yes_price_dollars"`
	NoPrice          Price       `json:"no_price_dollars"`
	FillCount        Qty         `json:"fill_count_fp"`
	RemainingCount   Qty         `json:"remaining_count_fp"`
	InitialCount     Qty         `json:"initial_count_fp"`
	TakerFillCost    Money       `json:"taker_fill_cost_dollars"`
	MakerFillCost    Money       `json:"maker_fill_cost_dollars"`
	TakerFees        Money       `json:"taker_fees_dollars"`
	MakerFees        Money       `json:"maker_fees_dollars"`
	ExpirationTime   *time.Time  `json:"expiration_time,omitempty"`
	CreatedTime      *time.Time  `json:"created_time,omitempty"`
	LastUpdateTime   *time.Time  `json:"last_update_time,omitempty"`
	STP              STP         `json:"self_trade_prevention_type,omitempty"`
	OrderGroupID     string      `json:"order_group_id,omitempty"`
	CancelOnPause    bool        `json:"cancel_order_on_pause,omitempty"`
	SubaccountNumber *int        `json:"subaccount_number,omitempty"`
	ExchangeIndex    int         `json:"exchange_index"`
}

// CreateOrderRequest is the body of POST /portfolio/events/orders.
type CreateOrderRequest struct {
	Ticker         string      `json:"ticker"`
	ClientOrderID  string      `json:"client_order_id,omitempty"`
	Side           BookSide    `json:"side"`
	Count          Qty         `json:"count"`
	Price          Price       `json:"price"` // YES price
	ExpirationTime int64       `json:"expiration_time,omitempty"`
	TimeInForce    TimeInForce `json:"time_in_force"`
	PostOnly       bool        `json:"post_only,omitempty"`
	STP            STP         `json:"self_trade_prevention_type"`
	CancelOnPause  bool        `json:"cancel_order_on_pause,omitempty"`
	ReduceOnly     bool        `json:"reduce_only,omitempty"`
	Subaccount     int         `json:"subaccount,omitempty"`
	OrderGroupID   string      `json:"order_group_id,omitempty"`
}

// Validate runs the checks that need no market data: required fields,
// known enums, a positive size and a price strictly inside (0, 1).
func (r *CreateOrderRequest) Validate() error {
	switch {
	case r.Ticker == "":
		return fmt.Errorf("order: ticker is required")
	case !r.Side.Valid():
		return fmt.Errorf("order: side %q must be bid or ask", r.Side)
	case r.Count <= 0:
		return fmt.Errorf("order: count %s must be positive", r.Count)
	case !r.Price.InOpenRange():
		return fmt.Errorf("order: price %s must be strictly between 0 and 1", r.Price)
	case !r.TimeInForce.Valid():
		return fmt.Errorf("order: time_in_force %q is not one of good_till_canceled, immediate_or_cancel, fill_or_kill", r.TimeInForce)
	case !r.STP.Valid():
		return fmt.Errorf("order: self_trade_prevention_type %q must be taker_at_cross or maker", r.STP)
	case r.ExpirationTime != 0 && r.TimeInForce != GTC:
		return fmt.Errorf("order: expiration_time is only allowed with good_till_canceled")
	case len(r.ClientOrderID) > 64:
		return fmt.Errorf("order: client_order_id longer than 64 characters")
	case r.Subaccount < 0 || r.Subaccount > MaxSubaccount:
		return fmt.Errorf("order: subaccount %d is outside 0–%d", r.Subaccount, MaxSubaccount)
	}
	return nil
}

// CreateOrderResponse is the 201 answer to a V2 create.
type CreateOrderResponse struct {
	OrderID          string `json:"order_id"`
	ClientOrderID    string `json:"client_order_id,omitempty"`
	FillCount        Qty    `json:"fill_count"`
	RemainingCount   Qty    `json:"remaining_count"`
	AverageFillPrice *Money `json:"average_fill_price,omitempty"`
	AverageFeePaid   *Money `json:"average_fee_paid,omitempty"`
	TsMs             int64  `json:"ts_ms"`
}

// CancelOrderResponse answers DELETE /portfolio/events/orders/{id}.
type CancelOrderResponse struct {
	OrderID       string `json:"order_id"`
	ClientOrderID string `json:"client_order_id,omitempty"`
	ReducedBy     Qty    `json:"reduced_by"`
	TsMs          int64  `json:"ts_ms"`
}

// AmendOrderRequest is the body of POST …/orders/{id}/amend. Count is the
// new total (filled + resting).
type AmendOrderRequest struct {
	Ticker               string   `json:"ticker"`
	Side                 BookSide `json:"side"`
	Price                Price    `json:"price"`
	Count                Qty      `json:"count"`
	ClientOrderID        string   `json:"client_order_id,omitempty"`
	UpdatedClientOrderID string   `json:"updated_client_order_id,omitempty"`
}

// AmendOrderResponse answers an amend.
type AmendOrderResponse struct {
	OrderID          string `json:"order_id"`
	ClientOrderID    string `json:"client_order_id,omitempty"`
	RemainingCount   *Qty   `json:"remaining_count,omitempty"`
	FillCount        *Qty   `json:"fill_count,omitempty"`
	AverageFillPrice *Money `json:"average_fill_price,omitempty"`
	AverageFeePaid   *Money `json:"average_fee_paid,omitempty"`
	TsMs             int64  `json:"ts_ms"`
}

// DecreaseOrderRequest is the body of POST …/orders/{id}/decrease; exactly
// one of ReduceBy and ReduceTo is set.
type DecreaseOrderRequest struct {
	ReduceBy *Qty `json:"reduce_by,omitempty"`
	ReduceTo *Qty `json:"reduce_to,omitempty"`
}

// DecreaseOrderResponse answers a decrease.
type DecreaseOrderResponse struct {
	OrderID        string `json:"order_id"`
	ClientOrderID  string `json:"client_order_id,omitempty"`
	RemainingCount Qty    `json:"remaining_count"`
	TsMs           int64  `json:"ts_ms"`
}

// ErrorBody is Kalshi's error object {code, message, details}.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details string `json:"details,omitempty"`
}

func (e *ErrorBody) Error() string {
	if e.Details != "" {
		return e.Code + ": " + e.Message + " (" + e.Details + ")"
	}
	return e.Code + ": " + e.Message
}

// BatchCreateRequest is POST /portfolio/events/orders/batched.
type BatchCreateRequest struct {
	Orders []CreateOrderRequest `json:"orders"`
}

// BatchCreateItem is one per-order result of a batch create.
type BatchCreateItem struct {
	OrderID          string     `json:"order_id,omitempty"`
	ClientOrderID    string     `json:"client_order_id,omitempty"`
	FillCount        Qty        `json:"fill_count"`
	RemainingCount   Qty        `json:"remaining_count"`
	AverageFillPrice *Money     `json:"average_fill_price,omitempty"`
	AverageFeePaid   *Money     `json:"average_fee_paid,omitempty"`
	TsMs             int64      `json:"ts_ms,omitempty"`
	Error            *ErrorBody `json:"error,omitempty"`
}

// BatchCreateResponse answers a batch create.
type BatchCreateResponse struct {
	Orders []BatchCreateItem `json:"orders"`
}

// BatchCancelOrder names one order of a batch cancel.
type BatchCancelOrder struct {
	OrderID      string `json:"order_id"`
	Subaccount   int    `json:"subaccount,omitempty"`
	MarketTicker string `json:"market_ticker,omitempty"`
}

// BatchCancelRequest is DELETE /portfolio/events/orders/batched.
type BatchCancelRequest struct {
	Orders []BatchCancelOrder `json:"orders"`
}

// BatchCancelItem is one per-order result of a batch cancel.
type BatchCancelItem struct {
	OrderID       string     `json:"order_id"`
	ClientOrderID string     `json:"client_order_id,omitempty"`
	ReducedBy     Qty        `json:"reduced_by"`
	TsMs          int64      `json:"ts_ms,omitempty"`
	Error         *ErrorBody `json:"error,omitempty"`
}

// BatchCancelResponse answers a batch cancel.
type BatchCancelResponse struct {
	Orders []BatchCancelItem `json:"orders"`
}

// OrderGroup is an order group (GET /portfolio/order_groups). Orders is
// set only by GET /portfolio/order_groups/{id}.
type OrderGroup struct {
	ID                  string   `json:"id,omitempty"`
	ContractsLimit      Qty      `json:"contracts_limit_fp"`
	IsAutoCancelEnabled bool     `json:"is_auto_cancel_enabled"`
	Orders              []string `json:"orders,omitempty"`
	ExchangeIndex       int      `json:"exchange_index"`
}

// CreateOrderGroupRequest is the body of POST /portfolio/order_groups/create.
type CreateOrderGroupRequest struct {
	ContractsLimit Qty `json:"contracts_limit_fp"`
	Subaccount     int `json:"subaccount,omitempty"`
}

// QueuePosition is an order's place in its level's queue (0-based).
type QueuePosition struct {
	OrderID       string `json:"order_id"`
	MarketTicker  string `json:"market_ticker"`
	QueuePosition Qty    `json:"queue_position_fp"`
}

// Fill is one of the account's executions (REST /portfolio/fills).
type Fill struct {
	FillID        string    `json:"fill_id"`
	TradeID       string    `json:"trade_id"`
	OrderID       string    `json:"order_id"`
	Ticker        string    `json:"ticker"`
	MarketTicker  string    `json:"market_ticker"`
	OutcomeSide   string    `json:"outcome_side"`
	BookSide      BookSide  `json:"book_side"`
	Count         Qty       `json:"count_fp"`
	YesPrice      Price     `json:"yes_price_dollars"`
	NoPrice       Price     `json:"no_price_dollars"`
	IsTaker       bool      `json:"is_taker"`
	FeeCost       Money     `json:"fee_cost"`
	CreatedTime   time.Time `json:"created_time"`
	Ts            int64     `json:"ts,omitempty"`
	ExchangeIndex int       `json:"exchange_index"`
	// SubaccountNumber is the subaccount the fill belongs to (0 = primary).
	SubaccountNumber *int `json:"subaccount_number,omitempty"`
}

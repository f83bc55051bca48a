package sim

import (
	"time"

	"ladder/model"
)

// order is one order's live state inside the engine.
type order struct {
	id, clientID string
	acct         *account
	led          *ledger // the subaccount whose cash and position it trades
	mkt          *market
	side         model.BookSide // bid buys YES, ask buys NO
	outcome      model.Side     // the contract the order acquires
	price        model.Price    // limit in the order's own outcome terms
	yesPrice     model.Price    // limit as a YES price (the V2 request price)

	initial, filled, remaining model.Qty

	tif           model.TimeInForce
	stp           model.STP
	postOnly      bool
	reduceOnly    bool
	cancelOnPause bool
	subaccount    int
	expiration    time.Time // zero = none
	watched       bool      // in Engine.expiring
	group         *orderGroup

	status           model.OrderStatus
	created, updated time.Time
	seq              uint64 // creation order, for newest-first listings

	takerCost, makerCost model.Money
	takerFees, makerFees model.Money
	reserved             model.Money // cash held for the resting remainder

	prev, next *order // level queue links while on the book
	onBook     bool
}

// open reports whether the order can still trade.
func (o *order) open() bool { return o.status == model.Resting }

// toModel renders the REST order object.
func (o *order) toModel() model.Order {
	created, updated := o.created, o.updated
	out := model.Order{
		OrderID:        o.id,
		UserID:         string(o.acct.id),
		ClientOrderID:  o.clientID,
		Ticker:         o.mkt.info.Ticker,
		OutcomeSide:    o.outcome.String(),
		BookSide:       o.side,
		Type:           "limit",
		Status:         o.status,
		YesPrice:       o.yesPrice,
		NoPrice:        o.yesPrice.Complement(),
		FillCount:      o.filled,
		RemainingCount: o.remaining,
		InitialCount:   o.initial,
		TakerFillCost:  o.takerCost,
		MakerFillCost:  o.makerCost,
		TakerFees:      o.takerFees,
		MakerFees:      o.makerFees,
		CreatedTime:    &created,
		LastUpdateTime: &updated,
		STP:            o.stp,
		CancelOnPause:  o.cancelOnPause,
	}
	if !o.expiration.IsZero() {
		exp := o.expiration
		out.ExpirationTime = &exp
	}
	if o.group != nil {
		out.OrderGroupID = o.group.id
	}
	out.SubaccountNumber = subaccountNumber(o.subaccount)
	return out
}

// userOrderMsg renders the user_orders channel payload.
func (o *order) userOrderMsg() *model.UserOrderMsg {
	msg := &model.UserOrderMsg{
		OrderID:          o.id,
		UserID:           string(o.acct.id),
		Ticker:           o.mkt.info.Ticker,
		Status:           o.status,
		OutcomeSide:      o.outcome.String(),
		BookSide:         o.side,
		YesPrice:         o.yesPrice,
		FillCount:        o.filled,
		RemainingCount:   o.remaining,
		InitialCount:     o.initial,
		TakerFillCost:    o.takerCost,
		MakerFillCost:    o.makerCost,
		TakerFees:        o.takerFees,
		MakerFees:        o.makerFees,
		ClientOrderID:    o.clientID,
		STP:              o.stp,
		CreatedTsMs:      o.created.UnixMilli(),
		LastUpdatedTsMs:  o.updated.UnixMilli(),
		SubaccountNumber: subaccountNumber(o.subaccount),
	}
	if o.group != nil {
		msg.OrderGroupID = o.group.id
	}
	if !o.expiration.IsZero() {
		msg.ExpirationTsMs = o.expiration.UnixMilli()
	}
	return msg
}

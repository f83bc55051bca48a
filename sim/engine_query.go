package sim

import (
	"net/http"

	"ladder/model"
)

// Orders lists the account's orders newest first, filtered. EventTicker
// may be a comma-separated list; MinTs/MaxTs bound the creation time in
// Unix seconds (0 = unbounded).
func (e *Engine) Orders(acct AccountID, f OrderFilter) []model.Order {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return []model.Order{}
	}
	events := splitList(f.EventTicker)
	out := []model.Order{}
	for i := len(a.history) - 1; i >= 0; i-- {
		o := a.history[i]
		switch {
		case f.Subaccount != nil && o.subaccount != *f.Subaccount,
			f.Ticker != "" && o.mkt.info.Ticker != f.Ticker,
			len(events) > 0 && !contains(events, o.mkt.info.EventTicker),
			f.Status != "" && string(o.status) != f.Status,
			outsideRange(o.created.Unix(), f.MinTs, f.MaxTs):
			continue
		}
		out = append(out, o.toModel())
	}
	return out
}

// OrderFilter selects orders for Orders.
type OrderFilter struct {
	Subaccount  *int // nil = every subaccount
	Ticker      string
	EventTicker string // one event ticker or a comma-separated list
	Status      string // resting|canceled|executed; "" = all
	MinTs       int64  // Unix seconds, inclusive; 0 = unbounded
	MaxTs       int64
}

// FillFilter selects fills for Fills.
type FillFilter struct {
	Subaccount *int // nil = every subaccount
	Ticker     string
	OrderID    string
	MinTs      int64 // Unix seconds, inclusive; 0 = unbounded
	MaxTs      int64
}

// Order returns one of the account's orders (404 when unknown).
func (e *Engine) Order(acct AccountID, orderID string) (model.Order, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, err := e.account(acct)
	if err != nil {
		return model.Order{}, err
	}
	o := a.orders[orderID]
	if o == nil {
		return model.Order{}, errNotFound("no order " + orderID)
	}
	return o.toModel(), nil
}

// Fills lists the account's fills newest first, filtered.
func (e *Engine) Fills(acct AccountID, f FillFilter) []model.Fill {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return []model.Fill{}
	}
	out := []model.Fill{}
	for i := len(a.fills) - 1; i >= 0; i-- {
		x := &a.fills[i]
		switch {
		case f.Subaccount != nil && (x.SubaccountNumber == nil || *x.SubaccountNumber != *f.Subaccount),
			f.Ticker != "" && x.MarketTicker != f.Ticker,
			f.OrderID != "" && x.OrderID != f.OrderID,
			outsideRange(x.Ts, f.MinTs, f.MaxTs):
			continue
		}
		out = append(out, *x)
	}
	return out
}

// QueuePositions reports, for the account's resting orders (optionally
// only in ticker and/or only the listed ids), the contracts queued ahead
// of each at its price level on its book. Every subaccount's orders count.
func (e *Engine) QueuePositions(acct AccountID, ticker string, orderIDs []string) []model.QueuePosition {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []model.QueuePosition{}
	a := e.accounts[acct]
	if a == nil {
		return out
	}
	want := func(o *order) bool {
		return o.open() && o.onBook && (ticker == "" || o.mkt.info.Ticker == ticker)
	}
	if len(orderIDs) > 0 {
		for _, id := range orderIDs {
			if o := a.orders[id]; o != nil && want(o) {
				out = append(out, queuePosition(o))
			}
		}
		return out
	}
	for _, o := range a.history {
		if want(o) {
			out = append(out, queuePosition(o))
		}
	}
	return out
}

// QueueFilter selects resting orders for QueuePositionsIn. Tickers and
// EventTicker narrow the markets (both set: a market must match both).
type QueueFilter struct {
	Subaccount  int // queue positions default to the primary subaccount
	Tickers     []string
	EventTicker string
}

// QueuePositionsIn reports the queue position of every resting order of one
// subaccount in the selected markets, oldest order first.
func (e *Engine) QueuePositionsIn(acct AccountID, f QueueFilter) ([]model.QueuePosition, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []model.QueuePosition{}
	a := e.accounts[acct]
	if a == nil {
		return out, nil
	}
	if _, err := a.ledger(f.Subaccount); err != nil {
		return nil, err
	}
	tickers := toSet(f.Tickers)
	for _, o := range a.history {
		switch {
		case !o.open() || !o.onBook || o.subaccount != f.Subaccount,
			tickers != nil && !tickers[o.mkt.info.Ticker],
			f.EventTicker != "" && o.mkt.info.EventTicker != f.EventTicker:
			continue
		}
		out = append(out, queuePosition(o))
	}
	return out, nil
}

// QueuePosition is one resting order's queue position; a finished or
// unknown order is a 404.
func (e *Engine) QueuePosition(acct AccountID, orderID string) (model.Qty, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, err := e.account(acct)
	if err != nil {
		return 0, err
	}
	o := a.orders[orderID]
	switch {
	case o == nil:
		return 0, errNotFound("no order " + orderID)
	case !o.open() || !o.onBook:
		return 0, apiErr(http.StatusNotFound, CodeNotFound, "order not resting",
			"order "+orderID+" is "+string(o.status)+"; only resting orders have a queue position")
	}
	return o.mkt.book.ahead(o), nil
}

func queuePosition(o *order) model.QueuePosition {
	return model.QueuePosition{OrderID: o.id, MarketTicker: o.mkt.info.Ticker, QueuePosition: o.mkt.book.ahead(o)}
}

// Trades returns public trades newest first; ticker "" means every market,
// minTs/maxTs bound the time in Unix seconds (0 = unbounded).
func (e *Engine) Trades(ticker string, minTs, maxTs int64) []model.Trade {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []model.Trade{}
	for i := len(e.trades) - 1; i >= 0; i-- {
		t := &e.trades[i]
		switch {
		case ticker != "" && t.Ticker != ticker,
			outsideRange(t.CreatedTime.Unix(), minTs, maxTs):
			continue
		}
		out = append(out, *t)
	}
	return out
}

// outsideRange reports whether ts falls outside [minTs, maxTs], where a
// zero bound is no bound (the list endpoints' convention for min_ts/max_ts).
func outsideRange(ts, minTs, maxTs int64) bool {
	return minTs != 0 && ts < minTs || maxTs != 0 && ts > maxTs
}

// RestingOrderValue is what the account's resting orders, in every
// subaccount, would cost if they all filled at their limits: each order's
// remaining count at its own price (NO orders at the NO price), fees left
// out.
func (e *Engine) RestingOrderValue(acct AccountID) model.Money {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return 0
	}
	var total model.Money
	for _, o := range a.orders {
		if o.open() {
			total += model.Notional(o.price, o.remaining)
		}
	}
	return total
}

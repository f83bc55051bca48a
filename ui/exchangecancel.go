package ui

import (
	"ladder/desk"
	"ladder/model"
)

// Orders the exchange ends without being asked (the market closed, a GTD
// order expired, the exchange's own cancel) are announced: an order that
// simply vanishes from the list is the kind of thing a trader must not
// miss. The desk has applied the cancel before the dashboard hears of it,
// so the dashboard keeps the desk's view as of its last message (seen)
// and asks it how the order stood: working, not being cancelled by me.

// announceExchangeCancel says an order cancelled by the exchange.
func (m *Model) announceExchangeCancel(o model.UserOrderMsg) {
	if o.Status != model.Canceled || m.seen == nil {
		return
	}
	before, ok := m.seen.Order(o.OrderID)
	if !ok || before.State != desk.Working {
		return // mine (cancelling), or not known to have rested
	}
	why := "cancelled by the exchange"
	switch {
	case !before.Expires.IsZero() && !m.now.Before(before.Expires):
		why = "expired"
	case m.marketClosed(o.Ticker):
		why = "cancelled by the exchange: the market closed"
	}
	m.say(lvlWarn, m.orderWords(before)+" "+why)
}

// marketClosed reports whether a market has closed or been determined.
func (m *Model) marketClosed(ticker string) bool {
	mk := m.markets.Find(ticker)
	if mk == nil {
		return false
	}
	switch mk.Status {
	case "closed", "determined", "finalized", "settled":
		return true
	}
	return false
}

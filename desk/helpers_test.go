package desk

import (
	"testing"
	"time"

	"ladder/model"
)

// t0 is the tests' fixed clock.
var t0 = time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)

const mkt = "KXFED-26DEC-T4.25"

func c(n int64) model.Qty { return model.Contracts(n) }

func px(s string) model.Price { return model.MustPrice(s) }

func newTestDesk(l Limits) *Desk {
	return New(Config{Limits: l, Now: func() time.Time { return t0 }})
}

// userOrder builds a user_order update at exchange time ms.
func userOrder(id string, status model.OrderStatus, side model.BookSide, price string, remaining, filled int64, ms int64) model.UserOrderMsg {
	return model.UserOrderMsg{
		OrderID: id, ClientOrderID: "c-" + id, Ticker: mkt, Status: status, BookSide: side,
		YesPrice: px(price), RemainingCount: c(remaining), FillCount: c(filled),
		InitialCount: c(remaining + filled), CreatedTsMs: 1, LastUpdatedTsMs: ms,
	}
}

// restOrder builds a REST order at exchange time ms.
func restOrder(id string, status model.OrderStatus, side model.BookSide, price string, remaining, filled int64, ms int64) model.Order {
	updated := time.UnixMilli(ms)
	return model.Order{
		OrderID: id, ClientOrderID: "c-" + id, Ticker: mkt, Status: status, BookSide: side,
		YesPrice: px(price), RemainingCount: c(remaining), FillCount: c(filled),
		InitialCount: c(remaining + filled), LastUpdateTime: &updated,
	}
}

// bid builds a create request.
func bid(cid string, qty int64, price string) model.CreateOrderRequest {
	return model.CreateOrderRequest{Ticker: mkt, ClientOrderID: cid, Side: model.Bid, Count: c(qty),
		Price: px(price), TimeInForce: model.GTC, STP: model.STPTakerAtCross}
}

// ask builds a create request.
func ask(cid string, qty int64, price string) model.CreateOrderRequest {
	r := bid(cid, qty, price)
	r.Side = model.Ask
	return r
}

// working lists the desk's acknowledged orders by id.
func working(d *Desk) map[string]Order {
	out := map[string]Order{}
	v := d.View()
	for _, o := range v.Orders[:v.Working] {
		out[o.ID] = o
	}
	return out
}

// hold gives the desk a position in mkt through a market_position update.
func hold(d *Desk, size int64, cost string) {
	d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(size), PositionCost: model.Money(mustMoney(cost))})
}

func mustMoney(s string) model.Money {
	m, err := model.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

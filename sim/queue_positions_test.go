package sim

import (
	"net/http"
	"testing"

	"ladder/model"
)

// Queue positions come from the engine's price-time queues: contracts
// resting ahead of the order at its price on its book.
func TestRESTQueuePositions(t *testing.T) {
	h := start(t, nil)
	e := h.s.Engine()
	var markets []model.Market
	for _, m := range e.Markets() {
		if m.Status == "active" && m.PriceLevelStructure == "linear_cent" {
			markets = append(markets, m)
		}
	}
	a, b := markets[0], markets[2] // two events' markets
	if a.EventTicker == b.EventTicker {
		t.Fatalf("same event %s", a.EventTicker)
	}
	if _, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1]); err != nil {
		t.Fatal(err)
	}
	h.place("bob", bidAt(a.Ticker, "0.20", 7))
	first := h.place(TraderAccount, bidAt(a.Ticker, "0.20", 2))
	h.place("bob", bidAt(a.Ticker, "0.20", 5))
	second := h.place(TraderAccount, bidAt(a.Ticker, "0.20", 1))
	other := h.place(TraderAccount, askAt(b.Ticker, "0.90", 1))
	sub, _ := e.CreateSubaccount(TraderAccount)
	_ = e.TransferCash(TraderAccount, transfer(testTransferID, 0, sub, 1_000))
	inSubacct := h.place(TraderAccount, inSub(bidAt(a.Ticker, "0.20", 1), sub))

	single := func(id string) response {
		return h.get("/portfolio/orders/" + id + "/queue_position")
	}
	var one struct {
		QueuePosition model.Qty `json:"queue_position_fp"`
	}
	expect(t, single(first.OrderID), http.StatusOK).decode(t, &one)
	if one.QueuePosition != model.Contracts(7) {
		t.Fatalf("first %s", one.QueuePosition)
	}
	expect(t, single(second.OrderID), http.StatusOK).decode(t, &one)
	if one.QueuePosition != model.Contracts(14) {
		t.Fatalf("second %s", one.QueuePosition)
	}
	expect(t, single(other.OrderID), http.StatusOK).decode(t, &one)
	if one.QueuePosition != 0 || string(single(other.OrderID).body) != `{"queue_position_fp":"0.00"}`+"\n" {
		t.Fatalf("front of its level: %s", single(other.OrderID).body)
	}
	expect(t, single("no-such-order"), http.StatusNotFound)

	list := func(query string) []model.QueuePosition {
		t.Helper()
		var body struct {
			QueuePositions []model.QueuePosition `json:"queue_positions"`
		}
		expect(t, h.get("/portfolio/orders/queue_positions"+query), http.StatusOK).decode(t, &body)
		return body.QueuePositions
	}
	if qp := list(""); len(qp) != 3 || qp[0].OrderID != first.OrderID || qp[2].OrderID != other.OrderID {
		t.Fatalf("all primary %+v", qp)
	}
	if qp := list("?market_tickers=" + a.Ticker); len(qp) != 2 || qp[1].QueuePosition != model.Contracts(14) || qp[1].MarketTicker != a.Ticker {
		t.Fatalf("market %+v", qp)
	}
	if qp := list("?event_ticker=" + b.EventTicker); len(qp) != 1 || qp[0].OrderID != other.OrderID {
		t.Fatalf("event %+v", qp)
	}
	if qp := list("?event_ticker=" + b.EventTicker + "&market_tickers=" + a.Ticker); len(qp) != 0 {
		t.Fatalf("both filters %+v", qp)
	}
	if qp := list("?subaccount=1"); len(qp) != 1 || qp[0].OrderID != inSubacct.OrderID || qp[0].QueuePosition != model.Contracts(15) {
		t.Fatalf("subaccount %+v", qp)
	}

	// Trades at the level move the order forward; a cancel ahead does too.
	if _, _, err := h.s.AddAccountKey("carol", 1000*model.Dollar, testKeys()[2]); err != nil {
		t.Fatal(err)
	}
	sell := askAt(a.Ticker, "0.20", 4)
	sell.TimeInForce = model.IOC
	h.place("carol", sell) // takes 4 of bob's 7 at the front
	expect(t, single(first.OrderID), http.StatusOK).decode(t, &one)
	if one.QueuePosition != model.Contracts(3) {
		t.Fatalf("after a trade at the level %s", one.QueuePosition)
	}
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+first.OrderID, nil), http.StatusOK)
	expect(t, single(second.OrderID), http.StatusOK).decode(t, &one)
	if one.QueuePosition != model.Contracts(8) {
		t.Fatalf("after the cancel ahead %s", one.QueuePosition)
	}
	if r := single(first.OrderID); r.status != http.StatusNotFound || r.errorCode() != CodeNotFound {
		t.Fatalf("cancelled order: %d %s", r.status, r.body)
	}
}

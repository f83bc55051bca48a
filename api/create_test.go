package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"ladder/model"
)

func qty(s string) model.Qty {
	q, err := model.ParseQty(s)
	if err != nil {
		panic(err)
	}
	return q
}

func gtcBid() model.CreateOrderRequest {
	return model.CreateOrderRequest{
		Ticker: "KXTEST-1", Side: model.Bid, Count: qty("5"), Price: model.MustPrice("0.42"),
		TimeInForce: model.GTC, STP: model.STPTakerAtCross,
	}
}

func amendReq() model.AmendOrderRequest {
	return model.AmendOrderRequest{Ticker: "KXTEST-1", Side: model.Bid, Price: model.MustPrice("0.43"), Count: qty("5")}
}

func decreaseBy(q model.Qty) model.DecreaseOrderRequest {
	return model.DecreaseOrderRequest{ReduceBy: &q}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// desk is the order state behind the fake exchange: enough to prove that
// a retried create never places a second order.
type desk struct {
	mu     sync.Mutex
	orders []model.Order
	// onlyRestingIDsTaken makes the desk behave like Kalshi: a
	// client_order_id is refused only while its order rests, so a finished
	// order's id may be used again.
	onlyRestingIDsTaken bool
}

// place records an order unless its client_order_id is taken.
func (d *desk) place(req model.CreateOrderRequest, status model.OrderStatus) (model.Order, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, o := range d.orders {
		if o.ClientOrderID == req.ClientOrderID && (!d.onlyRestingIDsTaken || o.Status == model.Resting) {
			return o, false
		}
	}
	now := time.Unix(1_800_000_000, 0).UTC()
	o := model.Order{
		OrderID: fmt.Sprintf("ord-%d", len(d.orders)+1), ClientOrderID: req.ClientOrderID, Ticker: req.Ticker,
		BookSide: req.Side, Status: status, YesPrice: req.Price, InitialCount: req.Count,
		RemainingCount: req.Count, CreatedTime: &now,
	}
	if status == model.Executed {
		o.FillCount, o.RemainingCount = req.Count, 0
		o.TakerFillCost = model.Notional(req.Price, req.Count)
		if req.Side == model.Ask { // a NO purchase pays the NO price
			o.TakerFillCost = model.Notional(req.Price.Complement(), req.Count)
		}
		o.TakerFees = model.Money(35_000) // $0.035 on 5 contracts
	}
	d.orders = append(d.orders, o)
	return o, true
}

func (d *desk) snapshot() []model.Order {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]model.Order(nil), d.orders...)
}

// serveList answers GET /portfolio/orders with the ticker and status filters.
func (d *desk) serveList(w http.ResponseWriter, r *http.Request, _ []byte, _ int) {
	var out []model.Order
	for _, o := range d.snapshot() {
		if q := r.URL.Query().Get("ticker"); q != "" && q != o.Ticker {
			continue
		}
		if q := r.URL.Query().Get("status"); q != "" && q != string(o.Status) {
			continue
		}
		out = append(out, o)
	}
	b, _ := json.Marshal(map[string]any{"orders": out, "cursor": ""})
	writeJSON(w, 200, string(b))
}

func decodeCreate(t *testing.T, body []byte) model.CreateOrderRequest {
	var req model.CreateOrderRequest
	if err := json.Unmarshal(body, &req); err != nil {
		t.Errorf("create body %s: %v", body, err)
	}
	return req
}

func createdJSON(o model.Order) string {
	return fmt.Sprintf(`{"order_id":%q,"client_order_id":%q,"fill_count":"0.00","remaining_count":%q,"ts_ms":1}`,
		o.OrderID, o.ClientOrderID, o.RemainingCount)
}

// The first attempt lands but its answer never arrives; the retry (same
// client_order_id) gets 409; the client returns the original order.
func TestCreateTimeoutThen409ReturnsOriginal(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	var d desk
	h.x.on("GET /portfolio/orders", d.serveList)
	h.x.on("POST /portfolio/events/orders", func(w http.ResponseWriter, r *http.Request, body []byte, n int) {
		o, fresh := d.place(decodeCreate(t, body), model.Resting)
		switch {
		case n == 1:
			<-r.Context().Done() // processed, but the client times out
		case !fresh:
			writeJSON(w, 409, `{"error":{"code":"duplicate_client_order_id","message":"order with this client_order_id exists"}}`)
		default:
			writeJSON(w, 201, createdJSON(o))
		}
	})
	resp, err := h.c.CreateOrder(t.Context(), gtcBid())
	if err != nil {
		t.Fatal(err)
	}
	orders := d.snapshot()
	if len(orders) != 1 {
		t.Fatalf("%d orders on the exchange", len(orders))
	}
	if resp.OrderID != orders[0].OrderID || resp.ClientOrderID != orders[0].ClientOrderID || resp.RemainingCount != qty("5") {
		t.Errorf("response %+v, original %+v", resp, orders[0])
	}
	var ids []string
	for _, r := range h.x.requests() {
		if r.Method == "POST" {
			ids = append(ids, decodeCreate(t, r.Body).ClientOrderID)
		}
	}
	if len(ids) != 2 || ids[0] != ids[1] || !uuidV4.MatchString(ids[0]) {
		t.Errorf("client_order_ids sent: %q", ids)
	}
}

// An IOC order never rests, so a duplicate could not be refused: after the
// ambiguous attempt the client looks before resending, and finds it.
func TestCreateIOCLooksBeforeResending(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	var d desk
	h.x.on("GET /portfolio/orders", d.serveList)
	h.x.on("POST /portfolio/events/orders", func(w http.ResponseWriter, r *http.Request, body []byte, n int) {
		d.place(decodeCreate(t, body), model.Executed)
		<-r.Context().Done()
	})
	req := gtcBid()
	req.TimeInForce = model.IOC
	resp, err := h.c.CreateOrder(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if n := h.x.calls("POST /portfolio/events/orders"); n != 1 {
		t.Errorf("IOC sent %d times", n)
	}
	if len(d.snapshot()) != 1 || resp.OrderID != "ord-1" || resp.FillCount != qty("5") || resp.RemainingCount != 0 {
		t.Errorf("response %+v", resp)
	}
	if resp.AverageFillPrice == nil || resp.AverageFillPrice.String() != "0.4200" ||
		resp.AverageFeePaid == nil || resp.AverageFeePaid.String() != "0.0070" {
		t.Errorf("averages %v %v", resp.AverageFillPrice, resp.AverageFeePaid)
	}
}

// A GTC order that fills at once no longer rests, so the exchange would
// take a resend of its client_order_id as a new order. When the first
// attempt's answer is lost, the client must find the executed order
// rather than place it a second time.
func TestCreateGTCFilledWhileAnswerLostIsNotPlacedTwice(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RequestTimeout = 100 * time.Millisecond })
	d := desk{onlyRestingIDsTaken: true}
	h.x.on("GET /portfolio/orders", d.serveList)
	h.x.on("POST /portfolio/events/orders", func(w http.ResponseWriter, r *http.Request, body []byte, n int) {
		o, fresh := d.place(decodeCreate(t, body), model.Executed)
		switch {
		case n == 1:
			<-r.Context().Done() // filled, but the client times out
		case !fresh:
			writeJSON(w, 409, `{"error":{"code":"order_already_exists","message":"order already exists"}}`)
		default:
			writeJSON(w, 201, createdJSON(o))
		}
	})
	req := gtcBid()
	req.Side = model.Ask
	resp, err := h.c.CreateOrder(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if orders := d.snapshot(); len(orders) != 1 {
		t.Fatalf("%d orders on the exchange for one create: %+v", len(orders), orders)
	}
	if n := h.x.calls("POST /portfolio/events/orders"); n != 1 {
		t.Errorf("the order was sent %d times", n)
	}
	if resp.OrderID != "ord-1" || resp.FillCount != qty("5") || resp.RemainingCount != 0 {
		t.Errorf("response %+v", resp)
	}
	// An ask at YES 0.42 buys NO at 0.58; the response speaks YES terms.
	if resp.AverageFillPrice == nil || resp.AverageFillPrice.String() != "0.4200" {
		t.Errorf("average fill price %v, want the YES price 0.4200", resp.AverageFillPrice)
	}
}

func TestCreateUnknownOutcome(t *testing.T) {
	h := newHarness(t, nil)
	var d desk
	h.x.on("GET /portfolio/orders", d.serveList)
	h.x.script("POST /portfolio/events/orders", reply{500, `{"error":{"code":"internal","message":"boom"}}`, false})
	_, err := h.c.CreateOrder(t.Context(), gtcBid())
	var uo *UnknownOutcomeError
	if !errors.Is(err, ErrUnknownOutcome) || !errors.As(err, &uo) {
		t.Fatalf("err %v", err)
	}
	sent := decodeCreate(t, h.x.requests()[0].Body).ClientOrderID
	if uo.ClientOrderID != sent || uo.Ticker != "KXTEST-1" || uo.Op != "create" {
		t.Errorf("unknown outcome %+v, sent id %s", uo, sent)
	}
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 500 {
		t.Errorf("last failure not reachable: %v", err)
	}
	if n := h.x.calls("POST /portfolio/events/orders"); n != DefaultMaxAttempts {
		t.Errorf("%d attempts", n)
	}
}

// Only 429s: nothing was processed, so the error is a plain rate-limit error.
func TestCreateOnly429IsNotUnknown(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("POST /portfolio/events/orders", reply{429, `{"error":"too many requests"}`, false})
	_, err := h.c.CreateOrder(t.Context(), gtcBid())
	var ae *Error
	if errors.Is(err, ErrUnknownOutcome) || !errors.As(err, &ae) || ae.Status != 429 || ae.Message != "too many requests" {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls("GET /portfolio/orders"); n != 0 {
		t.Errorf("%d lookups", n)
	}
}

func TestCreateRejectedIsNotRetried(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("POST /portfolio/events/orders",
		reply{400, `{"error":{"code":"invalid_order","message":"invalid order","details":"post only cross"}}`, false})
	_, err := h.c.CreateOrder(t.Context(), gtcBid())
	var ae *Error
	if !errors.As(err, &ae) || ae.Code != "invalid_order" || ae.Details != "post only cross" || errors.Is(err, ErrUnknownOutcome) {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls("POST /portfolio/events/orders"); n != 1 {
		t.Errorf("%d attempts", n)
	}
}

func TestCreateUnreadableSuccessLooksUp(t *testing.T) {
	h := newHarness(t, nil)
	var d desk
	h.x.on("GET /portfolio/orders", d.serveList)
	h.x.on("POST /portfolio/events/orders", func(w http.ResponseWriter, r *http.Request, body []byte, n int) {
		d.place(decodeCreate(t, body), model.Resting)
		writeJSON(w, 201, `{"order_id":`) // truncated
	})
	resp, err := h.c.CreateOrder(t.Context(), gtcBid())
	if err != nil || resp.OrderID != "ord-1" {
		t.Fatalf("%+v %v", resp, err)
	}
	if n := h.x.calls("POST /portfolio/events/orders"); n != 1 {
		t.Errorf("%d attempts", n)
	}
}

func TestCreateCancelledMidFlightIsUnknown(t *testing.T) {
	h := newHarness(t, nil)
	ctx, cancel := context.WithCancel(t.Context())
	h.x.on("POST /portfolio/events/orders", func(w http.ResponseWriter, r *http.Request, _ []byte, _ int) {
		cancel()
		<-r.Context().Done()
	})
	_, err := h.c.CreateOrder(ctx, gtcBid())
	if !errors.Is(err, ErrUnknownOutcome) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

func TestCreateValidatesAndKeepsCallerID(t *testing.T) {
	h := newHarness(t, nil)
	bad := gtcBid()
	bad.Price = model.OneDollar
	if _, err := h.c.CreateOrder(t.Context(), bad); err == nil {
		t.Fatal("price $1 accepted")
	}
	if len(h.x.requests()) != 0 {
		t.Fatal("invalid order was sent")
	}
	var d desk
	h.x.on("POST /portfolio/events/orders", func(w http.ResponseWriter, r *http.Request, body []byte, _ int) {
		req := decodeCreate(t, body)
		o, _ := d.place(req, model.Resting)
		writeJSON(w, 201, fmt.Sprintf(`{"order_id":%q,"fill_count":"0.00","remaining_count":"5.00","ts_ms":7}`, o.OrderID))
	})
	req := gtcBid()
	req.ClientOrderID = "mine-1"
	resp, err := h.c.CreateOrder(t.Context(), req)
	if err != nil || resp.ClientOrderID != "mine-1" || resp.TsMs != 7 {
		t.Fatalf("%+v %v", resp, err)
	}
	if got := decodeCreate(t, h.x.last().Body); got.ClientOrderID != "mine-1" || got.Price != req.Price || got.Count != req.Count {
		t.Errorf("sent %+v", got)
	}
}

// Reusing one's own client_order_id (say, after an unknown outcome) returns
// the existing order instead of a 409.
func TestCreateFirstAttempt409(t *testing.T) {
	h := newHarness(t, nil)
	var d desk
	h.x.on("GET /portfolio/orders", d.serveList)
	h.x.script("POST /portfolio/events/orders", reply{409, `{"code":"duplicate","message":"exists"}`, false})
	req := gtcBid()
	req.ClientOrderID = "seen-before"
	_, err := h.c.CreateOrder(t.Context(), req)
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != 409 || errors.Is(err, ErrUnknownOutcome) {
		t.Fatalf("unknown id: %v", err)
	}
	d.place(req, model.Resting)
	resp, err := h.c.CreateOrder(t.Context(), req)
	if err != nil || resp.OrderID != "ord-1" {
		t.Fatalf("%+v %v", resp, err)
	}
}

func TestNewClientOrderID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewClientOrderID()
		if !uuidV4.MatchString(id) || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}

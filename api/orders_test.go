package api

import (
	"encoding/json"
	"errors"
	"testing"

	"ladder/model"
)

func TestCancelOrder(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("DELETE /portfolio/events/orders/o1",
		reply{503, ``, false},
		reply{200, `{"order_id":"o1","client_order_id":"c1","reduced_by":"5.00","ts_ms":9}`, false})
	resp, err := h.c.CancelOrder(t.Context(), "o1")
	if err != nil || resp.OrderID != "o1" || resp.ReducedBy != qty("5") || resp.TsMs != 9 {
		t.Fatalf("%+v %v", resp, err)
	}
	if n := h.x.calls("DELETE /portfolio/events/orders/o1"); n != 2 {
		t.Errorf("%d calls", n)
	}
}

func TestCancelOfGoneOrder(t *testing.T) {
	for name, rp := range map[string]reply{
		"404 wrapped": {404, `{"error":{"code":"not_found","message":"order not found"}}`, false},
		"404 empty":   {404, ``, false},
		"400 code":    {400, `{"code":"order_not_found","message":"no such order"}`, false},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, nil)
			// The first attempt's answer is lost; the retry finds it gone.
			h.x.script("DELETE /portfolio/events/orders/o1", reply{502, `<html>bad gateway</html>`, false}, rp)
			resp, err := h.c.CancelOrder(t.Context(), "o1")
			if !errors.Is(err, ErrOrderGone) || resp.OrderID != "o1" {
				t.Fatalf("%+v %v", resp, err)
			}
			var ae *Error
			if !errors.As(err, &ae) || ae.Status != rp.status {
				t.Errorf("*Error not reachable: %v", err)
			}
		})
	}
	h := newHarness(t, nil)
	h.x.script("DELETE /portfolio/events/orders/o1", reply{403, `{"code":"forbidden","message":"scope"}`, false})
	if _, err := h.c.CancelOrder(t.Context(), "o1"); err == nil || errors.Is(err, ErrOrderGone) {
		t.Fatalf("403 reported as %v", err)
	}
	if _, err := h.c.CancelOrder(t.Context(), ""); err == nil {
		t.Fatal("empty order id accepted")
	}
}

func TestAmendRetriesOnlyOn429(t *testing.T) {
	h := newHarness(t, nil)
	route := "POST /portfolio/events/orders/o1/amend"
	h.x.script(route,
		reply{429, `{"error":"too many requests"}`, false},
		reply{200, `{"order_id":"o1","remaining_count":"5.00","ts_ms":3}`, false})
	resp, err := h.c.AmendOrder(t.Context(), "o1", amendReq())
	if err != nil || resp.RemainingCount == nil || *resp.RemainingCount != qty("5") {
		t.Fatalf("%+v %v", resp, err)
	}
	var sent model.AmendOrderRequest
	if err := json.Unmarshal(h.x.last().Body, &sent); err != nil || sent != amendReq() {
		t.Errorf("sent %+v %v", sent, err)
	}

	h = newHarness(t, nil)
	h.x.script(route, reply{500, `{"code":"internal","message":"boom"}`, false})
	req := amendReq()
	req.ClientOrderID = "c1"
	_, err = h.c.AmendOrder(t.Context(), "o1", req)
	var uo *UnknownOutcomeError
	if !errors.As(err, &uo) || uo.OrderID != "o1" || uo.ClientOrderID != "c1" || uo.Op != "amend" {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls(route); n != 1 {
		t.Errorf("amend sent %d times after a 500", n)
	}

	h = newHarness(t, nil)
	h.x.script(route, reply{404, `{"error":{"code":"not_found","message":"gone"}}`, false})
	if _, err := h.c.AmendOrder(t.Context(), "o1", amendReq()); !errors.Is(err, ErrOrderGone) || errors.Is(err, ErrUnknownOutcome) {
		t.Fatalf("404: %v", err)
	}
}

func TestDecrease(t *testing.T) {
	h := newHarness(t, nil)
	route := "POST /portfolio/events/orders/o1/decrease"
	h.x.script(route, reply{200, `{"order_id":"o1","remaining_count":"3.00","ts_ms":1}`, false})
	resp, err := h.c.DecreaseOrder(t.Context(), "o1", decreaseBy(qty("2")))
	if err != nil || resp.RemainingCount != qty("3") {
		t.Fatalf("%+v %v", resp, err)
	}
	if got := string(h.x.last().Body); got != `{"reduce_by":"2.00"}` {
		t.Errorf("body %s", got)
	}
	if _, err := h.c.DecreaseOrder(t.Context(), "o1", model.DecreaseOrderRequest{}); err == nil {
		t.Error("neither reduce_by nor reduce_to accepted")
	}
	h.x.script(route, reply{200, `{"order_id"`, false})
	if _, err := h.c.DecreaseOrder(t.Context(), "o1", decreaseBy(qty("1"))); !errors.Is(err, ErrUnknownOutcome) {
		t.Errorf("unreadable answer: %v", err)
	}
}

func TestBatchCreate(t *testing.T) {
	h := newHarness(t, nil)
	route := "POST /portfolio/events/orders/batched"
	h.x.script(route, reply{201, `{"orders":[
		{"order_id":"o1","client_order_id":"a","fill_count":"0.00","remaining_count":"5.00","ts_ms":1},
		{"client_order_id":"b","fill_count":"0.00","remaining_count":"0.00","error":{"code":"invalid_price","message":"bad price"}}]}`, false})
	reqs := []model.CreateOrderRequest{gtcBid(), gtcBid()}
	reqs[0].ClientOrderID = "a"
	resp, err := h.c.BatchCreateOrders(t.Context(), reqs)
	if err != nil || len(resp.Orders) != 2 || resp.Orders[0].OrderID != "o1" || resp.Orders[1].Error == nil ||
		resp.Orders[1].Error.Code != "invalid_price" {
		t.Fatalf("%+v %v", resp, err)
	}
	var sent model.BatchCreateRequest
	if err := json.Unmarshal(h.x.last().Body, &sent); err != nil || len(sent.Orders) != 2 ||
		sent.Orders[0].ClientOrderID != "a" || !uuidV4.MatchString(sent.Orders[1].ClientOrderID) {
		t.Errorf("sent %+v %v", sent, err)
	}
	if reqs[1].ClientOrderID != "" {
		t.Error("caller's slice was modified")
	}

	h.x.script(route, reply{504, ``, false})
	_, err = h.c.BatchCreateOrders(t.Context(), reqs)
	var uo *UnknownOutcomeError
	if !errors.As(err, &uo) || len(uo.ClientOrderIDs) != 2 || uo.ClientOrderIDs[0] != "a" {
		t.Fatalf("504: %v", err)
	}
}

func TestBatchCancelAndCancelAll(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("DELETE /portfolio/events/orders/batched", reply{200, `{"orders":[
		{"order_id":"o1","reduced_by":"5.00","ts_ms":1},
		{"order_id":"o2","reduced_by":"0.00","error":{"code":"not_found","message":"order not found"}}]}`, false})
	resp, err := h.c.BatchCancelOrders(t.Context(), []string{"o1", "o2"})
	if err != nil || len(resp.Orders) != 2 || ItemGone(resp.Orders[0]) || !ItemGone(resp.Orders[1]) {
		t.Fatalf("%+v %v", resp, err)
	}
	if got := string(h.x.last().Body); got != `{"orders":[{"order_id":"o1"},{"order_id":"o2"}]}` {
		t.Errorf("body %s", got)
	}
	// Batch costs scale with the item count: 2 tokens per cancel.
	if p := h.c.Limiter().Preview("DELETE", "/portfolio/events/orders/batched", 14); p.Tokens != 28 {
		t.Errorf("preview %+v", p)
	}

	h.x.script("DELETE /portfolio/events/orders", reply{200, ``, false})
	if all, err := h.c.CancelAllOrders(t.Context()); err != nil || len(all.Orders) != 0 {
		t.Fatalf("empty body: %+v %v", all, err)
	}
	h.x.script("DELETE /portfolio/events/orders", reply{200, `{"orders":[{"order_id":"o3","reduced_by":"1.00"}]}`, false})
	if all, err := h.c.CancelAllOrders(t.Context()); err != nil || len(all.Orders) != 1 {
		t.Fatalf("body: %+v %v", all, err)
	}
}

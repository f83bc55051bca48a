package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func validOrder() CreateOrderRequest {
	return CreateOrderRequest{
		Ticker: "KX-TEST", Side: Ask, Count: 500, Price: 7000,
		TimeInForce: GTC, STP: STPTakerAtCross, ClientOrderID: "c-1",
	}
}

func TestCreateOrderRequestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*CreateOrderRequest)
		want   string // "" means valid
	}{
		{"valid", func(*CreateOrderRequest) {}, ""},
		{"bid IOC maker", func(r *CreateOrderRequest) { r.Side, r.TimeInForce, r.STP = Bid, IOC, STPMaker }, ""},
		{"FOK", func(r *CreateOrderRequest) { r.TimeInForce = FOK }, ""},
		{"GTC with expiration", func(r *CreateOrderRequest) { r.ExpirationTime = 1_900_000_000 }, ""},
		{"fractional count", func(r *CreateOrderRequest) { r.Count = 1 }, ""},
		{"0.01¢ price", func(r *CreateOrderRequest) { r.Price = 1 }, ""},
		{"99.99¢ price", func(r *CreateOrderRequest) { r.Price = 9999 }, ""},
		{"64-char client id", func(r *CreateOrderRequest) { r.ClientOrderID = strings.Repeat("a", 64) }, ""},
		{"no client id", func(r *CreateOrderRequest) { r.ClientOrderID = "" }, ""},

		{"no ticker", func(r *CreateOrderRequest) { r.Ticker = "" }, "order: ticker is required"},
		{"no side", func(r *CreateOrderRequest) { r.Side = "" }, `order: side "" must be bid or ask`},
		{"legacy side", func(r *CreateOrderRequest) { r.Side = "yes" }, `order: side "yes" must be bid or ask`},
		{"zero count", func(r *CreateOrderRequest) { r.Count = 0 }, "order: count 0.00 must be positive"},
		{"negative count", func(r *CreateOrderRequest) { r.Count = -100 }, "order: count -1.00 must be positive"},
		{"price 0", func(r *CreateOrderRequest) { r.Price = 0 }, "order: price 0.0000 must be strictly between 0 and 1"},
		{"price 1", func(r *CreateOrderRequest) { r.Price = OneDollar }, "order: price 1.0000 must be strictly between 0 and 1"},
		{"negative price", func(r *CreateOrderRequest) { r.Price = -100 }, "price -0.0100"},
		{"no time in force", func(r *CreateOrderRequest) { r.TimeInForce = "" }, `order: time_in_force ""`},
		{"short time in force", func(r *CreateOrderRequest) { r.TimeInForce = "GTC" }, `time_in_force "GTC" is not one of`},
		{"no stp", func(r *CreateOrderRequest) { r.STP = "" }, `order: self_trade_prevention_type "" must be taker_at_cross or maker`},
		{"IOC with expiration", func(r *CreateOrderRequest) { r.TimeInForce, r.ExpirationTime = IOC, 1 }, "expiration_time is only allowed with good_till_canceled"},
		{"FOK with expiration", func(r *CreateOrderRequest) { r.TimeInForce, r.ExpirationTime = FOK, 1 }, "expiration_time is only allowed"},
		{"65-char client id", func(r *CreateOrderRequest) { r.ClientOrderID = strings.Repeat("a", 65) }, "client_order_id longer than 64"},
	}
	for _, tt := range tests {
		r := validOrder()
		tt.change(&r)
		err := r.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestCreateOrderRequestJSON pins the wire body against the example in
// kalshi-api.md §4 (buy 5 NO at 30¢ = ask at YES 0.70).
func TestCreateOrderRequestJSON(t *testing.T) {
	out, err := json.Marshal(validOrder())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ticker":"KX-TEST","client_order_id":"c-1","side":"ask","count":"5.00","price":"0.7000","time_in_force":"good_till_canceled","self_trade_prevention_type":"taker_at_cross"}`
	if string(out) != want {
		t.Errorf("body = %s\nwant   %s", out, want)
	}
}

func TestOrderEnums(t *testing.T) {
	if GTC.Short() != "GTC" || IOC.Short() != "IOC" || FOK.Short() != "FOK" {
		t.Error("TimeInForce.Short wrong")
	}
	if TimeInForce("x").Valid() || STP("x").Valid() || !STPMaker.Valid() {
		t.Error("Valid wrong")
	}
	e := &ErrorBody{Code: "invalid_order", Message: "invalid order", Details: "post only cross"}
	if e.Error() != "invalid_order: invalid order (post only cross)" {
		t.Errorf("ErrorBody = %q", e.Error())
	}
	e.Details = ""
	if e.Error() != "invalid_order: invalid order" {
		t.Errorf("ErrorBody = %q", e.Error())
	}
}

package limiter

import "testing"

func TestCostAndClassification(t *testing.T) {
	l, _ := newTest(t, TierBasic)
	tests := []struct {
		method, path string
		items        int
		bucket       Bucket
		tokens       int
		prio         Priority
	}{
		// V2 writes.
		{"POST", "/portfolio/events/orders", 0, BucketWrite, 10, PriorityNew},
		{"DELETE", "/portfolio/events/orders/abc-123", 0, BucketWrite, 2, PriorityCancel},
		{"DELETE", "/trade-api/v2/portfolio/events/orders/abc-123?subaccount=0", 0, BucketWrite, 2, PriorityCancel},
		{"POST", "/portfolio/events/orders/abc/amend", 0, BucketWrite, 10, PriorityAmend},
		{"POST", "/portfolio/events/orders/abc/decrease", 0, BucketWrite, 10, PriorityAmend},
		{"POST", "/portfolio/events/orders/batched", 5, BucketWrite, 50, PriorityNew},
		{"DELETE", "/portfolio/events/orders/batched", 14, BucketWrite, 28, PriorityCancel},
		{"DELETE", "/portfolio/events/orders/batched", 0, BucketWrite, 2, PriorityCancel},
		{"DELETE", "/portfolio/events/orders", 0, BucketWrite, 10, PriorityCancel}, // cancel-all
		{"delete", "/trade-api/v2/portfolio/events/orders/", 0, BucketWrite, 10, PriorityCancel},
		// Legacy writes.
		{"POST", "/portfolio/orders", 0, BucketWrite, 100, PriorityNew},
		{"DELETE", "/portfolio/orders/abc", 0, BucketWrite, 20, PriorityCancel},
		{"POST", "/portfolio/orders/batched", 3, BucketWrite, 300, PriorityNew},
		// Order groups.
		{"POST", "/portfolio/order_groups/create", 0, BucketWrite, 10, PriorityNew},
		{"PUT", "/portfolio/order_groups/g1/trigger", 0, BucketWrite, 10, PriorityCancel},
		{"PUT", "/portfolio/order_groups/g1/reset", 0, BucketWrite, 10, PriorityNew},
		{"DELETE", "/portfolio/order_groups/g1", 0, BucketWrite, 10, PriorityCancel},
		{"GET", "/portfolio/order_groups/g1", 0, BucketRead, 10, PriorityRead},
		{"PUT", "/portfolio/order_groups/g1/limit?subaccount=2", 0, BucketWrite, 10, PriorityNew},
		// Subaccounts and the §11 reads: the default.
		{"POST", "/portfolio/subaccounts", 0, BucketRead, 10, PriorityRead},
		{"POST", "/portfolio/subaccounts/transfer", 0, BucketRead, 10, PriorityRead},
		{"PUT", "/portfolio/subaccounts/netting", 0, BucketRead, 10, PriorityRead},
		{"GET", "/portfolio/subaccounts/balances", 0, BucketRead, 10, PriorityRead},
		{"GET", "/portfolio/settlements?subaccount=1", 0, BucketRead, 10, PriorityRead},
		{"GET", "/series/S/markets/T/candlesticks", 0, BucketRead, 10, PriorityRead},
		{"GET", "/markets/candlesticks", 0, BucketRead, 10, PriorityRead},
		// Reads.
		{"GET", "/portfolio/orders/abc", 0, BucketRead, 2, PriorityRead},
		{"GET", "/trade-api/v2/portfolio/orders/queue_positions", 0, BucketRead, 10, PriorityRead},
		{"GET", "/trade-api/v2/portfolio/orders/abc", 0, BucketRead, 2, PriorityRead},
		{"GET", "/portfolio/orders", 0, BucketRead, 10, PriorityRead},
		{"GET", "/portfolio/orders/abc/queue_position", 0, BucketRead, 10, PriorityRead},
		{"GET", "/portfolio/events/orders/abc", 0, BucketRead, 10, PriorityRead},
		{"GET", "/markets/KX-1/orderbook?depth=10", 0, BucketRead, 10, PriorityRead},
		{"GET", "/portfolio/balance", 0, BucketRead, 10, PriorityRead},
		{"POST", "/some/unknown/endpoint", 0, BucketRead, 10, PriorityRead},
	}
	for _, tt := range tests {
		b, tokens := l.Cost(tt.method, tt.path, tt.items)
		if b != tt.bucket || tokens != tt.tokens {
			t.Errorf("Cost(%s %s, %d) = %v %d, want %v %d", tt.method, tt.path, tt.items, b, tokens, tt.bucket, tt.tokens)
		}
		c := l.costs.Load().classify(tt.method, tt.path, tt.items)
		if c.prio != tt.prio {
			t.Errorf("priority(%s %s) = %v, want %v", tt.method, tt.path, c.prio, tt.prio)
		}
	}
}

func TestEndpointCostOverrides(t *testing.T) {
	l, _ := newTest(t, TierBasic)
	err := l.SetEndpointCosts(EndpointCosts{
		DefaultCost: 12,
		EndpointCosts: []EndpointCost{
			{Method: "DELETE", Path: "/trade-api/v2/portfolio/events/orders/{order_id}", Cost: 3},
			{Method: "get", Path: "/markets/{ticker}/orderbook", Cost: 5},
			{Method: "DELETE", Path: "/portfolio/events/orders/batched", Cost: 4},
			{Method: "GET", Path: "/portfolio/{anything}/{id}", Cost: 7}, // less specific than the built-in
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, path string
		items        int
		bucket       Bucket
		tokens       int
	}{
		{"DELETE", "/portfolio/events/orders/o-1", 0, BucketWrite, 3},
		{"DELETE", "/portfolio/events/orders/batched", 14, BucketWrite, 56}, // literal beats {order_id}; per item
		{"GET", "/trade-api/v2/markets/KX-A/orderbook?depth=5", 0, BucketRead, 5},
		{"GET", "/markets/KX-A", 0, BucketRead, 12},              // new default
		{"POST", "/portfolio/events/orders", 0, BucketWrite, 10}, // built-in kept
		{"POST", "/portfolio/events/orders/batched", 5, BucketWrite, 50},
		{"GET", "/portfolio/orders/o-1", 0, BucketRead, 2}, // built-in literal "orders" beats override wildcard
		{"GET", "/portfolio/fills/x", 0, BucketRead, 7},    // override wildcard beats default
	}
	for _, tt := range tests {
		b, tokens := l.Cost(tt.method, tt.path, tt.items)
		if b != tt.bucket || tokens != tt.tokens {
			t.Errorf("Cost(%s %s, %d) = %v %d, want %v %d", tt.method, tt.path, tt.items, b, tokens, tt.bucket, tt.tokens)
		}
	}

	for _, bad := range []EndpointCosts{
		{DefaultCost: -1},
		{EndpointCosts: []EndpointCost{{Method: "GET", Path: "/x", Cost: -2}}},
		{EndpointCosts: []EndpointCost{{Method: "", Path: "/x", Cost: 2}}},
	} {
		if err := l.SetEndpointCosts(bad); err == nil {
			t.Errorf("SetEndpointCosts(%+v): want error", bad)
		}
	}
	// A rejected table leaves the previous one in force.
	if _, tokens := l.Cost("DELETE", "/portfolio/events/orders/o-1", 0); tokens != 3 {
		t.Errorf("after rejected overrides cost = %d, want 3", tokens)
	}
}

func TestTemplateMatch(t *testing.T) {
	tests := []struct {
		tmpl, path string
		ok         bool
	}{
		{"/a/{id}/c", "/a/x/c", true},
		{"/a/{id}/c", "/a//x/c/", true}, // empty segments are ignored
		{"/a/{id}/c", "/a/c", false},
		{"/a/{id}", "/a/x/c", false},
		{"/a/b", "/a/b/c", false},
		{"/", "/", true},
	}
	for _, tt := range tests {
		if _, ok := parseTemplate(tt.tmpl).match(normalizePath(tt.path)); ok != tt.ok {
			t.Errorf("%q matches %q = %v, want %v", tt.tmpl, tt.path, ok, tt.ok)
		}
	}
}

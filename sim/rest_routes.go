package sim

import "net/http"

// routeTable lists every REST endpoint with its guard and its price. Costs
// follow kalshi-api.md §5: 10 tokens by default, V2 cancel 2, GET order 2,
// batch create 10 and batch cancel 2 per order (charged by the handler once
// the body is read). Order entry and order groups use the write bucket.
// Subaccount creation, transfers and netting are not among the writes §5
// lists, so they draw 10 tokens from the read bucket like any other call.
func (s *Server) routeTable() []route {
	const (
		public  = false
		private = true
		perItem = 0
		def     = defaultEndpointCost
	)
	get := func(path string, priv bool, cost int64, fn apiHandler) route {
		return route{method: http.MethodGet, path: path, private: priv, bucket: readBucket, cost: cost, fn: fn}
	}
	write := func(method, path string, cost int64, fn apiHandler) route {
		return route{method: method, path: path, private: true, bucket: writeBucket, cost: cost, fn: fn}
	}
	account := func(method, path string, fn apiHandler) route {
		return route{method: method, path: path, private: true, bucket: readBucket, cost: def, fn: fn}
	}
	return []route{
		// Market data.
		get("/exchange/status", public, def, s.getExchangeStatus),
		get("/exchange/schedule", public, def, s.getExchangeSchedule),
		get("/markets", public, def, s.getMarkets),
		get("/markets/candlesticks", public, def, s.getBatchCandlesticks),
		get("/markets/trades", public, def, s.getTrades),
		get("/markets/orderbooks", public, def, s.getOrderbooks),
		get("/markets/{ticker}", public, def, s.getMarket),
		get("/markets/{ticker}/orderbook", public, def, s.getOrderbook),
		get("/events", public, def, s.getEvents),
		get("/events/{event_ticker}", public, def, s.getEvent),
		get("/series", public, def, s.getSeriesList),
		get("/series/{series_ticker}", public, def, s.getSeries),
		get("/series/{series_ticker}/markets/{ticker}/candlesticks", public, def, s.getCandlesticks),

		// Portfolio reads.
		get("/portfolio/balance", private, def, s.getBalance),
		get("/portfolio/positions", private, def, s.getPositions),
		get("/portfolio/fills", private, def, s.getFills),
		get("/portfolio/settlements", private, def, s.getSettlements),
		get("/portfolio/summary/total_resting_order_value", private, def, s.getRestingOrderValue),
		get("/portfolio/orders", private, def, s.getOrders),
		get("/portfolio/orders/queue_positions", private, def, s.getQueuePositions),
		get("/portfolio/orders/{order_id}", private, 2, s.getOrder),
		get("/portfolio/orders/{order_id}/queue_position", private, def, s.getQueuePosition),
		get("/portfolio/order_groups", private, def, s.getOrderGroups),
		get("/portfolio/order_groups/{order_group_id}", private, def, s.getOrderGroup),
		get("/account/limits", private, def, s.getAccountLimits),
		get("/account/endpoint_costs", public, def, s.getEndpointCosts), // no auth in the spec
		get("/account/api_usage_level/volume_progress", private, def, s.getVolumeProgress),

		// Subaccounts.
		account(http.MethodPost, "/portfolio/subaccounts", s.createSubaccount),
		get("/portfolio/subaccounts/balances", private, def, s.getSubaccountBalances),
		account(http.MethodPost, "/portfolio/subaccounts/transfer", s.transferSubaccountCash),
		get("/portfolio/subaccounts/transfers", private, def, s.getSubaccountTransfers),
		get("/portfolio/subaccounts/netting", private, def, s.getSubaccountNetting),
		account(http.MethodPut, "/portfolio/subaccounts/netting", s.putSubaccountNetting),

		// V2 order entry.
		write(http.MethodPost, "/portfolio/events/orders", def, s.createOrder),
		write(http.MethodDelete, "/portfolio/events/orders", def, s.cancelAll),
		write(http.MethodDelete, "/portfolio/events/orders/{order_id}", 2, s.cancelOrder),
		write(http.MethodPost, "/portfolio/events/orders/{order_id}/amend", def, s.amendOrder),
		write(http.MethodPost, "/portfolio/events/orders/{order_id}/decrease", def, s.decreaseOrder),
		write(http.MethodPost, "/portfolio/events/orders/batched", perItem, s.batchCreate),
		write(http.MethodDelete, "/portfolio/events/orders/batched", perItem, s.batchCancel),

		// Order groups. Kalshi documents PUT for trigger and reset; POST is
		// accepted too because some clients send it.
		write(http.MethodPost, "/portfolio/order_groups/create", def, s.createOrderGroup),
		write(http.MethodDelete, "/portfolio/order_groups/{order_group_id}", def, s.deleteOrderGroup),
		write(http.MethodPut, "/portfolio/order_groups/{order_group_id}/trigger", def, s.triggerOrderGroup),
		write(http.MethodPost, "/portfolio/order_groups/{order_group_id}/trigger", def, s.triggerOrderGroup),
		write(http.MethodPut, "/portfolio/order_groups/{order_group_id}/reset", def, s.resetOrderGroup),
		write(http.MethodPost, "/portfolio/order_groups/{order_group_id}/reset", def, s.resetOrderGroup),
		write(http.MethodPut, "/portfolio/order_groups/{order_group_id}/limit", def, s.updateOrderGroupLimit),
	}
}

func (s *Server) getAccountLimits(*http.Request, *caller) (int, any, error) {
	return http.StatusOK, s.tier.limits(), nil
}

func (s *Server) getEndpointCosts(*http.Request, *caller) (int, any, error) {
	return http.StatusOK, struct {
		DefaultCost   int            `json:"default_cost"`
		EndpointCosts []endpointCost `json:"endpoint_costs"`
	}{defaultEndpointCost, endpointCosts()}, nil
}

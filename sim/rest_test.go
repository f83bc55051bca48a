package sim

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"ladder/model"
)

func TestRESTExchangeStatus(t *testing.T) {
	h := start(t, nil)
	var st struct {
		ExchangeActive bool              `json:"exchange_active"`
		TradingActive  bool              `json:"trading_active"`
		Indexes        []json.RawMessage `json:"exchange_index_statuses"`
	}
	expect(t, h.getPublic("/exchange/status"), http.StatusOK).decode(t, &st)
	if !st.ExchangeActive || !st.TradingActive || len(st.Indexes) != 1 {
		t.Fatalf("status %+v", st)
	}
}

func TestRESTMarketsAndFilters(t *testing.T) {
	h := start(t, nil)
	all := h.s.Engine().Markets()
	var pg marketsPage
	expect(t, h.getPublic("/markets"), http.StatusOK).decode(t, &pg)
	if len(pg.Markets) != len(all) || pg.Cursor != "" {
		t.Fatalf("%d markets, cursor %q; want %d and no cursor", len(pg.Markets), pg.Cursor, len(all))
	}
	m := h.openMarket()
	count := func(query string) int {
		t.Helper()
		var p marketsPage
		expect(t, h.getPublic("/markets?"+query), http.StatusOK).decode(t, &p)
		return len(p.Markets)
	}
	inEvent := 0
	active, initialized := 0, 0
	for _, mk := range all {
		if mk.EventTicker == m.EventTicker {
			inEvent++
		}
		switch mk.Status {
		case "active":
			active++
		case "initialized":
			initialized++
		}
	}
	var series string
	for _, e := range h.s.Engine().Events() {
		if e.EventTicker == m.EventTicker {
			series = e.SeriesTicker
		}
	}
	if got := count("event_ticker=" + m.EventTicker); got != inEvent {
		t.Errorf("event_ticker: %d, want %d", got, inEvent)
	}
	if got := count("series_ticker=" + series); got < inEvent {
		t.Errorf("series_ticker: %d, want ≥ %d", got, inEvent)
	}
	if got := count("tickers=" + m.Ticker + "," + all[0].Ticker); got != 2-boolInt(m.Ticker == all[0].Ticker) {
		t.Errorf("tickers: %d", got)
	}
	if got := count("status=open"); got != active {
		t.Errorf("status=open: %d, want %d (response status active)", got, active)
	}
	if got := count("status=unopened"); got != initialized {
		t.Errorf("status=unopened: %d, want %d (response status initialized)", got, initialized)
	}
	if got := count("status=settled"); got != 0 {
		t.Errorf("status=settled: %d, want 0", got)
	}
	expect(t, h.getPublic("/markets?status=active"), http.StatusBadRequest) // response word, not a filter word

	var one struct {
		Market model.Market `json:"market"`
	}
	expect(t, h.getPublic("/markets/"+m.Ticker), http.StatusOK).decode(t, &one)
	if one.Market.Ticker != m.Ticker || len(one.Market.PriceRanges) == 0 {
		t.Fatalf("market %+v", one.Market)
	}
	if r := expect(t, h.getPublic("/markets/NOPE-1"), http.StatusNotFound); r.errorCode() != CodeNotFound {
		t.Fatalf("code %q", r.errorCode())
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestRESTPagination(t *testing.T) {
	h := start(t, nil)
	var want []string
	for _, m := range h.s.Engine().Markets() {
		want = append(want, m.Ticker)
	}
	var got []string
	cursor, pages := "", 0
	for {
		path := "/markets?limit=5"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		var pg marketsPage
		expect(t, h.getPublic(path), http.StatusOK).decode(t, &pg)
		pages++
		if len(pg.Markets) > 5 {
			t.Fatalf("page of %d with limit 5", len(pg.Markets))
		}
		for _, m := range pg.Markets {
			got = append(got, m.Ticker)
		}
		if pg.Cursor == "" {
			break
		}
		cursor = pg.Cursor
		if pages > 100 {
			t.Fatal("pagination does not end")
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged tickers differ:\n got %v\nwant %v", got, want)
	}
	if wantPages := (len(want) + 4) / 5; pages != wantPages {
		t.Fatalf("%d pages, want %d", pages, wantPages)
	}
	for _, bad := range []string{"limit=0", "limit=1001", "limit=x", "cursor=bogus", "cursor=" + strings.Repeat("A", 8)} {
		if r := expect(t, h.getPublic("/markets?"+bad), http.StatusBadRequest); r.errorCode() != codeBadRequest {
			t.Fatalf("%s: code %q", bad, r.errorCode())
		}
	}
	expect(t, h.getPublic("/markets?limit=1000"), http.StatusOK)
	expect(t, h.getPublic("/events?limit=201"), http.StatusBadRequest)
	var ev eventsPage
	expect(t, h.getPublic("/events?limit=2"), http.StatusOK).decode(t, &ev)
	if len(ev.Events) != 2 || ev.Cursor == "" {
		t.Fatalf("events page: %d events, cursor %q", len(ev.Events), ev.Cursor)
	}
}

func TestRESTOrderbooksAndTrades(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	eng := h.s.Engine()
	_, bobPEM, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	_ = bobPEM
	for _, p := range []string{"0.30", "0.35", "0.32"} {
		req := restingBid(m.Ticker, 2)
		req.Price = model.MustPrice(p)
		if _, err := eng.CreateOrder(TraderAccount, req); err != nil {
			t.Fatalf("bid at %s: %v", p, err)
		}
	}
	ask := restingBid(m.Ticker, 3) // a YES ask at 0.60 is a NO bid at 0.40
	ask.Side, ask.Price = model.Ask, model.MustPrice("0.60")
	if _, err := eng.CreateOrder("bob", ask); err != nil {
		t.Fatal(err)
	}

	var ob orderbookBody
	expect(t, h.getPublic("/markets/"+m.Ticker+"/orderbook"), http.StatusOK).decode(t, &ob)
	if got := levelPrices(ob.OrderbookFP.Yes); !slices.Equal(got, []string{"0.3000", "0.3200", "0.3500"}) {
		t.Fatalf("yes levels %v, want ascending 0.30 0.32 0.35", got)
	}
	if got := levelPrices(ob.OrderbookFP.No); !slices.Equal(got, []string{"0.4000"}) {
		t.Fatalf("no levels %v, want [0.4000] (NO terms)", got)
	}
	expect(t, h.getPublic("/markets/"+m.Ticker+"/orderbook?depth=1"), http.StatusOK).decode(t, &ob)
	if got := levelPrices(ob.OrderbookFP.Yes); !slices.Equal(got, []string{"0.3500"}) {
		t.Fatalf("depth=1 yes levels %v, want the best bid only", got)
	}
	for _, bad := range []string{"depth=-1", "depth=101", "depth=x"} {
		expect(t, h.getPublic("/markets/"+m.Ticker+"/orderbook?"+bad), http.StatusBadRequest)
	}
	expect(t, h.getPublic("/markets/NOPE/orderbook"), http.StatusNotFound)
	// An empty book encodes empty arrays, not null.
	other := h.s.Engine().Markets()[0].Ticker
	if other == m.Ticker {
		other = h.s.Engine().Markets()[1].Ticker
	}
	raw := expect(t, h.getPublic("/markets/"+other+"/orderbook"), http.StatusOK).body
	if !strings.Contains(string(raw), `"yes_dollars":[]`) {
		t.Fatalf("empty book: %s", raw)
	}

	var obs struct {
		Orderbooks []tickerOrderbook `json:"orderbooks"`
	}
	expect(t, h.getPublic("/markets/orderbooks?tickers="+m.Ticker+","+other), http.StatusOK).decode(t, &obs)
	if len(obs.Orderbooks) != 2 || obs.Orderbooks[0].Ticker != m.Ticker || len(obs.Orderbooks[0].OrderbookFP.Yes) != 3 {
		t.Fatalf("orderbooks %+v", obs)
	}
	expect(t, h.getPublic("/markets/orderbooks"), http.StatusBadRequest)
	expect(t, h.getPublic("/markets/orderbooks?tickers=NOPE"), http.StatusNotFound)

	// bob sells 1 into the 0.35 bid: one public trade.
	take := restingBid(m.Ticker, 1)
	take.Side, take.Price, take.TimeInForce = model.Ask, model.MustPrice("0.35"), model.IOC
	if _, err := eng.CreateOrder("bob", take); err != nil {
		t.Fatal(err)
	}
	var tp tradesPage
	expect(t, h.getPublic("/markets/trades?ticker="+m.Ticker), http.StatusOK).decode(t, &tp)
	if len(tp.Trades) != 1 || tp.Trades[0].YesPrice != model.MustPrice("0.35") || tp.Trades[0].Count != model.Contracts(1) {
		t.Fatalf("trades %+v", tp.Trades)
	}
	expect(t, h.getPublic("/markets/trades?ticker="+m.Ticker+"&min_ts=x"), http.StatusBadRequest)
}

func levelPrices(ls []model.Level) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Price.String())
	}
	return out
}

func TestRESTEventsAndSeries(t *testing.T) {
	h := start(t, nil)
	m := h.openMarket()
	var ev eventsPage
	expect(t, h.getPublic("/events"), http.StatusOK).decode(t, &ev)
	if len(ev.Events) == 0 || ev.Events[0].Markets != nil {
		t.Fatalf("events without nesting: %+v", ev.Events)
	}
	expect(t, h.getPublic("/events?with_nested_markets=true"), http.StatusOK).decode(t, &ev)
	nested := 0
	for _, e := range ev.Events {
		nested += len(e.Markets)
	}
	if nested != len(h.s.Engine().Markets()) {
		t.Fatalf("nested markets %d, want %d", nested, len(h.s.Engine().Markets()))
	}
	var series string
	for _, e := range ev.Events {
		if e.EventTicker == m.EventTicker {
			series = e.SeriesTicker
		}
	}
	expect(t, h.getPublic("/events?series_ticker="+series), http.StatusOK).decode(t, &ev)
	for _, e := range ev.Events {
		if e.SeriesTicker != series {
			t.Fatalf("series filter let %s through", e.EventTicker)
		}
	}
	expect(t, h.getPublic("/events?status=settled"), http.StatusOK).decode(t, &ev)
	if len(ev.Events) != 0 {
		t.Fatalf("settled events: %d", len(ev.Events))
	}
	expect(t, h.getPublic("/events?with_nested_markets=maybe"), http.StatusBadRequest)

	var one struct {
		Event   model.Event    `json:"event"`
		Markets []model.Market `json:"markets"`
	}
	expect(t, h.getPublic("/events/"+m.EventTicker), http.StatusOK).decode(t, &one)
	if one.Event.EventTicker != m.EventTicker || len(one.Markets) == 0 {
		t.Fatalf("event %+v with %d markets", one.Event, len(one.Markets))
	}
	expect(t, h.getPublic("/events/NOPE"), http.StatusNotFound)

	var sl struct {
		Series []model.Series `json:"series"`
	}
	expect(t, h.getPublic("/series"), http.StatusOK).decode(t, &sl)
	if len(sl.Series) == 0 {
		t.Fatal("no series")
	}
	first := sl.Series[0]
	expect(t, h.getPublic("/series?category="+first.Category), http.StatusOK).decode(t, &sl)
	if len(sl.Series) == 0 || sl.Series[0].Category != first.Category {
		t.Fatalf("category filter: %+v", sl.Series)
	}
	var ss struct {
		Series model.Series `json:"series"`
	}
	expect(t, h.getPublic("/series/"+first.Ticker), http.StatusOK).decode(t, &ss)
	if ss.Series.Ticker != first.Ticker {
		t.Fatalf("series %+v", ss.Series)
	}
	expect(t, h.getPublic("/series/NOPE"), http.StatusNotFound)
}

func TestRESTOrderLifecycle(t *testing.T) {
	h := start(t, func(c *Config) { c.Tier = "prestige" }) // plenty of budget
	m := h.openMarket()

	// Create.
	req := restingBid(m.Ticker, 5)
	req.ClientOrderID = "client-1"
	var created model.CreateOrderResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders", req), http.StatusCreated).decode(t, &created)
	if created.OrderID == "" || created.ClientOrderID != "client-1" || created.RemainingCount != model.Contracts(5) {
		t.Fatalf("create %+v", created)
	}
	// Reusing the client_order_id of an open order is a 409.
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders", req), http.StatusConflict)
	// Off-grid price: the engine's invalid_price passes through.
	bad := restingBid(m.Ticker, 1)
	bad.Price = model.MustPrice("0.0155")
	if r := expect(t, h.send(http.MethodPost, "/portfolio/events/orders", bad), http.StatusBadRequest); r.errorCode() != CodeInvalidPrice {
		t.Fatalf("off-grid: %s", r.body)
	}

	// Read it back.
	var op ordersPage
	expect(t, h.get("/portfolio/orders?status=resting&ticker="+m.Ticker), http.StatusOK).decode(t, &op)
	if len(op.Orders) != 1 || op.Orders[0].OrderID != created.OrderID {
		t.Fatalf("orders %+v", op.Orders)
	}
	expect(t, h.get("/portfolio/orders?event_ticker="+m.EventTicker), http.StatusOK).decode(t, &op)
	if len(op.Orders) != 1 {
		t.Fatalf("event filter: %d orders", len(op.Orders))
	}
	expect(t, h.get("/portfolio/orders?status=open"), http.StatusBadRequest)
	var one struct {
		Order model.Order `json:"order"`
	}
	expect(t, h.get("/portfolio/orders/"+created.OrderID), http.StatusOK).decode(t, &one)
	if one.Order.Status != model.Resting || one.Order.Ticker != m.Ticker {
		t.Fatalf("order %+v", one.Order)
	}
	expect(t, h.get("/portfolio/orders/no-such-order"), http.StatusNotFound)

	// Queue positions.
	var qp struct {
		QueuePosition model.Qty `json:"queue_position_fp"`
	}
	expect(t, h.get("/portfolio/orders/"+created.OrderID+"/queue_position"), http.StatusOK).decode(t, &qp)
	if qp.QueuePosition != 0 {
		t.Fatalf("queue position %s, want 0 (alone at the level)", qp.QueuePosition)
	}
	var qps struct {
		QueuePositions []model.QueuePosition `json:"queue_positions"`
	}
	expect(t, h.get("/portfolio/orders/queue_positions?market_tickers="+m.Ticker), http.StatusOK).decode(t, &qps)
	if len(qps.QueuePositions) != 1 || qps.QueuePositions[0].OrderID != created.OrderID {
		t.Fatalf("queue positions %+v", qps)
	}
	expect(t, h.get("/portfolio/orders/queue_positions"), http.StatusOK).decode(t, &qps)
	if len(qps.QueuePositions) != 1 {
		t.Fatalf("all queue positions %+v", qps)
	}

	// Amend to 0.02 × 6 total, then decrease by 1, then cancel.
	amend := model.AmendOrderRequest{Ticker: m.Ticker, Side: model.Bid, Price: model.MustPrice("0.02"), Count: model.Contracts(6)}
	var am model.AmendOrderResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders/"+created.OrderID+"/amend", amend), http.StatusOK).decode(t, &am)
	if am.OrderID == "" {
		t.Fatalf("amend %+v", am)
	}
	by := model.Contracts(1)
	var dec model.DecreaseOrderResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders/"+am.OrderID+"/decrease", model.DecreaseOrderRequest{ReduceBy: &by}), http.StatusOK).decode(t, &dec)
	if dec.RemainingCount != model.Contracts(5) {
		t.Fatalf("decrease %+v", dec)
	}
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders/"+am.OrderID+"/decrease", model.DecreaseOrderRequest{}), http.StatusBadRequest)
	var cancel model.CancelOrderResponse
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+am.OrderID, nil), http.StatusOK).decode(t, &cancel)
	if cancel.ReducedBy != model.Contracts(5) {
		t.Fatalf("cancel %+v", cancel)
	}
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/"+am.OrderID, nil), http.StatusNotFound)

	// Batch create: one good, one bad, each judged on its own.
	good := restingBid(m.Ticker, 1)
	var bc model.BatchCreateResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders/batched", model.BatchCreateRequest{Orders: []model.CreateOrderRequest{good, bad, good}}), http.StatusCreated).decode(t, &bc)
	if len(bc.Orders) != 3 || bc.Orders[0].Error != nil || bc.Orders[1].Error == nil || bc.Orders[2].OrderID == "" {
		t.Fatalf("batch create %+v", bc)
	}
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders/batched", model.BatchCreateRequest{}), http.StatusBadRequest)

	// Batch cancel (V2 body, and the v1 {ids} form), then cancel-all.
	var bx model.BatchCancelResponse
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/batched", model.BatchCancelRequest{Orders: []model.BatchCancelOrder{{OrderID: bc.Orders[0].OrderID}}}), http.StatusOK).decode(t, &bx)
	if len(bx.Orders) != 1 || bx.Orders[0].Error != nil || bx.Orders[0].ReducedBy != model.Contracts(1) {
		t.Fatalf("batch cancel %+v", bx)
	}
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders/batched", map[string]any{"ids": []string{"nope"}}), http.StatusOK).decode(t, &bx)
	if len(bx.Orders) != 1 || bx.Orders[0].Error == nil {
		t.Fatalf("batch cancel of an unknown id %+v", bx)
	}
	var ca model.BatchCancelResponse
	expect(t, h.send(http.MethodDelete, "/portfolio/events/orders", nil), http.StatusOK).decode(t, &ca)
	if len(ca.Orders) != 1 || ca.Orders[0].OrderID != bc.Orders[2].OrderID {
		t.Fatalf("cancel all %+v", ca)
	}
	expect(t, h.get("/portfolio/orders?status=resting"), http.StatusOK).decode(t, &op)
	if len(op.Orders) != 0 {
		t.Fatalf("%d resting orders after cancel-all", len(op.Orders))
	}
}

func TestRESTFillsPositionsBalance(t *testing.T) {
	h := start(t, func(c *Config) { c.Tier = "prestige" })
	m := h.openMarket()
	bobID, _, err := h.s.AddAccountKey("bob", 1000*model.Dollar, testKeys()[1])
	if err != nil {
		t.Fatal(err)
	}
	bob := h.as(testKeys()[1], bobID)
	bid := restingBid(m.Ticker, 3)
	bid.Price = model.MustPrice("0.40")
	var made model.CreateOrderResponse
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders", bid), http.StatusCreated).decode(t, &made)
	sell := bid
	sell.Side, sell.Count, sell.TimeInForce = model.Ask, model.Contracts(2), model.IOC
	expect(t, bob.send(http.MethodPost, "/portfolio/events/orders", sell), http.StatusCreated)

	var fp fillsPage
	expect(t, h.get("/portfolio/fills?ticker="+m.Ticker), http.StatusOK).decode(t, &fp)
	if len(fp.Fills) != 1 || fp.Fills[0].OrderID != made.OrderID || fp.Fills[0].Count != model.Contracts(2) || fp.Fills[0].IsTaker {
		t.Fatalf("trader fills %+v", fp.Fills)
	}
	expect(t, h.get("/portfolio/fills?order_id="+made.OrderID), http.StatusOK).decode(t, &fp)
	if len(fp.Fills) != 1 {
		t.Fatalf("order_id filter: %d fills", len(fp.Fills))
	}
	expect(t, bob.get("/portfolio/fills"), http.StatusOK).decode(t, &fp)
	if len(fp.Fills) != 1 || !fp.Fills[0].IsTaker {
		t.Fatalf("bob fills %+v", fp.Fills)
	}

	var pp positionsPage
	expect(t, h.get("/portfolio/positions"), http.StatusOK).decode(t, &pp)
	if len(pp.MarketPositions) != 1 || pp.MarketPositions[0].Position != model.Contracts(2) {
		t.Fatalf("trader positions %+v", pp.MarketPositions)
	}
	if len(pp.EventPositions) != 1 || pp.EventPositions[0].EventTicker != m.EventTicker {
		t.Fatalf("event positions %+v", pp.EventPositions)
	}
	expect(t, bob.get("/portfolio/positions?count_filter=position"), http.StatusOK).decode(t, &pp)
	if len(pp.MarketPositions) != 1 || pp.MarketPositions[0].Position != -model.Contracts(2) {
		t.Fatalf("bob positions %+v", pp.MarketPositions)
	}
	expect(t, h.get("/portfolio/positions?count_filter=bogus"), http.StatusBadRequest)

	var bal model.Balance
	expect(t, h.get("/portfolio/balance"), http.StatusOK).decode(t, &bal)
	if bal.BalanceDollars >= 10_000*model.Dollar || bal.Balance <= 0 || bal.UpdatedTS == 0 {
		t.Fatalf("balance %+v after buying", bal)
	}
}

func TestRESTOrderGroups(t *testing.T) {
	h := start(t, func(c *Config) { c.Tier = "prestige" })
	var cg struct {
		OrderGroupID string `json:"order_group_id"`
	}
	expect(t, h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]string{"contracts_limit_fp": "10.00"}), http.StatusCreated).decode(t, &cg)
	if cg.OrderGroupID == "" {
		t.Fatal("no order_group_id")
	}
	expect(t, h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]int{"contracts_limit": 3}), http.StatusCreated)
	expect(t, h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]string{}), http.StatusBadRequest)
	expect(t, h.send(http.MethodPost, "/portfolio/order_groups/create", map[string]string{"contracts_limit_fp": "0"}), http.StatusBadRequest)

	var list struct {
		OrderGroups []model.OrderGroup `json:"order_groups"`
	}
	expect(t, h.get("/portfolio/order_groups"), http.StatusOK).decode(t, &list)
	if len(list.OrderGroups) != 2 {
		t.Fatalf("groups %+v", list)
	}
	m := h.openMarket()
	req := restingBid(m.Ticker, 1)
	req.OrderGroupID = cg.OrderGroupID
	expect(t, h.send(http.MethodPost, "/portfolio/events/orders", req), http.StatusCreated)
	var g struct {
		IsAutoCancelEnabled *bool     `json:"is_auto_cancel_enabled"`
		ContractsLimit      model.Qty `json:"contracts_limit_fp"`
		Orders              []string  `json:"orders"`
	}
	expect(t, h.get("/portfolio/order_groups/"+cg.OrderGroupID), http.StatusOK).decode(t, &g)
	if g.IsAutoCancelEnabled == nil || g.ContractsLimit != model.Contracts(10) || len(g.Orders) != 1 {
		t.Fatalf("group %+v", g)
	}
	expect(t, h.send(http.MethodPut, "/portfolio/order_groups/"+cg.OrderGroupID+"/trigger", nil), http.StatusOK)
	var op ordersPage
	expect(t, h.get("/portfolio/orders?status=resting"), http.StatusOK).decode(t, &op)
	if len(op.Orders) != 0 {
		t.Fatalf("trigger left %d orders resting", len(op.Orders))
	}
	expect(t, h.send(http.MethodPut, "/portfolio/order_groups/"+cg.OrderGroupID+"/reset", nil), http.StatusOK)
	expect(t, h.send(http.MethodDelete, "/portfolio/order_groups/"+cg.OrderGroupID, nil), http.StatusOK)
	expect(t, h.get("/portfolio/order_groups/"+cg.OrderGroupID), http.StatusNotFound)
}

func TestRESTAccountLimitsAndCosts(t *testing.T) {
	h := start(t, func(c *Config) { c.Tier = "Advanced" })
	var lim limitsBody
	expect(t, h.get("/account/limits"), http.StatusOK).decode(t, &lim)
	if lim.UsageTier != "advanced" || lim.Read != (bucketLimit{300, 600}) || lim.Write != (bucketLimit{300, 600}) || lim.Grants == nil {
		t.Fatalf("limits %+v", lim)
	}
	var costs struct {
		DefaultCost   int            `json:"default_cost"`
		EndpointCosts []endpointCost `json:"endpoint_costs"`
	}
	expect(t, h.get("/account/endpoint_costs"), http.StatusOK).decode(t, &costs)
	if costs.DefaultCost != 10 || !slices.Contains(costs.EndpointCosts, endpointCost{"DELETE", "/trade-api/v2/portfolio/events/orders/{order_id}", 2}) {
		t.Fatalf("costs %+v", costs)
	}
	// The spec lists no auth for the price list: it answers unsigned too.
	expect(t, h.getPublic("/account/endpoint_costs"), http.StatusOK)
	expect(t, h.getPublic("/account/limits"), http.StatusUnauthorized)
}

func TestRESTBadInput(t *testing.T) {
	h := start(t, func(c *Config) { c.Tier = "prestige" }) // rejected requests still cost tokens
	m := h.openMarket()
	const create = "/portfolio/events/orders"
	cases := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		code   string
	}{
		{"unknown path", http.MethodGet, "/nope", nil, http.StatusNotFound, "not_found"},
		{"unknown nested path", http.MethodGet, "/markets/X/nope", nil, http.StatusNotFound, "not_found"},
		{"unknown subaccount path", http.MethodGet, "/portfolio/subaccounts/nope", nil, http.StatusNotFound, "not_found"},
		{"unknown account path", http.MethodGet, "/account/api_usage_level/nope", nil, http.StatusNotFound, "not_found"},
		{"subaccount create with a bad body", http.MethodPost, "/portfolio/subaccounts", `{"exchange_index":"x"}`, http.StatusBadRequest, codeBadRequest},
		{"subaccount create on another shard", http.MethodPost, "/portfolio/subaccounts", `{"exchange_index":2}`, http.StatusBadRequest, CodeInvalidParameters},
		{"group limit with a bad body", http.MethodPut, "/portfolio/order_groups/g/limit", `{"contracts_limit_fp":"x"}`, http.StatusBadRequest, codeBadRequest},
		{"transfer of wrong type", http.MethodPost, "/portfolio/subaccounts/transfer", `{"amount_cents":"5"}`, http.StatusBadRequest, codeBadRequest},
		{"wrong method", http.MethodPatch, "/markets", nil, http.StatusMethodNotAllowed, "method_not_allowed"},
		{"wrong method on order", http.MethodPut, create, nil, http.StatusMethodNotAllowed, "method_not_allowed"},
		{"malformed JSON", http.MethodPost, create, `{"ticker":`, http.StatusBadRequest, codeBadRequest},
		{"empty body", http.MethodPost, create, nil, http.StatusBadRequest, codeBadRequest},
		{"not an object", http.MethodPost, create, `[1,2]`, http.StatusBadRequest, codeBadRequest},
		{"wrong type for count", http.MethodPost, create, `{"ticker":"` + m.Ticker + `","count":{"x":1}}`, http.StatusBadRequest, codeBadRequest},
		{"wrong type for price", http.MethodPost, create, `{"ticker":"` + m.Ticker + `","price":true}`, http.StatusBadRequest, codeBadRequest},
		{"wrong type for ticker", http.MethodPost, create, `{"ticker":5}`, http.StatusBadRequest, codeBadRequest},
		{"negative price", http.MethodPost, create, `{"ticker":"` + m.Ticker + `","price":"-0.5"}`, http.StatusBadRequest, codeBadRequest},
		{"trailing data", http.MethodPost, create, `{"ticker":"x"} {}`, http.StatusBadRequest, codeBadRequest},
		{"huge body", http.MethodPost, create, `{"ticker":"` + strings.Repeat("A", 2<<20) + `"}`, http.StatusRequestEntityTooLarge, codeRequestTooLarge},
		{"batch of wrong type", http.MethodPost, create + "/batched", `{"orders":{}}`, http.StatusBadRequest, codeBadRequest},
		{"unknown fields are ignored", http.MethodPost, create, `{"ticker":"` + m.Ticker + `","side":"bid","count":"1","price":"0.01","time_in_force":"good_till_canceled","self_trade_prevention_type":"taker_at_cross","exchange_index":0,"whatever":[1]}`, http.StatusCreated, ""},
		{"missing fields reach validation", http.MethodPost, create, `{"ticker":"` + m.Ticker + `"}`, http.StatusBadRequest, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := expect(t, h.send(tc.method, tc.path, tc.body), tc.status)
			if tc.code != "" && r.errorCode() != tc.code {
				t.Fatalf("code %q, want %q: %s", r.errorCode(), tc.code, r.body)
			}
			if r.status >= 400 && r.errorCode() == "" {
				t.Fatalf("error body not in the wrapped form: %s", r.body)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Fatalf("content type %q", ct)
			}
		})
	}
	r := h.send(http.MethodPatch, "/markets", nil)
	if allow := r.header.Get("Allow"); !strings.Contains(allow, "GET") {
		t.Fatalf("405 without an Allow header listing GET: %q", allow)
	}
}

func TestRESTRecoversFromPanics(t *testing.T) {
	h := start(t, nil)
	handler := h.s.wrap(route{method: http.MethodGet, path: "/boom", bucket: readBucket, cost: 1,
		fn: func(*http.Request, *caller) (int, any, error) { panic("boom") }})
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/trade-api/v2/boom", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Fatalf("panic answered %d %s", rec.Code, rec.Body)
	}
	// The server keeps serving.
	expect(t, h.getPublic("/exchange/status"), http.StatusOK)
}

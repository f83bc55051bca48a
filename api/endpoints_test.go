package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ladder/limiter"
	"ladder/model"
)

func TestMarketsPagination(t *testing.T) {
	h := newHarness(t, nil)
	pages := map[string]string{
		"":   `{"markets":[{"ticker":"A","yes_bid_dollars":"0.4200","volume_fp":"10.00"}],"cursor":"c2"}`,
		"c2": `{"markets":[{"ticker":"B"},{"ticker":"C"}],"cursor":"c3"}`,
		"c3": `{"markets":[{"ticker":"D"}],"cursor":""}`,
	}
	h.x.on("GET /markets", func(w http.ResponseWriter, r *http.Request, _ []byte, _ int) {
		q := r.URL.Query()
		if q.Get("status") != "open" || q.Get("series_ticker") != "KXHIGHNY" || q.Get("tickers") != "A,B" || q.Get("limit") != "1000" {
			t.Errorf("query %s", r.URL.RawQuery)
		}
		writeJSON(w, 200, pages[q.Get("cursor")])
	})
	ms, err := h.c.GetMarkets(t.Context(), MarketsQuery{Status: "open", SeriesTicker: "KXHIGHNY", Tickers: []string{"A", "B"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		got = append(got, m.Ticker)
	}
	if strings.Join(got, "") != "ABCD" || ms[0].YesBid != model.MustPrice("0.42") || ms[0].Volume != qty("10") {
		t.Errorf("markets %v %+v", got, ms[0])
	}
	if n := h.x.calls("GET /markets"); n != 3 {
		t.Errorf("%d pages fetched", n)
	}
	// MaxPages stops early.
	ms, err = h.c.GetMarkets(t.Context(), MarketsQuery{Status: "open", SeriesTicker: "KXHIGHNY", Tickers: []string{"A", "B"}, MaxPages: 2})
	if err != nil || len(ms) != 3 {
		t.Errorf("MaxPages 2: %d markets, %v", len(ms), err)
	}
}

func TestRepeatedCursorIsAnError(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /markets/trades", reply{200, `{"trades":[],"cursor":"again"}`, false})
	if _, err := h.c.GetTrades(t.Context(), TradesQuery{Ticker: "A"}); err == nil || !strings.Contains(err.Error(), "repeated cursor") {
		t.Fatalf("err %v", err)
	}
	if n := h.x.calls("GET /markets/trades"); n != 2 {
		t.Errorf("%d pages", n)
	}
}

// TestEndpoints drives every typed method once and checks method, path,
// query and decoding.
func TestEndpoints(t *testing.T) {
	h := newHarness(t, nil)
	x := h.x
	ctx := t.Context()
	x.script("GET /exchange/status", reply{200, `{"exchange_active":true,"trading_active":true,"exchange_estimated_resume_time":null}`, false})
	x.script("GET /markets/KX-A", reply{200, `{"market":{"ticker":"KX-A","price_ranges":[{"start":"0.0000","end":"1.0000","step":"0.0100"}]}}`, false})
	x.script("GET /events", reply{200, `{"events":[{"event_ticker":"E1","markets":[{"ticker":"KX-A"}]}],"cursor":""}`, false})
	x.script("GET /events/E1", reply{200, `{"event":{"event_ticker":"E1","title":"T"},"markets":[{"ticker":"KX-A"},{"ticker":"KX-B"}]}`, false})
	x.script("GET /series", reply{200, `{"series":[{"ticker":"S1","title":"Series"}]}`, false})
	x.script("GET /series/S1", reply{200, `{"series":{"ticker":"S1","frequency":"daily"}}`, false})
	x.script("GET /markets/KX-A/orderbook", reply{200, `{"orderbook_fp":{"yes_dollars":[["0.4100","3.00"],["0.4200","13.00"]],"no_dollars":[["0.5500","2.50"]]}}`, false})
	x.script("GET /markets/trades", reply{200, `{"trades":[{"trade_id":"t1","ticker":"KX-A","count_fp":"2.00","yes_price_dollars":"0.4200","taker_book_side":"bid"}],"cursor":""}`, false})
	x.script("GET /portfolio/positions", reply{200, `{"market_positions":[{"ticker":"KX-A","position_fp":"-3.00","realized_pnl_dollars":"1.250000"}],"event_positions":[],"cursor":""}`, false})
	x.script("GET /portfolio/fills", reply{200, `{"fills":[{"fill_id":"f1","trade_id":"t1","order_id":"o1","ticker":"KX-A","book_side":"ask","count_fp":"1.00","yes_price_dollars":"0.4200","fee_cost":"0.0100","created_time":"2026-11-01T12:00:00Z"}],"cursor":""}`, false})
	x.script("GET /portfolio/orders", reply{200, `{"orders":[{"order_id":"o1","status":"resting","remaining_count_fp":"4.00"}],"cursor":""}`, false})
	x.script("GET /portfolio/orders/o1", reply{200, `{"order":{"order_id":"o1","yes_price_dollars":"0.4200"}}`, false})
	x.script("GET /portfolio/orders/gone", reply{404, `{"error":{"code":"not_found","message":"order not found"}}`, false})
	x.script("GET /portfolio/orders/queue_positions", reply{200, `{"queue_positions":[{"order_id":"o1","market_ticker":"KX-A","queue_position_fp":"12.00"}]}`, false})
	x.script("GET /portfolio/orders/o1/queue_position", reply{200, `{"queue_position_fp":"7.00"}`, false})
	x.script("POST /portfolio/order_groups/create", reply{201, `{"order_group_id":"g1","subaccount":0}`, false})
	x.script("GET /portfolio/order_groups/g1", reply{200, `{"is_auto_cancel_enabled":true,"contracts_limit_fp":"10.00","orders":["o1"]}`, false})
	x.script("GET /portfolio/order_groups", reply{200, `{"order_groups":[{"id":"g1","contracts_limit_fp":"10.00","is_auto_cancel_enabled":false}]}`, false})
	x.script("PUT /portfolio/order_groups/g1/trigger", reply{200, `{}`, false})
	x.script("PUT /portfolio/order_groups/g1/reset", reply{200, `{}`, false})
	x.script("DELETE /portfolio/order_groups/g1", reply{200, `{}`, false})

	check := func(what string, err error, ok bool) {
		t.Helper()
		if err != nil || !ok {
			t.Errorf("%s: ok=%v err=%v (last request %+v)", what, ok, err, x.last())
		}
	}
	query := func() url.Values {
		v, _ := url.ParseQuery(x.last().RawQuery)
		return v
	}

	st, err := h.c.GetExchangeStatus(ctx)
	check("status", err, st.ExchangeActive && st.ExchangeEstimatedResumeTime == nil)
	m, err := h.c.GetMarket(ctx, "KX-A")
	g, gerr := m.Grid()
	check("market", errors.Join(err, gerr), m.Ticker == "KX-A" && g.Len() == 99)
	evs, err := h.c.GetEvents(ctx, EventsQuery{WithNestedMarkets: true, Status: "open"})
	check("events", err, len(evs) == 1 && len(evs[0].Markets) == 1 && query().Get("with_nested_markets") == "true" && query().Get("limit") == "200")
	ev, err := h.c.GetEvent(ctx, "E1", false)
	check("event", err, ev.Title == "T" && len(ev.Markets) == 2)
	ss, err := h.c.GetSeriesList(ctx, SeriesQuery{Category: "Climate", Tags: []string{"a", "b"}})
	check("series list", err, len(ss) == 1 && query().Get("tags") == "a,b" && query().Get("category") == "Climate")
	s, err := h.c.GetSeries(ctx, "S1")
	check("series", err, s.Frequency == "daily")
	ob, err := h.c.GetOrderbook(ctx, "KX-A", 10)
	check("orderbook", err, len(ob.Yes) == 2 && ob.Yes[1].Qty == qty("13") && ob.No[0].Price == model.MustPrice("0.55") && query().Get("depth") == "10")
	tr, err := h.c.GetTrades(ctx, TradesQuery{Ticker: "KX-A", MinTs: 100})
	check("trades", err, len(tr) == 1 && tr[0].TakerBookSide == model.Bid && query().Get("min_ts") == "100")
	ps, err := h.c.GetPositions(ctx, PositionsQuery{CountFilter: "position"})
	check("positions", err, len(ps) == 1 && ps[0].Position == -qty("3") && ps[0].RealizedPnL == model.Money(1_250_000))
	fs, err := h.c.GetFills(ctx, FillsQuery{OrderID: "o1"})
	check("fills", err, len(fs) == 1 && fs[0].BookSide == model.Ask && fs[0].CreatedTime.Year() == 2026 && query().Get("order_id") == "o1")
	os, err := h.c.GetOrders(ctx, OrdersQuery{Status: string(model.Resting), EventTickers: []string{"E1", "E2"}})
	check("orders", err, len(os) == 1 && os[0].RemainingCount == qty("4") && query().Get("event_ticker") == "E1,E2")
	o, err := h.c.GetOrder(ctx, "o1")
	check("order", err, o.YesPrice == model.MustPrice("0.42"))
	_, err = h.c.GetOrder(ctx, "gone")
	check("order gone", nil, errors.Is(err, ErrOrderGone))
	qp, err := h.c.GetQueuePositions(ctx, QueuePositionsQuery{MarketTickers: []string{"KX-A", "KX-B"}})
	check("queue positions", err, len(qp) == 1 && qp[0].QueuePosition == qty("12") && query().Get("market_tickers") == "KX-A,KX-B")
	q1, err := h.c.GetQueuePosition(ctx, "o1")
	check("queue position", err, q1 == qty("7"))
	gid, err := h.c.CreateOrderGroup(ctx, qty("10"))
	check("group create", err, gid == "g1" && string(x.last().Body) == `{"contracts_limit_fp":"10.00"}`)
	grp, err := h.c.GetOrderGroup(ctx, "g1")
	check("group get", err, grp.ID == "g1" && grp.IsAutoCancelEnabled && len(grp.Orders) == 1 && grp.ContractsLimit == qty("10"))
	grps, err := h.c.GetOrderGroups(ctx)
	check("group list", err, len(grps) == 1 && grps[0].ID == "g1")
	check("group trigger", h.c.TriggerOrderGroup(ctx, "g1"), x.last().Method == "PUT")
	check("group reset", h.c.ResetOrderGroup(ctx, "g1"), x.last().Path == "/portfolio/order_groups/g1/reset")
	check("group delete", h.c.DeleteOrderGroup(ctx, "g1"), x.last().Method == "DELETE")
}

func TestOrderbooksChunksOf100(t *testing.T) {
	h := newHarness(t, nil)
	h.x.on("GET /markets/orderbooks", func(w http.ResponseWriter, r *http.Request, _ []byte, _ int) {
		tickers := strings.Split(r.URL.Query().Get("tickers"), ",")
		if len(tickers) > 100 {
			t.Errorf("%d tickers in one request", len(tickers))
		}
		var items []string
		for _, tk := range tickers {
			items = append(items, fmt.Sprintf(`{"ticker":%q,"orderbook_fp":{"yes_dollars":[["0.0100","1.00"]],"no_dollars":[]}}`, tk))
		}
		writeJSON(w, 200, `{"orderbooks":[`+strings.Join(items, ",")+`]}`)
	})
	var tickers []string
	for i := range 250 {
		tickers = append(tickers, fmt.Sprintf("T%d", i))
	}
	obs, err := h.c.GetOrderbooks(t.Context(), tickers)
	if err != nil || len(obs) != 250 || obs[249].Ticker != "T249" || len(obs[0].Orderbook.Yes) != 1 {
		t.Fatalf("%d books, %v", len(obs), err)
	}
	if n := h.x.calls("GET /markets/orderbooks"); n != 3 {
		t.Errorf("%d requests", n)
	}
}

func TestLoadRateLimits(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /account/limits", reply{200, `{"usage_tier":"advanced","read":{"refill_rate":300,"bucket_capacity":600},"write":{"refill_rate":300,"bucket_capacity":600},"grants":[]}`, false})
	h.x.script("GET /account/endpoint_costs", reply{200, `{"default_cost":10,"endpoint_costs":[{"method":"DELETE","path":"/trade-api/v2/portfolio/events/orders/{order_id}","cost":3}]}`, false})
	if err := h.c.LoadRateLimits(t.Context()); err != nil {
		t.Fatal(err)
	}
	snap := h.c.Limiter().Snapshot()
	if snap.Tier != limiter.TierAdvanced || snap.Write.Capacity != 600 || snap.Read.Refill != 300 {
		t.Errorf("snapshot %+v", snap)
	}
	if b, cost := h.c.Limiter().Cost("DELETE", "/portfolio/events/orders/x", 1); b != limiter.BucketWrite || cost != 3 {
		t.Errorf("cancel cost %v %d", b, cost)
	}
	anon, err := NewClient(Config{BaseURL: h.x.baseURL()})
	if err != nil {
		t.Fatal(err)
	}
	if err := anon.LoadRateLimits(t.Context()); err == nil {
		t.Error("unsigned client loaded account limits")
	}
}

func TestReconcilerMethods(t *testing.T) {
	h := newHarness(t, nil)
	h.x.script("GET /portfolio/orders", reply{200, `{"orders":[{"order_id":"o1","status":"resting"}],"cursor":""}`, false})
	h.x.script("GET /portfolio/fills", reply{200, `{"fills":[],"cursor":""}`, false})
	h.x.script("GET /portfolio/positions", reply{200, `{"market_positions":[{"ticker":"A","position_fp":"1.00"}],"cursor":""}`, false})
	ctx := t.Context()
	os, err := h.c.RestingOrders(ctx)
	if err != nil || len(os) != 1 || !strings.Contains(h.x.last().RawQuery, "status=resting") {
		t.Fatalf("%v %v", os, err)
	}
	for _, since := range []int64{1_800_000_000, 1_800_000_000_123} { // seconds, and milliseconds
		if _, err := h.c.FillsSince(ctx, since); err != nil {
			t.Fatal(err)
		}
		if q, _ := url.ParseQuery(h.x.last().RawQuery); q.Get("min_ts") != "1800000000" {
			t.Errorf("since %d → min_ts %q", since, q.Get("min_ts"))
		}
	}
	ps, err := h.c.Positions(ctx)
	if err != nil || len(ps) != 1 {
		t.Fatalf("%v %v", ps, err)
	}
}

// Path segments are escaped, and the signature covers the escaped path.
func TestPathEscaping(t *testing.T) {
	h := newHarness(t, nil)
	h.x.on("GET /markets/A B/orderbook", func(w http.ResponseWriter, r *http.Request, _ []byte, _ int) {
		if r.URL.EscapedPath() != "/trade-api/v2/markets/A%20B/orderbook" {
			t.Errorf("escaped path %q", r.URL.EscapedPath())
		}
		writeJSON(w, 200, `{"orderbook_fp":{"yes_dollars":[],"no_dollars":[]}}`)
	})
	if _, err := h.c.GetOrderbook(t.Context(), "A B", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := h.c.GetMarket(t.Context(), ""); err == nil {
		t.Error("empty ticker accepted")
	}
}

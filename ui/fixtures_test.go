package ui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/limiter"
	"ladder/model"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui/layout"
	"ladder/ui/text"
)

// t0 is the fixtures' fixed "now".
var t0 = time.Date(2026, 11, 20, 14, 30, 0, 0, time.UTC)

// fixtureEvents is a realistic catalogue: a rates event on the 1¢ grid, a
// crypto event on the tapered 0.1¢ grid and a game.
func fixtureEvents() []model.Event {
	cent := model.LinearCentRanges()
	taper := model.TaperedDeciCentRanges()
	closeFed := time.Date(2026, 12, 16, 19, 0, 0, 0, time.UTC)
	closeBTC := time.Date(2026, 11, 30, 22, 0, 0, 0, time.UTC)
	closeNBA := time.Date(2026, 11, 29, 3, 30, 0, 0, time.UTC)
	mk := func(ticker, event, sub string, grid []model.PriceRange, closes time.Time, bid, ask, last string, vol int64) model.Market {
		return model.Market{
			Ticker: ticker, EventTicker: event, MarketType: "binary", Status: "active",
			Title: sub, YesSubTitle: sub, CloseTime: closes, PriceRanges: grid,
			YesBid: model.MustPrice(bid), YesAsk: model.MustPrice(ask), LastPrice: model.MustPrice(last),
			Volume: model.Contracts(vol),
		}
	}
	return []model.Event{
		{
			EventTicker: "KXFED-26DEC", SeriesTicker: "KXFED", Title: "Fed funds upper bound after the Dec 2026 meeting",
			Markets: []model.Market{
				mk("KXFED-26DEC-T3.75", "KXFED-26DEC", "Above 3.75%", cent, closeFed, "0.91", "0.93", "0.92", 48210),
				mk("KXFED-26DEC-T4.00", "KXFED-26DEC", "Above 4.00%", cent, closeFed, "0.74", "0.76", "0.75", 125400),
				mk("KXFED-26DEC-T4.25", "KXFED-26DEC", "Above 4.25%", cent, closeFed, "0.55", "0.57", "0.56", 231877),
				mk("KXFED-26DEC-T4.50", "KXFED-26DEC", "Above 4.50%", cent, closeFed, "0.21", "0.23", "0.22", 88020),
			},
		},
		{
			EventTicker: "KXBTCD-26NOV30", SeriesTicker: "KXBTCD", Title: "Bitcoin price on Nov 30, 2026 at 5pm EST",
			Markets: []model.Market{
				mk("KXBTCD-26NOV30-B105000", "KXBTCD-26NOV30", "$105,000 or above", taper, closeBTC, "0.045", "0.054", "0.05", 1502300),
				mk("KXBTCD-26NOV30-B100000", "KXBTCD-26NOV30", "$100,000 or above", taper, closeBTC, "0.31", "0.33", "0.32", 803100),
			},
		},
		{
			EventTicker: "KXNBAGAME-26NOV28LALBOS", SeriesTicker: "KXNBAGAME", Title: "Los Angeles L at Boston",
			Markets: []model.Market{
				mk("KXNBAGAME-26NOV28LALBOS-LAL", "KXNBAGAME-26NOV28LALBOS", "Los Angeles L", cent, closeNBA, "0.38", "0.40", "0.39", 30500),
				mk("KXNBAGAME-26NOV28LALBOS-BOS", "KXNBAGAME-26NOV28LALBOS", "Boston", cent, closeNBA, "0.60", "0.62", "0.61", 30500),
			},
		},
	}
}

const (
	fedTicker = "KXFED-26DEC-T4.25"
	btcTicker = "KXBTCD-26NOV30-B105000"
)

// lv builds a level from literal strings.
func lv(price string, qty int64) model.Level {
	return model.Level{Price: model.MustPrice(price), Qty: model.Contracts(qty)}
}

// fedBook is T4.25 on the 1¢ grid: 55¢ bid, 57¢ offered (NO bid at 43¢).
func fedBook(t testing.TB) *model.OrderBook {
	b := model.NewOrderBook(fedTicker, model.MustGrid(model.LinearCentRanges()), model.BookOptions{})
	err := b.ApplySnapshot(
		[]model.Level{lv("0.55", 120), lv("0.54", 340), lv("0.53", 85), lv("0.52", 500), lv("0.50", 1200), lv("0.48", 60), lv("0.45", 2500)},
		[]model.Level{lv("0.43", 80), lv("0.42", 260), lv("0.41", 45), lv("0.40", 900), lv("0.38", 150), lv("0.35", 3000)},
	)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// btcBook is B105000 on the tapered grid: 4.5¢ bid, 5.4¢ offered.
func btcBook(t testing.TB) *model.OrderBook {
	b := model.NewOrderBook(btcTicker, model.MustGrid(model.TaperedDeciCentRanges()), model.BookOptions{})
	err := b.ApplySnapshot(
		[]model.Level{lv("0.045", 1500), lv("0.044", 200), lv("0.042", 800), lv("0.039", 2500), lv("0.03", 12000)},
		[]model.Level{lv("0.946", 1200), lv("0.945", 300), lv("0.943", 700), lv("0.94", 5000)},
	)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fakeTrader records every call and answers like a quiet exchange.
type fakeTrader struct {
	mu           sync.Mutex
	calls        []string
	creates      []model.CreateOrderRequest
	cancels      []string
	batches      [][]string
	amends       []model.AmendOrderRequest
	getOrders    []api.OrdersQuery
	nextID       int
	createErr    error                  // returned by the next CreateOrder
	orders       []model.Order          // what GetOrders returns
	fills        []model.Fill           // what GetFills returns
	balance      model.Balance          // what GetBalance returns
	amendErr     error                  // returned by the next AmendOrder
	getOrdersErr error                  // returned by GetOrders while set
	positions    []model.MarketPosition // what GetPositions returns
	positionsErr error                  // returned by GetPositions while set
	gone         map[string]bool        // orders a cancel finds gone (not found)
}

func (f *fakeTrader) log(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

func (f *fakeTrader) CreateOrder(_ context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("create %s %s %s@%s", req.Ticker, req.Side, req.Count.Short(), req.Price.Cents())
	f.creates = append(f.creates, req)
	if err := f.createErr; err != nil {
		f.createErr = nil
		return model.CreateOrderResponse{}, err
	}
	f.nextID++
	resp := model.CreateOrderResponse{OrderID: fmt.Sprintf("ord-%d", f.nextID), ClientOrderID: req.ClientOrderID, RemainingCount: req.Count}
	if req.TimeInForce == model.IOC {
		resp.RemainingCount, resp.FillCount = 0, req.Count
	}
	return resp, nil
}

func (f *fakeTrader) CancelOrder(_ context.Context, id string) (model.CancelOrderResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("cancel %s", id)
	f.cancels = append(f.cancels, id)
	return model.CancelOrderResponse{OrderID: id}, nil
}

func (f *fakeTrader) AmendOrder(_ context.Context, id string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("amend %s %s", id, req.Price.Cents())
	f.amends = append(f.amends, req)
	if err := f.amendErr; err != nil {
		f.amendErr = nil
		return model.AmendOrderResponse{}, err
	}
	rem := req.Count
	return model.AmendOrderResponse{OrderID: id, RemainingCount: &rem}, nil
}

func (f *fakeTrader) BatchCancelOrders(_ context.Context, ids []string) (model.BatchCancelResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("batch cancel %s", strings.Join(ids, ","))
	f.batches = append(f.batches, append([]string(nil), ids...))
	var resp model.BatchCancelResponse
	for _, id := range ids {
		if f.gone[id] {
			resp.Orders = append(resp.Orders, model.BatchCancelItem{OrderID: id,
				Error: &model.ErrorBody{Code: "not_found", Message: "order not found"}})
			continue
		}
		resp.Orders = append(resp.Orders, model.BatchCancelItem{OrderID: id, ReducedBy: model.Contracts(1)})
	}
	return resp, nil
}

func (f *fakeTrader) CancelAllOrders(context.Context) (model.BatchCancelResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("cancel all")
	return model.BatchCancelResponse{}, nil
}

func (f *fakeTrader) GetOrders(_ context.Context, q api.OrdersQuery) ([]model.Order, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("get orders %s %s", q.Ticker, q.Status)
	f.getOrders = append(f.getOrders, q)
	if f.getOrdersErr != nil {
		return nil, f.getOrdersErr
	}
	return append([]model.Order(nil), f.orders...), nil
}

func (f *fakeTrader) GetFills(context.Context, api.FillsQuery) ([]model.Fill, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]model.Fill(nil), f.fills...), nil
}

func (f *fakeTrader) GetPositions(context.Context, api.PositionsQuery) ([]model.MarketPosition, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("get positions")
	return append([]model.MarketPosition(nil), f.positions...), f.positionsErr
}

func (f *fakeTrader) GetBalance(context.Context) (model.Balance, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log("get balance")
	return f.balance, nil
}

// fakeFeed is a Feed whose books, tickers and events the test controls.
type fakeFeed struct {
	mu      sync.Mutex
	books   map[string]*model.OrderBook
	stale   map[string]string
	tickers map[string]model.TickerMsg
	health  stream.Health
	changes atomic.Uint64
	ready   chan struct{}
	queued  []stream.Delivered
	trades  []model.TradeMsg // oldest first
	vol     map[string]map[model.Price]model.Qty
	last    map[string]stream.LastTrade
	sets    [][]string
	// tickerSets are the ticker subscriptions of each SetMarkets call.
	tickerSets [][]string
	copies     int // Books calls
}

func newFakeFeed() *fakeFeed {
	return &fakeFeed{
		books: map[string]*model.OrderBook{}, stale: map[string]string{}, tickers: map[string]model.TickerMsg{},
		ready: make(chan struct{}, 1),
		vol:   map[string]map[model.Price]model.Qty{}, last: map[string]stream.LastTrade{},
		health: stream.Health{State: stream.Live, LastFrame: t0.Add(-300 * time.Millisecond), MessageAge: 450 * time.Millisecond,
			MsgsPerSec: 42},
	}
}

func (f *fakeFeed) SetMarkets(books, tickers []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sets = append(f.sets, append([]string(nil), books...))
	f.tickerSets = append(f.tickerSets, append([]string(nil), tickers...))
}
func (f *fakeFeed) Changes() uint64 { return f.changes.Load() }

// touch counts a change, as the stream does for every frame it applies.
func (f *fakeFeed) touch()                        { f.changes.Add(1) }
func (f *fakeFeed) PrivateReady() <-chan struct{} { return f.ready }

// push queues a must-deliver event as the stream does.
func (f *fakeFeed) push(ev stream.Event) {
	f.mu.Lock()
	f.queued = append(f.queued, stream.Delivered{Event: ev})
	f.mu.Unlock()
	select {
	case f.ready <- struct{}{}:
	default:
	}
}

func (f *fakeFeed) DrainPrivate(dst []stream.Delivered) []stream.Delivered {
	f.mu.Lock()
	defer f.mu.Unlock()
	dst = append(dst, f.queued...)
	f.queued = nil
	return dst
}

// addTrade records a public trade: the tape, and the market's volume and
// last trade, aggregated as the stream does.
func (f *fakeFeed) addTrade(tr model.TradeMsg, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.trades = append(f.trades, tr)
	if f.vol[tr.MarketTicker] == nil {
		f.vol[tr.MarketTicker] = map[model.Price]model.Qty{}
	}
	f.vol[tr.MarketTicker][tr.YesPrice] += tr.Count
	prev, dir := f.last[tr.MarketTicker], int8(0)
	switch {
	case prev.At.IsZero() || tr.YesPrice == prev.Price:
	case tr.YesPrice > prev.Price:
		dir = 1
	default:
		dir = -1
	}
	f.last[tr.MarketTicker] = stream.LastTrade{Price: tr.YesPrice, Qty: tr.Count, Taker: tr.TakerBookSide, Dir: dir, At: at}
}

func (f *fakeFeed) Trades(cursor uint64, max int, dst []model.TradeMsg) ([]model.TradeMsg, uint64, uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := uint64(len(f.trades))
	cursor = min(cursor, n)
	fresh := n - cursor
	take := min(fresh, uint64(max))
	for i := uint64(0); i < take; i++ {
		dst = append(dst, f.trades[n-1-i])
	}
	return dst, n, fresh - take
}

func (f *fakeFeed) Books(dst map[string]stream.BookView) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.copies++
	for t, b := range f.books {
		reason, stale := f.stale[t]
		v := stream.BookView{Ticker: t, Book: b.Clone(), Stale: stale, StaleReason: reason, Version: b.Version(), Last: f.last[t]}
		if vol := f.vol[t]; len(vol) > 0 {
			v.Volume = make([]model.Qty, b.Grid().Len())
			for p, q := range vol {
				if i, ok := b.Grid().Index(p); ok {
					v.Volume[i] = q
				}
			}
		}
		dst[t] = v
	}
}
func (f *fakeFeed) Tickers(dst map[string]model.TickerMsg) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for t, v := range f.tickers {
		dst[t] = v
	}
}
func (f *fakeFeed) Health() stream.Health {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.health
}

// fixtureBudget is a limiter snapshot part-way through a busy second.
func fixtureBudget() limiter.Snapshot {
	return limiter.Snapshot{
		At: t0, Tier: limiter.TierBasic,
		Read:     limiter.BucketSnapshot{Tokens: 160, Capacity: 200, Refill: 200},
		Write:    limiter.BucketSnapshot{Tokens: 70, Capacity: 100, Refill: 100},
		Count429: 2, RTTSamples: 40, RTTP50: 14 * time.Millisecond, RTTP99: 48 * time.Millisecond,
	}
}

// fixturePreview mimics the limiter's preview for the budget above.
func fixturePreview(method, path string, items int) limiter.Preview {
	tokens := 10
	if method == "DELETE" {
		tokens = 2 * max(items, 1)
	}
	return limiter.Preview{Bucket: limiter.BucketWrite, Tokens: tokens, Available: 70, Capacity: 100, CanGoNow: true}
}

// scheduled is a timer the harness holds instead of sleeping.
type scheduled struct {
	d   time.Duration
	msg tea.Msg
}

// harness drives the root model synchronously: it runs commands inline,
// holds timers for the test to fire, and owns a fake clock.
type harness struct {
	t      testing.TB
	m      Model
	now    time.Time
	trader *fakeTrader
	feed   *fakeFeed
	timers []scheduled
	quit   bool
	tapeAt uint64 // the bridge's trade cursor
}

// newHarness builds a model on the fixtures, sized w×h, with markets
// loaded, and applies opt to the options first.
func newHarness(t testing.TB, w, h int, opt func(*Options)) *harness {
	t.Helper()
	hs := &harness{t: t, now: t0, trader: &fakeTrader{}, feed: newFakeFeed()}
	hs.feed.books[fedTicker] = fedBook(t)
	hs.feed.books[btcTicker] = btcBook(t)
	n := 0
	opts := Options{
		Env:     EnvSim,
		Trader:  hs.trader,
		Feed:    hs.feed,
		Budget:  fixtureBudget,
		Preview: fixturePreview,
		Markets: func(context.Context) ([]model.Event, error) { return fixtureEvents(), nil },
		Theme:   themes.Default(false),
		Confirm: ConfirmPolicy{Mode: ConfirmAbove, AboveQty: model.Contracts(100), AboveNotional: 50 * model.Dollar},
		Risk: RiskLimits{MaxOrderQty: model.Contracts(1000), MaxPosition: model.Contracts(5000),
			MaxNotional: 1000 * model.Dollar, FarFromMarket: 10 * model.Cent},
		Now:      func() time.Time { return hs.now },
		Location: time.UTC,
		NewClientOrderID: func() string {
			n++
			return fmt.Sprintf("cid-%d", n)
		},
	}
	if opt != nil {
		opt(&opts)
	}
	hs.m = New(opts)
	hs.m.after = func(d time.Duration, msg tea.Msg) tea.Cmd {
		return func() tea.Msg { return scheduled{d, msg} }
	}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	hs.timers = nil
	return hs
}

// send delivers a message and runs what it returns.
func (hs *harness) send(msg tea.Msg) {
	hs.t.Helper()
	next, cmd := hs.m.Update(msg)
	hs.m = next.(Model)
	hs.run(cmd)
}

// run executes a command tree inline.
func (hs *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			hs.run(c)
		}
	case scheduled:
		hs.timers = append(hs.timers, msg)
	case tea.QuitMsg:
		hs.quit = true
	default:
		hs.send(msg)
	}
}

// event delivers a must-deliver event as the bridge does: applied to the
// desk first, then sent to the dashboard.
func (hs *harness) event(msg FeedEventMsg) {
	hs.t.Helper()
	applyToDesk(hs.m.desk, msg.Event)
	hs.send(msg)
}

// frame delivers the feed's current books, tickers and new trades as the
// bridge would.
func (hs *harness) frame() {
	msg := BooksMsg{Books: map[string]stream.BookView{}, Tickers: map[string]model.TickerMsg{}, Health: hs.feed.Health()}
	hs.feed.Books(msg.Books)
	hs.feed.Tickers(msg.Tickers)
	msg.Trades, hs.tapeAt, msg.TradesSkipped = hs.feed.Trades(hs.tapeAt, tradesPerFrame, nil)
	hs.send(msg)
}

// trade delivers a public trade with the next frame, as the feed does.
func (hs *harness) trade(tr model.TradeMsg) {
	hs.t.Helper()
	hs.feed.addTrade(tr, hs.now)
	hs.frame()
}

// press sends key presses, each a key name as key.Binding spells it.
func (hs *harness) press(keys ...string) {
	hs.t.Helper()
	for _, k := range keys {
		hs.send(keyMsg(k))
	}
}

// keyMsg builds the key press tea would deliver for a key name.
func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"backspace": tea.KeyBackspace,
	}
	switch {
	case k == "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(k, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	r := []rune(k)[0]
	if r >= 'A' && r <= 'Z' {
		return tea.KeyPressMsg{Code: r + ('a' - 'A'), ShiftedCode: r, Text: k, Mod: tea.ModShift}
	}
	return tea.KeyPressMsg{Code: r, Text: k}
}

// advance moves the fake clock.
func (hs *harness) advance(d time.Duration) { hs.now = hs.now.Add(d) }

// openFed opens the T4.25 ladder with its book delivered.
func (hs *harness) openFed() {
	hs.t.Helper()
	hs.openMarket(fedTicker)
}

// openMarket moves the markets cursor to ticker and opens its ladder.
func (hs *harness) openMarket(ticker string) {
	hs.t.Helper()
	hs.m.setFocus(layout.FocusMarkets)
	hs.m.markets.SelectTicker(ticker)
	hs.press("enter")
	hs.frame()
	if lp := hs.m.activeLadder(); lp == nil || lp.Ticker() != ticker {
		hs.t.Fatalf("ladder for %s did not open", ticker)
	}
}

// screen is the rendered screen without escape sequences.
func (hs *harness) screen() string { return text.Strip(hs.m.Render()) }

// cursorTo moves the active ladder's cursor to a price in its terms.
func (hs *harness) cursorTo(price string) {
	hs.t.Helper()
	if !hs.m.activeLadder().CursorTo(model.MustPrice(price)) {
		hs.t.Fatalf("price %s not on the grid", price)
	}
}

// resting builds a resting REST order.
func resting(id, ticker string, side model.BookSide, price string, qty int64) model.Order {
	created := t0.Add(-time.Minute)
	return model.Order{
		OrderID: id, ClientOrderID: "c-" + id, Ticker: ticker, BookSide: side, Status: model.Resting,
		YesPrice: model.MustPrice(price), RemainingCount: model.Contracts(qty), InitialCount: model.Contracts(qty),
		CreatedTime: &created,
	}
}

// setOrders replaces my resting orders as a reconnect reconciliation would.
func (hs *harness) setOrders(orders ...model.Order) {
	hs.event(FeedEventMsg{Event: stream.RestingOrdersEvent{Orders: orders}})
}

// calls returns the trader's call log so far.
func (hs *harness) calls() []string {
	hs.trader.mu.Lock()
	defer hs.trader.mu.Unlock()
	return append([]string(nil), hs.trader.calls...)
}

// fire delivers every held timer whose message has the type of like.
func (hs *harness) fire(like tea.Msg) {
	var keep, due []scheduled
	for _, s := range hs.timers {
		if fmt.Sprintf("%T", s.msg) == fmt.Sprintf("%T", like) {
			due = append(due, s)
		} else {
			keep = append(keep, s)
		}
	}
	hs.timers = keep
	for _, s := range due {
		hs.send(s.msg)
	}
}

// view is the desk's current snapshot.
func (hs *harness) view() *desk.View { return hs.m.desk.View() }

// order is one of my acknowledged orders, as the desk holds it.
func (hs *harness) order(id string) (desk.Order, bool) { return hs.view().Order(id) }

// working lists my acknowledged orders in a market ("" for all).
func (hs *harness) working(ticker string) []desk.Order { return hs.view().WorkingIn(ticker) }

// position is my position in a market.
func (hs *harness) position(ticker string) model.Position { return hs.view().Position(ticker).Position }

// fills lists my fills, newest first.
func (hs *harness) fills() []model.Fill { return hs.view().Fills }

// locked reports whether order entry is locked.
func (hs *harness) locked() bool { return hs.view().Lock.Locked() }

// reserve puts a create in flight as the dashboard does before sending it.
func (hs *harness) reserve(req model.CreateOrderRequest) {
	hs.t.Helper()
	if _, err := hs.m.desk.Reserve(req, desk.Market{}, desk.ReserveOptions{}); err != nil {
		hs.t.Fatalf("reserve %s: %v", req.ClientOrderID, err)
	}
}

// unlock answers the unlock question yes, after its grace period.
func (hs *harness) unlock() {
	hs.t.Helper()
	hs.press("U")
	if hs.m.currentDialog() == nil || hs.m.currentDialog().kind != dialogUnlock {
		hs.t.Fatalf("U did not ask to unlock:\n%s", hs.screen())
	}
	hs.advance(time.Second)
	hs.press("y")
}

// ids lists the ids of orders.
func ids(orders []desk.Order) []string {
	out := make([]string, len(orders))
	for i, o := range orders {
		out[i] = o.ID
	}
	return out
}

package sim

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"ladder/model"
)

// AccountID names an account on the simulated exchange (one per API key,
// plus internal accounts for the activity bots).
type AccountID string

// EngineConfig configures a matching engine.
type EngineConfig struct {
	Seed     int64
	TakerFee model.FeeRate // coefficient of C·P·(1−P) charged to the taker; 0 = free
	MakerFee model.FeeRate // same formula for the resting side; default 0
	Now      func() time.Time
	// NoHistory skips the seeded day of candlestick history, so candles
	// hold only what trades in this engine (tests of the live buckets).
	NoHistory bool
}

// EventKind says which payload of an Event is set.
type EventKind int

// Event kinds.
const (
	EvBookDelta EventKind = iota
	EvTrade
	EvTicker
	EvFill
	EvUserOrder
	EvPosition
	EvLifecycle
	EvOrderGroup
)

// String names the kind for logs and test failures.
func (k EventKind) String() string {
	switch k {
	case EvBookDelta:
		return "book_delta"
	case EvTrade:
		return "trade"
	case EvTicker:
		return "ticker"
	case EvFill:
		return "fill"
	case EvUserOrder:
		return "user_order"
	case EvPosition:
		return "position"
	case EvLifecycle:
		return "lifecycle"
	case EvOrderGroup:
		return "order_group"
	}
	return "unknown"
}

// Event is one thing the engine publishes; the server fans it out to
// WebSocket subscribers. Account is set on private events (fill, user
// order, position) and, on book deltas, names the account whose order
// caused the change: Delta.ClientOrderID is that account's id and must
// only be shown to it.
type Event struct {
	Kind      EventKind
	Ticker    string
	Account   AccountID
	Delta     *model.BookDeltaMsg // NO levels priced in NO terms
	Trade     *model.TradeMsg
	TickerMsg *model.TickerMsg
	Fill      *model.FillMsg
	Order     *model.UserOrderMsg
	Position  *model.PositionMsg
	Lifecycle *model.LifecycleMsg
	Group     *model.OrderGroupUpdateMsg
}

// Engine is the simulated exchange's matching engine and ledger. Every
// method is safe for concurrent use: one mutex guards all state, and events
// reach the sink synchronously, in order, while it is held.
type Engine struct {
	// botsHeld stops the activity bots (PauseActivity); the clock-driven
	// lifecycle keeps ticking.
	botsHeld atomic.Bool

	mu   sync.Mutex
	cfg  EngineConfig
	sink func(Event)
	now  time.Time // the clock reading of the operation in progress
	born time.Time // when the engine was built (the schedule starts here)
	ids  idGen
	rng  *rand.Rand // settlement outcomes of rolling markets

	cat      *catalogue
	markets  map[string]*market // = cat.markets
	accounts map[AccountID]*account
	groups   map[string]*orderGroup
	trades   []model.Trade // public tape, oldest first, bounded
	expiring []*order      // GTC orders with an expiration_time
	orderSeq uint64

	// Ledger totals for the conservation checks.
	deposits      model.Money // every starting balance ever credited
	feesCollected model.Money

	stats   engineStats
	touched []*market // markets whose ticker may have changed in this operation
}

// engineStats counts published events (for the activity benchmarks).
type engineStats struct {
	events [EvOrderGroup + 1]uint64
}

// maxTrades bounds the public tape the engine remembers.
const maxTrades = 50_000

// NewEngine builds an engine and loads the market catalogue relative to
// the configured clock.
func NewEngine(cfg EngineConfig) *Engine {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	now := cfg.Now()
	cat := buildCatalogue(now)
	cat.fixStatuses(now)
	e := &Engine{
		cfg:      cfg,
		now:      now,
		born:     now,
		ids:      newIDGen(cfg.Seed),
		rng:      rand.New(rand.NewPCG(uint64(cfg.Seed), 0x5eed)),
		cat:      cat,
		markets:  cat.markets,
		accounts: make(map[AccountID]*account),
		groups:   make(map[string]*orderGroup),
	}
	if !cfg.NoHistory {
		e.seedHistory(now, cfg.Seed)
	}
	return e
}

// SetSink installs the event consumer. It is called with the engine lock
// held and must not call back into the engine.
func (e *Engine) SetSink(fn func(Event)) {
	e.mu.Lock()
	e.sink = fn
	e.mu.Unlock()
}

// begin starts an operation: it locks the engine and reads the clock once,
// so every timestamp of one operation agrees.
func (e *Engine) begin() {
	e.mu.Lock()
	if now := e.cfg.Now(); now.After(e.now) {
		e.now = now
	}
}

// end records the quotes and publishes the tickers of the markets the
// operation touched, and unlocks the engine.
func (e *Engine) end() {
	for _, m := range e.touched {
		m.inTouched = false
		m.recordQuote(e.now)
		e.emitTicker(m)
	}
	clear(e.touched)
	e.touched = e.touched[:0]
	e.mu.Unlock()
}

// touch schedules a ticker check for m at the end of the operation.
func (e *Engine) touch(m *market) {
	m.updated = e.now
	if !m.inTouched {
		m.inTouched = true
		e.touched = append(e.touched, m)
	}
}

// emit hands an event to the sink.
func (e *Engine) emit(ev Event) {
	e.stats.events[ev.Kind]++
	if e.sink != nil {
		e.sink(ev)
	}
}

// emitDelta publishes one level change.
func (e *Engine) emitDelta(m *market, o *order, side model.Side, price model.Price, delta model.Qty) {
	if delta == 0 {
		return
	}
	msg := &model.BookDeltaMsg{
		MarketTicker: m.info.Ticker, MarketID: m.id,
		Price: price, Delta: delta, Side: side.String(), TsMs: e.now.UnixMilli(),
	}
	ev := Event{Kind: EvBookDelta, Ticker: m.info.Ticker, Delta: msg}
	if o != nil {
		ev.Account = o.acct.id
		msg.ClientOrderID = o.clientID
		msg.Subaccount = subaccountRef(o.subaccount)
	}
	e.touch(m)
	e.emit(ev)
}

// emitOrder publishes an order's current state on user_orders.
func (e *Engine) emitOrder(o *order) {
	e.emit(Event{Kind: EvUserOrder, Ticker: o.mkt.info.Ticker, Account: o.acct.id, Order: o.userOrderMsg()})
}

// emitPosition publishes an order's subaccount's position in a market.
func (e *Engine) emitPosition(o *order, m *market) {
	p := o.led.pos(m.info.Ticker)
	e.emit(Event{Kind: EvPosition, Ticker: m.info.Ticker, Account: o.acct.id, Position: positionMsg(o.acct, o.led, p)})
}

// emitTicker publishes the market's ticker if anything in it changed since
// the last one.
func (e *Engine) emitTicker(m *market) {
	msg := m.tickerMsg(e.now.UnixMilli())
	prev := m.lastTicker
	prev.TsMs = msg.TsMs
	if prev == msg {
		return
	}
	m.lastTicker = msg
	e.emit(Event{Kind: EvTicker, Ticker: m.info.Ticker, TickerMsg: &msg})
}

// recordTrade appends a trade to the public tape.
func (e *Engine) recordTrade(t model.Trade) {
	e.trades = append(e.trades, t)
	if len(e.trades) > 2*maxTrades {
		n := copy(e.trades, e.trades[len(e.trades)-maxTrades:])
		clear(e.trades[n:])
		e.trades = e.trades[:n]
	}
}

// account looks up an account for a write, failing with 401 when unknown.
func (e *Engine) account(id AccountID) (*account, *APIError) {
	a := e.accounts[id]
	if a == nil {
		return nil, errUnknownAccount(id)
	}
	return a, nil
}

// EventCount reports how many events of each kind the engine has published.
func (e *Engine) EventCount(kind EventKind) uint64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if kind < 0 || int(kind) >= len(e.stats.events) {
		return 0
	}
	return e.stats.events[kind]
}

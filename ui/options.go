package ui

import (
	"context"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/limiter"
	"ladder/model"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui/keys"
	"ladder/ui/status"
)

// Trader is the part of *api.Client the dashboard calls (api.Trader); main
// passes the client (or its journalling wrapper), tests pass a fake. A nil
// Trader means read-only.
type Trader = api.Trader

// Feed is the feed the dashboard reads: a stream.Client, or a hub view of
// one shared with other screens. Only the feed bridge goroutine reads
// Changes, PrivateReady, DrainPrivate, Books, Tickers, Trades and Health;
// SetMarkets is called from Update, so subscription changes apply in the
// order they were made (it never blocks).
type Feed = stream.Feed

// StatusReport is what the status bar claims about the feed at one moment.
type StatusReport struct {
	At      time.Time
	State   stream.State
	PubLag  time.Duration // public data (books, tape, quotes) behind the exchange
	PrivLag time.Duration // my own events behind the exchange
	Live    bool          // the bar says "live": connected, fresh, and nothing behind
}

// MarketsLoader returns the events to browse, each with its markets.
type MarketsLoader func(ctx context.Context) ([]model.Event, error)

// ConfirmMode says when an order needs a confirmation dialog.
type ConfirmMode int

// Confirmation modes.
const (
	ConfirmAbove  ConfirmMode = iota // above AboveQty contracts or AboveNotional dollars
	ConfirmNever                     // never (a far-from-market warning still asks)
	ConfirmAlways                    // every order
)

// ConfirmPolicy is the order confirmation policy from the config file.
type ConfirmPolicy struct {
	Mode          ConfirmMode
	AboveQty      model.Qty   // 0: no count threshold
	AboveNotional model.Money // 0: no cost threshold
}

// needs reports whether an order of qty contracts costing notional must be
// confirmed under the policy.
func (p ConfirmPolicy) needs(qty model.Qty, notional model.Money) bool {
	switch p.Mode {
	case ConfirmAlways:
		return true
	case ConfirmNever:
		return false
	}
	return (p.AboveQty > 0 && qty > p.AboveQty) || (p.AboveNotional > 0 && notional > p.AboveNotional)
}

// RiskLimits are the pre-trade checks and the session's guards. A zero
// value switches a limit off.
type RiskLimits struct {
	MaxOrderQty model.Qty // contracts per order
	// MaxPosition caps the contracts one market could reach, counting
	// resting, in-flight and queued orders on the same side.
	MaxPosition model.Qty
	// MaxNotional caps the money at risk in one market, counted the same
	// way.
	MaxNotional   model.Money
	FarFromMarket model.Price // warn (and ask) when this far from the best price
	// MaxDailyLoss locks order entry when the session's P&L falls below
	// −MaxDailyLoss; U with a confirmation unlocks it.
	MaxDailyLoss model.Money
	// MaxSlippageTicks bounds a counted take (alt+3 B): its limit is at
	// most this many grid ticks beyond the best price. 0: the default, 5.
	MaxSlippageTicks int
	// GroupContracts is the contracts limit of the session's exchange
	// order group, over Kalshi's rolling 15 s: more fills than that and
	// the exchange cancels the group's orders itself. 0: no group.
	GroupContracts model.Qty
}

// DeskLimits are the desk's limits for these options.
func (r RiskLimits) DeskLimits() desk.Limits {
	return desk.Limits{MaxOrderQty: r.MaxOrderQty, MaxPosition: r.MaxPosition, MaxNotional: r.MaxNotional,
		MaxDailyLoss: r.MaxDailyLoss, FarFromMarket: r.FarFromMarket}
}

// GroupTrader is the order-group surface a Trader may offer (*api.Client
// and the journal's wrapper do). Without it, the kill switch uses batch
// cancels alone, and says so once.
type GroupTrader interface {
	CreateOrderGroup(ctx context.Context, limit model.Qty) (string, error)
	TriggerOrderGroup(ctx context.Context, id string) error
	ResetOrderGroup(ctx context.Context, id string) error
}

// SettlementReader is the settlement history a Trader may offer; it
// confirms the payouts the desk books from market results.
type SettlementReader interface {
	GetSettlements(ctx context.Context, q api.SettlementsQuery) ([]model.Settlement, error)
}

// Env names the environment shown in the status bar badge.
const (
	EnvSim    = status.EnvSim
	EnvDemo   = status.EnvDemo
	EnvProd   = status.EnvProd
	EnvReplay = status.EnvReplay
)

// Options configure the dashboard. main builds them from flags and config.
type Options struct {
	Env      string // SIM, DEMO, PROD or REPLAY
	ReadOnly bool   // replay: order entry disabled and labelled
	// ViewOnly is ReadOnly for a watcher of ladder serve whose key has the
	// view role: the words say "view only", and no order action (cancels
	// and the kill switch included) reaches Trader, which may still read
	// orders, positions and the balance for the screen.
	ViewOnly bool
	// Actor names who is at this screen when several people share the
	// exchange session (ladder serve: the SSH key's comment or
	// fingerprint); the kill switch's lock says who pressed it.
	Actor string
	// EmbeddedExchange says the exchange (the simulator) runs inside this
	// program and stops with it, so orders cannot be left resting on quit.
	EmbeddedExchange bool

	// Desk holds my orders, positions, risk and P&L. Several dashboards
	// may share one; nil makes a desk of the dashboard's own from Risk.
	Desk    *desk.Desk
	Trader  Trader                                               // nil: read-only
	Feed    Feed                                                 // nil: no live data
	Budget  func() limiter.Snapshot                              // nil: gauges hidden
	Preview func(method, path string, items int) limiter.Preview // nil: costs not shown
	Markets MarketsLoader                                        // nil: empty market list

	KeyMap keys.KeyMap  // zero value: keys.DefaultKeyMap
	Theme  themes.Theme // zero value: dark or light, from the terminal\'s background
	FPS    int          // redraw cap for book updates; default 30
	// NoColor says NO_COLOR is set: the terminal is sent no colour at all,
	// so the dashboard keeps to themes without colour (mono), whatever
	// was chosen, and the theme key cycles only through those. A colour
	// theme drawn without its colours would lose the cursor row.
	NoColor bool
	// Bell rings the terminal bell on each of my fills ([alerts] bell).
	Bell bool
	// Replay is `ladder replay`'s engine, driven by the replay keys
	// (replay.go); nil when live.
	Replay Replay

	// NoMouse turns the mouse off (config: mouse = false): no clicks, no
	// wheel, and the terminal keeps its own selection.
	NoMouse bool
	// AutoRecenter keeps each ladder's inside market in view, except while
	// the ladder is in use (config: auto_recenter).
	AutoRecenter bool

	QtyPresets []model.Qty // the 1–5 preset keys; default 1, 5, 10, 25, 100
	DefaultQty model.Qty   // quantity selected at start; default the first preset
	Confirm    ConfirmPolicy
	Risk       RiskLimits

	Favourites     []string
	SaveFavourites func([]string) error // called from a command after each change

	// Notices are start-up warnings (main passes a key file others can
	// read): printed to the terminal before the dashboard takes it, where
	// nobody sees them, so the message line shows them at start-up and the
	// help lists them.
	Notices []string

	Logger *slog.Logger // nil: discard; never the terminal

	// Now is the clock; nil means time.Now. Tests inject a fixed clock.
	Now func() time.Time
	// Location formats times; nil means time.Local.
	Location *time.Location
	// Grace is how long a confirmation dialog ignores its confirm key;
	// default 300 ms.
	Grace time.Duration
	// NewClientOrderID names orders before they are sent; nil uses a random
	// session prefix and a counter.
	NewClientOrderID func() string
	// BatchMax is the largest batch cancel the exchange accepts; default 20.
	BatchMax int
	// Watchers, when set, is how many people are watching this exchange
	// session (ladder serve's SSH sessions); the status bar shows it.
	Watchers func() int
	// Attach, when set, is called once before the program runs with the
	// function that sends it messages from outside: ladder serve forwards
	// the SSH client's window sizes with it and asks the dashboard to quit
	// (tea.QuitMsg) when the server shuts down.
	Attach func(send func(tea.Msg))
	// ProgramOptions are extra tea options for Run, e.g. tea.WithInput,
	// tea.WithOutput and tea.WithWindowSize to run headless in tests.
	ProgramOptions []tea.ProgramOption
	// OnStatus, when set, hears the status bar's feed figures on every
	// status tick: what the screen claims about the feed (soak tests and
	// monitors compare it with what they measure). It must not block.
	OnStatus func(StatusReport)

	// Subaccount is the subaccount new orders trade in at start (0, the
	// primary, by default); the account view changes it.
	Subaccount int
	// Exchange answers the views' reads (candlesticks, limits, usage
	// level, subaccounts); nil: they say there is nothing to ask.
	Exchange ExchangeReader
}

// Defaults used when an option is left zero.
const (
	defaultFPS      = 30
	defaultGrace    = 300 * time.Millisecond
	defaultBatchMax = 20
	statusTick      = 250 * time.Millisecond
	maxLadders      = 6
	maxTape         = 200
	maxFills        = 200
)

// withDefaults fills every zero option with its default.
func (o Options) withDefaults() Options {
	if o.Env == "" {
		o.Env = EnvSim
	}
	if o.Trader == nil || o.ViewOnly {
		o.ReadOnly = true
	}
	if keyMapIsZero(&o.KeyMap) {
		o.KeyMap = keys.DefaultKeyMap()
	}
	if o.FPS <= 0 {
		o.FPS = defaultFPS
	}
	if len(o.QtyPresets) == 0 {
		o.QtyPresets = []model.Qty{model.Contracts(1), model.Contracts(5), model.Contracts(10), model.Contracts(25), model.Contracts(100)}
	}
	if len(o.QtyPresets) > 5 {
		o.QtyPresets = o.QtyPresets[:5]
	}
	if o.DefaultQty <= 0 {
		o.DefaultQty = o.QtyPresets[0]
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Grace <= 0 {
		o.Grace = defaultGrace
	}
	if o.NewClientOrderID == nil {
		o.NewClientOrderID = newIDGenerator()
	}
	if o.BatchMax <= 0 {
		o.BatchMax = defaultBatchMax
	}
	o.Notices = nonEmpty(o.Notices)
	if o.Desk == nil {
		o.Desk = desk.New(desk.Config{Limits: o.Risk.DeskLimits(), Now: o.Now, MaxFills: maxFills})
	}
	return o
}

// keyMapIsZero reports whether no action has a key, i.e. the caller left
// Options.KeyMap unset.
func keyMapIsZero(km *keys.KeyMap) bool {
	for _, a := range km.Actions() {
		if len(a.Binding.Keys()) > 0 {
			return false
		}
	}
	return true
}

// quitTimeout bounds how long quitting waits for its cancels.
const quitTimeout = 5 * time.Second

// The real clients satisfy the interfaces directly.
var (
	_ Trader = (*api.Client)(nil)
	_ Feed   = (*stream.Client)(nil)
)

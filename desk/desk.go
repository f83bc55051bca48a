package desk

import (
	"sync"
	"time"

	"ladder/model"
)

// Limits are the pre-trade limits. A zero value switches a limit off.
type Limits struct {
	MaxOrderQty model.Qty // contracts per order
	// MaxPosition caps the contracts one market could reach if every
	// order on the same side filled: the position, resting orders, orders
	// in flight and queued ones.
	MaxPosition model.Qty
	// MaxNotional caps the money at risk in one market, counted the same
	// way: what the position cost plus what every same-side order would
	// cost to open.
	MaxNotional model.Money
	// MaxDailyLoss locks order entry when the session's P&L (realized,
	// unrealized at the marks, net of fees) falls below −MaxDailyLoss.
	MaxDailyLoss model.Money
	// FarFromMarket is how far from the best price an order may be before
	// the check warns.
	FarFromMarket model.Price
}

// Config configures a desk.
type Config struct {
	Limits Limits
	// Now is the clock (order ages, lock times); nil means time.Now.
	Now func() time.Time
	// MaxFills is how many recent fills the View lists; default 200.
	MaxFills int
}

// Desk is the single owner of my trading state. Every method is safe for
// concurrent use; none blocks on anything but the desk's own mutex.
type Desk struct {
	mu   sync.Mutex
	cfg  Config
	ver  uint64 // bumped by every change a View shows
	view *View  // the View of ver, built on first demand

	orders  map[string]*order  // acknowledged orders, by order_id
	pending map[string]*order  // creates in flight or of unknown outcome, by client_order_id
	gone    tombstones         // orders that ended: never revived
	due     []string           // orders to cancel now (landed after a cancel covering them)
	credits map[string]*credit // fills an acknowledgement reported, not yet seen as fills

	markets  map[posKey]*market // positions and P&L, per subaccount and market
	fills    fillLog
	marks    map[string]model.Price // by market: one price whatever the subaccount
	baseline bool                   // the first positions snapshot has been taken as the session's start
	// based lists the subaccounts whose positions snapshot has been taken
	// as their start (the feed's is the primary's; others are loaded when
	// a dashboard trades on them).
	based map[int]bool
	// subViews are the Views of single subaccounts (ViewFor), rebuilt
	// only when something changed.
	subViews map[int]*View

	// snapTs is the newest exchange time in the last resting-orders
	// snapshot: the snapshot was served after it, so an order created
	// before it and not listed did not rest by then.
	snapTs  int64
	sync    feedSync
	lock    Lock
	floor   model.Money // session P&L below this locks entry (when a loss limit is set)
	group   Group
	tallies tallies
	notes   noteRing
}

// New returns an empty desk.
func New(cfg Config) *Desk {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxFills <= 0 {
		cfg.MaxFills = 200
	}
	return &Desk{
		cfg:     cfg,
		orders:  map[string]*order{},
		pending: map[string]*order{},
		gone:    newTombstones(maxTombstones),
		credits: map[string]*credit{},
		markets: map[posKey]*market{},
		based:   map[int]bool{},
		fills:   newFillLog(cfg.MaxFills),
		marks:   map[string]model.Price{},
		floor:   -cfg.Limits.MaxDailyLoss,
		tallies: newTallies(),
	}
}

// Limits returns the desk's limits.
func (d *Desk) Limits() Limits { return d.cfg.Limits }

// changed marks the state as changed: the next View is rebuilt.
func (d *Desk) changed() { d.ver++ }

// feedSync is what the desk knows about the feed's connection.
type feedSync struct {
	connected bool
	// reconciling is set when a connection was lost: every working order
	// is unconfirmed until the REST reconciliation after the reconnect.
	reconciling bool
}

// SetFeedConnected records whether the feed is connected. Losing the
// connection marks every working order unconfirmed until the next
// resting-orders snapshot (ApplyRestingOrders) confirms or removes it.
func (d *Desk) SetFeedConnected(connected bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	was := d.sync.connected
	d.sync.connected = connected
	if was && !connected {
		d.sync.reconciling = true
		for _, o := range d.orders {
			o.Unconfirmed = true
		}
		d.changed()
	}
}

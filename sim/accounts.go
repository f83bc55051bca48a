package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"ladder/model"
)

// History bounds: bot accounts trade for hours in a storm, so their finished
// orders and fills are trimmed; a trader's are kept up to a generous cap.
const (
	botHistory    = 2_000
	traderHistory = 100_000
)

// account is one participant (one API key's owner, or a bot): its orders
// and fills, which belong to the user as a whole, and one ledger per
// subaccount holding that subaccount's cash and positions.
type account struct {
	id       AccountID
	internal bool // an activity bot: history is trimmed harder

	subs    [model.MaxSubaccount + 1]*ledger // by number; nil = not created; [0] always set
	numSubs int                              // numbered subaccounts created (1..numSubs exist)
	resting int                              // orders on the book, every subaccount

	orders       map[string]*order // by order id, open and (recent) finished
	history      []*order          // creation order
	openByClient map[string]*order // client_order_id → open order, across subaccounts
	fills        []model.Fill      // oldest first

	settlements []settlement               // oldest first
	transfers   []model.SubaccountTransfer // oldest first
	transferIDs map[string]bool            // every client_transfer_id ever used
	volume      volumeLog                  // contracts traded per day, for volume progress
	volumeBase  model.Qty                  // seeded trailing volume from before the simulator started
}

// ledger is one subaccount's money and holdings.
type ledger struct {
	num       int
	cash      model.Money // everything it holds in cash, reserved or not
	reserved  model.Money // held for resting orders (cost + maximum fee)
	positions map[string]*position
	settled   model.Money // net P&L of settled markets (after fees)
	netting   bool        // the netting flag (reported; the ledger always nets YES/NO pairs)
	updated   time.Time
}

// position is the account's holding in one market plus the fields the
// positions endpoint reports that model.Position does not track.
type position struct {
	model.Position
	traded  model.Money // Σ own-price × count over fills
	updated time.Time
}

func newAccount(id AccountID, balance model.Money, internal bool, now time.Time) *account {
	a := &account{
		id: id, internal: internal,
		orders:       make(map[string]*order),
		openByClient: make(map[string]*order),
		transferIDs:  make(map[string]bool),
	}
	a.subs[0] = newLedger(0, balance, true, now)
	return a
}

func newLedger(num int, cash model.Money, netting bool, now time.Time) *ledger {
	return &ledger{num: num, cash: cash, netting: netting, positions: make(map[string]*position), updated: now}
}

// primary is subaccount 0.
func (a *account) primary() *ledger { return a.subs[0] }

// ledger returns subaccount n, or invalid_subaccount when n is out of
// range or was never created.
func (a *account) ledger(n int) (*ledger, *APIError) {
	if err := checkSubaccountRange(n); err != nil {
		return nil, err
	}
	if l := a.subs[n]; l != nil {
		return l, nil
	}
	return nil, errSubaccount(fmt.Sprintf("subaccount %d does not exist; create it with POST /portfolio/subaccounts", n))
}

// ledgers lists the created subaccounts in number order.
func (a *account) ledgers() []*ledger {
	out := make([]*ledger, 0, a.numSubs+1)
	for _, l := range a.subs {
		if l != nil {
			out = append(out, l)
		}
	}
	return out
}

// CreateAccount opens an account with a starting cash balance. Creating an
// account that already exists changes nothing.
func (e *Engine) CreateAccount(id AccountID, balance model.Money) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.createAccountLocked(id, balance, false)
}

func (e *Engine) createAccountLocked(id AccountID, balance model.Money, internal bool) *account {
	if a := e.accounts[id]; a != nil {
		return a
	}
	a := newAccount(id, balance, internal, e.cfg.Now())
	if !internal {
		a.volumeBase = seededVolume(e.cfg.Seed, id)
	}
	e.accounts[id] = a
	e.deposits += balance
	return a
}

// available is the cash free for new orders.
func (l *ledger) available() model.Money { return l.cash - l.reserved }

// historyCap is how many finished orders and fills the account keeps.
func (a *account) historyCap() int {
	if a.internal {
		return botHistory
	}
	return traderHistory
}

// addOrder records a new order in the account's listings.
func (a *account) addOrder(o *order) {
	a.orders[o.id] = o
	a.history = append(a.history, o)
	if o.clientID != "" && o.open() {
		a.openByClient[o.clientID] = o
	}
	if limit := a.historyCap(); len(a.history) > 2*limit {
		a.trimOrders(limit)
	}
}

// trimOrders forgets the oldest finished orders, keeping every open one and
// the newest `keep` overall.
func (a *account) trimOrders(keep int) {
	cut := len(a.history) - keep
	kept := a.history[:0]
	for i, o := range a.history {
		if i < cut && !o.open() {
			delete(a.orders, o.id)
			continue
		}
		kept = append(kept, o)
	}
	clear(a.history[len(kept):])
	a.history = kept
}

// addFill appends a fill, trimming the oldest beyond the history cap.
func (a *account) addFill(f model.Fill) {
	a.fills = append(a.fills, f)
	if limit := a.historyCap(); len(a.fills) > 2*limit {
		n := copy(a.fills, a.fills[len(a.fills)-limit:])
		clear(a.fills[n:])
		a.fills = a.fills[:n]
	}
}

// orderClosed drops a finished order from the open client-id index.
func (a *account) orderClosed(o *order) {
	if o.clientID != "" && a.openByClient[o.clientID] == o {
		delete(a.openByClient, o.clientID)
	}
}

// pos returns the subaccount's position in a market, creating it.
func (l *ledger) pos(ticker string) *position {
	p := l.positions[ticker]
	if p == nil {
		p = &position{Position: model.Position{Ticker: ticker}}
		l.positions[ticker] = p
	}
	return p
}

// size is the signed position in a market (+YES, −NO).
func (l *ledger) size(ticker string) model.Qty {
	if p := l.positions[ticker]; p != nil {
		return p.Size
	}
	return 0
}

// closable is how much of an order on side s would reduce the subaccount's
// current position rather than open a new one (for reduce_only).
func (l *ledger) closable(ticker string, s model.BookSide) model.Qty {
	size := l.size(ticker)
	switch {
	case s == model.Bid && size < 0:
		return -size
	case s == model.Ask && size > 0:
		return size
	}
	return 0
}

// reservation is the cash an order needs for its remaining size: the limit
// cost in its own terms plus the largest fee any execution could charge
// (fees peak at 50¢), plus $0.0001 for the per-fill round-up.
func (e *Engine) reservation(price model.Price, remaining model.Qty) model.Money {
	if remaining <= 0 {
		return 0
	}
	rate := max(e.cfg.TakerFee, e.cfg.MakerFee)
	feeAt := min(price, model.OneDollar/2)
	fee := model.TradeFee(rate, remaining, feeAt)
	if rate > 0 {
		fee += 100
	}
	return model.Notional(price, remaining) + fee
}

// rereserve brings an order's held cash in line with its remaining size.
func (e *Engine) rereserve(o *order) {
	want := model.Money(0)
	if o.open() && o.onBook {
		want = e.reservation(o.price, o.remaining)
	}
	o.led.reserved += want - o.reserved
	o.reserved = want
}

// settleExecution books one side of a trade in the order's subaccount: it
// pays its own price plus the fee, and every YES/NO pair it now holds nets
// to $1 cash. It returns the signed position after the fill.
func (e *Engine) settleExecution(o *order, m *market, qty model.Qty, ownPrice, yesPrice model.Price, fee model.Money) model.Qty {
	l := o.led
	p := l.pos(m.info.Ticker)
	before := p.Size
	l.cash -= model.Notional(ownPrice, qty) + fee
	signed := qty * o.side.Sign()
	if before != 0 && (before > 0) != (signed > 0) {
		pairs := min(qty, before.Abs())
		l.cash += model.Notional(model.OneDollar, pairs)
	}
	p.ApplyExecution(signed, yesPrice, fee)
	p.traded += model.Notional(ownPrice, qty)
	p.updated = e.now
	l.updated = e.now
	o.acct.volume.add(e.now, qty)
	m.openInterest += max(p.Size, 0) - max(before, 0)
	e.feesCollected += fee
	return p.Size
}

// positionMsg renders the market_positions payload for one position; the
// subaccount is named only for subaccounts 1–63, as on orderbook deltas.
func positionMsg(a *account, l *ledger, p *position) *model.PositionMsg {
	return &model.PositionMsg{
		UserID:       string(a.id),
		MarketTicker: p.Ticker,
		Position:     p.Size,
		PositionCost: p.Exposure(),
		RealizedPnL:  p.Realized,
		FeesPaid:     p.Fees,
		Volume:       p.Volume,
		Subaccount:   subaccountRef(l.num),
	}
}

// subaccountRef is the optional WebSocket subaccount field: absent for
// the primary, the number otherwise.
func subaccountRef(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

// subaccountNumber is the REST subaccount_number echo, present always.
func subaccountNumber(n int) *int { return &n }

// Balance reports the primary subaccount's balance; see SubaccountBalance.
func (e *Engine) Balance(acct AccountID) model.Balance {
	b, err := e.SubaccountBalance(acct, 0)
	if err != nil {
		return model.Balance{UpdatedTS: e.cfg.Now().Unix()}
	}
	return b
}

// SubaccountBalance reports one subaccount's available cash (cash not held
// for resting orders) and the mark value of its open positions. An unknown
// account reads as empty; an unknown subaccount is an error.
func (e *Engine) SubaccountBalance(acct AccountID, sub int) (model.Balance, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return model.Balance{UpdatedTS: e.cfg.Now().Unix()}, nil
	}
	l, err := a.ledger(sub)
	if err != nil {
		return model.Balance{}, err
	}
	var value model.Money
	for _, p := range l.positions {
		m := e.markets[p.Ticker]
		if m == nil || p.Size == 0 {
			continue
		}
		mark := m.mark()
		if p.Size > 0 {
			value += model.Notional(mark, p.Size)
		} else {
			value += model.Notional(mark.Complement(), -p.Size)
		}
	}
	avail := l.available()
	return model.Balance{
		Balance:        int64(floorDiv(avail, model.MoneyPerCent)),
		BalanceDollars: avail,
		PortfolioValue: int64(floorDiv(value, model.MoneyPerCent)),
		UpdatedTS:      l.updated.Unix(),
	}, nil
}

// floorDiv divides rounding toward −∞ (balances floor to the cent).
func floorDiv(a, b model.Money) model.Money {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// Positions lists the primary subaccount's positions; see PositionsIn.
func (e *Engine) Positions(acct AccountID, ticker, eventTicker string) []model.MarketPosition {
	ps, _ := e.PositionsIn(acct, PositionFilter{Ticker: ticker, EventTicker: eventTicker})
	return ps
}

// PositionFilter selects positions for PositionsIn.
type PositionFilter struct {
	Subaccount  int // positions default to the primary (0), not to every subaccount
	Ticker      string
	EventTicker string // one event ticker or a comma-separated list
}

// PositionsIn lists one subaccount's unsettled market positions (including
// flat ones it has traded), sorted by ticker.
func (e *Engine) PositionsIn(acct AccountID, f PositionFilter) ([]model.MarketPosition, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return nil, nil
	}
	l, err := a.ledger(f.Subaccount)
	if err != nil {
		return nil, err
	}
	events := splitList(f.EventTicker)
	out := make([]model.MarketPosition, 0, len(l.positions))
	for t, p := range l.positions {
		if f.Ticker != "" && t != f.Ticker {
			continue
		}
		m := e.markets[t]
		if m == nil {
			continue
		}
		if len(events) > 0 && !contains(events, m.info.EventTicker) {
			continue
		}
		out = append(out, model.MarketPosition{
			Ticker:         t,
			Position:       p.Size,
			MarketExposure: p.Exposure(),
			RealizedPnL:    p.Realized,
			FeesPaid:       p.Fees,
			TotalTraded:    p.traded,
			LastUpdatedTS:  p.updated.UTC().Format(time.RFC3339),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ticker < out[j].Ticker })
	return out, nil
}

// splitList splits a comma-separated filter, dropping blanks.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

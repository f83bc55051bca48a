package desk

import (
	"slices"
	"strings"

	"ladder/model"
)

// View is an immutable snapshot of the desk for drawing. The desk builds
// one only when something changed since the last, so a dashboard drawing
// at 30 frames a second (or several sharing the desk) gets the same
// pointer back, without copying or allocating, until the next change.
// Nothing in it may be modified.
type View struct {
	Version uint64
	// Orders lists acknowledged orders first (Orders[:Working]), sorted by
	// market, side and price, then the creates in flight, sorted likewise.
	Orders  []Order
	Working int
	// Positions lists open positions first, then flat ones that carry
	// realized P&L or fees, each group by market.
	Positions []Position
	Fills     []model.Fill // newest first
	Lock      Lock
	Group     Group
	// Reconciling says the feed was lost and the working orders are
	// unconfirmed until the reconciliation after the reconnect.
	Reconciling bool
	// Only says the View shows one subaccount, Subaccount (ViewFor);
	// otherwise it shows every subaccount, and Position looks up the
	// primary's.
	Only       bool
	Subaccount int

	orderIdx map[string]int
	posIdx   map[posKey]int
	mine     map[string]*LevelSums
}

// Position is one market's position and P&L as the desk holds it.
type Position struct {
	model.Position
	Settled bool   // the market settled and the position was paid out
	Result  string // the settlement's result
	// Subaccount is the subaccount holding it (0: the primary).
	Subaccount int
}

// LevelSums adds up my remaining size per YES price in one market, by
// side; orders in flight separately, so the ladder can show them as such,
// and the prices where a working order is unconfirmed.
type LevelSums struct {
	Bids, Asks, PendingBids, PendingAsks map[model.Price]model.Qty
	Unconfirmed                          map[model.Price]bool
}

// View returns the current snapshot.
func (d *Desk) View() *View {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.view == nil || d.view.Version != d.ver {
		d.view = d.buildViewLocked()
	}
	return d.view
}

// ViewFor returns the current snapshot of one subaccount: its orders,
// positions and fills, and the levels of its orders; the lock and the
// order group are the desk's. Like View it is rebuilt only when something
// changed, so a dashboard trading on a subaccount draws without copying.
func (d *Desk) ViewFor(sub int) *View {
	d.mu.Lock()
	defer d.mu.Unlock()
	v := d.subViews[sub]
	if v == nil || v.Version != d.ver {
		if d.subViews == nil || len(d.subViews) > 8 {
			d.subViews = map[int]*View{} // a few subaccounts are drawn at a time
		}
		v = d.buildSubViewLocked(sub)
		d.subViews[sub] = v
	}
	return v
}

func (d *Desk) buildViewLocked() *View {
	return d.buildFilteredLocked(d.fills.list, func(int) bool { return true })
}

func (d *Desk) buildSubViewLocked(sub int) *View {
	var fills []model.Fill
	for _, f := range d.fills.list {
		if subFill(f) == sub {
			fills = append(fills, f)
		}
	}
	v := d.buildFilteredLocked(fills, func(n int) bool { return n == sub })
	v.Only, v.Subaccount = true, sub
	return v
}

// buildFilteredLocked builds a View of the subaccounts keep accepts.
func (d *Desk) buildFilteredLocked(fills []model.Fill, keep func(int) bool) *View {
	v := &View{
		Version: d.ver, Lock: d.lock, Group: d.group, Reconciling: d.sync.reconciling,
		Fills: fills, mine: map[string]*LevelSums{},
	}
	v.Orders = sortedOrders(d.orders)
	v.Working = len(v.Orders)
	v.Orders = append(v.Orders, sortedOrders(d.pending)...)
	kept := v.Orders[:0]
	working := 0
	for i, o := range v.Orders {
		if keep(o.Subaccount) {
			kept = append(kept, o)
			if i < v.Working {
				working++
			}
		}
	}
	v.Orders, v.Working = kept, working
	v.orderIdx = make(map[string]int, len(v.Orders))
	for i := range v.Orders {
		o := &v.Orders[i]
		if i < v.Working {
			v.orderIdx[o.ID] = i
		}
		ls := v.mine[o.Ticker]
		if ls == nil {
			ls = &LevelSums{
				Bids: map[model.Price]model.Qty{}, Asks: map[model.Price]model.Qty{},
				PendingBids: map[model.Price]model.Qty{}, PendingAsks: map[model.Price]model.Qty{},
				Unconfirmed: map[model.Price]bool{},
			}
			v.mine[o.Ticker] = ls
		}
		switch {
		case i >= v.Working && o.Side == model.Ask:
			ls.PendingAsks[o.Price] += o.Remaining
		case i >= v.Working:
			ls.PendingBids[o.Price] += o.Remaining
		case o.Side == model.Ask:
			ls.Asks[o.Price] += o.Remaining
		default:
			ls.Bids[o.Price] += o.Remaining
		}
		if i < v.Working && o.Unconfirmed {
			ls.Unconfirmed[o.Price] = true
		}
	}
	v.Positions = make([]Position, 0, len(d.markets))
	for k, m := range d.markets {
		if !keep(k.sub) {
			continue
		}
		p := Position{Position: m.pos, Subaccount: k.sub}
		if m.settle != nil {
			p.Settled, p.Result = true, m.settle.result
		}
		v.Positions = append(v.Positions, p)
	}
	slices.SortFunc(v.Positions, func(a, b Position) int {
		if (a.Size == 0) != (b.Size == 0) {
			if a.Size != 0 {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Ticker, b.Ticker); c != 0 {
			return c
		}
		return a.Subaccount - b.Subaccount
	})
	v.posIdx = make(map[posKey]int, len(v.Positions))
	for i := range v.Positions {
		v.posIdx[posKey{v.Positions[i].Subaccount, v.Positions[i].Ticker}] = i
	}
	return v
}

// Order returns an acknowledged order by id.
func (v *View) Order(id string) (Order, bool) {
	if i, ok := v.orderIdx[id]; ok {
		return v.Orders[i], true
	}
	return Order{}, false
}

// InFlight returns the creates in flight (or of unknown outcome).
func (v *View) InFlight() []Order { return v.Orders[v.Working:] }

// WorkingIn returns my acknowledged orders in a market ("" for all).
func (v *View) WorkingIn(ticker string) []Order {
	var out []Order
	for _, o := range v.Orders[:v.Working] {
		if ticker == "" || o.Ticker == ticker {
			out = append(out, o)
		}
	}
	return out
}

// CountWorking counts my acknowledged orders in a market ("" for all).
func (v *View) CountWorking(ticker string) int {
	if ticker == "" {
		return v.Working
	}
	n := 0
	for _, o := range v.Orders[:v.Working] {
		if o.Ticker == ticker {
			n++
		}
	}
	return n
}

// AtLevel returns my acknowledged orders in a market at a YES price.
func (v *View) AtLevel(ticker string, price model.Price) []Order {
	var out []Order
	for _, o := range v.Orders[:v.Working] {
		if o.Ticker == ticker && o.Price == price {
			out = append(out, o)
		}
	}
	return out
}

// Position returns one market's position in the View's subaccount (the
// primary's in a View of every subaccount); zero when there is none.
func (v *View) Position(ticker string) Position {
	if i, ok := v.posIdx[posKey{v.Subaccount, ticker}]; ok {
		return v.Positions[i]
	}
	return Position{Position: model.Position{Ticker: ticker}, Subaccount: v.Subaccount}
}

// OpenTickers lists the markets where I hold a position.
func (v *View) OpenTickers() []string {
	var out []string
	for _, p := range v.Positions {
		if p.Size != 0 {
			out = append(out, p.Ticker)
		}
	}
	return out
}

// Mine returns my orders' sizes by price in a market (nil when none).
func (v *View) Mine(ticker string) *LevelSums { return v.mine[ticker] }

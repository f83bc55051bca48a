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

	orderIdx map[string]int
	posIdx   map[string]int
	mine     map[string]*LevelSums
}

// Position is one market's position and P&L as the desk holds it.
type Position struct {
	model.Position
	Settled bool   // the market settled and the position was paid out
	Result  string // the settlement's result
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

func (d *Desk) buildViewLocked() *View {
	v := &View{
		Version: d.ver, Lock: d.lock, Group: d.group, Reconciling: d.sync.reconciling,
		Fills: d.fills.list, mine: map[string]*LevelSums{},
	}
	v.Orders = sortedOrders(d.orders)
	v.Working = len(v.Orders)
	v.Orders = append(v.Orders, sortedOrders(d.pending)...)
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
	for _, m := range d.markets {
		p := Position{Position: m.pos}
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
		return strings.Compare(a.Ticker, b.Ticker)
	})
	v.posIdx = make(map[string]int, len(v.Positions))
	for i := range v.Positions {
		v.posIdx[v.Positions[i].Ticker] = i
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

// Position returns one market's position (zero when there is none).
func (v *View) Position(ticker string) Position {
	if i, ok := v.posIdx[ticker]; ok {
		return v.Positions[i]
	}
	return Position{Position: model.Position{Ticker: ticker}}
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

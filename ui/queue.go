package ui

import (
	"context"
	"errors"
	"net/http"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/ladder"
)

// Queue positions of my resting orders: how many contracts rest ahead of
// each at its price.
//
// They live here, in a small tracker of the dashboard's own, not in the
// desk. The desk is trading state: it is fed one ordered stream of private
// events, and its risk checks, locks and P&L depend on nothing else. A
// queue position is an annotation of an order, read from the exchange now
// and then and estimated in between from the public book, which the desk
// never sees; no check depends on it, and losing it loses nothing but a
// figure on the screen.
//
// The exchange is asked (one batch read for every due market) at most
// every queueEvery per open ladder, and only while I have resting orders
// in it. Between answers the feed moves the estimate (estimateQueues):
//
//   - trades at my price (the feed's volume there grew) fill the queue
//     from its front, so they come off what is ahead of me;
//   - when the level's size on my side fell by more than the trades
//     explain, orders were cancelled; I assume they were spread evenly
//     over the queue, so what is ahead of me shrinks by the same share;
//   - growth is new orders, which join behind me and change nothing.
//
// An estimate is drawn with "~" until the exchange answers again.

// QueueReader is the queue-position read a Trader may offer (*api.Client
// and the journal's wrapper do). Without it no queue position is shown.
type QueueReader interface {
	GetQueuePositions(ctx context.Context, q api.QueuePositionsQuery) ([]model.QueuePosition, error)
}

const (
	// queueEvery is the shortest time between two reads for one ladder.
	queueEvery = 2 * time.Second
	// queueBudgetShare: below 1/queueBudgetShare of the read bucket, the
	// reads wait; the budget is for what the trader asked for.
	queueBudgetShare = 4
)

// queueTracker holds the queue positions of my resting orders.
type queueTracker struct {
	orders map[string]*queueEntry // by order id
	asked  map[string]time.Time   // by market: when its last read was sent
	busy   bool                   // a read is in flight
	low    bool                   // reads are paused: the read budget is low
	said   bool                   // the pause was said on the message line
	off    bool                   // the exchange has no queue positions
}

// queueEntry is one order's place and the feed as it stood when the place
// was last known, so the next frame's changes can be applied to it.
type queueEntry struct {
	ticker   string
	side     model.BookSide
	price    model.Price // YES price
	ahead    model.Qty
	estimate bool
	// The feed at the last look: the volume traded at the price, the
	// level's size on the order's side, and my own size in it.
	vol, size, mine model.Qty
}

// queuePositionsMsg answers a read for some markets.
type queuePositionsMsg struct {
	tickers []string
	list    []model.QueuePosition
	err     error
}

// loadQueues reads the queue positions of my resting orders in the given
// markets. It is a read: the limiter meters it in the read bucket at read
// priority, so it never takes a token an order action needs, and it runs
// under the dashboard's context, not the entry generation's.
func loadQueues(ctx context.Context, r QueueReader, tickers []string) tea.Cmd {
	return func() tea.Msg {
		list, err := r.GetQueuePositions(ctx, api.QueuePositionsQuery{MarketTickers: tickers})
		return queuePositionsMsg{tickers: tickers, list: list, err: err}
	}
}

// refreshQueues sends the read for every open ladder that is due: it has
// resting orders and was last read queueEvery ago or more. Below a quarter
// of the read budget it waits, and says so once.
func (m *Model) refreshQueues() tea.Cmd {
	q := &m.queue
	r, ok := m.opts.Trader.(QueueReader)
	if !ok || q.off || q.busy || m.opts.Trader == nil {
		return nil
	}
	v := m.desk.View()
	var due []string
	for _, lp := range m.ladders {
		t := lp.Ticker()
		if !hasResting(v, t) || m.now.Sub(q.asked[t]) < queueEvery {
			continue
		}
		due = append(due, t)
	}
	if len(due) == 0 {
		return nil
	}
	if b := m.budget.Read; m.haveBudg && b.Capacity > 0 && b.Tokens*queueBudgetShare < float64(b.Capacity) {
		q.low = true
		m.sayQueuesPaused()
		return nil
	}
	q.low, q.said = false, false
	if q.asked == nil {
		q.asked = map[string]time.Time{}
	}
	for _, t := range due {
		q.asked[t] = m.now
	}
	q.busy = true
	return loadQueues(m.ctx, r, due)
}

// sayQueuesPaused says once per pause that queue positions are estimates
// only, but never over a warning or an error less than a few seconds old:
// it waits for a quieter moment.
func (m *Model) sayQueuesPaused() {
	q := &m.queue
	if q.said || (m.notice.lvl >= lvlWarn && m.now.Sub(m.notice.at) < 3*time.Second) {
		return
	}
	q.said = true
	m.sayHint(lvlWarn, "queue positions not refreshed: read budget below a quarter", "~ marks the feed's estimates")
}

// hasResting reports whether I have a resting order in a market.
func hasResting(v *desk.View, ticker string) bool {
	for _, o := range v.Orders[:v.Working] {
		if o.Ticker == ticker && o.ID != "" {
			return true
		}
	}
	return false
}

// onQueues takes the exchange's answer: each listed order's place is exact
// again, and the orders of those markets it does not list no longer rest.
func (m *Model) onQueues(msg queuePositionsMsg) {
	q := &m.queue
	q.busy = false
	if msg.err != nil {
		var ae *api.Error
		if errors.Is(msg.err, errors.ErrUnsupported) ||
			errors.As(msg.err, &ae) && (ae.Status == http.StatusNotFound || ae.Status == http.StatusNotImplemented) {
			q.off = true
			m.opts.Logger.Info("the exchange has no queue positions", "err", msg.err)
			return
		}
		m.opts.Logger.Debug("queue positions not read", "err", msg.err)
		return
	}
	v := m.desk.View()
	listed := make(map[string]bool, len(msg.list))
	for _, qp := range msg.list {
		o, ok := v.Order(qp.OrderID)
		if !ok {
			continue // gone since: the desk knows better
		}
		listed[o.ID] = true
		e := m.queueEntry(v, o)
		e.ahead, e.estimate = max(qp.QueuePosition, 0), false
		m.observe(v, e)
	}
	for id, e := range q.orders {
		for _, t := range msg.tickers {
			if e.ticker == t && !listed[id] {
				delete(q.orders, id)
			}
		}
	}
}

// queueEntry is an order's entry, made when first seen: until the exchange
// answers, everyone resting at the price counts as ahead of it.
func (m *Model) queueEntry(v *desk.View, o desk.Order) *queueEntry {
	q := &m.queue
	if q.orders == nil {
		q.orders = map[string]*queueEntry{}
	}
	e := q.orders[o.ID]
	if e == nil || e.price != o.Price || e.side != o.Side {
		// New, or moved (an amend sends it to the back of another queue).
		e = &queueEntry{ticker: o.Ticker, side: o.Side, price: o.Price, estimate: true}
		m.observe(v, e)
		e.ahead = max(e.size-e.mine, 0)
		q.orders[o.ID] = e
	}
	return e
}

// observe records the feed as it stands now at the entry's level.
func (m *Model) observe(v *desk.View, e *queueEntry) {
	e.vol, e.size = levelNow(m.books[e.ticker], e.side, e.price)
	e.mine = mineAt(v, e.ticker, e.side, e.price)
}

// levelNow is the volume traded at a YES price and the size resting on
// one side there, as the feed's latest frame has them.
func levelNow(bv stream.BookView, side model.BookSide, yes model.Price) (vol, size model.Qty) {
	b := bv.Book
	if b == nil {
		return 0, 0
	}
	if i, ok := b.Grid().Index(yes); ok && i < len(bv.Volume) {
		vol = bv.Volume[i]
	}
	if side == model.Ask {
		return vol, b.AskSize(model.YesTerms, yes)
	}
	return vol, b.BidSize(model.YesTerms, yes)
}

// mineAt is my working size on one side at a YES price.
func mineAt(v *desk.View, ticker string, side model.BookSide, yes model.Price) model.Qty {
	ls := v.Mine(ticker)
	if ls == nil {
		return 0
	}
	if side == model.Ask {
		return ls.Asks[yes]
	}
	return ls.Bids[yes]
}

// estimateQueues moves every known place by what the feed's newest frame
// shows at its level (the rule above), makes entries for new resting
// orders and drops those of orders no longer working.
func (m *Model) estimateQueues() {
	q := &m.queue
	v := m.desk.View()
	seen := make(map[string]bool, v.Working)
	for _, o := range v.Orders[:v.Working] {
		if o.ID == "" || m.ladderFor(o.Ticker) == nil {
			continue
		}
		seen[o.ID] = true
		if _, ok := m.books[o.Ticker]; !ok {
			continue
		}
		e := m.queueEntry(v, o)
		vol, size := levelNow(m.books[o.Ticker], e.side, e.price)
		mine := mineAt(v, e.ticker, e.side, e.price)
		ahead := estimateAhead(e.ahead, e.vol, e.size, e.mine, vol, size, mine)
		if ahead != e.ahead {
			e.ahead, e.estimate = ahead, true
		}
		e.vol, e.size, e.mine = vol, size, mine
	}
	for id := range q.orders {
		if !seen[id] {
			delete(q.orders, id)
		}
	}
}

// estimateAhead applies one frame's change at a level to the contracts
// ahead of my order: trades come off the front, cancels come off evenly,
// joins go behind. vol is the volume traded at the price, size the level's
// size on my side (mine included), mine my own size there; "0" values are
// the last look, "1" values now.
func estimateAhead(ahead, vol0, size0, mine0, vol1, size1, mine1 model.Qty) model.Qty {
	traded := vol1 - vol0
	if traded < 0 {
		traded = 0 // the feed's volume started again (a new subscription)
	}
	others0 := max(size0-mine0, 0)
	others1 := max(size1-mine1, 0)
	ahead -= traded
	// Other people's size after the trades, and what left besides.
	left := others0 - min(traded, others0)
	if gone := left - others1; gone > 0 && left > 0 && ahead > 0 {
		ahead -= model.Qty(int64(gone) * int64(ahead) / int64(left))
	}
	return min(max(ahead, 0), others1)
}

// queuesFor is the front-most place of my orders at each of a market's
// prices, for its ladder (nil when none is known).
func (m *Model) queuesFor(ticker string) *ladder.Queues {
	var out *ladder.Queues
	for _, e := range m.queue.orders {
		if e.ticker != ticker {
			continue
		}
		if out == nil {
			out = &ladder.Queues{Bids: map[model.Price]ladder.QueueMark{}, Asks: map[model.Price]ladder.QueueMark{}}
		}
		marks := out.Bids
		if e.side == model.Ask {
			marks = out.Asks
		}
		if old, ok := marks[e.price]; !ok || e.ahead < old.Ahead {
			marks[e.price] = ladder.QueueMark{Ahead: e.ahead, Estimate: e.estimate}
		}
	}
	return out
}

// queueOf is one order's place, for the orders pane.
func (m *Model) queueOf(id string) (ahead model.Qty, estimate, ok bool) {
	e := m.queue.orders[id]
	if e == nil {
		return 0, false, false
	}
	return e.ahead, e.estimate, true
}

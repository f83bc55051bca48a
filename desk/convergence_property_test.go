package desk

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"ladder/model"
)

// The property: whatever order the desk hears things in — the ordered
// feed (with outages that lose events), the resting-orders snapshots the
// stream fetches after each reconnect (served some time after they were
// requested, and followed by the newest update of every order that
// changed meanwhile), stale per-market lookups of every order, and the
// answers to my own creates arriving before or after the feed's word — it
// ends up with exactly the exchange's resting orders.
//
// One modelling assumption: a REST answer (a create's answer, a market
// lookup) does not straddle a reconnect's reconciliation that knows more
// than it: an answer describing the exchange before an outage arrives
// before the reconciliation after it. An answer that outlives a whole
// outage and its reconciliation can show an order that ended during the
// outage as working, until its cancel says "already gone" (the desk
// prefers that to hiding an order that rests; see Acknowledge and
// ApplyRestingOrders). Within that, answers may be arbitrarily stale
// against the feed.

// exEvent is one change of one order on the exchange.
type exEvent struct {
	at    int64 // exchange time, ms
	state model.Order
}

// world is the exchange's history of my orders.
type world struct {
	events []exEvent
}

// stateAt is every order's latest state after event i (inclusive).
func (w *world) stateAt(i int) map[string]model.Order {
	out := map[string]model.Order{}
	for _, e := range w.events[:i+1] {
		out[e.state.OrderID] = e.state
	}
	return out
}

func genWorld(r *rand.Rand, orders int) world {
	type life struct {
		id    string
		steps []model.Order
	}
	var lives []life
	for i := range orders {
		id := fmt.Sprintf("O%d", i)
		qty := c(int64(1 + r.IntN(20)))
		price := model.Price(10+r.IntN(80)) * model.Cent
		side := model.Bid
		if r.IntN(2) == 0 {
			side = model.Ask
		}
		o := model.Order{OrderID: id, ClientOrderID: "c-" + id, Ticker: mkt, BookSide: side, YesPrice: price,
			Status: model.Resting, RemainingCount: qty, InitialCount: qty}
		l := life{id: id, steps: []model.Order{o}}
		for range r.IntN(4) {
			switch r.IntN(2) {
			case 0: // amend the price
				o.YesPrice = model.Price(10+r.IntN(80)) * model.Cent
			default: // partial fill
				if o.RemainingCount > model.Contract {
					f := model.Contract * model.Qty(1+r.IntN(int(o.RemainingCount/model.Contract-1)))
					o.RemainingCount -= f
					o.FillCount += f
				}
			}
			l.steps = append(l.steps, o)
		}
		switch r.IntN(3) {
		case 0:
			o.Status, o.RemainingCount = model.Canceled, 0
			l.steps = append(l.steps, o)
		case 1:
			o.Status, o.FillCount, o.RemainingCount = model.Executed, o.FillCount+o.RemainingCount, 0
			l.steps = append(l.steps, o)
		}
		lives = append(lives, l)
	}
	var w world
	at := int64(1000)
	created := map[string]time.Time{}
	for len(lives) > 0 {
		i := r.IntN(len(lives))
		at += int64(1 + r.IntN(3))
		s := lives[i].steps[0]
		if _, ok := created[s.OrderID]; !ok {
			created[s.OrderID] = time.UnixMilli(at)
		}
		ct, ut := created[s.OrderID], time.UnixMilli(at)
		s.CreatedTime, s.LastUpdateTime = &ct, &ut
		w.events = append(w.events, exEvent{at: at, state: s})
		lives[i].steps = lives[i].steps[1:]
		if len(lives[i].steps) == 0 {
			lives = append(lives[:i], lives[i+1:]...)
		}
	}
	return w
}

func userOrderOf(o model.Order) model.UserOrderMsg {
	return model.UserOrderMsg{
		OrderID: o.OrderID, ClientOrderID: o.ClientOrderID, Ticker: o.Ticker, Status: o.Status, BookSide: o.BookSide,
		YesPrice: o.YesPrice, FillCount: o.FillCount, RemainingCount: o.RemainingCount, InitialCount: o.InitialCount,
		CreatedTsMs: o.CreatedTime.UnixMilli(), LastUpdatedTsMs: o.LastUpdateTime.UnixMilli(),
	}
}

// delivery is one thing the desk hears, at a position in the schedule.
type delivery struct {
	pos  float64
	seq  int
	name string
	do   func(d *Desk)
}

func TestPropertyOrdersConvergeToTheExchange(t *testing.T) {
	runs := 3000
	if testing.Short() {
		runs = 300
	}
	for seed := range uint64(runs) {
		r := rand.New(rand.NewPCG(seed, 0x5eed))
		w := genWorld(r, 1+r.IntN(7))
		n := len(w.events)
		var sched []delivery
		add := func(pos float64, name string, do func(d *Desk)) {
			sched = append(sched, delivery{pos: pos, seq: len(sched), name: name, do: do})
		}

		// Outages: ranges of feed events that are lost, each followed by
		// a reconnect and a resting-orders snapshot with its replay.
		lost := make([]bool, n)
		type outage struct{ from, to int }
		var outages []outage
		for next := 0; next < n && len(outages) < 2; {
			if r.IntN(3) != 0 {
				break
			}
			from := next + r.IntN(max(n-next, 1))
			to := min(from+r.IntN(4), n-1)
			outages = append(outages, outage{from, to})
			for i := from; i <= to; i++ {
				lost[i] = true
			}
			next = to + 3
		}
		reconcileAt := map[int]float64{} // outage index → when its snapshot is delivered
		// nextReconcile is the delivery position of the first reconnect
		// snapshot that knows event i (served at or after it; n when none).
		type recon struct {
			served int
			pos    float64
		}
		var recons []recon
		nextReconcile := func(i int) float64 {
			best := float64(n)
			for _, rc := range recons {
				if rc.served >= i && rc.pos < best {
					best = rc.pos
				}
			}
			return best
		}
		for i := range n {
			if lost[i] {
				continue
			}
			u := userOrderOf(w.events[i].state)
			add(float64(i), "feed "+u.OrderID+" "+string(u.Status), func(d *Desk) { d.ApplyOrder(u) })
		}
		snapshot := func(req, served, deliveredAfter int, name string) float64 {
			state := w.stateAt(served)
			var list []model.Order
			for _, o := range state {
				if o.Status == model.Resting {
					list = append(list, o)
				}
			}
			slices.SortFunc(list, func(a, b model.Order) int { return a.CreatedTime.Compare(*b.CreatedTime) })
			// The stream's replay: the newest update of each order the
			// feed delivered while the snapshot was fetched.
			newest := map[string]model.UserOrderMsg{}
			var keys []string
			for i := req + 1; i <= deliveredAfter; i++ {
				if lost[i] {
					continue
				}
				id := w.events[i].state.OrderID
				if _, ok := newest[id]; !ok {
					keys = append(keys, id)
				}
				newest[id] = userOrderOf(w.events[i].state)
			}
			pos := float64(deliveredAfter) + 0.5
			add(pos, fmt.Sprintf("%s (req %d, served %d)", name, req, served), func(d *Desk) {
				d.ApplyRestingOrders(list)
				for _, k := range keys {
					d.ApplyOrder(newest[k])
				}
			})
			return pos
		}
		for oi, o := range outages {
			add(float64(o.from)-0.2, "feed lost", func(d *Desk) { d.SetFeedConnected(false) })
			add(float64(o.to)+0.2, "feed back", func(d *Desk) { d.SetFeedConnected(true) })
			limit := n - 1
			if oi+1 < len(outages) {
				limit = outages[oi+1].from - 1
			}
			req := min(o.to+r.IntN(2), limit)
			served := min(req+r.IntN(3), limit)
			delivered := min(served+r.IntN(3), limit)
			if req < o.to {
				req = o.to
			}
			reconcileAt[oi] = snapshot(req, max(served, req), max(delivered, served, req), "reconnect snapshot")
			recons = append(recons, recon{served: max(served, req), pos: reconcileAt[oi]})
		}
		// Stale lookups of every order of the market, served at one time
		// and delivered later (no replay).
		for range r.IntN(3) {
			served := r.IntN(n)
			delivered := served + r.IntN(n-served)
			if lim := nextReconcile(served + 1); float64(delivered)+0.3 > lim {
				delivered = int(lim - 1)
				if delivered < served {
					continue
				}
			}
			state := w.stateAt(served)
			var list []model.Order
			for _, o := range state {
				list = append(list, o)
			}
			add(float64(delivered)+0.3, fmt.Sprintf("lookup (served %d)", served), func(d *Desk) { d.ApplyOrderLookup(mkt, list) })
		}
		// Every create is reserved before the exchange sees it; its answer
		// comes any time after the exchange took it, but before the
		// reconciliation that follows the reconnect after its end.
		end := map[string]int{}
		first := map[string]int{}
		for i, e := range w.events {
			id := e.state.OrderID
			if _, ok := first[id]; !ok {
				first[id] = i
			}
			if e.state.Status != model.Resting {
				end[id] = i
			}
		}
		for id, fi := range first {
			o := w.events[fi].state
			req := model.CreateOrderRequest{Ticker: mkt, ClientOrderID: o.ClientOrderID, Side: o.BookSide,
				Count: o.RemainingCount, Price: o.YesPrice, TimeInForce: model.GTC, STP: model.STPTakerAtCross}
			add(-1, "reserve "+id, func(d *Desk) {
				if _, err := d.Reserve(req, Market{}, ReserveOptions{}); err != nil {
					t.Fatalf("seed %d: reserve %s: %v", seed, id, err)
				}
			})
			latest := float64(n)
			if ei, ended := end[id]; ended {
				latest = nextReconcile(ei)
			}
			at := float64(fi) + r.Float64()*(latest-float64(fi))
			resp := model.CreateOrderResponse{OrderID: id, ClientOrderID: o.ClientOrderID, RemainingCount: o.RemainingCount,
				TsMs: o.CreatedTime.UnixMilli()}
			add(at-0.01, "ack "+id, func(d *Desk) { d.Acknowledge(o.ClientOrderID, resp) })
		}
		slices.SortStableFunc(sched, func(a, b delivery) int {
			switch {
			case a.pos < b.pos:
				return -1
			case a.pos > b.pos:
				return 1
			}
			return a.seq - b.seq
		})

		d := newTestDesk(Limits{})
		d.SetFeedConnected(true)
		var trace []string
		for _, s := range sched {
			trace = append(trace, fmt.Sprintf("%6.2f %s", s.pos, s.name))
			s.do(d)
		}
		want := map[string]model.Order{}
		for id, o := range w.stateAt(n - 1) {
			if o.Status == model.Resting {
				want[id] = o
			}
		}
		got := working(d)
		ok := len(got) == len(want) && len(d.View().InFlight()) == 0
		for id, o := range want {
			g, in := got[id]
			if !in || g.Price != o.YesPrice || g.Remaining != o.RemainingCount || g.Filled != o.FillCount || g.Unconfirmed {
				ok = false
			}
		}
		if !ok {
			t.Fatalf("seed %d: desk %v\nexchange %v\nin flight %v\nschedule:\n%s", seed, describe(got), describeEx(want),
				d.View().InFlight(), joinLines(trace))
		}
	}
}

func describe(m map[string]Order) string {
	var s []string
	for id, o := range m {
		s = append(s, fmt.Sprintf("%s:%s@%s f%s", id, o.Remaining.Short(), o.Price.Cents(), o.Filled.Short()))
	}
	slices.Sort(s)
	return fmt.Sprint(s)
}

func describeEx(m map[string]model.Order) string {
	var s []string
	for id, o := range m {
		s = append(s, fmt.Sprintf("%s:%s@%s f%s", id, o.RemainingCount.Short(), o.YesPrice.Cents(), o.FillCount.Short()))
	}
	slices.Sort(s)
	return fmt.Sprint(s)
}

func joinLines(l []string) string {
	out := ""
	for _, s := range l {
		out += s + "\n"
	}
	return out
}

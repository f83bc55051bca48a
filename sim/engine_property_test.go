package sim

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"ladder/model"
)

// randomSession drives an engine with a seeded random mix of every order
// operation from a few accounts on markets of every grid, checking the
// invariants after each step. It returns the engine and the events it saw.
func randomSession(t *testing.T, seed uint64, steps int) (*Engine, []Event) {
	t.Helper()
	clock := newEngClock()
	e := NewEngine(EngineConfig{Seed: int64(seed), TakerFee: model.DefaultTakerFee, MakerFee: 100, Now: clock.Now})
	var events []Event
	e.SetSink(func(ev Event) { events = append(events, ev) })
	accts := []AccountID{"p0", "p1", "p2", "p3"}
	for i, a := range accts {
		e.CreateAccount(a, model.Money(200+i*300)*model.Dollar)
	}
	tickers := []string{mktGame, mktFed, mktHigh, mktInx}
	rng := rand.New(rand.NewPCG(seed, 99))
	var ids []struct {
		acct AccountID
		id   string
	}
	price := func(tk string) model.Price {
		g := e.markets[tk].grid                 // immutable; no lock needed
		p := model.Price(4000 + rng.IntN(2001)) // around the middle, so orders cross often
		if rng.IntN(10) == 0 {
			p = model.Price(1 + rng.IntN(9999))
		}
		s, _ := g.Snap(p, model.Nearest)
		if rng.IntN(25) == 0 {
			s++ // occasionally off the grid
		}
		return s
	}
	randReq := func() model.CreateOrderRequest {
		tk := tickers[rng.IntN(len(tickers))]
		r := model.CreateOrderRequest{
			Ticker: tk, Side: model.Bid, Price: price(tk),
			Count:       model.Qty(1+rng.IntN(20)) * model.Contract,
			TimeInForce: model.GTC, STP: model.STPTakerAtCross,
		}
		if rng.IntN(2) == 0 {
			r.Side = model.Ask
		}
		if rng.IntN(5) == 0 {
			r.Count = model.Qty(1 + rng.IntN(999)) // fractional sizes
		}
		switch rng.IntN(10) {
		case 0, 1:
			r.TimeInForce = model.IOC
		case 2:
			r.TimeInForce = model.FOK
		}
		if rng.IntN(2) == 0 {
			r.STP = model.STPMaker
		}
		if rng.IntN(10) == 0 && r.TimeInForce == model.GTC {
			r.PostOnly = true
		}
		if rng.IntN(8) == 0 {
			r.ReduceOnly = true
		}
		if rng.IntN(10) == 0 && r.TimeInForce == model.GTC {
			r.ExpirationTime = clock.Now().Unix() + int64(1+rng.IntN(30))
		}
		if rng.IntN(4) == 0 {
			r.ClientOrderID = fmt.Sprintf("c%d", rng.IntN(40)) // collisions exercise the 409 path
		}
		return r
	}
	groups := map[AccountID]string{}
	for _, a := range accts[:2] {
		g, _ := e.CreateOrderGroup(a, model.Contracts(int64(20+rng.IntN(40))))
		groups[a] = g
	}
	for step := range steps {
		acct := accts[rng.IntN(len(accts))]
		pick := func() string {
			if len(ids) == 0 {
				return "missing"
			}
			return ids[rng.IntN(len(ids))].id // often another account's: a 404
		}
		switch r := rng.IntN(100); {
		case r < 60:
			req := randReq()
			if g, ok := groups[acct]; ok && rng.IntN(3) == 0 {
				req.OrderGroupID = g
			}
			if resp, err := e.CreateOrder(acct, req); err == nil {
				ids = append(ids, struct {
					acct AccountID
					id   string
				}{acct, resp.OrderID})
			}
		case r < 70:
			_, _ = e.CancelOrder(acct, pick())
		case r < 80:
			req := randReq()
			_, _ = e.AmendOrder(acct, pick(), model.AmendOrderRequest{Price: req.Price, Count: req.Count})
		case r < 85:
			by := model.Qty(1 + rng.IntN(800))
			_, _ = e.DecreaseOrder(acct, pick(), model.DecreaseOrderRequest{ReduceBy: &by})
		case r < 90:
			e.BatchCreate(acct, []model.CreateOrderRequest{randReq(), randReq(), randReq()})
		case r < 92:
			e.BatchCancel(acct, []model.BatchCancelOrder{{OrderID: pick()}, {OrderID: pick()}})
		case r < 93:
			e.CancelAll(acct)
		case r < 95:
			if g, ok := groups[acct]; ok {
				if rng.IntN(2) == 0 {
					_ = e.TriggerOrderGroup(acct, g)
				} else {
					_ = e.ResetOrderGroup(acct, g)
				}
			}
		default:
			e.Tick(clock.Advance(time.Duration(1+rng.IntN(5)) * time.Second))
		}
		engCheck(t, e, step%20 == 0 || step == steps-1)
		if t.Failed() {
			t.Fatalf("invariant broken at step %d", step)
		}
	}
	return e, events
}

func TestEnginePropertiesRandomised(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 42} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			e, events := randomSession(t, seed, 3000)
			checkFillsAndTrades(t, e, events)
			checkDeltasRebuildBooks(t, e, events)
		})
	}
}

// checkFillsAndTrades: every trade has exactly one maker fill and one taker
// fill from different accounts, with equal counts (contracts bought equal
// contracts sold), and each fill appears exactly once in its owner's
// Fills.
func checkFillsAndTrades(t *testing.T, e *Engine, events []Event) {
	t.Helper()
	type pair struct{ maker, taker int }
	byTrade := map[string]*pair{}
	trades := 0
	var bought, sold model.Qty
	for _, ev := range events {
		switch ev.Kind {
		case EvTrade:
			trades++
			byTrade[ev.Trade.TradeID] = &pair{}
		case EvFill:
			p := byTrade[ev.Fill.TradeID]
			if p == nil {
				t.Fatalf("fill before its trade: %+v", ev.Fill)
			}
			if ev.Fill.IsTaker {
				p.taker++
			} else {
				p.maker++
			}
			if ev.Fill.BookSide == model.Bid {
				bought += ev.Fill.Count
			} else {
				sold += ev.Fill.Count
			}
		}
	}
	if trades == 0 {
		t.Fatal("no trades: the session is too tame to test anything")
	}
	for id, p := range byTrade {
		if p.maker != 1 || p.taker != 1 {
			t.Fatalf("trade %s has %d maker and %d taker fills", id, p.maker, p.taker)
		}
	}
	if bought != sold {
		t.Fatalf("YES-side fills %s != NO-side fills %s", bought, sold)
	}
	e.mu.Lock()
	ids := make([]AccountID, 0, len(e.accounts))
	for id := range e.accounts {
		ids = append(ids, id)
	}
	e.mu.Unlock()
	seen := map[model.FillKey]AccountID{}
	total := 0
	for _, id := range ids {
		for _, f := range e.Fills(id, FillFilter{}) {
			k := f.Key()
			if other, dup := seen[k]; dup {
				t.Fatalf("fill %v listed for %s and %s", k, other, id)
			}
			seen[k] = id
			total++
		}
	}
	if total != 2*trades {
		t.Fatalf("%d fills listed for %d trades", total, trades)
	}
	for _, ev := range events {
		if ev.Kind == EvFill {
			if owner, ok := seen[ev.Fill.Key()]; !ok || owner != ev.Account {
				t.Fatalf("published fill %v belongs to %s, listed for %q", ev.Fill.Key(), ev.Account, owner)
			}
		}
	}
}

// checkDeltasRebuildBooks replays every published delta into fresh books:
// no level ever goes below zero and the result equals the engine's books.
func checkDeltasRebuildBooks(t *testing.T, e *Engine, events []Event) {
	t.Helper()
	books := map[string]*model.OrderBook{}
	for _, ev := range events {
		if ev.Kind != EvBookDelta {
			continue
		}
		b := books[ev.Ticker]
		if b == nil {
			m, _ := e.Market(ev.Ticker)
			g, _ := m.Grid()
			b = model.NewOrderBook(ev.Ticker, g, model.BookOptions{})
			books[ev.Ticker] = b
		}
		side, _ := model.ParseSide(ev.Delta.Side)
		if err := b.ApplyDelta(side, ev.Delta.Price, ev.Delta.Delta); err != nil {
			t.Fatalf("delta %+v: %v", ev.Delta, err)
		}
	}
	for tk, b := range books {
		ob, _ := e.Orderbook(tk, 0)
		if got := b.Levels(model.Yes, nil); !reflect.DeepEqual(got, ob.Yes) && (len(got) > 0 || len(ob.Yes) > 0) {
			t.Fatalf("%s YES replay %v, engine %v", tk, got, ob.Yes)
		}
		if got := b.Levels(model.No, nil); !reflect.DeepEqual(got, ob.No) && (len(got) > 0 || len(ob.No) > 0) {
			t.Fatalf("%s NO replay %v, engine %v", tk, got, ob.No)
		}
	}
}

func TestEngineDeterminism(t *testing.T) {
	e1, ev1 := randomSession(t, 77, 1500)
	e2, ev2 := randomSession(t, 77, 1500)
	if len(ev1) != len(ev2) || !reflect.DeepEqual(ev1, ev2) {
		t.Fatalf("same seed, different event streams (%d vs %d events)", len(ev1), len(ev2))
	}
	for _, a := range []AccountID{"p0", "p1", "p2", "p3"} {
		f1, f2 := e1.Fills(a, FillFilter{}), e2.Fills(a, FillFilter{})
		if len(f1) == 0 && a == "p3" {
			t.Fatalf("%s has no fills", a)
		}
		if !reflect.DeepEqual(f1, f2) {
			t.Fatalf("%s: fills differ", a)
		}
		if !reflect.DeepEqual(e1.Orders(a, OrderFilter{}), e2.Orders(a, OrderFilter{})) {
			t.Fatalf("%s: orders differ", a)
		}
	}
	_, ev3 := randomSession(t, 78, 1500)
	if reflect.DeepEqual(ev1, ev3) {
		t.Fatal("different seeds gave identical sessions")
	}
}

package sim

import (
	"errors"
	"sync"
	"testing"
	"time"

	"ladder/model"
)

// engClock is a settable clock for engine tests.
type engClock struct {
	mu sync.Mutex
	t  time.Time
}

func newEngClock() *engClock {
	return &engClock{t: time.Date(2026, time.November, 28, 15, 0, 0, 0, time.UTC)}
}

func (c *engClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *engClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// engFixture is an engine on a fake clock with a recording sink.
type engFixture struct {
	t      *testing.T
	e      *Engine
	clock  *engClock
	events []Event
}

const (
	engAlice AccountID = "alice"
	engBob   AccountID = "bob"
	engCarol AccountID = "carol"
)

// Markets on each grid used throughout the tests.
const (
	mktGame = "KXNBAGAME-26NOV28LALBOS-LAL" // linear_cent
	mktFed  = "KXFED-26DEC-T3.75"           // deci_cent
	mktHigh = "KXHIGHNY-26NOV28-B47.5"      // tapered_deci_cent
	mktInx  = "KXINXU-26NOV28H1600-B6787"   // center_deci_edge_centi_cent
)

func newEngFixture(t *testing.T, takerFee model.FeeRate) *engFixture {
	t.Helper()
	f := &engFixture{t: t, clock: newEngClock()}
	f.e = NewEngine(EngineConfig{Seed: 7, TakerFee: takerFee, Now: f.clock.Now})
	f.e.SetSink(func(ev Event) { f.events = append(f.events, ev) })
	for _, id := range []AccountID{engAlice, engBob, engCarol} {
		f.e.CreateAccount(id, 1000*model.Dollar)
	}
	return f
}

// order builds a GTC V2 request.
func engGTC(ticker string, side model.BookSide, price string, count int64) model.CreateOrderRequest {
	return model.CreateOrderRequest{
		Ticker: ticker, Side: side, Price: model.MustPrice(price), Count: model.Contracts(count),
		TimeInForce: model.GTC, STP: model.STPTakerAtCross,
	}
}

func (f *engFixture) create(acct AccountID, req model.CreateOrderRequest) model.CreateOrderResponse {
	f.t.Helper()
	resp, err := f.e.CreateOrder(acct, req)
	if err != nil {
		f.t.Fatalf("create %+v: %v", req, err)
	}
	f.check()
	return resp
}

// createErr expects a rejection with the given status and code.
func (f *engFixture) createErr(acct AccountID, req model.CreateOrderRequest, status int, code string) *APIError {
	f.t.Helper()
	_, err := f.e.CreateOrder(acct, req)
	return engExpectErr(f.t, err, status, code)
}

func engExpectErr(t *testing.T, err error, status int, code string) *APIError {
	t.Helper()
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want *APIError %d %s, got %v", status, code, err)
	}
	if ae.Status != status || ae.Code != code {
		t.Fatalf("want %d %s, got %d %s (%s)", status, code, ae.Status, ae.Code, ae.Details)
	}
	return ae
}

func (f *engFixture) order(acct AccountID, id string) model.Order {
	f.t.Helper()
	o, err := f.e.Order(acct, id)
	if err != nil {
		f.t.Fatalf("order %s: %v", id, err)
	}
	return o
}

func (f *engFixture) check() {
	f.t.Helper()
	engCheckInvariants(f.t, f.e)
}

// kinds filters recorded events by kind.
func (f *engFixture) kinds(k EventKind) []Event {
	var out []Event
	for _, ev := range f.events {
		if ev.Kind == k {
			out = append(out, ev)
		}
	}
	return out
}

// engCheckInvariants verifies the ledger and every book:
//   - Σ cash + Σ fees + $1 × open interest = Σ deposits (money is conserved);
//   - per market, Σ positions = 0 and open interest = Σ long positions;
//   - each level's aggregate equals its queue, no level is negative, and
//     the book is not crossed (best YES bid + best NO bid < $1);
//   - per subaccount, reserved cash equals the reservations of its open
//     orders and available cash is not negative.
func engCheckInvariants(t *testing.T, e *Engine) {
	t.Helper()
	engCheck(t, e, true)
}

// engCheck is engCheckInvariants; with full false it skips the per-order
// checks (reservations, queue links, level sums), which cost O(orders).
func engCheck(t *testing.T, e *Engine, full bool) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	var cash model.Money
	netPos := map[string]model.Qty{}
	longs := map[string]model.Qty{}
	for _, a := range e.accounts {
		reserved := map[*ledger]model.Money{}
		for _, o := range a.orders {
			if !full {
				break
			}
			if o.open() {
				if !o.onBook {
					t.Fatalf("open order %s is not on the book", o.id)
				}
				reserved[o.led] += o.reserved
				if o.led != a.subs[o.subaccount] {
					t.Fatalf("order %s trades subaccount %d's ledger", o.id, o.subaccount)
				}
				if o.reserved != e.reservation(o.price, o.remaining) {
					t.Fatalf("order %s reserves %s, want %s", o.id, o.reserved, e.reservation(o.price, o.remaining))
				}
			} else if o.reserved != 0 || o.onBook {
				t.Fatalf("finished order %s still reserves %s (onBook %v)", o.id, o.reserved, o.onBook)
			}
		}
		for _, l := range a.ledgers() {
			cash += l.cash
			if full && reserved[l] != l.reserved {
				t.Fatalf("account %s/%d reserved %s, orders hold %s", a.id, l.num, l.reserved, reserved[l])
			}
			if l.available() < 0 {
				t.Fatalf("account %s/%d available %s < 0", a.id, l.num, l.available())
			}
			for tk, p := range l.positions {
				netPos[tk] += p.Size
				longs[tk] += max(p.Size, 0)
			}
		}
	}
	// Each level's aggregate must equal the open orders queued there.
	type key struct {
		m     *market
		side  model.Side
		price model.Price
	}
	levels := map[key]model.Qty{}
	totals := map[*market]*[2]model.Qty{}
	for _, a := range e.accounts {
		for _, o := range a.orders {
			if !full || !o.open() {
				continue
			}
			m := o.mkt
			if o.remaining <= 0 {
				t.Fatalf("%s: order %s on the book with remaining %s", m.info.Ticker, o.id, o.remaining)
			}
			if (o.prev == nil) != (m.book.head(o.outcome, o.price) == o) || (o.next != nil && o.next.prev != o) {
				t.Fatalf("%s: order %s badly linked", m.info.Ticker, o.id)
			}
			levels[key{m, o.outcome, o.price}] += o.remaining
			if totals[m] == nil {
				totals[m] = new([2]model.Qty)
			}
			totals[m][o.outcome] += o.remaining
		}
	}
	for k, sum := range levels {
		if got := k.m.book.agg.SideSize(k.side, k.price); got != sum {
			t.Fatalf("%s %s %s: aggregate %s, orders %s", k.m.info.Ticker, k.side, k.price, got, sum)
		}
	}
	var oi model.Money
	for tk, m := range e.markets {
		if netPos[tk] != 0 {
			t.Fatalf("%s: positions sum to %s, want 0", tk, netPos[tk])
		}
		if m.openInterest != longs[tk] {
			t.Fatalf("%s: open interest %s, longs %s", tk, m.openInterest, longs[tk])
		}
		oi += model.Notional(model.OneDollar, m.openInterest)
		want := totals[m]
		if want == nil {
			want = new([2]model.Qty)
		}
		if y, n := m.book.agg.Totals(); full && (y != want[model.Yes] || n != want[model.No]) {
			t.Fatalf("%s: book totals %s/%s, orders %s/%s", tk, y, n, want[model.Yes], want[model.No])
		}
		y, okY := m.book.best(model.Yes)
		n, okN := m.book.best(model.No)
		if okY && okN && y.Price+n.Price >= model.OneDollar {
			t.Fatalf("%s: crossed book, YES %s + NO %s", tk, y.Price, n.Price)
		}
	}
	if got := cash + e.feesCollected + oi; got != e.deposits {
		t.Fatalf("money not conserved: cash %s + fees %s + OI %s = %s, deposits %s", cash, e.feesCollected, oi, got, e.deposits)
	}
}

func TestEngineCatalogue(t *testing.T) {
	f := newEngFixture(t, 0)
	ms := f.e.Markets()
	if len(ms) < 12 {
		t.Fatalf("only %d markets", len(ms))
	}
	grids := map[string]bool{}
	initialized := 0
	for _, m := range ms {
		grids[m.PriceLevelStructure] = true
		if m.MarketType != "binary" || m.Title == "" || m.YesSubTitle == "" || m.RulesPrimary == "" || m.EventTicker == "" {
			t.Errorf("%s: incomplete market %+v", m.Ticker, m)
		}
		if _, err := m.Grid(); err != nil {
			t.Errorf("%s: %v", m.Ticker, err)
		}
		g, _ := m.Grid()
		if !g.Symmetric() {
			t.Errorf("%s: grid not symmetric", m.Ticker)
		}
		if m.Status == "initialized" {
			initialized++
		}
		if m.YesAsk != model.OneDollar || m.YesBid != 0 {
			t.Errorf("%s: empty book should read bid 0 ask 1, got %s/%s", m.Ticker, m.YesBid, m.YesAsk)
		}
	}
	for _, g := range []string{gridLinearCent, gridDeciCent, gridTaperedDeciCent, gridCenterDeciEdge} {
		if !grids[g] {
			t.Errorf("no market on grid %s", g)
		}
	}
	if initialized == 0 {
		t.Errorf("no upcoming (initialized) market")
	}
	for _, tk := range []string{mktGame, mktFed, mktHigh, mktInx} {
		if _, ok := f.e.Market(tk); !ok {
			t.Errorf("market %s missing", tk)
		}
	}
	if evs := f.e.Events(); len(evs) < 4 {
		t.Errorf("only %d events", len(evs))
	}
	if s := f.e.Series(); len(s) < 4 {
		t.Errorf("only %d series", len(s))
	}
}

package desk

import (
	"strings"
	"testing"

	"ladder/model"
)

func fill(trade, order string, side model.BookSide, qty int64, price string, post int64) model.FillMsg {
	return model.FillMsg{TradeID: trade, OrderID: order, MarketTicker: mkt, BookSide: side, Count: c(qty),
		YesPrice: px(price), FeeCost: 100, PostPosition: c(post), TsMs: 1000}
}

func position(d *Desk) Position { return d.View().Position(mkt) }

// TestSettlementAddsPayoutToRealizedPnL is defect 3: after the 15-minute
// market resolved YES on a 2-contract long, cash rose by $2.00 but the
// account showed realized $0.00: the positions reload after the
// settlement no longer listed the market, and its P&L went with it.
func TestSettlementAddsPayoutToRealizedPnL(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps func(d *Desk)
	}{
		{"the exchange books it, then the list forgets the market", func(d *Desk) {
			d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: 0, RealizedPnL: 80 * model.MoneyPerCent, FeesPaid: 200})
			d.ApplyLifecycle(model.LifecycleMsg{MarketTicker: mkt, EventType: "settled", Result: "yes"})
			d.ApplyPositions(nil)
		}},
		{"only the lifecycle event says it", func(d *Desk) {
			d.ApplyLifecycle(model.LifecycleMsg{MarketTicker: mkt, EventType: "settled", Result: "yes"})
			d.ApplyPositions(nil)
		}},
		{"the list forgets it first, the settlement record pays it", func(d *Desk) {
			d.ApplyPositions(nil)
			d.ConfirmSettlement(Settlement{Ticker: mkt, Result: "yes", Revenue: 2 * model.Dollar})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newTestDesk(Limits{})
			d.ApplyPositions(nil) // the session starts flat
			mustApplyFill(t, d, fill("t1", "A", model.Bid, 2, "0.60", 2))
			if p := position(d); p.Size != c(2) || p.Cost != 120*model.MoneyPerCent {
				t.Fatalf("after the fill %+v", p)
			}
			tc.steps(d)
			p := position(d)
			if p.Size != 0 || p.Realized != 80*model.MoneyPerCent {
				t.Fatalf("after settlement: size %s realized %s, want flat and +$0.80", p.Size, p.Realized.Dollars())
			}
			if pnl, _ := d.SessionPnL(); pnl != 80*model.MoneyPerCent-p.Fees {
				t.Fatalf("session P&L %s, want +$0.80 less fees %s", pnl.Dollars(), p.Fees.Dollars())
			}
			// A confirmation that agrees changes nothing.
			d.ConfirmSettlement(Settlement{Ticker: mkt, Result: "yes", Revenue: 2 * model.Dollar})
			if position(d).Realized != 80*model.MoneyPerCent {
				t.Fatalf("confirmation moved realized to %s", position(d).Realized.Dollars())
			}
		})
	}
}

func mustApplyFill(t *testing.T, d *Desk, f model.FillMsg) {
	t.Helper()
	fresh, err := d.ApplyFill(f, false)
	if err != nil || !fresh {
		t.Fatalf("fill %s: %v %v", f.TradeID, fresh, err)
	}
}

func TestSettlementOfAShortPaysTheNoSide(t *testing.T) {
	d := newTestDesk(Limits{})
	// Short 3 YES (long 3 NO) bought at 30¢ NO: YES-terms cost −$2.10.
	mustApplyFill(t, d, fill("t1", "A", model.Ask, 3, "0.70", -3))
	d.ApplyLifecycle(model.LifecycleMsg{MarketTicker: mkt, EventType: "settled", Result: "no"})
	// NO pays $3.00 for contracts that cost $0.90: +$2.10.
	if p := position(d); p.Size != 0 || p.Realized != 210*model.MoneyPerCent || !p.Settled {
		t.Fatalf("%+v", p)
	}
	d.ConfirmSettlement(Settlement{Ticker: mkt, Result: "no", Revenue: 3 * model.Dollar})
	if p := position(d); p.Realized != 210*model.MoneyPerCent {
		t.Fatalf("confirmed realized %s", p.Realized.Dollars())
	}
	// A record that differs corrects the payout.
	d2 := newTestDesk(Limits{})
	mustApplyFill(t, d2, fill("t1", "A", model.Ask, 3, "0.70", -3))
	d2.ApplyLifecycle(model.LifecycleMsg{MarketTicker: mkt, EventType: "settled", Result: "no"})
	d2.ConfirmSettlement(Settlement{Ticker: mkt, Result: "no", Revenue: 290 * model.MoneyPerCent})
	if p := position(d2); p.Realized != 200*model.MoneyPerCent {
		t.Fatalf("corrected realized %s", p.Realized.Dollars())
	}
}

func TestFillsAreCountedOnce(t *testing.T) {
	d := newTestDesk(Limits{})
	// The fill arrives before its market_position: it moves the position.
	mustApplyFill(t, d, fill("t1", "A", model.Bid, 5, "0.50", 5))
	hold(d, 5, "2.50")
	if p := position(d); p.Size != c(5) {
		t.Fatalf("size %s", p.Size)
	}
	// A fill after its market_position leaves the position alone.
	hold(d, 8, "4.00")
	mustApplyFill(t, d, fill("t2", "A", model.Bid, 3, "0.50", 8))
	if p := position(d); p.Size != c(8) {
		t.Fatalf("fill counted twice: %s", p.Size)
	}
	if fresh, _ := d.ApplyFill(fill("t2", "A", model.Bid, 3, "0.50", 8), false); fresh {
		t.Fatal("duplicate taken")
	}
	if n := len(d.View().Fills); n != 2 {
		t.Fatalf("listed %d fills", n)
	}
	// History from before the session is listed, never applied.
	d.AddFillHistory([]model.Fill{{TradeID: "old", OrderID: "Z", MarketTicker: mkt, BookSide: model.Bid, Count: c(1), YesPrice: px("0.10")}})
	if v := d.View(); len(v.Fills) != 3 || v.Position(mkt).Size != c(8) {
		t.Fatalf("history applied: %d fills, size %s", len(v.Fills), v.Position(mkt).Size)
	}
}

func TestSessionPnLStartsFromTheFirstSnapshot(t *testing.T) {
	d := newTestDesk(Limits{})
	// The account held 10 from an earlier session, with $3 realized.
	d.ApplyPositions([]model.MarketPosition{{Ticker: mkt, Position: c(10), MarketExposure: 5 * model.Dollar, RealizedPnL: 3 * model.Dollar}})
	d.Mark(mkt, px("0.50"))
	if pnl, _ := d.SessionPnL(); pnl != 0 {
		t.Fatalf("session P&L at start %s", pnl.Dollars())
	}
	d.Mark(mkt, px("0.55"))
	if pnl, _ := d.SessionPnL(); pnl != 50*model.MoneyPerCent {
		t.Fatalf("session P&L %s, want +$0.50", pnl.Dollars())
	}
}

func TestDailyLossLimitLocksEntry(t *testing.T) {
	d := newTestDesk(Limits{MaxDailyLoss: model.Dollar})
	d.ApplyPositions(nil)
	mustApplyFill(t, d, fill("t1", "A", model.Bid, 10, "0.50", 10))
	d.Mark(mkt, px("0.45")) // −$0.50 and the fee
	if d.Lock().Locked() {
		t.Fatal("locked above the limit")
	}
	d.Mark(mkt, px("0.39")) // −$1.10
	l := d.Lock()
	if l.Reason != LockLoss || l.Limit != model.Dollar {
		t.Fatalf("lock %+v", l)
	}
	if _, err := d.Reserve(bid("x", 1, "0.40"), Market{}, ReserveOptions{}); err == nil {
		t.Fatal("entry allowed past the loss limit")
	}
	notes, _ := d.Notes(0)
	if len(notes) == 0 || notes[len(notes)-1].Kind != NoteLocked {
		t.Fatalf("notes %+v", notes)
	}
	// Unlocked by hand, it locks again only after another $1 of loss.
	d.Unlock()
	d.Mark(mkt, px("0.35"))
	if d.Lock().Locked() {
		t.Fatal("locked again before a further loss of the limit")
	}
	d.Mark(mkt, px("0.28"))
	if d.Lock().Reason != LockLoss {
		t.Fatal("not locked after a further loss of the limit")
	}
}

func TestVanishedPositionAsksForItsSettlement(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyPositions([]model.MarketPosition{{Ticker: mkt, Position: c(4), MarketExposure: 2 * model.Dollar}})
	d.ApplyPositions(nil)
	notes, _ := d.Notes(0)
	if len(notes) != 1 || notes[0].Kind != NoteVanished || notes[0].Ticker != mkt {
		t.Fatalf("notes %+v", notes)
	}
	d.ConfirmSettlement(Settlement{Ticker: mkt, Result: "yes", Revenue: 4 * model.Dollar})
	if p := position(d); p.Realized != 2*model.Dollar || p.Size != 0 {
		t.Fatalf("%+v", p)
	}
}

// TestSessionPnLIgnoresAnOldPositionReportedBeforeTheSnapshot: a
// market_position about a position from an earlier session may arrive
// before the first snapshot; its lifetime P&L is not this session's.
func TestSessionPnLIgnoresAnOldPositionReportedBeforeTheSnapshot(t *testing.T) {
	d := newTestDesk(Limits{MaxDailyLoss: model.Dollar})
	old := model.PositionMsg{MarketTicker: mkt, Position: c(10), PositionCost: 5 * model.Dollar, RealizedPnL: -40 * model.Dollar}
	d.ApplyPosition(old)
	d.ApplyPositions([]model.MarketPosition{{Ticker: mkt, Position: c(10), MarketExposure: 5 * model.Dollar, RealizedPnL: -40 * model.Dollar}})
	d.Mark(mkt, px("0.50"))
	if pnl, _ := d.SessionPnL(); pnl != 0 || d.Lock().Locked() {
		t.Fatalf("session P&L %s, locked %v: an earlier session's loss counted", pnl.Dollars(), d.Lock().Locked())
	}
}

func TestValidFillRefusesNonsense(t *testing.T) {
	d := newTestDesk(Limits{})
	for _, bad := range []struct {
		f    model.FillMsg
		want string
	}{
		{model.FillMsg{OrderID: "o", Count: 100, BookSide: model.Bid}, "without trade_id"},
		{model.FillMsg{TradeID: "t", Count: 100, BookSide: model.Bid}, "without trade_id/order_id"},
		{model.FillMsg{TradeID: "t", OrderID: "o", Count: 0, BookSide: model.Bid}, "count 0.00 must be positive"},
		{model.FillMsg{TradeID: "t", OrderID: "o", Count: -100, BookSide: model.Bid}, "count -1.00 must be positive"},
		{model.FillMsg{TradeID: "t", OrderID: "o", Count: 100, BookSide: "buy"}, `book_side "buy"`},
	} {
		fresh, err := d.ApplyFill(bad.f, false)
		if fresh || err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ApplyFill(%+v) = %v, %v; want error %q", bad.f, fresh, err, bad.want)
		}
	}
	if v := d.View(); len(v.Fills) != 0 || len(v.Positions) != 0 {
		t.Fatalf("a refused fill left a trace: %+v", v)
	}
	// The other party's order in the same trade (a self-trade) is distinct.
	mustApplyFill(t, d, fill("t1", "A", model.Bid, 1, "0.40", 1))
	mustApplyFill(t, d, fill("t1", "B", model.Ask, 1, "0.40", 0))
	if p := position(d); p.Size != 0 || len(d.View().Fills) != 2 {
		t.Fatalf("self-trade: %+v", p)
	}
}

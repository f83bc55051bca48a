package desk

import (
	"strings"
	"testing"

	"ladder/model"
)

// TestPositionLimitCountsOrdersInFlight is defect 2: with max_position 150
// and quantity 100, two quick bids both reached the exchange, because the
// check summed only acknowledged working orders.
func TestPositionLimitCountsOrdersInFlight(t *testing.T) {
	d := newTestDesk(Limits{MaxPosition: c(150)})
	if _, err := d.Reserve(bid("c1", 100, "0.50"), Market{}, ReserveOptions{}); err != nil {
		t.Fatalf("first order refused: %v", err)
	}
	_, err := d.Reserve(bid("c2", 100, "0.50"), Market{}, ReserveOptions{})
	if rule, ok := RefusedBy(err); !ok || rule != RulePosition {
		t.Fatalf("second order: %v, want the position limit", err)
	}
	if !strings.Contains(err.Error(), "position would reach +200 counting working and in-flight orders (limit 150)") {
		t.Fatalf("words: %q", err)
	}
}

func TestLimits(t *testing.T) {
	g := model.MustGrid(model.LinearCentRanges())
	for _, tc := range []struct {
		name  string
		lim   Limits
		setup func(d *Desk)
		req   model.CreateOrderRequest
		rule  Rule // want; RuleInvalid with ok=false means accepted
		ok    bool
		words string
	}{
		{name: "accepted", lim: Limits{MaxPosition: c(100)}, req: bid("x", 100, "0.50"), ok: true},
		{name: "per order", lim: Limits{MaxOrderQty: c(10)}, req: bid("x", 11, "0.50"), rule: RuleSize,
			words: "quantity 11 is above the limit of 10 per order"},
		{name: "off grid", req: bid("x", 1, "0.505"), rule: RuleGrid},
		{name: "working counts", lim: Limits{MaxPosition: c(15)},
			setup: func(d *Desk) { d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 10, 0, 1)) },
			req:   bid("x", 10, "0.50"), rule: RulePosition},
		{name: "the other side does not count", lim: Limits{MaxPosition: c(15)},
			setup: func(d *Desk) { d.ApplyOrder(userOrder("A", model.Resting, model.Ask, "0.60", 10, 0, 1)) },
			req:   bid("x", 10, "0.50"), ok: true},
		{name: "held counts", lim: Limits{MaxPosition: c(15)},
			setup: func(d *Desk) { hold(d, 10, "5.00") }, req: bid("x", 10, "0.50"), rule: RulePosition},
		{name: "reducing an over-limit position is allowed", lim: Limits{MaxPosition: c(15)},
			setup: func(d *Desk) { hold(d, 60, "30.00") }, req: ask("x", 10, "0.50"), ok: true},
		{name: "acknowledged fills not yet seen count", lim: Limits{MaxPosition: c(15)},
			setup: func(d *Desk) {
				r := bid("ioc", 10, "0.55")
				r.TimeInForce = model.IOC
				_, _ = d.Reserve(r, Market{}, ReserveOptions{})
				d.Acknowledge("ioc", model.CreateOrderResponse{OrderID: "I", FillCount: c(10)})
			}, req: bid("x", 10, "0.50"), rule: RulePosition},
		{name: "money at risk counts in-flight orders", lim: Limits{MaxNotional: 60 * model.Dollar},
			setup: func(d *Desk) { _, _ = d.Reserve(bid("a", 100, "0.50"), Market{}, ReserveOptions{}) },
			req:   bid("x", 30, "0.50"), rule: RuleNotional,
			words: "money at risk in KXFED-26DEC-T4.25 would reach $65.00 counting working and in-flight orders (limit $60.00)"},
		{name: "order alone above money limit", lim: Limits{MaxNotional: 10 * model.Dollar}, req: ask("x", 100, "0.50"),
			rule: RuleNotional, words: "cost $50.00 is above the limit of $10.00 at risk in one market"},
		{name: "closing a long costs no new risk", lim: Limits{MaxNotional: 10 * model.Dollar},
			setup: func(d *Desk) { hold(d, 100, "50.00") }, req: ask("x", 100, "0.50"), ok: true},
		{name: "IOC with post-only", req: func() model.CreateOrderRequest {
			r := bid("x", 1, "0.50")
			r.TimeInForce, r.PostOnly = model.IOC, true
			return r
		}(), rule: RuleCombination, words: "post_only requires good_till_canceled"},
		{name: "reduce-only that grows", setup: func(d *Desk) { hold(d, 10, "5.00") }, req: func() model.CreateOrderRequest {
			r := bid("x", 1, "0.50")
			r.ReduceOnly = true
			return r
		}(), rule: RuleCombination, words: "reduce-only would grow the position (long 10)"},
		{name: "reduce-only that reduces", setup: func(d *Desk) { hold(d, 10, "5.00") }, req: func() model.CreateOrderRequest {
			r := ask("x", 1, "0.50")
			r.ReduceOnly = true
			return r
		}(), ok: true},
		{name: "locked", setup: func(d *Desk) { d.Kill("") }, req: bid("x", 1, "0.50"), rule: RuleLocked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newTestDesk(tc.lim)
			if tc.setup != nil {
				tc.setup(d)
			}
			_, err := d.Reserve(tc.req, Market{Grid: g}, ReserveOptions{})
			if tc.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			rule, ok := RefusedBy(err)
			if !ok || rule != tc.rule {
				t.Fatalf("err %v (rule %v), want rule %v", err, rule, tc.rule)
			}
			if tc.words != "" && !strings.Contains(err.Error(), tc.words) {
				t.Fatalf("words %q, want %q", err, tc.words)
			}
		})
	}
}

func TestPostOnlyThatWouldCrossIsRefused(t *testing.T) {
	d := newTestDesk(Limits{})
	b := model.NewOrderBook(mkt, model.MustGrid(model.LinearCentRanges()), model.BookOptions{})
	mustNoErr(t, b.ApplySnapshot([]model.Level{{Price: px("0.55"), Qty: c(10)}}, []model.Level{{Price: px("0.43"), Qty: c(10)}}))
	r := bid("x", 1, "0.57")
	r.PostOnly = true
	_, err := d.Check(Intent{Req: r}, Market{Book: b})
	if err == nil || !strings.Contains(err.Error(), "post only cross") || !strings.Contains(err.Error(), "best offer 57¢") {
		t.Fatalf("err %v", err)
	}
}

func TestVerdict(t *testing.T) {
	d := newTestDesk(Limits{FarFromMarket: 10 * model.Cent})
	hold(d, 10, "5.40")
	b := model.NewOrderBook(mkt, model.MustGrid(model.LinearCentRanges()), model.BookOptions{})
	mustNoErr(t, b.ApplySnapshot([]model.Level{{Price: px("0.55"), Qty: c(8)}, {Price: px("0.54"), Qty: c(20)}},
		[]model.Level{{Price: px("0.43"), Qty: c(10)}}))
	// SELL 12 against a long 10 at a marketable price: it trades, flips,
	// and mostly closes the long.
	v, err := d.Check(Intent{Req: ask("x", 12, "0.54")}, Market{Book: b})
	mustNoErr(t, err)
	if !v.Marketable || v.Best.Price != px("0.55") || !v.Flips() || v.After != c(-2) {
		t.Fatalf("verdict %+v", v)
	}
	if v.Take.Took != c(12) || v.Take.First != px("0.55") || v.Take.Last != px("0.54") {
		t.Fatalf("take %+v", v.Take)
	}
	if v.Flow.Closes != c(10) || v.Flow.Proceeds != 540*model.MoneyPerCent || v.Flow.Opens != c(2) || v.Flow.Cost != 92*model.MoneyPerCent {
		t.Fatalf("flow %+v", v.Flow)
	}
	far, err := d.Check(Intent{Req: bid("y", 1, "0.30")}, Market{Book: b})
	mustNoErr(t, err)
	if far.Far == nil || far.Far.Through || far.Far.Ref != px("0.55") || far.Far.Dist != 25*model.Cent {
		t.Fatalf("far %+v", far.Far)
	}
}

func TestFlowOf(t *testing.T) {
	for _, tc := range []struct {
		pos            int64
		side           model.BookSide
		price          string
		count          int64
		closes, opens  int64
		proceeds, cost string
	}{
		{0, model.Bid, "0.40", 10, 0, 10, "0", "4.00"},
		{0, model.Ask, "0.40", 10, 0, 10, "0", "6.00"},
		{10, model.Ask, "0.40", 4, 4, 0, "1.60", "0"},
		{-10, model.Bid, "0.40", 12, 10, 2, "6.00", "0.80"},
		{10, model.Bid, "0.40", 5, 0, 5, "0", "2.00"},
	} {
		f := FlowOf(c(tc.pos), tc.side, px(tc.price), c(tc.count))
		if f.Closes != c(tc.closes) || f.Opens != c(tc.opens) || f.Proceeds != mustMoney(tc.proceeds) || f.Cost != mustMoney(tc.cost) {
			t.Errorf("%+v: %+v", tc, f)
		}
	}
}

func TestPlanFlatten(t *testing.T) {
	d := newTestDesk(Limits{})
	b := model.NewOrderBook(mkt, model.MustGrid(model.LinearCentRanges()), model.BookOptions{})
	mustNoErr(t, b.ApplySnapshot([]model.Level{{Price: px("0.55"), Qty: c(6)}, {Price: px("0.53"), Qty: c(20)}},
		[]model.Level{{Price: px("0.43"), Qty: c(10)}}))
	if _, err := d.PlanFlatten(mkt, b); err != ErrFlat {
		t.Fatalf("flat: %v", err)
	}
	hold(d, 10, "5.00") // long 10 at 50¢
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.40", 5, 0, 1))
	p, err := d.PlanFlatten(mkt, b)
	mustNoErr(t, err)
	r := p.Req
	if r.Side != model.Ask || r.Count != c(10) || r.Price != px("0.53") || r.TimeInForce != model.IOC || !r.ReduceOnly {
		t.Fatalf("closing order %+v", r)
	}
	// 6 @ 55¢ and 4 @ 53¢ against a 50¢ cost: +$0.30 + $0.12.
	if p.Locks != 42*model.MoneyPerCent || p.Short != 0 || len(p.Cancel) != 1 {
		t.Fatalf("plan %+v", p)
	}
}

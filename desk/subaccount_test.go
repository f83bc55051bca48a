package desk

import (
	"slices"
	"testing"

	"ladder/model"
)

func subp(n int) *int { return &n }

// inSub puts a request in a subaccount.
func inSub(r model.CreateOrderRequest, n int) model.CreateOrderRequest {
	r.Subaccount = n
	return r
}

func TestOrdersCarryTheirSubaccount(t *testing.T) {
	d := newTestDesk(Limits{})
	u := userOrder("A", model.Resting, model.Bid, "0.40", 5, 0, 1000)
	u.SubaccountNumber = subp(2)
	d.ApplyOrder(u)
	r := restOrder("B", model.Resting, model.Ask, "0.60", 3, 0, 1000)
	r.SubaccountNumber = subp(3)
	d.ApplyRestingOrders([]model.Order{r, restOrder("C", model.Resting, model.Bid, "0.30", 1, 0, 1000)})
	d.ApplyOrder(u) // the snapshot dropped A; the feed brings it back
	_, err := d.Reserve(inSub(bid("c-D", 1, "0.20"), 2), Market{}, ReserveOptions{})
	mustNoErr(t, err)

	all := d.View()
	if len(all.Orders) != 4 {
		t.Fatalf("all subaccounts: %d orders, want 4: %+v", len(all.Orders), all.Orders)
	}
	want := map[string]int{"A": 2, "B": 3, "C": 0}
	for id, sub := range want {
		if o, ok := all.Order(id); !ok || o.Subaccount != sub {
			t.Errorf("order %s: subaccount %d (found %v), want %d", id, o.Subaccount, ok, sub)
		}
	}
	two := d.ViewFor(2)
	var ids []string
	for _, o := range two.Orders {
		ids = append(ids, o.ID+"/"+o.ClientID)
	}
	if two.Working != 1 || len(two.Orders) != 2 || !two.Only || two.Subaccount != 2 {
		t.Fatalf("subaccount 2: working %d of %v, want A working and D in flight", two.Working, ids)
	}
	if two.Mine(mkt) == nil || two.Mine(mkt).Bids[px("0.40")] != c(5) || two.Mine(mkt).Bids[px("0.30")] != 0 {
		t.Errorf("subaccount 2's levels show another subaccount's orders: %+v", two.Mine(mkt))
	}
	if d.ViewFor(2) != two {
		t.Error("an unchanged desk rebuilt its subaccount view")
	}
}

func TestPositionsArePerSubaccount(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyPositions([]model.MarketPosition{{Ticker: mkt, Position: c(10), MarketExposure: mustMoney("4.00")}})
	d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(-3), PositionCost: mustMoney("1.80"), Subaccount: subp(2)})
	if got := d.View().Position(mkt).Size; got != c(10) {
		t.Fatalf("primary position %s after a subaccount's update, want 10", got)
	}
	if got := d.ViewFor(2).Position(mkt); got.Size != c(-3) || got.Subaccount != 2 {
		t.Fatalf("subaccount 2 position %+v, want -3", got)
	}
	// The primary's snapshot does not touch subaccount 2's position.
	d.ApplyPositions([]model.MarketPosition{{Ticker: mkt, Position: c(8), MarketExposure: mustMoney("3.20")}})
	if got := d.ViewFor(2).Position(mkt).Size; got != c(-3) {
		t.Fatalf("primary snapshot moved subaccount 2 to %s", got)
	}
	notes, _ := d.Notes(0)
	for _, n := range notes {
		if n.Kind == NoteVanished {
			t.Fatalf("primary snapshot called subaccount 2's position vanished: %+v", n)
		}
	}
	// Subaccount 2's own snapshot that leaves it out does.
	d.ApplyPositionsIn(2, nil)
	notes, _ = d.Notes(0)
	if n := notes[len(notes)-1]; n.Kind != NoteVanished || n.Subaccount != 2 || n.Ticker != mkt {
		t.Fatalf("last note %+v, want subaccount 2's %s vanished", n, mkt)
	}
	if got := d.View().Position(mkt).Size; got != c(8) {
		t.Fatalf("subaccount 2's snapshot moved the primary to %s", got)
	}
}

func TestFillMovesItsSubaccountsPosition(t *testing.T) {
	d := newTestDesk(Limits{})
	f := model.FillMsg{TradeID: "t1", OrderID: "A", MarketTicker: mkt, BookSide: model.Bid, YesPrice: px("0.40"),
		Count: c(2), PostPosition: c(2), Subaccount: subp(2)}
	if ok, err := d.ApplyFill(f, false); !ok || err != nil {
		t.Fatalf("fill not taken: %v %v", ok, err)
	}
	if got := d.ViewFor(2).Position(mkt).Size; got != c(2) {
		t.Fatalf("subaccount 2 position %s, want 2", got)
	}
	if got := d.View().Position(mkt).Size; got != 0 {
		t.Fatalf("primary position %s, want flat", got)
	}
	if n := len(d.ViewFor(2).Fills); n != 1 {
		t.Fatalf("subaccount 2 lists %d fills, want 1", n)
	}
	if n := len(d.ViewFor(0).Fills); n != 0 {
		t.Fatalf("primary lists %d fills, want 0", n)
	}
}

func TestLimitsCountOneSubaccount(t *testing.T) {
	d := newTestDesk(Limits{MaxPosition: c(10)})
	d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(9), PositionCost: mustMoney("3.60")})
	// Subaccount 2 holds nothing: its 5 fit although the primary holds 9.
	if _, err := d.Check(Intent{Req: inSub(bid("c-1", 5, "0.40"), 2)}, Market{}); err != nil {
		t.Fatalf("subaccount 2 refused by the primary's position: %v", err)
	}
	if _, err := d.Check(Intent{Req: bid("c-2", 5, "0.40")}, Market{}); err == nil {
		t.Fatal("primary's 9 + 5 passed a limit of 10")
	}
}

func TestKillInOneSubaccountLeavesTheOthersResting(t *testing.T) {
	d := newTestDesk(Limits{})
	for i, sub := range []int{0, 2, 2, 3} {
		u := userOrder(string(rune('A'+i)), model.Resting, model.Bid, "0.40", 1, 0, 1000)
		u.SubaccountNumber = subp(sub)
		d.ApplyOrder(u)
	}
	_, err := d.Reserve(inSub(bid("c-X", 1, "0.30"), 0), Market{}, ReserveOptions{})
	mustNoErr(t, err)
	_, err = d.Reserve(inSub(bid("c-Y", 1, "0.30"), 2), Market{}, ReserveOptions{})
	mustNoErr(t, err)

	plan := d.KillIn("", Subaccount(2))
	if !slices.Equal(plan.IDs, []string{"B", "C"}) || plan.InFlight != 1 {
		t.Fatalf("kill of subaccount 2 cancels %v (+%d in flight), want B, C (+1)", plan.IDs, plan.InFlight)
	}
	if l := d.Lock(); !l.Locked() || !l.Scope.Only || l.Scope.Sub != 2 {
		t.Fatalf("lock %+v, want a kill scoped to subaccount 2", l)
	}
	for _, id := range []string{"A", "D"} {
		if o, _ := d.View().Order(id); o.State != Working {
			t.Errorf("order %s of another subaccount is %s", id, o.State)
		}
	}
	// The in-flight create of the primary lands: it keeps resting; the
	// subaccount-2 one is cancelled on landing.
	d.Acknowledge("c-X", model.CreateOrderResponse{OrderID: "X", RemainingCount: c(1), TsMs: 2000})
	d.Acknowledge("c-Y", model.CreateOrderResponse{OrderID: "Y", RemainingCount: c(1), TsMs: 2000})
	var due []string
	for _, x := range d.TakeCancelsDue() {
		due = append(due, x.Order.ID)
	}
	if !slices.Equal(due, []string{"Y"}) {
		t.Fatalf("due after landing: %v, want only Y", due)
	}
	// Entry is locked for every subaccount.
	if _, err := d.Reserve(bid("c-Z", 1, "0.30"), Market{}, ReserveOptions{}); err == nil {
		t.Fatal("a scoped kill switch left the primary's entry open")
	}
}

func TestKillOfEverySubaccountAfterAScopedOne(t *testing.T) {
	d := newTestDesk(Limits{})
	d.KillIn("", Subaccount(2))
	d.Kill("")
	if l := d.Lock(); l.Scope.Only {
		t.Fatalf("lock scope %+v after the every-subaccount switch, want every subaccount", l.Scope)
	}
}

func TestSettlementPaysEverySubaccount(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(2), PositionCost: mustMoney("0.80")})
	d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(3), PositionCost: mustMoney("1.20"), Subaccount: subp(5)})
	d.ApplyLifecycle(model.LifecycleMsg{MarketTicker: mkt, EventType: "settled", Result: "yes"})
	if p := d.View().Position(mkt); p.Size != 0 || p.Realized != mustMoney("1.20") {
		t.Errorf("primary after settlement: %+v", p.Position)
	}
	if p := d.ViewFor(5).Position(mkt); p.Size != 0 || p.Realized != mustMoney("1.80") {
		t.Errorf("subaccount 5 after settlement: %+v", p.Position)
	}
	notes, _ := d.Notes(0)
	var subs []int
	for _, n := range notes {
		if n.Kind == NoteSettled {
			subs = append(subs, n.Subaccount)
		}
	}
	if !slices.Equal(subs, []int{0, 5}) {
		t.Fatalf("settled notes for subaccounts %v, want 0 and 5", subs)
	}
}

func TestFlattenPlanStaysInItsSubaccount(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyPosition(model.PositionMsg{MarketTicker: mkt, Position: c(4), PositionCost: mustMoney("1.60"), Subaccount: subp(2)})
	u := userOrder("A", model.Resting, model.Bid, "0.30", 1, 0, 1000)
	d.ApplyOrder(u) // the primary's: not cancelled by subaccount 2's flatten
	u = userOrder("B", model.Resting, model.Bid, "0.31", 1, 0, 1000)
	u.SubaccountNumber = subp(2)
	d.ApplyOrder(u)
	book := testBook(t, "0.45", "0.47")
	plan, err := d.PlanFlattenIn(2, mkt, book)
	mustNoErr(t, err)
	if plan.Req.Subaccount != 2 || plan.Req.Side != model.Ask || plan.Req.Count != c(4) {
		t.Fatalf("closing order %+v, want an ask of 4 in subaccount 2", plan.Req)
	}
	if !slices.Equal(plan.Cancel, []string{"B"}) {
		t.Fatalf("flatten cancels %v, want only B", plan.Cancel)
	}
	if _, err := d.PlanFlatten(mkt, book); err != ErrFlat {
		t.Fatalf("primary flatten: %v, want ErrFlat", err)
	}
}

// testBook is a book with one YES bid of 10 at bid and one NO bid of 10 at
// 1 − ask (a YES offer at ask).
func testBook(t *testing.T, bid, ask string) *model.OrderBook {
	t.Helper()
	b := model.NewOrderBook(mkt, model.MustGrid(model.LinearCentRanges()), model.BookOptions{})
	mustNoErr(t, b.ApplySnapshot([]model.Level{{Price: px(bid), Qty: c(10)}}, []model.Level{{Price: px(ask).Complement(), Qty: c(10)}}))
	return b
}

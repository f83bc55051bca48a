package desk

import (
	"testing"

	"ladder/model"
)

// TestCancelledOrderNeverComesBackFromAnOlderSnapshot is defect 1: a feed
// cancel of an order, followed by an older REST answer that still lists
// it, brought the order back as working.
func TestCancelledOrderNeverComesBackFromAnOlderSnapshot(t *testing.T) {
	for _, tc := range []struct {
		name  string
		apply func(d *Desk)
	}{
		{"resting snapshot", func(d *Desk) {
			d.ApplyRestingOrders([]model.Order{restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)})
		}},
		{"market lookup", func(d *Desk) {
			d.ApplyOrderLookup(mkt, []model.Order{restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)})
		}},
		{"an acknowledgement", func(d *Desk) {
			d.Acknowledge("c-A", model.CreateOrderResponse{OrderID: "A", RemainingCount: c(5), TsMs: 1000})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newTestDesk(Limits{})
			_, err := d.Reserve(bid("c-A", 5, "0.50"), Market{}, ReserveOptions{})
			mustNoErr(t, err)
			d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000))
			d.ApplyOrder(userOrder("A", model.Canceled, model.Bid, "0.50", 0, 0, 2000))
			tc.apply(d)
			if w := working(d); len(w) != 0 {
				t.Fatalf("cancelled order is back: %+v", w)
			}
		})
	}
}

func TestOrderVersions(t *testing.T) {
	type step func(d *Desk)
	feed := func(u model.UserOrderMsg) step { return func(d *Desk) { d.ApplyOrder(u) } }
	snap := func(o ...model.Order) step { return func(d *Desk) { d.ApplyRestingOrders(o) } }
	lookup := func(o ...model.Order) step { return func(d *Desk) { d.ApplyOrderLookup(mkt, o) } }
	for _, tc := range []struct {
		name      string
		steps     []step
		remaining int64 // want: 0 means no working order A
		price     string
	}{
		{"newer feed update replaces", []step{
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 3, 2, 2000)),
		}, 3, "0.50"},
		{"older snapshot does not undo a newer fill", []step{
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 3, 2, 2000)),
			snap(restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
		}, 3, "0.50"},
		{"older lookup does not undo a newer amend", []step{
			feed(userOrder("A", model.Resting, model.Bid, "0.52", 5, 0, 2000)),
			lookup(restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
		}, 5, "0.52"},
		{"newer snapshot replaces", []step{
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
			snap(restOrder("A", model.Resting, model.Bid, "0.50", 4, 1, 3000)),
		}, 4, "0.50"},
		{"executed order stays gone", []step{
			feed(userOrder("A", model.Executed, model.Bid, "0.50", 0, 5, 2000)),
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
		}, 0, ""},
		{"snapshot without the order ends it", []step{
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
			snap(),
		}, 0, ""},
		{"the feed after the snapshot restores it", []step{
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
			snap(),
			feed(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
		}, 5, "0.50"},
		{"same millisecond: more filled wins", []step{
			snap(restOrder("A", model.Resting, model.Bid, "0.50", 2, 3, 1000)),
			lookup(restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)),
		}, 2, "0.50"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newTestDesk(Limits{})
			for _, s := range tc.steps {
				s(d)
			}
			o, ok := working(d)["A"]
			switch {
			case tc.remaining == 0 && ok:
				t.Fatalf("order A working: %+v", o)
			case tc.remaining != 0 && !ok:
				t.Fatal("order A missing")
			case ok && (o.Remaining != c(tc.remaining) || o.Price != px(tc.price)):
				t.Fatalf("A = %s @ %s, want %d @ %s", o.Remaining, o.Price, tc.remaining, tc.price)
			}
		})
	}
}

func TestAcknowledgement(t *testing.T) {
	t.Run("rests", func(t *testing.T) {
		d := newTestDesk(Limits{})
		_, err := d.Reserve(bid("c1", 5, "0.50"), Market{}, ReserveOptions{})
		mustNoErr(t, err)
		if v := d.View(); len(v.InFlight()) != 1 || v.Working != 0 {
			t.Fatalf("in flight %d, working %d", len(v.InFlight()), v.Working)
		}
		ack := d.Acknowledge("c1", model.CreateOrderResponse{OrderID: "A", RemainingCount: c(5), TsMs: 1000})
		if !ack.Rests || working(d)["A"].Remaining != c(5) || len(d.View().InFlight()) != 0 {
			t.Fatalf("ack %+v, working %+v", ack, working(d))
		}
	})
	t.Run("after the feed reported it filled", func(t *testing.T) {
		d := newTestDesk(Limits{})
		_, _ = d.Reserve(bid("c-A", 5, "0.50"), Market{}, ReserveOptions{})
		d.ApplyOrder(userOrder("A", model.Executed, model.Bid, "0.50", 0, 5, 1500))
		ack := d.Acknowledge("c-A", model.CreateOrderResponse{OrderID: "A", RemainingCount: c(5), TsMs: 1000})
		if ack.Rests || len(working(d)) != 0 {
			t.Fatalf("a filled order rests after its late acknowledgement: %+v", working(d))
		}
	})
	t.Run("a cancel asked while in flight is due when it lands", func(t *testing.T) {
		d := newTestDesk(Limits{})
		_, _ = d.Reserve(bid("c1", 5, "0.50"), Market{}, ReserveOptions{})
		if n := d.FlagInFlight(mkt, 0); n != 1 {
			t.Fatalf("flagged %d", n)
		}
		d.Acknowledge("c1", model.CreateOrderResponse{OrderID: "A", RemainingCount: c(5), TsMs: 1000})
		due := d.TakeCancelsDue()
		if len(due) != 1 || due[0].Order.ID != "A" || working(d)["A"].State != Cancelling {
			t.Fatalf("due %+v", due)
		}
		if again := d.TakeCancelsDue(); len(again) != 0 {
			t.Fatalf("due twice: %+v", again)
		}
	})
	t.Run("not listed by a later snapshot", func(t *testing.T) {
		d := newTestDesk(Limits{})
		_, _ = d.Reserve(bid("c1", 5, "0.50"), Market{}, ReserveOptions{})
		// The snapshot lists an order updated at 2000: it was served after
		// 2000, and A (created at 1000) is not on it.
		d.ApplyRestingOrders([]model.Order{restOrder("B", model.Resting, model.Bid, "0.40", 1, 0, 2000)})
		d.Acknowledge("c1", model.CreateOrderResponse{OrderID: "A", RemainingCount: c(5), TsMs: 1000})
		if _, ok := working(d)["A"]; ok {
			t.Fatal("an order the later snapshot did not list was added")
		}
	})
}

func TestUnknownCreateIsReconciledNeverResent(t *testing.T) {
	d := newTestDesk(Limits{})
	_, _ = d.Reserve(bid("c-A", 5, "0.50"), Market{}, ReserveOptions{})
	d.CreateUnknown("c-A")
	if d.UnknownIn(mkt) != "c-A" {
		t.Fatal("unknown outcome not reported")
	}
	if _, err := d.Reserve(bid("c2", 1, "0.40"), Market{}, ReserveOptions{}); err == nil {
		t.Fatal("entry in a market with an unknown outcome was allowed")
	}
	// The lookup finds it resting: it is working, and entry reopens.
	if n := d.ApplyOrderLookup(mkt, []model.Order{restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)}); n != 1 {
		t.Fatalf("resolved %d", n)
	}
	if _, ok := working(d)["A"]; !ok || d.UnknownIn(mkt) != "" {
		t.Fatalf("not reconciled: %+v", working(d))
	}
	if notes, _ := d.Notes(0); len(notes) != 0 {
		t.Fatalf("a lookup's answer noted for everyone: %+v", notes)
	}

	// The feed's word on an unknown create is news for every dashboard.
	_, _ = d.Reserve(bid("c-C", 5, "0.40"), Market{}, ReserveOptions{})
	d.CreateUnknown("c-C")
	d.ApplyOrder(userOrder("C", model.Resting, model.Bid, "0.40", 5, 0, 2000))
	notes, _ := d.Notes(0)
	if len(notes) != 1 || notes[0].Kind != NoteReconciled || !notes[0].Resting || notes[0].Order.ID != "C" {
		t.Fatalf("notes %+v", notes)
	}

	// An unknown create the exchange does not list never happened.
	_, _ = d.Reserve(bid("c-B", 5, "0.45"), Market{}, ReserveOptions{})
	d.CreateUnknown("c-B")
	d.ApplyOrderLookup(mkt, nil)
	if d.UnknownIn(mkt) != "" || len(d.View().InFlight()) != 0 {
		t.Fatal("an unlisted unknown create is still pending")
	}
}

func TestDisconnectMarksOrdersUnconfirmedUntilReconciled(t *testing.T) {
	d := newTestDesk(Limits{})
	d.SetFeedConnected(true)
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000))
	d.ApplyOrder(userOrder("B", model.Resting, model.Bid, "0.49", 5, 0, 1000))
	d.SetFeedConnected(false)
	v := d.View()
	if !v.Reconciling || !working(d)["A"].Unconfirmed || !v.Mine(mkt).Unconfirmed[px("0.50")] {
		t.Fatalf("orders not unconfirmed after the feed was lost: %+v", working(d))
	}
	d.SetFeedConnected(true)
	if !working(d)["A"].Unconfirmed {
		t.Fatal("confirmed by the reconnect alone, before the reconciliation")
	}
	d.ApplyRestingOrders([]model.Order{restOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000)})
	w := working(d)
	if d.View().Reconciling || w["A"].Unconfirmed || len(w) != 1 {
		t.Fatalf("after reconciliation: %+v", w)
	}
}

func TestAmend(t *testing.T) {
	d := newTestDesk(Limits{})
	d.ApplyOrder(userOrder("A", model.Resting, model.Bid, "0.50", 5, 0, 1000))
	before, ok := d.BeginAmend("A")
	if !ok || before.Price != px("0.50") || working(d)["A"].State != Amending {
		t.Fatal("amend not begun")
	}
	rem := c(5)
	d.AmendAnswered("A", model.AmendOrderRequest{Ticker: mkt, Side: model.Bid, Price: px("0.52"), Count: c(5)},
		model.AmendOrderResponse{OrderID: "A", RemainingCount: &rem, TsMs: 2000})
	if o := working(d)["A"]; o.Price != px("0.52") || o.State != Working {
		t.Fatalf("after amend %+v", o)
	}
	d.BeginAmend("A")
	d.AmendFailed("A", true)
	if d.UnknownIn(mkt) != "A" {
		t.Fatal("unknown amend does not block its market")
	}
	d.ApplyOrderLookup(mkt, []model.Order{restOrder("A", model.Canceled, model.Bid, "0.52", 0, 0, 3000)})
	if len(working(d)) != 0 || d.UnknownIn(mkt) != "" {
		t.Fatal("an unknown amend whose order is gone is still there")
	}
}

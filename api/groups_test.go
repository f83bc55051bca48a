package api

import (
	"errors"
	"testing"

	"ladder/model"
)

func TestOrderGroupsAgainstSimulator(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	m := s.market()
	gid, err := s.c.CreateOrderGroup(ctx, model.Contracts(5))
	if err != nil {
		t.Fatal(err)
	}
	req := gtc(m.Ticker, model.Bid, "0.40", 20)
	req.OrderGroupID = gid
	o, err := s.c.CreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.c.GetOrderGroup(ctx, gid)
	if err != nil || g.ID != gid || g.ContractsLimit != model.Contracts(5) || len(g.Orders) != 1 || g.Orders[0] != o.OrderID {
		t.Fatalf("group %+v, %v", g, err)
	}
	if err := s.c.UpdateOrderGroupLimit(ctx, 0, gid, model.Contracts(8)); err != nil {
		t.Fatal(err)
	}
	// 9 > 8 fill within 15 s: the exchange cancels the group's orders and
	// refuses new ones until a reset.
	s.counterparty("bob")
	ioc := gtc(m.Ticker, model.Ask, "0.40", 9)
	ioc.TimeInForce = model.IOC
	if _, err := s.srv.Engine().CreateOrder("bob", ioc); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.c.GetOrder(ctx, o.OrderID); got.Status != model.Canceled {
		t.Fatalf("group order %s after the limit", got.Status)
	}
	var ae *Error
	if _, err := s.c.CreateOrder(ctx, req); !errors.As(err, &ae) || ae.Code != "order_group_limit_reached" {
		t.Fatalf("order in a triggered group: %v", err)
	}
	if err := s.c.ResetOrderGroup(ctx, gid); err != nil {
		t.Fatal(err)
	}
	again, err := s.c.CreateOrder(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.c.TriggerOrderGroup(ctx, gid); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.c.GetOrder(ctx, again.OrderID); got.Status != model.Canceled {
		t.Fatalf("trigger left %s", got.Status)
	}
	if err := s.c.DeleteOrderGroup(ctx, gid); err != nil {
		t.Fatal(err)
	}
	if err := s.c.DeleteOrderGroup(ctx, gid); !errors.As(err, &ae) || ae.Status != 404 {
		t.Fatalf("second delete: %v", err)
	}

	// Groups of a subaccount are acted on within it.
	sub, err := s.c.CreateSubaccount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sg, err := s.c.CreateOrderGroupIn(ctx, sub, model.Contracts(3))
	if err != nil {
		t.Fatal(err)
	}
	if gs, err := s.c.GetOrderGroupsIn(ctx, sub); err != nil || len(gs) != 1 || gs[0].ID != sg {
		t.Fatalf("subaccount groups %+v, %v", gs, err)
	}
	if gs, _ := s.c.GetOrderGroupsIn(ctx, 0); len(gs) != 0 {
		t.Fatalf("primary groups %+v", gs)
	}
	if gs, _ := s.c.GetOrderGroups(ctx); len(gs) != 1 {
		t.Fatalf("all groups %+v", gs)
	}
	if err := s.c.TriggerOrderGroup(ctx, sg); !errors.As(err, &ae) || ae.Status != 404 {
		t.Fatalf("trigger without the subaccount: %v", err)
	}
	for _, act := range []func() error{
		func() error { return s.c.UpdateOrderGroupLimit(ctx, sub, sg, model.Contracts(4)) },
		func() error { return s.c.TriggerOrderGroupIn(ctx, sub, sg) },
		func() error { return s.c.ResetOrderGroupIn(ctx, sub, sg) },
		func() error { return s.c.DeleteOrderGroupIn(ctx, sub, sg) },
	} {
		if err := act(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.c.CreateOrderGroupIn(ctx, 64, model.Contracts(3)); err == nil {
		t.Fatal("subaccount 64 was sent")
	}
}

func TestQueuePositionsAgainstSimulator(t *testing.T) {
	s := startSim(t, nil)
	ctx := t.Context()
	m := s.market()
	s.counterparty("bob")
	e := s.srv.Engine()
	if _, err := e.CreateOrder("bob", gtc(m.Ticker, model.Bid, "0.15", 12)); err != nil {
		t.Fatal(err)
	}
	mine, err := s.c.CreateOrder(ctx, gtc(m.Ticker, model.Bid, "0.15", 2))
	if err != nil {
		t.Fatal(err)
	}
	if q, err := s.c.GetQueuePosition(ctx, mine.OrderID); err != nil || q != model.Contracts(12) {
		t.Fatalf("queue position %s, %v", q, err)
	}
	list, err := s.c.GetQueuePositions(ctx, QueuePositionsQuery{MarketTickers: []string{m.Ticker}})
	if err != nil || len(list) != 1 || list[0].OrderID != mine.OrderID || list[0].QueuePosition != model.Contracts(12) {
		t.Fatalf("queue positions %+v, %v", list, err)
	}
	if list, _ := s.c.GetQueuePositions(ctx, QueuePositionsQuery{EventTicker: m.EventTicker}); len(list) != 1 {
		t.Fatalf("by event %+v", list)
	}
	if list, _ := s.c.GetQueuePositions(ctx, QueuePositionsQuery{EventTicker: "KXNOPE"}); len(list) != 0 {
		t.Fatalf("other event %+v", list)
	}
	// Someone sells into the level: the queue ahead shrinks.
	s.counterparty("carol")
	sell := gtc(m.Ticker, model.Ask, "0.15", 5)
	sell.TimeInForce = model.IOC
	if _, err := e.CreateOrder("carol", sell); err != nil {
		t.Fatal(err)
	}
	if q, _ := s.c.GetQueuePosition(ctx, mine.OrderID); q != model.Contracts(7) {
		t.Fatalf("after a trade at the level %s", q)
	}
	if _, err := s.c.CancelOrder(ctx, mine.OrderID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.c.GetQueuePosition(ctx, mine.OrderID); !errors.Is(err, ErrOrderGone) {
		t.Fatalf("queue position of a cancelled order: %v", err)
	}
	if _, err := s.c.GetQueuePositions(ctx, QueuePositionsQuery{Subaccount: -1}); err == nil {
		t.Fatal("subaccount -1 was sent")
	}
}

package journal

import (
	"context"
	"errors"
	"testing"

	"ladder/api"
	"ladder/model"
)

// groupFake is a fakeTrader with order groups and settlements.
type groupFake struct {
	fakeTrader
	calls []string
}

func (g *groupFake) CreateOrderGroup(context.Context, model.Qty) (string, error) {
	g.calls = append(g.calls, "create")
	return "g-1", nil
}

func (g *groupFake) TriggerOrderGroup(_ context.Context, id string) error {
	g.calls = append(g.calls, "trigger "+id)
	return nil
}

func (g *groupFake) ResetOrderGroup(_ context.Context, id string) error {
	g.calls = append(g.calls, "reset "+id)
	return nil
}

func (g *groupFake) GetSettlements(context.Context, api.SettlementsQuery) ([]model.Settlement, error) {
	g.calls = append(g.calls, "settlements")
	return []model.Settlement{{Ticker: "T", Revenue: 200}}, nil
}

// TestOrderGroupActionsAreJournalled: the session's order group is an
// order action like any other; the wrapper passes the optional calls
// through when the client offers them and says so when it does not.
func TestOrderGroupActionsAreJournalled(t *testing.T) {
	j, path := openTemp(t)
	fake := &groupFake{}
	w := Wrap(fake, j, nil)
	g, ok := w.(interface {
		CreateOrderGroup(context.Context, model.Qty) (string, error)
		TriggerOrderGroup(context.Context, string) error
		ResetOrderGroup(context.Context, string) error
		GetSettlements(context.Context, api.SettlementsQuery) ([]model.Settlement, error)
	})
	if !ok {
		t.Fatal("the wrapper hides the order-group calls")
	}
	ctx := context.Background()
	if id, err := g.CreateOrderGroup(ctx, model.Contracts(100)); err != nil || id != "g-1" {
		t.Fatalf("create: %q %v", id, err)
	}
	_ = g.TriggerOrderGroup(ctx, "g-1")
	_ = g.ResetOrderGroup(ctx, "g-1")
	if s, err := g.GetSettlements(ctx, api.SettlementsQuery{Ticker: "T"}); err != nil || len(s) != 1 {
		t.Fatalf("settlements: %v %v", s, err)
	}
	got := readEntries(t, path)
	want := []Action{ActionGroupCreate, ActionGroupCreate, ActionGroupTrigger, ActionGroupTrigger, ActionGroupReset, ActionGroupReset}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d (reads are not journalled)", len(got), len(want))
	}
	for i, e := range got {
		if e.Action != want[i] {
			t.Fatalf("entry %d: %s, want %s", i, e.Action, want[i])
		}
	}
	if got[1].OrderGroupID != "g-1" || got[1].Count != model.Contracts(100) || got[3].OrderGroupID != "g-1" {
		t.Fatalf("entries %+v", got)
	}

	plain := Wrap(&fakeTrader{}, j, nil).(interface {
		CreateOrderGroup(context.Context, model.Qty) (string, error)
	})
	if _, err := plain.CreateOrderGroup(ctx, model.Contracts(1)); !errors.Is(err, ErrNotOffered) {
		t.Fatalf("a client without groups: %v", err)
	}
}

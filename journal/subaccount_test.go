package journal

import (
	"context"
	"errors"
	"testing"

	"ladder/model"
)

// subFake is a trader with the subaccount variants; it remembers the
// subaccounts it was asked for.
type subFake struct {
	fakeTrader
	subs []int
}

func (f *subFake) CancelOrderIn(_ context.Context, sub int, id string) (model.CancelOrderResponse, error) {
	f.subs = append(f.subs, sub)
	return model.CancelOrderResponse{OrderID: id}, nil
}

func (f *subFake) AmendOrderIn(_ context.Context, sub int, id string, _ model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	f.subs = append(f.subs, sub)
	return model.AmendOrderResponse{OrderID: id}, nil
}

func (f *subFake) BatchCancel(_ context.Context, orders []model.BatchCancelOrder) (model.BatchCancelResponse, error) {
	var out model.BatchCancelResponse
	for _, o := range orders {
		f.subs = append(f.subs, o.Subaccount)
		out.Orders = append(out.Orders, model.BatchCancelItem{OrderID: o.OrderID})
	}
	return out, nil
}

func TestSubaccountActionsAreJournalledWithTheirSubaccount(t *testing.T) {
	j, path := openTemp(t)
	fake := &subFake{}
	tr := Wrap(fake, j, nil).(*recorder)
	ctx := context.Background()
	req := testOrder()
	req.Subaccount = 2
	if _, err := tr.CreateOrder(ctx, req); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.CancelOrderIn(ctx, 2, "o-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.AmendOrderIn(ctx, 3, "o-2", model.AmendOrderRequest{Ticker: "KX-A"}); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.BatchCancel(ctx, []model.BatchCancelOrder{{OrderID: "o-3", Subaccount: 4}}); err != nil {
		t.Fatal(err)
	}
	if len(fake.subs) != 3 || fake.subs[0] != 2 || fake.subs[1] != 3 || fake.subs[2] != 4 {
		t.Fatalf("subaccounts passed on: %v", fake.subs)
	}
	got := readEntries(t, path)
	if len(got) != 8 {
		t.Fatalf("%d entries, want a request and a result for each of 4 actions", len(got))
	}
	for i, want := range []int{2, 2, 2, 2, 3, 3} {
		if got[i].Subaccount != want {
			t.Errorf("entry %d (%s %s): subaccount %d, want %d", i, got[i].Action, got[i].Phase, got[i].Subaccount, want)
		}
	}
	if got[6].Action != ActionBatchCancel || len(got[6].OrderIDs) != 1 {
		t.Errorf("batch cancel request entry: %+v", got[6])
	}
}

func TestSubaccountActionsWithoutTheVariantsAreNotOffered(t *testing.T) {
	j, _ := openTemp(t)
	tr := Wrap(&fakeTrader{}, j, nil).(*recorder)
	if _, err := tr.CancelOrderIn(context.Background(), 2, "o-1"); !errors.Is(err, ErrNotOffered) {
		t.Fatalf("cancel in a subaccount through a plain trader: %v, want ErrNotOffered", err)
	}
}

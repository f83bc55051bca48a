package serve

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"

	"ladder/api"
	"ladder/model"
)

func TestViewOnlyTraderRefusesEveryOrderActionAndReads(t *testing.T) {
	fake := &fakeTrader{resting: []model.Order{{OrderID: "o-1"}}}
	v := viewOnly{fake}
	ctx := context.Background()
	errs := []error{}
	_, err := v.CreateOrder(ctx, model.CreateOrderRequest{})
	errs = append(errs, err)
	_, err = v.CancelOrder(ctx, "o-1")
	errs = append(errs, err)
	_, err = v.AmendOrder(ctx, "o-1", model.AmendOrderRequest{})
	errs = append(errs, err)
	_, err = v.BatchCancelOrders(ctx, []string{"o-1"})
	errs = append(errs, err)
	_, err = v.CancelAllOrders(ctx)
	errs = append(errs, err)
	for i, err := range errs {
		if !errors.Is(err, errViewOnly) {
			t.Errorf("action %d: err = %v, want view only", i, err)
		}
	}
	if fake.actions != 0 {
		t.Fatalf("%d order actions reached the exchange", fake.actions)
	}
	if orders, err := v.GetOrders(ctx, api.OrdersQuery{}); err != nil || len(orders) != 1 {
		t.Fatalf("reads: %v %v", orders, err)
	}
}

// slowReads holds every GetBalance until released and counts the calls.
type slowReads struct {
	fakeTrader
	mu      sync.Mutex
	calls   int
	release chan struct{}
}

func (s *slowReads) GetBalance(context.Context) (model.Balance, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	<-s.release
	return model.Balance{Balance: 4200}, nil
}

func (s *slowReads) GetOrders(context.Context, api.OrdersQuery) ([]model.Order, error) {
	s.mu.Lock()
	s.calls++
	s.mu.Unlock()
	<-s.release
	return []model.Order{{OrderID: "o-1"}}, nil
}

// Twenty screens asking for the balance at once cost the exchange one
// request, and each gets the answer.
func TestSharedReadsCoalesceConcurrentReads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := &slowReads{release: make(chan struct{})}
		shared := shareReads(slow)
		var wg sync.WaitGroup
		got := make([]int64, 20)
		for i := range got {
			wg.Go(func() {
				b, err := shared.GetBalance(context.Background())
				if err != nil {
					t.Error(err)
				}
				got[i] = b.Balance
			})
		}
		synctest.Wait() // every caller is waiting on the one request
		close(slow.release)
		wg.Wait()
		if slow.calls != 1 {
			t.Fatalf("%d requests for 20 simultaneous reads", slow.calls)
		}
		for i, b := range got {
			if b != 4200 {
				t.Fatalf("caller %d got %d", i, b)
			}
		}
	})
}

// A screen that leaves does not fail the read the others wait for, and
// each gets its own copy of a list.
func TestSharedReadsSurviveALeavingCallerAndCopyLists(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := &slowReads{release: make(chan struct{})}
		shared := shareReads(slow)
		leaving, leave := context.WithCancel(context.Background())
		var lists [3][]model.Order
		var errs [3]error
		var wg sync.WaitGroup
		wg.Go(func() { lists[0], errs[0] = shared.GetOrders(leaving, api.OrdersQuery{}) })
		for i := 1; i < 3; i++ {
			wg.Go(func() { lists[i], errs[i] = shared.GetOrders(context.Background(), api.OrdersQuery{}) })
		}
		synctest.Wait()
		leave()
		synctest.Wait()
		close(slow.release)
		wg.Wait()
		if !errors.Is(errs[0], context.Canceled) || lists[0] != nil {
			t.Errorf("the leaving caller got %v, %v", lists[0], errs[0])
		}
		for i := 1; i < 3; i++ {
			if errs[i] != nil || len(lists[i]) != 1 {
				t.Fatalf("staying caller %d got %v, %v", i, lists[i], errs[i])
			}
		}
		if slow.calls != 1 {
			t.Errorf("%d requests", slow.calls)
		}
		lists[1][0].OrderID = "changed"
		if lists[2][0].OrderID != "o-1" {
			t.Error("callers share one list")
		}
	})
}

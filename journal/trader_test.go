package journal

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"

	"ladder/api"
	"ladder/model"
)

var _ Trader = (*api.Client)(nil) // the real client is a Trader

// fakeTrader answers every call with err and the canned responses, and
// remembers the last create request it saw.
type fakeTrader struct {
	err       error
	created   model.CreateOrderRequest
	batch     model.BatchCancelResponse
	readCalls int
}

func (f *fakeTrader) CreateOrder(_ context.Context, req model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	f.created = req
	if f.err != nil {
		return model.CreateOrderResponse{}, f.err
	}
	return model.CreateOrderResponse{OrderID: "o-1", ClientOrderID: req.ClientOrderID, RemainingCount: req.Count}, nil
}

func (f *fakeTrader) CancelOrder(_ context.Context, id string) (model.CancelOrderResponse, error) {
	return model.CancelOrderResponse{OrderID: id, ReducedBy: model.Contracts(3)}, f.err
}

func (f *fakeTrader) AmendOrder(_ context.Context, id string, _ model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	if f.err != nil {
		return model.AmendOrderResponse{}, f.err
	}
	q := model.Contracts(2)
	return model.AmendOrderResponse{OrderID: id, RemainingCount: &q}, nil
}

func (f *fakeTrader) BatchCancelOrders(context.Context, []string) (model.BatchCancelResponse, error) {
	return f.batch, f.err
}

func (f *fakeTrader) CancelAllOrders(context.Context) (model.BatchCancelResponse, error) {
	return f.batch, f.err
}

func (f *fakeTrader) GetOrders(context.Context, api.OrdersQuery) ([]model.Order, error) {
	f.readCalls++
	return nil, nil
}

func (f *fakeTrader) GetFills(context.Context, api.FillsQuery) ([]model.Fill, error) {
	f.readCalls++
	return nil, nil
}

func (f *fakeTrader) GetPositions(context.Context, api.PositionsQuery) ([]model.MarketPosition, error) {
	f.readCalls++
	return nil, nil
}

func (f *fakeTrader) GetBalance(context.Context) (model.Balance, error) {
	f.readCalls++
	return model.Balance{}, nil
}

func testOrder() model.CreateOrderRequest {
	return model.CreateOrderRequest{Ticker: "KX-A", Side: model.Ask, Count: model.Contracts(5),
		Price: model.MustPrice("0.42"), TimeInForce: model.IOC, STP: model.STPMaker, ReduceOnly: true}
}

// errGone is the shape api.CancelOrder returns for a 404.
func errGone() error {
	return fmt.Errorf("%w: order o-1: %w", api.ErrOrderGone, &api.Error{Status: 404, Code: "not_found", Method: "DELETE", Path: "/x"})
}

func TestWrapClassifiesOutcomes(t *testing.T) {
	rejected := &api.Error{Status: 400, Code: "insufficient_balance", Message: "no money", Method: "POST", Path: "/x"}
	cases := []struct {
		name          string
		err           error
		want          Outcome
		status        int
		code          string
		action        Action
		wantOrderID   string
		wantFillsLeft model.Qty
	}{
		{name: "create ok", action: ActionCreate, want: OutcomeOK, wantOrderID: "o-1", wantFillsLeft: model.Contracts(5)},
		{name: "create rejected", action: ActionCreate, err: rejected, want: OutcomeRejected, status: 400, code: "insufficient_balance"},
		{name: "create unknown", action: ActionCreate, want: OutcomeUnknown, status: 503,
			err: &api.UnknownOutcomeError{Op: "create", Err: &api.Error{Status: 503, Method: "POST", Path: "/x"}}},
		{name: "create failed locally", action: ActionCreate, err: context.Canceled, want: OutcomeFailed},
		{name: "cancel gone", action: ActionCancel, err: errGone(), want: OutcomeGone, status: 404, code: "not_found", wantOrderID: "o-1"},
		{name: "cancel ok", action: ActionCancel, want: OutcomeOK, wantOrderID: "o-1"},
		{name: "amend unknown", action: ActionAmend, want: OutcomeUnknown, wantOrderID: "o-1",
			err: &api.UnknownOutcomeError{Op: "amend", OrderID: "o-1", Err: context.DeadlineExceeded}},
		{name: "amend ok", action: ActionAmend, want: OutcomeOK, wantOrderID: "o-1", wantFillsLeft: model.Contracts(2)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j, path := openTemp(t)
			fake := &fakeTrader{err: tc.err}
			tr := Wrap(fake, j, nil)
			var err error
			ctx := context.Background()
			switch tc.action {
			case ActionCreate:
				_, err = tr.CreateOrder(ctx, testOrder())
			case ActionCancel:
				_, err = tr.CancelOrder(ctx, "o-1")
			case ActionAmend:
				_, err = tr.AmendOrder(ctx, "o-1", model.AmendOrderRequest{Ticker: "KX-A", Side: model.Bid,
					Price: model.MustPrice("0.40"), Count: model.Contracts(7), ClientOrderID: "c-old", UpdatedClientOrderID: "c-new"})
			}
			if err != tc.err {
				t.Fatalf("wrapper changed the error: %v, want %v", err, tc.err)
			}
			got := readEntries(t, path)
			if len(got) != 2 {
				t.Fatalf("got %d entries, want request+result: %+v", len(got), got)
			}
			req, res := got[0], got[1]
			if req.Phase != PhaseRequest || res.Phase != PhaseResult || req.Action != tc.action || res.Action != tc.action {
				t.Fatalf("phases/actions: %+v / %+v", req, res)
			}
			if req.Outcome != "" || res.Outcome != tc.want || res.Status != tc.status || res.Code != tc.code {
				t.Errorf("result outcome %q status %d code %q, want %q %d %q", res.Outcome, res.Status, res.Code, tc.want, tc.status, tc.code)
			}
			if (tc.err == nil) != (res.Error == "") {
				t.Errorf("error text %q for err %v", res.Error, tc.err)
			}
			if res.OrderID != tc.wantOrderID || res.RemainingCount != tc.wantFillsLeft {
				t.Errorf("result order %q remaining %s, want %q %s", res.OrderID, res.RemainingCount, tc.wantOrderID, tc.wantFillsLeft)
			}
			if res.Time.Before(req.Time) || res.LatencyMs < 0 {
				t.Errorf("result time %v before request %v (latency %v)", res.Time, req.Time, res.LatencyMs)
			}
			switch tc.action {
			case ActionCreate:
				if req.Ticker != "KX-A" || req.Side != model.Ask || req.Price != model.MustPrice("0.42") ||
					req.Count != model.Contracts(5) || req.TimeInForce != model.IOC || !req.ReduceOnly || req.PostOnly {
					t.Errorf("request entry lost order fields: %+v", req)
				}
			case ActionAmend:
				if req.OrderID != "o-1" || req.Price != model.MustPrice("0.40") || req.Count != model.Contracts(7) ||
					req.ClientOrderID != "c-old" || req.UpdatedClientOrderID != "c-new" {
					t.Errorf("amend request entry: %+v", req)
				}
			}
		})
	}
}

func TestCreateNamesOrderBeforeJournallingAndSending(t *testing.T) {
	j, path := openTemp(t)
	fake := &fakeTrader{}
	if _, err := Wrap(fake, j, nil).CreateOrder(context.Background(), testOrder()); err != nil {
		t.Fatal(err)
	}
	id := fake.created.ClientOrderID
	if len(id) != 36 {
		t.Fatalf("sent client_order_id %q, want a generated UUID", id)
	}
	got := readEntries(t, path)
	if got[0].ClientOrderID != id || got[1].ClientOrderID != id {
		t.Fatalf("journal ids %q/%q, sent %q", got[0].ClientOrderID, got[1].ClientOrderID, id)
	}

	req := testOrder()
	req.ClientOrderID = "mine"
	_, _ = Wrap(fake, j, nil).CreateOrder(context.Background(), req)
	if fake.created.ClientOrderID != "mine" {
		t.Fatalf("caller's client_order_id replaced with %q", fake.created.ClientOrderID)
	}
}

func TestBatchCancelLogsEachItem(t *testing.T) {
	j, path := openTemp(t)
	fake := &fakeTrader{batch: model.BatchCancelResponse{Orders: []model.BatchCancelItem{
		{OrderID: "o-1", ClientOrderID: "c-1", ReducedBy: model.Contracts(2)},
		{OrderID: "o-2", Error: &model.ErrorBody{Code: "not_found", Message: "order not found"}},
		{OrderID: "o-3", Error: &model.ErrorBody{Code: "market_closed", Message: "closed"}},
	}}}
	if _, err := Wrap(fake, j, nil).BatchCancelOrders(context.Background(), []string{"o-1", "o-2", "o-3"}); err != nil {
		t.Fatal(err)
	}
	got := readEntries(t, path)
	if len(got) != 4 {
		t.Fatalf("got %d entries, want 1 request + 3 items", len(got))
	}
	if got[0].Phase != PhaseRequest || strings.Join(got[0].OrderIDs, ",") != "o-1,o-2,o-3" {
		t.Errorf("request entry: %+v", got[0])
	}
	want := []struct {
		id      string
		outcome Outcome
		code    string
	}{{"o-1", OutcomeOK, ""}, {"o-2", OutcomeGone, "not_found"}, {"o-3", OutcomeRejected, "market_closed"}}
	for i, w := range want {
		e := got[i+1]
		if e.Action != ActionBatchCancel || e.Phase != PhaseResult || e.OrderID != w.id || e.Outcome != w.outcome || e.Code != w.code {
			t.Errorf("item %d: %+v, want %+v", i, e, w)
		}
	}
	if got[1].ReducedBy != model.Contracts(2) || got[1].ClientOrderID != "c-1" {
		t.Errorf("item 0 lost its fields: %+v", got[1])
	}
}

func TestCancelAllWithoutItemsOrWithErrorLogsOneResult(t *testing.T) {
	for _, err := range []error{nil, &api.Error{Status: 500, Method: "DELETE", Path: "/x"}} {
		j, path := openTemp(t)
		_, _ = Wrap(&fakeTrader{err: err}, j, nil).CancelAllOrders(context.Background())
		got := readEntries(t, path)
		want := OutcomeOK
		if err != nil {
			want = OutcomeRejected
		}
		if len(got) != 2 || got[0].Action != ActionCancelAll || got[1].Phase != PhaseResult || got[1].Outcome != want {
			t.Errorf("err %v: entries %+v", err, got)
		}
	}
}

func TestReadsAreNotJournalled(t *testing.T) {
	j, path := openTemp(t)
	fake := &fakeTrader{}
	tr := Wrap(fake, j, nil)
	ctx := context.Background()
	_, _ = tr.GetOrders(ctx, api.OrdersQuery{})
	_, _ = tr.GetFills(ctx, api.FillsQuery{})
	_, _ = tr.GetPositions(ctx, api.PositionsQuery{})
	_, _ = tr.GetBalance(ctx)
	if fake.readCalls != 4 {
		t.Fatalf("reads reaching the trader = %d, want 4", fake.readCalls)
	}
	if data, _ := os.ReadFile(path); len(data) != 0 {
		t.Fatalf("reads were journalled: %s", data)
	}
}

func TestJournalFailureDoesNotFailTheTrade(t *testing.T) {
	j, _ := openTemp(t)
	_ = j.Close()
	var logs bytes.Buffer
	tr := Wrap(&fakeTrader{}, j, slog.New(slog.NewTextHandler(&logs, nil)))
	resp, err := tr.CreateOrder(context.Background(), testOrder())
	if err != nil || resp.OrderID != "o-1" {
		t.Fatalf("trade failed with the journal: %v %+v", err, resp)
	}
	if j.Failures() != 2 || strings.Count(logs.String(), "journal write failed") != 2 {
		t.Fatalf("failures = %d, logs:\n%s", j.Failures(), logs.String())
	}
}

func TestWrapNilStaysNil(t *testing.T) {
	if Wrap(nil, Discard(), nil) != nil {
		t.Fatal("Wrap(nil) must stay nil so the UI stays read-only")
	}
}

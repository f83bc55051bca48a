package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/model"
)

// Commands: every call to the exchange runs here, off the UI goroutine, and
// comes back as a message tagged with what it was for.

func loadMarkets(ctx context.Context, load MarketsLoader) tea.Cmd {
	return func() tea.Msg {
		events, err := load(ctx)
		return marketsLoadedMsg{events: events, err: err}
	}
}

// loadOrders fetches every order of one market, to reconcile an order of
// unknown outcome there.
func loadOrders(ctx context.Context, t Trader, ticker string) tea.Cmd {
	return func() tea.Msg {
		orders, err := t.GetOrders(ctx, api.OrdersQuery{Ticker: ticker})
		return ordersLoadedMsg{orders: orders, reconcile: ticker, err: err}
	}
}

// loadFills fetches the fill history for the fills pane.
func loadFills(ctx context.Context, t Trader) tea.Cmd {
	return func() tea.Msg {
		fills, err := t.GetFills(ctx, api.FillsQuery{})
		return fillsLoadedMsg{fills: fills, err: err}
	}
}

func loadBalance(ctx context.Context, t Trader) tea.Cmd {
	return func() tea.Msg {
		b, err := t.GetBalance(ctx)
		return balanceMsg{balance: b, err: err}
	}
}

// createOrder sends a create under ctx, the entry generation's context.
func createOrder(ctx context.Context, t Trader, req model.CreateOrderRequest) tea.Cmd {
	return func() tea.Msg {
		resp, err := t.CreateOrder(ctx, req)
		return orderPlacedMsg{req: req, resp: resp, err: err}
	}
}

func cancelOrder(ctx context.Context, t Trader, orderID, ticker string, tally desk.TallyID) tea.Cmd {
	return func() tea.Msg {
		resp, err := t.CancelOrder(ctx, orderID)
		return orderCanceledMsg{orderID: orderID, ticker: ticker, tally: tally, resp: resp, err: err}
	}
}

func batchCancel(ctx context.Context, t Trader, ids []string, why cancelReason, tally desk.TallyID) tea.Cmd {
	ids = slices.Clone(ids)
	return func() tea.Msg {
		resp, err := t.BatchCancelOrders(ctx, ids)
		return batchCanceledMsg{why: why, tally: tally, ids: ids, resp: resp, err: err}
	}
}

// amendOrder sends an amend; before is the order as it was, so the answer
// can say what changed.
func amendOrder(ctx context.Context, t Trader, orderID string, req model.AmendOrderRequest, before desk.Order) tea.Cmd {
	return func() tea.Msg {
		resp, err := t.AmendOrder(ctx, orderID, req)
		return amendedMsg{orderID: orderID, req: req, before: before, resp: resp, err: err}
	}
}

func saveFavourites(save func([]string) error, favs []string) tea.Cmd {
	favs = slices.Clone(favs)
	return func() tea.Msg { return favouritesSavedMsg{err: save(favs)} }
}

// groupCall runs one order-group call.
func groupCall(ctx context.Context, g GroupTrader, action groupAction, id string, limit model.Qty) tea.Cmd {
	return func() tea.Msg {
		var err error
		switch action {
		case groupCreate:
			id, err = g.CreateOrderGroup(ctx, limit)
		case groupTrigger:
			err = g.TriggerOrderGroup(ctx, id)
		case groupReset:
			err = g.ResetOrderGroup(ctx, id)
		}
		return groupMsg{action: action, id: id, limit: limit, err: err}
	}
}

// loadSettlements fetches one market's settlement record (retry counts
// earlier lookups that found none yet).
func loadSettlements(ctx context.Context, r SettlementReader, ticker string, retry int) tea.Cmd {
	return func() tea.Msg {
		list, err := r.GetSettlements(ctx, api.SettlementsQuery{Ticker: ticker})
		return settlementsMsg{ticker: ticker, retry: retry, list: list, err: err}
	}
}

// chunks splits ids into batches of at most n.
func chunks(ids []string, n int) [][]string {
	var out [][]string
	for len(ids) > 0 {
		k := min(n, len(ids))
		out = append(out, ids[:k])
		ids = ids[k:]
	}
	return out
}

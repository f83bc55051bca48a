package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
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

// loadOrders fetches my orders: the resting ones at start-up, or every
// order of one market when reconciling an unknown outcome.
func loadOrders(ctx context.Context, t Trader, reconcile string) tea.Cmd {
	return func() tea.Msg {
		q := api.OrdersQuery{Status: string(model.Resting)}
		if reconcile != "" {
			q = api.OrdersQuery{Ticker: reconcile}
		}
		orders, err := t.GetOrders(ctx, q)
		return ordersLoadedMsg{orders: orders, reconcile: reconcile, err: err}
	}
}

func loadFills(ctx context.Context, t Trader) tea.Cmd {
	return func() tea.Msg {
		fills, err := t.GetFills(ctx, api.FillsQuery{})
		return fillsLoadedMsg{fills: fills, err: err}
	}
}

// loadPositions fetches every position the exchange holds for the account,
// including those opened before this session.
func loadPositions(ctx context.Context, t Trader) tea.Cmd {
	return func() tea.Msg {
		list, err := t.GetPositions(ctx, api.PositionsQuery{})
		return positionsLoadedMsg{positions: list, err: err}
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

func cancelOrder(ctx context.Context, t Trader, orderID, ticker string) tea.Cmd {
	return func() tea.Msg {
		resp, err := t.CancelOrder(ctx, orderID)
		return orderCanceledMsg{orderID: orderID, ticker: ticker, resp: resp, err: err}
	}
}

func batchCancel(ctx context.Context, t Trader, ids []string, why cancelReason) tea.Cmd {
	ids = slices.Clone(ids)
	return func() tea.Msg {
		resp, err := t.BatchCancelOrders(ctx, ids)
		return batchCanceledMsg{why: why, ids: ids, resp: resp, err: err}
	}
}

// amendOrder sends an amend; before is the order as it was, so the answer
// can say what changed.
func amendOrder(ctx context.Context, t Trader, orderID string, req model.AmendOrderRequest, before myOrder) tea.Cmd {
	return func() tea.Msg {
		resp, err := t.AmendOrder(ctx, orderID, req)
		return amendedMsg{orderID: orderID, req: req, before: before, resp: resp, err: err}
	}
}

func saveFavourites(save func([]string) error, favs []string) tea.Cmd {
	favs = slices.Clone(favs)
	return func() tea.Msg { return favouritesSavedMsg{err: save(favs)} }
}

func setMarkets(f Feed, books, tickers []string) tea.Cmd {
	books, tickers = slices.Clone(books), slices.Clone(tickers)
	return func() tea.Msg {
		f.SetMarkets(books, tickers)
		return nil
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

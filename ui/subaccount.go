package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/model"
	"ladder/ui/text"
)

// Subaccounts (kalshi-api.md §11). A dashboard trades on one subaccount
// at a time (Options.Subaccount, changed in the account view): its new
// orders carry it, and the orders, fills and positions panes show its part
// of the desk (desk.ViewFor). The desk keeps every subaccount, so the kill
// switch and quitting still reach every order; ctrl+k stops one
// subaccount only.
//
// The exchange finds an order of a subaccount other than the primary only
// when the call names it. Rather than make every cancel and amend site
// name it, the Trader order actions go through (writer) routes each call
// by the order's subaccount as the desk knows it: the primary's orders
// take the plain calls, the others the subaccount variants.

// SubaccountTrader is the part of *api.Client that acts on orders of a
// subaccount other than the primary. A Trader without it (a replay, a
// viewer) cannot cancel or amend those orders, and says so.
type SubaccountTrader interface {
	CancelOrderIn(ctx context.Context, subaccount int, orderID string) (model.CancelOrderResponse, error)
	AmendOrderIn(ctx context.Context, subaccount int, orderID string, req model.AmendOrderRequest) (model.AmendOrderResponse, error)
	BatchCancel(ctx context.Context, orders []model.BatchCancelOrder) (model.BatchCancelResponse, error)
}

// errNoSubaccounts answers an action on a subaccount's order through a
// Trader that cannot name subaccounts.
var errNoSubaccounts = errors.New("the exchange client cannot act on a subaccount's orders")

// routed is the Trader order actions go through: it sends each cancel and
// amend to its order's subaccount.
type routed struct {
	Trader
	desk *desk.Desk
}

// subOf is the subaccount of an order the desk holds (0 when it holds it
// no longer: the exchange then answers that it is gone, which is so).
func (r *routed) subOf(id string) (int, string) {
	if o, ok := r.desk.View().Order(id); ok {
		return o.Subaccount, o.Ticker
	}
	return 0, ""
}

func (r *routed) CancelOrder(ctx context.Context, id string) (model.CancelOrderResponse, error) {
	sub, _ := r.subOf(id)
	if sub == 0 {
		return r.Trader.CancelOrder(ctx, id)
	}
	st, ok := r.Trader.(SubaccountTrader)
	if !ok {
		return model.CancelOrderResponse{}, errNoSubaccounts
	}
	return st.CancelOrderIn(ctx, sub, id)
}

func (r *routed) AmendOrder(ctx context.Context, id string, req model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	sub, _ := r.subOf(id)
	if sub == 0 {
		return r.Trader.AmendOrder(ctx, id, req)
	}
	st, ok := r.Trader.(SubaccountTrader)
	if !ok {
		return model.AmendOrderResponse{}, errNoSubaccounts
	}
	return st.AmendOrderIn(ctx, sub, id, req)
}

// BatchCancelOrders names each order's subaccount (and market) when any
// is not the primary's; a batch of the primary's orders is sent as before.
func (r *routed) BatchCancelOrders(ctx context.Context, ids []string) (model.BatchCancelResponse, error) {
	orders := make([]model.BatchCancelOrder, len(ids))
	others := false
	for i, id := range ids {
		sub, ticker := r.subOf(id)
		orders[i] = model.BatchCancelOrder{OrderID: id, Subaccount: sub, MarketTicker: ticker}
		others = others || sub != 0
	}
	if !others {
		return r.Trader.BatchCancelOrders(ctx, ids)
	}
	st, ok := r.Trader.(SubaccountTrader)
	if !ok {
		return model.BatchCancelResponse{}, errNoSubaccounts
	}
	return st.BatchCancel(ctx, orders)
}

// The order-group calls pass through, so routing hides none of them.
func (r *routed) CreateOrderGroup(ctx context.Context, limit model.Qty) (string, error) {
	if g, ok := r.Trader.(GroupTrader); ok {
		return g.CreateOrderGroup(ctx, limit)
	}
	return "", errNoGroups
}

func (r *routed) TriggerOrderGroup(ctx context.Context, id string) error {
	if g, ok := r.Trader.(GroupTrader); ok {
		return g.TriggerOrderGroup(ctx, id)
	}
	return errNoGroups
}

func (r *routed) ResetOrderGroup(ctx context.Context, id string) error {
	if g, ok := r.Trader.(GroupTrader); ok {
		return g.ResetOrderGroup(ctx, id)
	}
	return errNoGroups
}

// view is the desk as this dashboard shows it: the subaccount it trades
// on. The kill switch, quitting and the feed's reconciliation work on the
// whole desk (m.desk.View()).
func (m *Model) view() *desk.View { return m.desk.ViewFor(m.sub) }

// subaccountWord names a subaccount: "primary" or "sub 2".
func subaccountWord(n int) string {
	if n == 0 {
		return "primary"
	}
	return "sub " + text.Itoa(n)
}

// subaccountsInUse says whether more than one subaccount is in play, so
// the words that name a scope (the kill switch's) are worth their room.
func (m *Model) subaccountsInUse() bool {
	return m.sub != 0 || len(m.subs) > 1
}

// setSubaccount makes n the subaccount this dashboard trades on and loads
// its positions (the feed's reconciliation loads only the primary's).
func (m *Model) setSubaccount(n int) tea.Cmd {
	if n < 0 || n > model.MaxSubaccount {
		m.say(lvlBad, fmt.Sprintf("subaccount %d is outside 0–%d", n, model.MaxSubaccount))
		return nil
	}
	if len(m.subs) > 0 && !slices.ContainsFunc(m.subs, func(b model.SubaccountBalance) bool { return b.SubaccountNumber == n }) {
		m.say(lvlBad, "the account has no subaccount "+text.Itoa(n))
		return nil
	}
	was := m.sub
	m.sub = n
	m.moving = ""
	if was != n {
		hint := ""
		if n != 0 && m.desk.GroupState().ID != "" {
			hint = "its orders go without the exchange-side guard (the order group is the primary's)"
		}
		m.sayHint(lvlWarn, "now trading on "+subaccountWord(n), hint)
	}
	return m.loadSubPositions(n)
}

// loadSubPositions fetches a subaccount's positions; the primary's come
// from the feed's reconciliation.
func (m *Model) loadSubPositions(n int) tea.Cmd {
	if n == 0 || m.opts.Trader == nil {
		return nil
	}
	t := m.opts.Trader
	ctx := m.ctx
	return func() tea.Msg {
		list, err := t.GetPositions(ctx, api.PositionsQuery{Subaccount: n})
		return subPositionsMsg{sub: n, list: list, err: err}
	}
}

// subPositionsMsg answers a subaccount's positions.
type subPositionsMsg struct {
	sub  int
	list []model.MarketPosition
	err  error
}

func (m *Model) onSubPositions(msg subPositionsMsg) {
	if msg.err != nil {
		m.say(lvlBad, subaccountWord(msg.sub)+" positions: "+errText(msg.err))
		return
	}
	m.desk.ApplyPositionsIn(msg.sub, msg.list)
}

// killSubaccount fires the kill switch for the subaccount this dashboard
// trades on: its orders are cancelled, the others' keep resting, and entry
// locks for every subaccount.
func (m *Model) killSubaccount() tea.Cmd {
	return m.killScoped(desk.Subaccount(m.sub))
}

// killScopeWords names a kill switch's scope for its message.
func killScopeWords(s desk.KillScope) string {
	if s.Only {
		return subaccountWord(s.Sub) + " only"
	}
	return "every subaccount"
}

// NoteKill and NoteUnlock pass the journal's lock entries through (see
// LockJournal); a Trader without a journal records nothing.
func (r *routed) NoteKill(orderIDs []string) error {
	if lj, ok := r.Trader.(LockJournal); ok {
		return lj.NoteKill(orderIDs)
	}
	return nil
}

func (r *routed) NoteUnlock() error {
	if lj, ok := r.Trader.(LockJournal); ok {
		return lj.NoteUnlock()
	}
	return nil
}

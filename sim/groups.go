package sim

import (
	"net/http"
	"sort"
	"time"

	"ladder/model"
)

// groupWindow is the rolling window over which an order group counts
// filled contracts.
const groupWindow = 15 * time.Second

// orderGroup caps how many contracts its orders may fill within a rolling
// 15 s. When more than the limit fills, every order in the group is
// canceled and new orders are refused until the group is reset; a trigger
// does the same on demand.
type orderGroup struct {
	id      string
	acct    *account
	sub     int // the subaccount whose orders it holds
	limit   model.Qty
	window  []groupFill // fills inside the window, oldest first
	total   model.Qty   // Σ window
	blocked bool
	orders  map[*order]struct{} // open orders in the group
}

type groupFill struct {
	at  time.Time
	qty model.Qty
}

func (g *orderGroup) add(o *order)    { g.orders[o] = struct{}{} }
func (g *orderGroup) remove(o *order) { delete(g.orders, o) }

// prune drops fills older than the window.
func (g *orderGroup) prune(now time.Time) {
	cut := 0
	for cut < len(g.window) && now.Sub(g.window[cut].at) >= groupWindow {
		g.total -= g.window[cut].qty
		cut++
	}
	if cut > 0 {
		n := copy(g.window, g.window[cut:])
		g.window = g.window[:n]
	}
}

// filled counts a fill of one of the group's orders and triggers the group
// when the window total exceeds the limit.
func (g *orderGroup) filled(e *Engine, qty model.Qty) {
	g.prune(e.now)
	g.window = append(g.window, groupFill{at: e.now, qty: qty})
	g.total += qty
	if g.total > g.limit && !g.blocked {
		e.triggerGroup(g)
	}
}

// sortedOrders lists the group's open orders oldest first, so cancels
// happen in a deterministic order.
func (g *orderGroup) sortedOrders() []*order {
	out := make([]*order, 0, len(g.orders))
	for o := range g.orders {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].seq < out[j].seq })
	return out
}

// triggerGroup blocks the group, cancels its orders and announces it.
func (e *Engine) triggerGroup(g *orderGroup) {
	g.blocked = true
	for _, o := range g.sortedOrders() {
		e.cancelResting(o)
	}
	e.emitGroup(g, "triggered")
}

// emitGroup publishes an order_group_updates event; created and
// limit_updated carry the limit.
func (e *Engine) emitGroup(g *orderGroup, kind string) {
	msg := &model.OrderGroupUpdateMsg{EventType: kind, OrderGroupID: g.id, TsMs: e.now.UnixMilli()}
	if kind == "created" || kind == "limit_updated" {
		limit := g.limit
		msg.ContractsLimit = &limit
	}
	e.emit(Event{Kind: EvOrderGroup, Account: g.acct.id, Group: msg})
}

// findGroup returns one of the account's groups. With sub set, a group of
// another subaccount is not found either: the group endpoints take the
// subaccount as a query parameter (default 0 for actions, every
// subaccount for reads).
func (e *Engine) findGroup(acct AccountID, sub *int, id string) (*orderGroup, *APIError) {
	a, err := e.account(acct)
	if err != nil {
		return nil, err
	}
	if sub != nil {
		if _, err := a.ledger(*sub); err != nil {
			return nil, err
		}
	}
	g := e.groups[id]
	if g == nil || g.acct != a || (sub != nil && g.sub != *sub) {
		return nil, errNotFound("order group " + id)
	}
	return g, nil
}

func (g *orderGroup) toModel() model.OrderGroup {
	out := model.OrderGroup{ID: g.id, ContractsLimit: g.limit, IsAutoCancelEnabled: true}
	for _, o := range g.sortedOrders() {
		out.Orders = append(out.Orders, o.id)
	}
	return out
}

// checkGroupLimit refuses a limit that is not a positive count.
func checkGroupLimit(limit model.Qty) *APIError {
	if limit <= 0 {
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "contracts_limit must be positive")
	}
	return nil
}

// CreateOrderGroup creates a primary-subaccount group; see CreateOrderGroupIn.
func (e *Engine) CreateOrderGroup(acct AccountID, limit model.Qty) (string, error) {
	return e.CreateOrderGroupIn(acct, 0, limit)
}

// CreateOrderGroupIn creates a group for subaccount sub with a contracts
// limit per 15 s. Only orders of that subaccount may join it.
func (e *Engine) CreateOrderGroupIn(acct AccountID, sub int, limit model.Qty) (string, error) {
	e.begin()
	defer e.end()
	a, err := e.account(acct)
	if err != nil {
		return "", err
	}
	if _, err := a.ledger(sub); err != nil {
		return "", err
	}
	if err := checkGroupLimit(limit); err != nil {
		return "", err
	}
	g := &orderGroup{id: e.ids.next(), acct: a, sub: sub, limit: limit, orders: make(map[*order]struct{})}
	e.groups[g.id] = g
	e.emitGroup(g, "created")
	return g.id, nil
}

// OrderGroup returns one of the account's groups, of any subaccount.
func (e *Engine) OrderGroup(acct AccountID, id string) (model.OrderGroup, error) {
	return e.OrderGroupIn(acct, nil, id)
}

// OrderGroupIn returns one of the account's groups; sub nil = any subaccount.
func (e *Engine) OrderGroupIn(acct AccountID, sub *int, id string) (model.OrderGroup, error) {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, sub, id)
	if err != nil {
		return model.OrderGroup{}, err
	}
	return g.toModel(), nil
}

// OrderGroupBlocked reports whether a group was triggered and awaits a reset.
func (e *Engine) OrderGroupBlocked(acct AccountID, id string) (bool, error) {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, nil, id)
	if err != nil {
		return false, err
	}
	return g.blocked, nil
}

// OrderGroups lists the account's groups of every subaccount, sorted by id.
func (e *Engine) OrderGroups(acct AccountID) []model.OrderGroup {
	gs, _ := e.OrderGroupsIn(acct, nil)
	return gs
}

// OrderGroupsIn lists the account's groups, sorted by id; sub nil = every
// subaccount.
func (e *Engine) OrderGroupsIn(acct AccountID, sub *int) ([]model.OrderGroup, error) {
	e.begin()
	defer e.end()
	a := e.accounts[acct]
	if a == nil {
		return nil, nil
	}
	if sub != nil {
		if _, err := a.ledger(*sub); err != nil {
			return nil, err
		}
	}
	var out []model.OrderGroup
	for _, g := range e.groups {
		if g.acct == a && (sub == nil || g.sub == *sub) {
			out = append(out, g.toModel())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// TriggerOrderGroup triggers a primary-subaccount group.
func (e *Engine) TriggerOrderGroup(acct AccountID, id string) error {
	return e.TriggerOrderGroupIn(acct, 0, id)
}

// TriggerOrderGroupIn cancels every order in the group and blocks new ones
// until a reset. Triggering a blocked group announces it again and cancels
// nothing more.
func (e *Engine) TriggerOrderGroupIn(acct AccountID, sub int, id string) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, &sub, id)
	if err != nil {
		return err
	}
	e.triggerGroup(g)
	return nil
}

// ResetOrderGroup resets a primary-subaccount group.
func (e *Engine) ResetOrderGroup(acct AccountID, id string) error {
	return e.ResetOrderGroupIn(acct, 0, id)
}

// ResetOrderGroupIn clears the fill window and unblocks the group.
func (e *Engine) ResetOrderGroupIn(acct AccountID, sub int, id string) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, &sub, id)
	if err != nil {
		return err
	}
	g.blocked = false
	g.window = g.window[:0]
	g.total = 0
	e.emitGroup(g, "reset")
	return nil
}

// UpdateOrderGroupLimit sets a new contracts limit. The window is kept: if
// it already holds more fills than the new limit, the group triggers at
// once, exactly as if that fill had just happened.
func (e *Engine) UpdateOrderGroupLimit(acct AccountID, sub int, id string, limit model.Qty) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, &sub, id)
	if err != nil {
		return err
	}
	if err := checkGroupLimit(limit); err != nil {
		return err
	}
	g.limit = limit
	e.emitGroup(g, "limit_updated")
	g.prune(e.now)
	if g.total > g.limit && !g.blocked {
		e.triggerGroup(g)
	}
	return nil
}

// DeleteOrderGroup deletes a primary-subaccount group.
func (e *Engine) DeleteOrderGroup(acct AccountID, id string) error {
	return e.DeleteOrderGroupIn(acct, 0, id)
}

// DeleteOrderGroupIn cancels the group's orders and removes it.
func (e *Engine) DeleteOrderGroupIn(acct AccountID, sub int, id string) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, &sub, id)
	if err != nil {
		return err
	}
	for _, o := range g.sortedOrders() {
		e.cancelResting(o)
	}
	delete(e.groups, id)
	e.emitGroup(g, "deleted")
	return nil
}

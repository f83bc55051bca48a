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

// triggerGroup blocks the group and cancels its orders.
func (e *Engine) triggerGroup(g *orderGroup) {
	g.blocked = true
	for _, o := range g.sortedOrders() {
		e.cancelResting(o)
	}
}

// findGroup returns the account's group or a 404.
func (e *Engine) findGroup(acct AccountID, id string) (*orderGroup, *APIError) {
	a, err := e.account(acct)
	if err != nil {
		return nil, err
	}
	g := e.groups[id]
	if g == nil || g.acct != a {
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

// CreateOrderGroup creates a group with a contracts limit per 15 s.
func (e *Engine) CreateOrderGroup(acct AccountID, limit model.Qty) (string, error) {
	e.begin()
	defer e.end()
	a, err := e.account(acct)
	if err != nil {
		return "", err
	}
	if limit <= 0 {
		return "", apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "contracts_limit must be positive")
	}
	g := &orderGroup{id: e.ids.next(), acct: a, limit: limit, orders: make(map[*order]struct{})}
	e.groups[g.id] = g
	return g.id, nil
}

// OrderGroup returns one of the account's groups.
func (e *Engine) OrderGroup(acct AccountID, id string) (model.OrderGroup, error) {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, id)
	if err != nil {
		return model.OrderGroup{}, err
	}
	return g.toModel(), nil
}

// OrderGroupBlocked reports whether a group was triggered and awaits a reset.
func (e *Engine) OrderGroupBlocked(acct AccountID, id string) (bool, error) {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, id)
	if err != nil {
		return false, err
	}
	return g.blocked, nil
}

// OrderGroups lists the account's groups, sorted by id.
func (e *Engine) OrderGroups(acct AccountID) []model.OrderGroup {
	e.begin()
	defer e.end()
	a := e.accounts[acct]
	var out []model.OrderGroup
	for _, g := range e.groups {
		if g.acct == a {
			out = append(out, g.toModel())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// TriggerOrderGroup cancels every order in the group and blocks new ones
// until a reset.
func (e *Engine) TriggerOrderGroup(acct AccountID, id string) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, id)
	if err != nil {
		return err
	}
	e.triggerGroup(g)
	return nil
}

// ResetOrderGroup clears the fill window and unblocks the group.
func (e *Engine) ResetOrderGroup(acct AccountID, id string) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, id)
	if err != nil {
		return err
	}
	g.blocked = false
	g.window = g.window[:0]
	g.total = 0
	return nil
}

// DeleteOrderGroup cancels the group's orders and removes it.
func (e *Engine) DeleteOrderGroup(acct AccountID, id string) error {
	e.begin()
	defer e.end()
	g, err := e.findGroup(acct, id)
	if err != nil {
		return err
	}
	for _, o := range g.sortedOrders() {
		e.cancelResting(o)
	}
	delete(e.groups, id)
	return nil
}

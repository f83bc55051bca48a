package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/ui/ladder"
)

// Flatten (F): cancel my orders in the ladder's market, then close the
// position with one crossing immediate-or-cancel order, reduce-only, so it
// can never open the other way. It confirms first, with the exact order
// and the P&L it locks in as the book stands. Flatten only reduces risk,
// so it works while entry is locked (kill switch, loss limit); its
// closing order goes outside the order group, which a lock may have
// triggered.

// flatten plans closing the ladder's position and asks to confirm it.
func (m *Model) flatten(lp *ladder.Pane) tea.Cmd {
	if m.writer() == nil {
		m.say(lvlBad, m.readOnlyWord()+": cannot flatten")
		return nil
	}
	if stale, why := lp.Stale(); stale {
		m.say(lvlBad, "not flattened: book stale ("+why+")")
		return nil
	}
	plan, err := m.desk.PlanFlattenIn(m.sub, lp.Ticker(), lp.Book())
	if err != nil {
		if errors.Is(err, desk.ErrFlat) {
			m.say(lvlWarn, "nothing to flatten: no position in "+m.names.Short(lp.Ticker()))
			return nil
		}
		m.say(lvlBad, "not flattened: "+err.Error())
		return nil
	}
	plan.Req.ClientOrderID = m.opts.NewClientOrderID()
	return m.openFlattenDialog(lp, plan)
}

// startFlatten performs a confirmed flatten: the cancels first (the
// closing order would otherwise meet my own orders at the cross), then the
// closing order when their answers are in.
func (m *Model) startFlatten(plan desk.FlattenPlan) tea.Cmd {
	m.desk.FlagInFlight(plan.Req.Ticker, 0)
	v := m.desk.View()
	var orders []desk.Order
	for _, id := range plan.Cancel {
		if o, ok := v.Order(id); ok {
			orders = append(orders, o)
		}
	}
	if len(orders) == 0 {
		return m.sendFlatten(plan.Req)
	}
	cmd := m.cancelOrders(orders, cancelFlatten)
	if m.tally == 0 {
		// Already being cancelled by something else: close at once.
		return tea.Batch(cmd, m.sendFlatten(plan.Req))
	}
	m.flattens[m.tally] = plan.Req
	return cmd
}

// flattenCancelled sends the closing order once the flatten's cancels are
// answered, whatever they said: the order is reduce-only.
func (m *Model) flattenCancelled(tally desk.TallyID) tea.Cmd {
	req, ok := m.flattens[tally]
	if !ok {
		return nil
	}
	delete(m.flattens, tally)
	return m.sendFlatten(req)
}

// sendFlatten reserves and sends the closing order. Its size follows the
// position as it stands now (fills may have moved it); reduce-only keeps
// it from ever opening the other way.
func (m *Model) sendFlatten(req model.CreateOrderRequest) tea.Cmd {
	pos := m.desk.ProjectedIn(req.Subaccount, req.Ticker)
	if (req.Side == model.Ask && pos <= 0) || (req.Side == model.Bid && pos >= 0) {
		m.say(lvlGood, "flat in "+m.names.Short(req.Ticker)+": nothing left to close")
		return nil
	}
	req.Count = min(req.Count, pos.Abs())
	req.OrderGroupID = ""
	lp := m.ladderFor(req.Ticker)
	var mk desk.Market
	if lp != nil {
		mk = marketFor(lp)
	}
	before, err := m.desk.Reserve(req, mk, desk.ReserveOptions{Flatten: true})
	if err != nil {
		m.say(lvlBad, "flatten not sent: "+err.Error())
		return nil
	}
	m.sent[req.ClientOrderID] = sentOrder{crossed: true, before: before}
	m.sayHint(lvlWarn, "flattening: sending "+m.describeOrder(req, m.termsFor(req.Ticker), m.priceFormatFor(req.Ticker))+"…",
		"crossed: trades as taker")
	// Not the entry generation's context: a lock must not stop a flatten.
	return createOrder(m.ctx, m.writer(), req)
}

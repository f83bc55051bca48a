package ui

import (
	"errors"
	"fmt"
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/model"
)

// The answers to REST commands, each tagged with what it was for.

// onOrdersLoaded takes my resting orders at start-up, or every order of a
// market whose unknown order is being reconciled.
func (m *Model) onOrdersLoaded(msg ordersLoadedMsg) tea.Cmd {
	if msg.reconcile == "" {
		if msg.err != nil {
			m.say(lvlBad, "orders: "+errText(msg.err))
			return nil
		}
		list := make([]myOrder, 0, len(msg.orders))
		for _, o := range msg.orders {
			if o.Status == model.Resting || o.Status == "" {
				list = append(list, fromOrder(o))
			}
		}
		m.store.replaceResting(list)
		return nil
	}
	ticker := msg.reconcile
	if msg.err != nil {
		m.sayHint(lvlBad, "reconciling "+shortTicker(ticker)+" failed: "+errText(msg.err), "retrying; entry stays blocked")
		return m.after(2*time.Second, reconcileMsg{ticker: ticker})
	}
	found := map[string]bool{}
	var cmds []tea.Cmd
	for _, o := range msg.orders {
		mo := fromOrder(o)
		if mo.ClientID != "" {
			found[mo.ClientID] = true
		}
		if unknown := m.store.get(mo.ID); unknown != nil && unknown.State == stateUnknown {
			unknown.State = stateWorking
		}
		if _, cancel := m.store.apply(mo, o.Status == model.Resting); cancel && o.Status == model.Resting {
			cmds = append(cmds, m.cancelLanded(mo.ID, mo.Ticker))
		}
	}
	// Unknown creates the exchange never saw did not happen.
	for _, p := range m.store.pendingList() {
		if p.Ticker == ticker && p.State == stateUnknown && !found[p.ClientID] {
			m.store.drop(p.ClientID)
		}
	}
	// Unknown amends whose order is gone: the order is gone.
	for _, o := range m.store.working(ticker) {
		if o.State == stateUnknown {
			m.store.remove(o.ID)
		}
	}
	m.say(lvlGood, "reconciled "+shortTicker(ticker)+": order entry unblocked")
	return tea.Batch(cmds...)
}

// onFillsLoaded lists the fill history. Positions come from the exchange
// (GetPositions), which already counts these fills.
func (m *Model) onFillsLoaded(msg fillsLoadedMsg) {
	if msg.err != nil {
		m.say(lvlBad, "fills: "+errText(msg.err))
		return
	}
	fills := slices.Clone(msg.fills)
	// Apply oldest first so realized P&L follows the order of trading.
	slices.SortStableFunc(fills, func(a, b model.Fill) int { return fillTime(a).Compare(fillTime(b)) })
	for _, f := range fills {
		if fresh, err := m.holdings.record(f); err == nil && fresh {
			m.fills = append([]model.Fill{f}, m.fills...)
		}
	}
	if len(m.fills) > maxFills {
		m.fills = m.fills[:maxFills]
	}
}

// onPlaced takes the answer to a create.
func (m *Model) onPlaced(msg orderPlacedMsg) tea.Cmd {
	req := msg.req
	what := describeOrder(req, m.termsFor(req.Ticker), m.priceFormatFor(req.Ticker))
	sent := m.sent[req.ClientOrderID]
	delete(m.sent, req.ClientOrderID)
	if msg.err != nil {
		if errors.Is(msg.err, api.ErrUnknownOutcome) {
			// Reconciled under the program's context, never the entry
			// generation's: the kill switch may be why it is unknown.
			m.store.markUnknown(req.ClientOrderID)
			m.sayHint(lvlBad, "UNKNOWN outcome: "+what+", reconciling", "entry in "+shortTicker(req.Ticker)+" blocked until then")
			if m.opts.Trader != nil {
				return loadOrders(m.ctx, m.opts.Trader, req.Ticker)
			}
			return nil
		}
		m.store.drop(req.ClientOrderID)
		if withdrawn(msg.err) {
			m.killed.withdrawn++
			m.say(lvlBad, m.killed.words())
			return nil
		}
		m.say(lvlBad, "REJECTED "+what+": "+errText(msg.err))
		return nil
	}
	rests, cancel := m.store.acknowledge(req.ClientOrderID, msg.resp.OrderID, msg.resp.RemainingCount, msg.resp.FillCount)
	text := "placed " + what
	if msg.resp.FillCount > 0 {
		text += ", filled " + msg.resp.FillCount.Short()
	}
	if !rests && (req.TimeInForce == model.IOC || req.TimeInForce == model.FOK) {
		if msg.resp.FillCount == 0 {
			text = "nothing filled: " + what
		} else {
			text = "took " + msg.resp.FillCount.Short() + " of " + what
		}
	}
	var resting model.Qty
	if rests {
		resting = msg.resp.RemainingCount
	}
	if flip := placedFlip(sent, req.Side, msg.resp.FillCount, resting, m.termsFor(req.Ticker)); flip != "" {
		text += ", " + flip
	}
	if sent.crossed && msg.resp.FillCount > 0 {
		m.sayHint(lvlWarn, text, "crossed: traded as taker")
	} else {
		m.say(lvlGood, text)
	}
	if rests && (cancel || m.locked) {
		return tea.Batch(m.cancelLanded(msg.resp.OrderID, req.Ticker), m.wantBalance())
	}
	return m.wantBalance()
}

// onCanceled takes the answer to a single cancel.
func (m *Model) onCanceled(msg orderCanceledMsg) tea.Cmd {
	what := m.orderWordsOr(m.store.get(msg.orderID), msg.orderID)
	ok := msg.err == nil || gone(msg.err)
	errWords := ""
	if !ok {
		errWords = errText(msg.err)
	}
	late := m.killed.lateCancelled(msg.orderID, ok, errWords)
	if !ok {
		m.store.setState([]string{msg.orderID}, stateWorking)
		if late {
			m.say(lvlBad, m.killed.words())
		} else {
			m.say(lvlBad, "cancel of "+what+" failed: "+errWords)
		}
		return nil
	}
	m.store.remove(msg.orderID)
	if m.moving == msg.orderID {
		m.moving = ""
	}
	switch {
	case late:
		m.say(lvlBad, m.killed.words())
	case msg.err != nil:
		m.say(lvlInfo, what+" was already gone")
	default:
		m.say(lvlGood, "cancelled "+what)
	}
	return m.wantBalance()
}

// onBatchCanceled takes the answer to a batch cancel.
func (m *Model) onBatchCanceled(msg batchCanceledMsg) tea.Cmd {
	var quit tea.Cmd
	if msg.why == cancelQuit {
		m.quitWaits--
		if m.quitWaits <= 0 {
			quit = tea.Quit
		}
	}
	if msg.err != nil {
		m.store.setState(msg.ids, stateWorking)
		if msg.why == cancelKill {
			m.killed.failed += len(msg.ids)
			m.killed.firstErr = errText(msg.err)
			m.say(lvlBad, m.killed.words())
			return quit
		}
		m.say(lvlBad, reasonWord(msg.why)+" failed: "+errText(msg.err))
		return quit
	}
	ok, failed := 0, 0
	var firstErr string
	for _, it := range msg.resp.Orders {
		if it.Error != nil && !api.ItemGone(it) {
			failed++
			m.store.setState([]string{it.OrderID}, stateWorking)
			if firstErr == "" {
				firstErr = it.Error.Error()
			}
			continue
		}
		ok++
		m.store.remove(it.OrderID)
	}
	switch {
	case msg.why == cancelKill:
		m.killed.cancelled += ok
		m.killed.failed += failed
		if m.killed.firstErr == "" {
			m.killed.firstErr = firstErr
		}
		m.say(lvlBad, m.killed.words())
	case failed > 0:
		m.say(lvlBad, fmt.Sprintf("%s: %d cancelled, %d failed (%s)", reasonWord(msg.why), ok, failed, firstErr))
	default:
		m.say(lvlGood, fmt.Sprintf("%s: %d cancelled", reasonWord(msg.why), ok))
	}
	if ok > 0 && quit == nil {
		return m.wantBalance()
	}
	return quit
}

func reasonWord(r cancelReason) string {
	switch r {
	case cancelLevel:
		return "cancel at level"
	case cancelMarket:
		return "cancel all in market"
	case cancelSelected:
		return "cancel selected"
	case cancelKill:
		return "KILL SWITCH"
	case cancelQuit:
		return "cancel before quit"
	}
	return "cancel"
}

// onAmended takes the answer to an amend (a move, a resize or both).
func (m *Model) onAmended(msg amendedMsg) tea.Cmd {
	o := m.store.get(msg.orderID)
	before := msg.before
	if before.ID == "" && o != nil {
		before = *o
	}
	rem := msg.req.Count - before.Filled
	what := m.amendWords(before, msg.req.Price, rem)
	verb := amendVerb(before, msg.req.Price, rem)
	if msg.err != nil {
		if errors.Is(msg.err, api.ErrUnknownOutcome) && o != nil {
			o.State = stateUnknown
			m.sayHint(lvlBad, "UNKNOWN outcome: "+verb+" "+what+", reconciling", "entry in "+shortTicker(o.Ticker)+" blocked until then")
			if m.opts.Trader != nil {
				return loadOrders(m.ctx, m.opts.Trader, o.Ticker)
			}
			return nil
		}
		if o != nil {
			o.State = stateWorking
		}
		if withdrawn(msg.err) {
			m.killed.withdrawn++
			m.say(lvlBad, m.killed.words())
			return nil
		}
		m.say(lvlBad, "REJECTED "+amendNoun(verb)+" "+what+": "+errText(msg.err))
		return nil
	}
	text := verb + " " + what
	if o != nil {
		o.Price = msg.req.Price
		if msg.resp.RemainingCount != nil {
			o.Remaining = *msg.resp.RemainingCount
		}
		if msg.resp.FillCount != nil {
			if f := *msg.resp.FillCount; f > o.Filled {
				text += ", filled " + (f - before.Filled).Short()
			}
			o.Filled = *msg.resp.FillCount
		}
		o.State = stateWorking
		if msg.resp.OrderID != "" && msg.resp.OrderID != o.ID {
			m.store.remove(o.ID)
			o.ID = msg.resp.OrderID
			m.store.byID[o.ID] = o
		}
		if o.Remaining <= 0 {
			m.store.remove(o.ID)
		}
	}
	m.say(lvlGood, text)
	return m.wantBalance()
}

// gone reports an error that means the order no longer exists, which for
// a cancel is the wanted end state.
func gone(err error) bool { return errors.Is(err, api.ErrOrderGone) }

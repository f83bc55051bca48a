package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/model"
	"ladder/ui/text"
)

// The answers to REST commands, each tagged with what it was for. Each
// answer is applied to the desk here, in Update, by the dashboard that
// sent the command: the desk's versions settle it against whatever the
// feed said meanwhile, and only this dashboard knows what the command was
// for (the words of its message, the flatten waiting on a cancel).

// onOrdersLoaded takes every order of a market whose unknown order is
// being reconciled.
func (m *Model) onOrdersLoaded(msg ordersLoadedMsg) tea.Cmd {
	ticker := msg.reconcile
	if msg.err != nil {
		m.sayHint(lvlBad, "reconciling "+m.names.Short(ticker)+" failed: "+errText(msg.err), "retrying; entry stays blocked")
		return m.after(2*time.Second, reconcileMsg{ticker: ticker})
	}
	m.desk.ApplyOrderLookup(ticker, msg.orders)
	m.say(lvlGood, "reconciled "+m.names.Short(ticker)+": order entry unblocked")
	return nil
}

// onFillsLoaded lists the fill history. Positions come from the exchange,
// which already counts these fills.
func (m *Model) onFillsLoaded(msg fillsLoadedMsg) {
	if msg.err != nil {
		m.say(lvlBad, "fills: "+errText(msg.err))
		return
	}
	m.desk.AddFillHistory(msg.fills)
}

// onPlaced takes the answer to a create.
func (m *Model) onPlaced(msg orderPlacedMsg) tea.Cmd {
	req := msg.req
	what := m.describeOrder(req, m.termsFor(req.Ticker), m.priceFormatFor(req.Ticker))
	sent, known := m.sent[req.ClientOrderID]
	delete(m.sent, req.ClientOrderID)
	if msg.err != nil {
		if errors.Is(msg.err, api.ErrUnknownOutcome) {
			// Reconciled under the program's context, never the entry
			// generation's: the kill switch may be why it is unknown.
			m.desk.CreateUnknown(req.ClientOrderID)
			m.sayHint(lvlBad, "UNKNOWN outcome: "+what+", reconciling", "entry in "+m.names.Short(req.Ticker)+" blocked until then")
			if m.opts.Trader != nil {
				return loadOrders(m.ctx, m.opts.Trader, req.Ticker)
			}
			return nil
		}
		if withdrawn(msg.err) {
			m.desk.Withdrawn(req.ClientOrderID)
			if t, ok := m.desk.Tally(m.desk.KillTally()); ok && m.desk.Lock().Reason == desk.LockKill {
				m.sayTally(t)
			} else {
				m.say(lvlBad, "withdrawn unsent (entry locked): "+what)
			}
			return nil
		}
		m.desk.Rejected(req.ClientOrderID)
		if groupTripped(msg.err) {
			m.desk.GroupTripped()
			return nil // the lock's note says it
		}
		m.say(lvlBad, "REJECTED "+what+": "+errText(msg.err))
		return nil
	}
	ack := m.desk.Acknowledge(req.ClientOrderID, msg.resp)
	if !known {
		sent.before = ack.Before
	}
	said := "placed " + what
	if msg.resp.FillCount > 0 {
		said += ", filled " + msg.resp.FillCount.Short()
	}
	if !ack.Rests && (req.TimeInForce == model.IOC || req.TimeInForce == model.FOK) {
		if msg.resp.FillCount == 0 {
			said = "nothing filled: " + what
		} else {
			said = "took " + msg.resp.FillCount.Short() + " of " + what
		}
	}
	var resting model.Qty
	if ack.Rests {
		resting = msg.resp.RemainingCount
	}
	if flip := placedFlip(sent.before, req.Side, msg.resp.FillCount, resting, m.termsFor(req.Ticker)); flip != "" {
		said += ", " + flip
	}
	if sent.crossed && msg.resp.FillCount > 0 {
		m.sayHint(lvlWarn, said, "crossed: traded as taker")
	} else {
		m.say(lvlGood, said)
	}
	return m.wantBalance()
}

// groupTripped recognises the exchange's refusal of an order because the
// session's order group exceeded its contracts limit.
func groupTripped(err error) bool {
	var ae *api.Error
	return errors.As(err, &ae) && ae.Code == "order_group_limit_reached"
}

// onCanceled takes the answer to a single cancel.
func (m *Model) onCanceled(msg orderCanceledMsg) tea.Cmd {
	o, known := m.desk.View().Order(msg.orderID)
	what := "order " + text.ShortID(msg.orderID)
	if known {
		what = m.orderWords(o)
	}
	out, errWords := cancelOutcome(msg.err)
	m.desk.CancelAnswered(msg.tally, msg.orderID, out, errWords)
	if out != desk.CancelFailed && m.moving == msg.orderID {
		m.moving = ""
	}
	if msg.tally != 0 {
		if t, ok := m.desk.Tally(msg.tally); ok {
			m.sayTally(t)
		}
	} else {
		switch out {
		case desk.CancelFailed:
			m.say(lvlBad, "cancel of "+what+" failed: "+errWords)
		case desk.CancelGone:
			m.say(lvlInfo, what+" was already gone")
		default:
			m.say(lvlGood, "cancelled "+what)
		}
	}
	if out == desk.CancelFailed {
		return nil
	}
	return m.wantBalance()
}

// cancelOutcome classifies a cancel's error.
func cancelOutcome(err error) (desk.CancelOutcome, string) {
	switch {
	case err == nil:
		return desk.CancelDone, ""
	case gone(err):
		return desk.CancelGone, ""
	}
	return desk.CancelFailed, errText(err)
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
		m.desk.BatchFailed(msg.tally, msg.ids, errText(msg.err))
	} else {
		for _, it := range msg.resp.Orders {
			switch {
			case it.Error == nil:
				m.desk.CancelAnswered(msg.tally, it.OrderID, desk.CancelDone, "")
			case api.ItemGone(it):
				m.desk.CancelAnswered(msg.tally, it.OrderID, desk.CancelGone, "")
			default:
				m.desk.CancelAnswered(msg.tally, it.OrderID, desk.CancelFailed, it.Error.Error())
			}
		}
	}
	t, ok := m.desk.Tally(msg.tally)
	if ok {
		m.sayTally(t)
	} else if msg.err != nil {
		m.say(lvlBad, reasonWord(msg.why)+" failed: "+errText(msg.err))
	}
	if msg.why == cancelFlatten && ok && t.Cancelling == 0 {
		return tea.Batch(quit, m.flattenCancelled(msg.tally))
	}
	if quit != nil {
		return quit
	}
	return m.wantBalance()
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
	case cancelFlatten:
		return "flatten"
	}
	return "cancel"
}

// tallyKind is the desk's tally kind for a cancel reason.
func tallyKind(r cancelReason) desk.TallyKind {
	switch r {
	case cancelLevel:
		return desk.TallyLevel
	case cancelMarket:
		return desk.TallyMarket
	case cancelKill:
		return desk.TallyKill
	case cancelQuit:
		return desk.TallyQuit
	case cancelFlatten:
		return desk.TallyFlatten
	}
	return desk.TallySelected
}

// onAmended takes the answer to an amend (a move, a resize or both).
func (m *Model) onAmended(msg amendedMsg) tea.Cmd {
	before := msg.before
	rem := msg.req.Count - before.Filled
	what := m.amendWords(before, msg.req.Price, rem)
	verb := amendVerb(before, msg.req.Price, rem)
	if msg.err != nil {
		if errors.Is(msg.err, api.ErrUnknownOutcome) {
			m.desk.AmendFailed(msg.orderID, true)
			m.sayHint(lvlBad, "UNKNOWN outcome: "+verb+" "+what+", reconciling", "entry in "+m.names.Short(before.Ticker)+" blocked until then")
			if m.opts.Trader != nil {
				return loadOrders(m.ctx, m.opts.Trader, before.Ticker)
			}
			return nil
		}
		m.desk.AmendFailed(msg.orderID, false)
		if withdrawn(msg.err) {
			m.say(lvlBad, "withdrawn unsent: "+amendNoun(verb)+" "+what)
			return nil
		}
		m.say(lvlBad, "REJECTED "+amendNoun(verb)+" "+what+": "+errText(msg.err))
		return nil
	}
	said := verb + " " + what
	if msg.resp.FillCount != nil {
		if f := *msg.resp.FillCount; f > before.Filled {
			said += ", filled " + (f - before.Filled).Short()
		}
	}
	m.desk.AmendAnswered(msg.orderID, msg.req, msg.resp)
	m.say(lvlGood, said)
	return m.wantBalance()
}

// gone reports an error that means the order no longer exists, which for
// a cancel is the wanted end state.
func gone(err error) bool { return errors.Is(err, api.ErrOrderGone) }

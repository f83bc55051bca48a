package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/ui/text"
)

// The kill switch, unlocking and quitting: the ways every resting order
// goes at once, and the way back to trading.

// kill fires the kill switch: the desk locks entry for every dashboard
// and marks my orders cancelling; this dashboard withdraws its creates
// still waiting for rate-limit tokens (the entry generation ends), cancels
// every resting order in batches, and triggers the session's order group
// so the exchange itself cancels the group's orders and refuses new ones.
// Creates already on the wire are cancelled as they land (TakeCancelsDue).
func (m *Model) kill() tea.Cmd { return m.killScoped(desk.AllSubaccounts) }

// killScoped is the kill switch over the subaccounts in scope; entry
// locks for every subaccount whatever the scope (subaccount.go).
func (m *Model) killScoped(scope desk.KillScope) tea.Cmd {
	if m.opts.ViewOnly {
		// A viewer's key may not trade, and the kill switch cancels.
		m.say(lvlBad, m.readOnlyWord()+": the kill switch is for trading sessions")
		return nil
	}
	m.moving = ""
	m.closeModals(deciding)
	plan := m.desk.KillIn(m.opts.Actor, scope)
	m.lockEpoch = m.desk.Lock().Epoch
	m.endEntryGeneration()
	t := m.writer()
	cmds := []tea.Cmd{noteLock(t, true, plan.IDs)}
	if t != nil {
		m.sentOrder = true
		for _, chunk := range chunks(plan.IDs, m.opts.BatchMax) {
			cmds = append(cmds, batchCancel(m.ctx, t, chunk, cancelKill, plan.Tally))
		}
		if scope.Covers(0) { // the session's order group is the primary's
			cmds = append(cmds, m.triggerGroup())
		}
	}
	if tl, ok := m.desk.Tally(plan.Tally); ok {
		m.sayTally(tl)
	}
	return tea.Batch(cmds...)
}

// askUnlock opens the unlock confirmation; entry stays locked until it is
// confirmed.
func (m *Model) askUnlock() tea.Cmd {
	l := m.desk.View().Lock
	if !l.Locked() {
		m.say(lvlInfo, "order entry is not locked")
		return nil
	}
	return m.openUnlockDialog(l)
}

// unlock re-enables order entry after a confirmed unlock; the next order
// starts a new entry generation, and the order group, if the kill switch
// or the exchange triggered it, is reset.
func (m *Model) unlock() tea.Cmd {
	was := m.desk.Unlock()
	if !was.Locked() {
		return nil
	}
	if l := m.desk.Lock(); l.Locked() {
		// The loss limit is still crossed beyond its new floor.
		m.lockEpoch = l.Epoch
		return m.onLocked(l)
	}
	m.say(lvlGood, "order entry unlocked")
	return tea.Batch(noteLock(m.writer(), false, nil), m.resetGroup())
}

// LockJournal is the part of a Trader that records the kill switch and the
// unlock in the audit journal (journal.Wrap's recorder has it), with who
// pressed them when several people share the session.
type LockJournal interface {
	NoteKill(orderIDs []string) error
	NoteUnlock() error
}

// noteLock journals a kill (with the orders it cancels) or an unlock, in a
// command: Update does no I/O.
func noteLock(t Trader, kill bool, ids []string) tea.Cmd {
	lj, ok := t.(LockJournal)
	if !ok || t == nil {
		return nil
	}
	return func() tea.Msg {
		if kill {
			_ = lj.NoteKill(ids)
		} else {
			_ = lj.NoteUnlock()
		}
		return nil
	}
}

// lockWords names why entry is locked, for the unlock dialog.
func lockWords(l desk.Lock) string {
	switch l.Reason {
	case desk.LockKill:
		if l.By != "" {
			return "the kill switch, pressed by " + l.By
		}
		return "the kill switch"
	case desk.LockLoss:
		return "the daily loss limit: session P&L " + text.SignedMoney(l.PnL) + " fell below -" + text.Money(l.Limit)
	case desk.LockGuard:
		return "the exchange's order-group guard (too many contracts filled within 15 s)"
	}
	return "nothing"
}

// quit asks what to do with resting orders, or quits when there are none.
func (m *Model) quit() tea.Cmd {
	if m.writer() == nil || m.desk.View().Working == 0 {
		return tea.Quit
	}
	return m.openQuitDialog()
}

// quitCancelling cancels every resting order, then quits when the answers
// are in (or after a timeout, so a dead link cannot trap the user).
func (m *Model) quitCancelling() tea.Cmd {
	plan := m.desk.CancelEverything()
	if len(plan.IDs) == 0 || m.writer() == nil {
		return tea.Quit
	}
	m.quitting = true
	cmds := []tea.Cmd{m.after(quitTimeout, quitNowMsg{})}
	for _, chunk := range chunks(plan.IDs, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, m.writer(), chunk, cancelQuit, plan.Tally))
		m.quitWaits++
	}
	m.say(lvlWarn, fmt.Sprintf("cancelling %d orders before quitting…", len(plan.IDs)))
	return tea.Batch(cmds...)
}

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
func (m *Model) kill() tea.Cmd {
	if m.opts.ViewOnly {
		// A viewer's key may not trade, and the kill switch cancels.
		m.say(lvlBad, m.readOnlyWord()+": the kill switch is for trading sessions")
		return nil
	}
	m.moving = ""
	m.closeModals(deciding)
	plan := m.desk.Kill("")
	m.lockEpoch = m.desk.Lock().Epoch
	m.endEntryGeneration()
	t := m.writer()
	var cmds []tea.Cmd
	if t != nil {
		for _, chunk := range chunks(plan.IDs, m.opts.BatchMax) {
			cmds = append(cmds, batchCancel(m.ctx, t, chunk, cancelKill, plan.Tally))
		}
		cmds = append(cmds, m.triggerGroup())
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
	return m.resetGroup()
}

// lockWords names why entry is locked, for the unlock dialog.
func lockWords(l desk.Lock) string {
	switch l.Reason {
	case desk.LockKill:
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

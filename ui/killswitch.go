package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// The kill switch and quitting: the two ways every resting order goes at once.

// kill fires the kill switch: cancels every resting order this session
// knows of in batches and locks order entry until unlocked.
func (m *Model) kill() tea.Cmd {
	m.locked = true
	m.moving = ""
	unlock := bindingKey(m.keys.Global.Unlock)
	t := m.opts.Trader
	m.store.cancelPending(func(*myOrder) bool { return true })
	orders := m.store.working("")
	var list []string
	for _, o := range orders {
		list = append(list, o.ID)
	}
	if t == nil || len(list) == 0 {
		m.say(lvlBad, "KILL SWITCH: no resting orders; order entry LOCKED — press "+unlock+" to unlock")
		return nil
	}
	m.store.setState(list, stateCancelling)
	var cmds []tea.Cmd
	for _, chunk := range chunks(list, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, t, chunk, cancelKill))
	}
	m.say(lvlBad, fmt.Sprintf("KILL SWITCH: cancelling %d orders; order entry LOCKED — press %s to unlock", len(list), unlock))
	return tea.Batch(cmds...)
}

// unlock re-enables order entry after the kill switch.
func (m *Model) unlock() {
	if !m.locked {
		return
	}
	m.locked = false
	m.say(lvlGood, "order entry unlocked")
}

// quit asks what to do with resting orders, or quits when there are none.
func (m *Model) quit() tea.Cmd {
	if m.opts.Trader == nil || len(m.store.working("")) == 0 {
		return tea.Quit
	}
	return m.openQuitDialog()
}

// quitCancelling cancels every resting order, then quits when the answers
// are in (or after a timeout, so a dead link cannot trap the user).
func (m *Model) quitCancelling() tea.Cmd {
	m.store.cancelPending(func(*myOrder) bool { return true })
	orders := m.store.working("")
	var list []string
	for _, o := range orders {
		list = append(list, o.ID)
	}
	if len(list) == 0 || m.opts.Trader == nil {
		return tea.Quit
	}
	m.quitting = true
	m.store.setState(list, stateCancelling)
	cmds := []tea.Cmd{m.after(quitTimeout, quitNowMsg{})}
	for _, chunk := range chunks(list, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, m.opts.Trader, chunk, cancelQuit))
		m.quitWaits++
	}
	m.say(lvlWarn, fmt.Sprintf("cancelling %d orders before quitting…", len(list)))
	return tea.Batch(cmds...)
}

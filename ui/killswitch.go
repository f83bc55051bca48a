package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The kill switch and quitting: the two ways every resting order goes at once.

// killTally counts what the last kill switch did: resting orders
// cancelled, cancels that failed, and orders withdrawn while still queued
// for rate-limit tokens (never sent).
type killTally struct {
	cancelling, cancelled, failed, withdrawn int
	firstErr                                 string
	// late holds the orders whose create was answered after the lock and
	// that are being cancelled one by one (cancelLanded); they count in
	// the same tally, so the message stays true when they go.
	late map[string]bool
}

// lateCancel counts an order that landed after the lock as one more being
// cancelled; false when it is counted already.
func (k *killTally) lateCancel(orderID string) bool {
	if k.late[orderID] {
		return false
	}
	if k.late == nil {
		k.late = map[string]bool{}
	}
	k.late[orderID] = true
	k.cancelling++
	return true
}

// lateCancelled takes the answer to a late cancel: ok when the order is
// gone, else the error. It reports whether the order was a late one.
func (k *killTally) lateCancelled(orderID string, ok bool, errWords string) bool {
	if !k.late[orderID] {
		return false
	}
	delete(k.late, orderID)
	if ok {
		k.cancelled++
		return true
	}
	k.failed++
	if k.firstErr == "" {
		k.firstErr = errWords
	}
	return true
}

// words is the kill switch's message: "KILL SWITCH: 3 cancelled, 20
// withdrawn unsent".
func (k killTally) words() string {
	var parts []string
	if k.cancelled > 0 || (k.cancelling > 0 && k.cancelled+k.failed == k.cancelling) {
		parts = append(parts, itoa(k.cancelled)+" cancelled")
	}
	if left := k.cancelling - k.cancelled - k.failed; left > 0 {
		parts = append(parts, "cancelling "+itoa(left))
	}
	if k.failed > 0 {
		parts = append(parts, itoa(k.failed)+" cancel(s) FAILED ("+k.firstErr+")")
	}
	if k.withdrawn > 0 {
		parts = append(parts, itoa(k.withdrawn)+" queued withdrawn unsent")
	}
	if len(parts) == 0 {
		return "KILL SWITCH: no resting orders"
	}
	return "KILL SWITCH: " + strings.Join(parts, ", ")
}

// kill fires the kill switch: ends the entry generation, so order commands
// still waiting for rate-limit tokens are withdrawn before they are sent,
// cancels every resting order this session knows of in batches, and locks
// order entry until unlocked.
func (m *Model) kill() tea.Cmd {
	if m.opts.ViewOnly {
		// A viewer's key may not trade, and the kill switch cancels.
		m.say(lvlBad, m.readOnlyWord()+": the kill switch is for trading sessions")
		return nil
	}
	m.locked = true
	m.moving = ""
	m.dialog, m.ticket = nil, nil
	m.endEntryGeneration()
	m.killed = killTally{}
	t := m.writer()
	m.store.cancelPending(func(*myOrder) bool { return true })
	orders := m.store.working("")
	var list []string
	for _, o := range orders {
		list = append(list, o.ID)
	}
	if t == nil || len(list) == 0 {
		m.say(lvlBad, m.killed.words())
		return nil
	}
	m.store.setState(list, stateCancelling)
	var cmds []tea.Cmd
	for _, chunk := range chunks(list, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, t, chunk, cancelKill))
	}
	m.killed.cancelling = len(list)
	m.say(lvlBad, m.killed.words())
	return tea.Batch(cmds...)
}

// unlock re-enables order entry after the kill switch; the next order
// starts a new entry generation.
func (m *Model) unlock() {
	if !m.locked {
		return
	}
	m.locked = false
	m.say(lvlGood, "order entry unlocked")
}

// quit asks what to do with resting orders, or quits when there are none.
func (m *Model) quit() tea.Cmd {
	if m.writer() == nil || len(m.store.working("")) == 0 {
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
	if len(list) == 0 || m.writer() == nil {
		return tea.Quit
	}
	m.quitting = true
	m.store.setState(list, stateCancelling)
	cmds := []tea.Cmd{m.after(quitTimeout, quitNowMsg{})}
	for _, chunk := range chunks(list, m.opts.BatchMax) {
		cmds = append(cmds, batchCancel(m.ctx, m.writer(), chunk, cancelQuit))
		m.quitWaits++
	}
	m.say(lvlWarn, fmt.Sprintf("cancelling %d orders before quitting…", len(list)))
	return tea.Batch(cmds...)
}

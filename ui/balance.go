package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Kalshi's balance is the cash available to trade: the exchange reserves
// the cost of resting orders, so placing, amending or cancelling an order
// changes it as surely as a fill does. Every such event asks for a fresh
// balance, but the requests are coalesced: a refresh waits balanceDebounce
// for the rest of a burst (an ack and the feed's order update, a batch of
// fills), and at most one GetBalance is in flight; activity during it earns
// exactly one more. Book updates never ask.

// balanceDebounce is how long a refresh waits for more order activity.
const balanceDebounce = 250 * time.Millisecond

// balanceDueMsg ends a balance refresh's debounce.
type balanceDueMsg struct{}

// balanceRefresh is the state of the coalesced balance refresh.
type balanceRefresh struct {
	dirty   bool // the balance changed since the last request was sent
	waiting bool // a debounce timer is running
	busy    bool // a GetBalance is in flight
}

// wantBalance notes order activity that moves the balance and schedules a
// refresh unless one is already waiting or in flight.
func (m *Model) wantBalance() tea.Cmd {
	if m.opts.Trader == nil {
		return nil
	}
	m.bal.dirty = true
	if m.bal.waiting || m.bal.busy {
		return nil
	}
	m.bal.waiting = true
	return m.after(balanceDebounce, balanceDueMsg{})
}

// onBalanceDue sends the refresh the debounce held back.
func (m *Model) onBalanceDue() tea.Cmd {
	m.bal.waiting = false
	if !m.bal.dirty || m.bal.busy || m.opts.Trader == nil {
		return nil
	}
	m.bal.dirty, m.bal.busy = false, true
	return loadBalance(m.ctx, m.opts.Trader)
}

// onBalance takes GetBalance's answer; activity while it was in flight
// schedules one more refresh.
func (m *Model) onBalance(msg balanceMsg) tea.Cmd {
	m.bal.busy = false
	if msg.err != nil {
		m.say(lvlWarn, "balance: "+errText(msg.err))
	} else {
		m.balance, m.haveBal = msg.balance, true
		m.recordBalance(msg.balance)
	}
	if m.bal.dirty && !m.bal.waiting {
		m.bal.waiting = true
		return m.after(balanceDebounce, balanceDueMsg{})
	}
	return nil
}

package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
)

// The exchange-side guard: each session creates one Kalshi order group
// with a contracts limit over the exchange's rolling 15 s, and places its
// orders in it. If more than the limit fills, the exchange itself cancels
// the group's orders and refuses new ones (a runaway is stopped even if
// this program is not). The kill switch triggers the group as well as
// cancelling; a confirmed unlock resets it. An exchange that refuses
// groups leaves the kill switch with batch cancels alone, said once.

// groupTrader is the Trader's order-group surface, when it has one.
func (m *Model) groupTrader() (GroupTrader, bool) {
	w := m.writer()
	g, ok := w.(GroupTrader)
	return g, ok && w != nil
}

// createGroup creates the session's order group, when a limit is set and
// the desk has none yet (another dashboard sharing it may have made it).
func (m *Model) createGroup() tea.Cmd {
	limit := m.opts.Risk.GroupContracts
	if limit <= 0 || m.desk.GroupState().Status != desk.GroupNone {
		return nil
	}
	g, ok := m.groupTrader()
	if !ok {
		// Answered as a message: Init cannot change the model.
		return func() tea.Msg { return groupMsg{action: groupCreate, limit: limit, err: errNoGroups} }
	}
	return groupCall(m.ctx, g, groupCreate, "", limit)
}

// errNoGroups is the answer of a Trader without order groups.
var errNoGroups = errors.New("the exchange client offers no order groups")

// triggerGroup asks the exchange to cancel every order in the group and
// block new ones (the kill switch).
func (m *Model) triggerGroup() tea.Cmd {
	gs := m.desk.GroupState()
	if gs.ID == "" || gs.Status == desk.GroupRefused {
		return nil
	}
	g, ok := m.groupTrader()
	if !ok {
		return nil
	}
	m.desk.GroupTriggered()
	return groupCall(m.ctx, g, groupTrigger, gs.ID, 0)
}

// resetGroup reopens the group after an unlock, if it was triggered.
func (m *Model) resetGroup() tea.Cmd {
	gs := m.desk.GroupState()
	if gs.ID == "" || gs.Status != desk.GroupResetting {
		return nil
	}
	g, ok := m.groupTrader()
	if !ok {
		return nil
	}
	return groupCall(m.ctx, g, groupReset, gs.ID, 0)
}

// onGroup takes the answer to an order-group call.
func (m *Model) onGroup(msg groupMsg) tea.Cmd {
	switch msg.action {
	case groupCreate:
		if msg.err != nil {
			return m.groupsRefused(errText(msg.err))
		}
		m.desk.SetGroup(msg.id, msg.limit)
		m.opts.Logger.Info("order group created", "id", msg.id, "contracts_limit", msg.limit.String())
	case groupTrigger:
		if msg.err != nil {
			// The batch cancels already went out; say the guard did not.
			m.opts.Logger.Warn("order group trigger failed", "id", msg.id, "err", msg.err)
			return m.groupsRefused("trigger failed: " + errText(msg.err))
		}
	case groupReset:
		if msg.err != nil {
			return m.groupsRefused("reset failed: " + errText(msg.err))
		}
		m.desk.GroupReset()
	}
	return nil
}

// groupsRefused records that the exchange guard is unavailable and says
// so once: the kill switch falls back to batch cancels.
func (m *Model) groupsRefused(why string) tea.Cmd {
	m.opts.Logger.Warn("order groups unavailable; the kill switch uses batch cancel", "why", why)
	if m.desk.GroupRefused(why) {
		m.sayHint(lvlWarn, "exchange order groups unavailable ("+why+"): the kill switch uses batch cancel only",
			"orders go without the exchange-side guard")
	}
	return nil
}

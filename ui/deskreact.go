package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/ui/keys"
	"ladder/ui/text"
)

// The dashboard's reactions to what the desk learned: the feed bridge
// applies events to the desk before the dashboard hears of them, and
// several dashboards may share one desk, so after every message the
// dashboard looks at the desk for cancels that are due, a new entry lock,
// notes to say and a cancel tally whose counts moved.

// afterDesk acts on what the desk learned since the last message.
func (m *Model) afterDesk() tea.Cmd {
	var cmds []tea.Cmd
	if l := m.desk.Lock(); l.Epoch != m.lockEpoch {
		m.lockEpoch = l.Epoch
		if l.Locked() {
			// Whoever locked it (this dashboard's kill switch, another's,
			// the loss limit, the exchange's guard): creates still queued
			// for rate-limit tokens here are withdrawn unsent.
			m.endEntryGeneration()
			m.moving = ""
		}
	}
	notes, seq := m.desk.Notes(m.noteSeq)
	m.noteSeq = seq
	for _, n := range notes {
		cmds = append(cmds, m.onNote(n))
	}
	// Cancels that came due are taken by a dashboard that can send them:
	// on a shared desk a viewer leaves them to a trading session.
	if m.writer() != nil {
		for _, due := range m.desk.TakeCancelsDue() {
			cmds = append(cmds, m.cancelLanded(due))
		}
	}
	if m.tally != 0 {
		if t, ok := m.desk.Tally(m.tally); ok && t.Version != m.tallyVer {
			m.sayTally(t)
		}
	}
	m.seen = m.desk.View()
	return tea.Batch(cmds...)
}

// onNote says one desk note.
func (m *Model) onNote(n desk.Note) tea.Cmd {
	switch n.Kind {
	case desk.NoteReconciled:
		m.say(lvlGood, "reconciled from the feed: "+m.orderWords(n.Order)+" "+statusWord(n.Resting))
	case desk.NoteLocked:
		return m.onLocked(n.Lock)
	case desk.NoteSettled:
		// Once per market: the payout is news even after the result was
		// announced at its determination.
		switch {
		case n.Payout != 0:
			m.say(lvlWarn, n.Ticker+" settled "+strings.ToUpper(n.Result)+": position paid "+text.Money(n.Payout))
		case !m.resolved[n.Ticker] && n.Result != "":
			m.say(lvlWarn, n.Ticker+" resolved "+strings.ToUpper(n.Result))
		}
		m.resolved[n.Ticker] = true
		return m.confirmSettlement(n.Ticker)
	case desk.NoteVanished:
		return m.confirmSettlement(n.Ticker)
	}
	return nil
}

// onLocked says why entry locked when the desk locked it.
func (m *Model) onLocked(l desk.Lock) tea.Cmd {
	u := keys.First(m.keys.Global.Unlock)
	switch l.Reason {
	case desk.LockLoss:
		m.sayHint(lvlBad, "DAILY LOSS LIMIT: session P&L "+text.SignedMoney(l.PnL)+" is below -"+text.Money(l.Limit)+": entry LOCKED",
			u+" unlocks (asks first); resting orders stay")
	case desk.LockGuard:
		g := m.desk.GroupState()
		m.sayHint(lvlBad, "EXCHANGE GUARD: more than "+g.Limit.Short()+" contracts filled within 15 s; the exchange cancelled the group's orders and entry is LOCKED",
			u+" resets it (asks first)")
	case desk.LockKill:
		if t := m.desk.KillTally(); t != m.tally {
			// Another dashboard sharing the desk pressed it.
			m.tally = 0
			if tl, ok := m.desk.Tally(t); ok {
				m.sayTally(tl)
			}
			if l.By != "" && l.By != m.opts.Actor {
				m.sayHint(lvlBad, "KILL SWITCH pressed by "+l.By+": entry LOCKED for every screen", u+" unlocks (asks first)")
			}
		}
	}
	return nil
}

// cancelLanded cancels an order that landed after a cancel covering it
// (cancel all, kill switch, quit, flatten) was asked for, or while entry
// was locked.
func (m *Model) cancelLanded(due desk.Due) tea.Cmd {
	if m.writer() == nil {
		return nil
	}
	if due.Tally != 0 {
		// Part of the kill switch's work: its message counts it.
		if t, ok := m.desk.Tally(due.Tally); ok {
			m.sayTally(t)
		}
	} else {
		m.say(lvlWarn, m.orderWords(due.Order)+" landed after a cancel-all: cancelling it")
	}
	return cancelOrder(m.ctx, m.writer(), due.Order.ID, due.Order.Ticker, due.Tally)
}

func statusWord(resting bool) string {
	if resting {
		return "resting"
	}
	return "not resting"
}

// sayTally puts a cancel tally on the message line; it is redrawn while
// its counts change, until something else is said.
func (m *Model) sayTally(t desk.Tally) {
	lvl := lvlGood
	switch {
	case t.Kind == desk.TallyKill || t.Failed > 0:
		lvl = lvlBad
	case t.Kind == desk.TallyQuit:
		lvl = lvlWarn
	}
	// A tally's moving counts are one message in the history.
	m.amendNotice = m.tally == t.ID
	words := tallyWords(t)
	if t.Kind == desk.TallyKill && m.subaccountsInUse() {
		// The switch states its scope: this subaccount or every one.
		words = strings.Replace(words, "KILL SWITCH", "KILL SWITCH ("+killScopeWords(m.desk.Lock().Scope)+")", 1)
	}
	m.say(lvl, words)
	m.tally, m.tallyVer = t.ID, t.Version
}

// tallyWords is a tally's message: "KILL SWITCH: 3 cancelled, 1 already
// filled, 2 already gone, 20 queued withdrawn unsent", "cancel all in
// market: 1 cancelled".
func tallyWords(t desk.Tally) string {
	var parts []string
	if t.Cancelled > 0 || (t.Total() > 0 && t.Cancelling == 0 && t.Filled+t.Gone+t.Failed == 0) {
		parts = append(parts, text.Itoa(t.Cancelled)+" cancelled")
	}
	if t.Filled > 0 {
		parts = append(parts, text.Itoa(t.Filled)+" already filled")
	}
	if t.Gone > 0 {
		parts = append(parts, text.Itoa(t.Gone)+" already gone")
	}
	if t.Cancelling > 0 {
		parts = append(parts, "cancelling "+text.Itoa(t.Cancelling))
	}
	if t.Failed > 0 {
		parts = append(parts, text.Itoa(t.Failed)+" cancel(s) FAILED ("+t.FirstErr+")")
	}
	if t.Withdrawn > 0 {
		parts = append(parts, text.Itoa(t.Withdrawn)+" queued withdrawn unsent")
	}
	head := tallyName(t.Kind)
	if len(parts) == 0 {
		if t.Kind == desk.TallyKill {
			return head + ": no resting orders"
		}
		return head + ": nothing to cancel"
	}
	return head + ": " + strings.Join(parts, ", ")
}

// tallyName names what asked for a multi-order cancel.
func tallyName(k desk.TallyKind) string {
	switch k {
	case desk.TallyKill:
		return "KILL SWITCH"
	case desk.TallyMarket:
		return "cancel all in market"
	case desk.TallyLevel:
		return "cancel at level"
	case desk.TallySelected:
		return "cancel selected"
	case desk.TallyQuit:
		return "cancel before quit"
	case desk.TallyFlatten:
		return "flatten"
	}
	return "cancel"
}

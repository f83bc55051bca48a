package ui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/text"
)

// The feed's must-deliver events: fills, order updates, positions, market
// lifecycle, connection state and errors. The feed bridge has applied the
// trading state among them to the desk already (applyToDesk); here the
// dashboard says what happened and refreshes what it draws.

// onFeedEvent reacts to one must-deliver event.
func (m *Model) onFeedEvent(ev stream.Event) tea.Cmd {
	switch ev := ev.(type) {
	case stream.FillEvent:
		return m.onFill(ev.Fill)
	case stream.OrderEvent:
		m.announceExchangeCancel(ev.Order)
		if m.moving != "" {
			if _, ok := m.desk.View().Order(m.moving); !ok {
				m.moving = ""
			}
		}
		// Any change to an order moves the cash the exchange reserves.
		return m.wantBalance()
	case stream.LifecycleEvent:
		return m.onLifecycle(ev.Lifecycle)
	case stream.StateEvent:
		prev := m.health.State
		m.setHealth(ev.Health)
		if prev != ev.Health.State {
			switch ev.Health.State {
			case stream.BackingOff, stream.Down:
				// The words go to the message line, the whole error to the log.
				m.opts.Logger.Warn("feed "+ev.Health.State.String(), "err", ev.Health.LastError)
				m.say(lvlWarn, feedStateWords(ev.Health, m.now))
				m.feedDownSaid = true
			case stream.Stalled:
				// The status bar says "stalled"; the message line says the
				// same in words, and what it means for the books.
				m.sayHint(lvlWarn, "feed stalled: the exchange stopped answering; books are dimmed until it does",
					"order entry waits for fresh books")
				m.feedDownSaid = true
			case stream.Live:
				// State changes can be coalesced (a quick reconnect reaches
				// the screen as connecting → live): what matters is that a
				// "feed down" or "stalled" is on the message line.
				if m.feedDownSaid {
					m.say(lvlGood, "feed live again")
					m.feedDownSaid = false
				}
			}
		}
		return m.onReconnect(ev.Health)
	case stream.ErrorEvent:
		m.opts.Logger.Warn("feed error", "err", ev.Err)
		m.marketNotFound(ev.Err)
		m.say(lvlBad, feedErrorSource(ev.Err)+feedErrorWords(ev.Err))
		if ce := (*stream.CommandError)(nil); errors.As(ev.Err, &ce) && ce.Code == wsMarketNotFound {
			m.notice.refused = ce.Market
		}
	case stream.PositionEvent, stream.PositionsEvent:
		return m.syncSubscriptions()
	case stream.RewoundEvent:
		// The desk has emptied itself (applyToDesk); the recording's
		// orders and fills follow again up to the point sought.
		m.moving = ""
		m.say(lvlInfo, "replay read again from its start: my orders, fills and positions are played again")
	}
	return nil
}

// onFill says one of my fills (the desk listed it and moved its position).
func (m *Model) onFill(fm model.FillMsg) tea.Cmd {
	f := fm.AsFill()
	if err := desk.ValidFill(f); err != nil {
		m.say(lvlBad, "fill ignored: "+err.Error())
		return nil
	}
	m.fills.Prepended()
	role := "maker"
	if f.IsTaker {
		role = "taker"
	}
	m.say(lvlGood, fmt.Sprintf("FILLED %s %s @ %s %s · %s fee %s", text.SideWord(f.BookSide), f.Count.Short(),
		m.priceFormatFor(f.MarketTicker).Format(f.YesPrice), f.MarketTicker, role, text.ExactMoney(f.FeeCost)))
	m.notice.fill = true
	return tea.Batch(m.wantBalance(), m.flashFill(f))
}

package ui

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/stream"
)

// The feed's must-deliver events: fills, order updates, positions, market
// lifecycle, connection state and errors.

// onFeedEvent applies one must-deliver event.
func (m *Model) onFeedEvent(ev stream.Event) tea.Cmd {
	switch ev := ev.(type) {
	case stream.FillEvent:
		return m.onFill(ev.Fill)
	case stream.OrderEvent:
		// Any change to an order moves the cash the exchange reserves.
		return tea.Batch(m.onOrderUpdate(fromUserOrder(ev.Order), ev.Order.Status == model.Resting), m.wantBalance())
	case stream.RestingOrdersEvent:
		list := make([]myOrder, 0, len(ev.Orders))
		for _, o := range ev.Orders {
			if o.Status == model.Resting || o.Status == "" {
				list = append(list, fromOrder(o))
			}
		}
		m.store.replaceResting(list)
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
			case stream.Live:
				if prev == stream.BackingOff || prev == stream.Down {
					m.say(lvlGood, "feed live again")
				}
			}
		}
		return m.onReconnect(ev.Health)
	case stream.ErrorEvent:
		m.opts.Logger.Warn("feed error", "err", ev.Err)
		m.marketNotFound(ev.Err)
		m.say(lvlBad, "feed: "+feedErrorWords(ev.Err))
		if ce := (*stream.CommandError)(nil); errors.As(ev.Err, &ce) && ce.Code == wsMarketNotFound {
			m.notice.refused = ce.Market
		}
	case stream.PositionEvent:
		m.holdings.update(ev.Position)
		return m.syncSubscriptions()
	case stream.PositionsEvent:
		m.holdings.replaceAll(ev.Positions)
		return m.syncSubscriptions()
	}
	return nil
}

// onFill lists one of my fills and moves its position ahead of the
// exchange's market_position message when that is safe (holdings.fill).
func (m *Model) onFill(fm model.FillMsg) tea.Cmd {
	f := fm.AsFill()
	if fm.TsMs > 0 {
		f.CreatedTime = time.UnixMilli(fm.TsMs)
	}
	fresh, err := m.holdings.fill(f, fm.PostPosition)
	if err != nil {
		m.say(lvlBad, "fill ignored: "+err.Error())
		return nil
	}
	if !fresh {
		return nil
	}
	m.fills = append([]model.Fill{f}, m.fills...)
	m.fillsUI.prepended()
	if len(m.fills) > maxFills {
		m.fills = m.fills[:maxFills]
	}
	role := "maker"
	if f.IsTaker {
		role = "taker"
	}
	m.say(lvlGood, fmt.Sprintf("FILLED %s %s @ %s %s · %s fee %s", sideWord(f.BookSide), f.Count.Short(),
		m.priceFormatFor(f.MarketTicker).text(f.YesPrice), f.MarketTicker, role, f.FeeCost.Dollars()))
	return m.wantBalance()
}

// onOrderUpdate applies an exchange order state from the feed.
func (m *Model) onOrderUpdate(o myOrder, resting bool) tea.Cmd {
	wasUnknown := m.store.pending[o.ClientID] != nil && m.store.pending[o.ClientID].State == stateUnknown
	reconciled, cancel := m.store.apply(o, resting)
	if reconciled && wasUnknown {
		m.say(lvlGood, "reconciled from the feed: "+m.orderWords(&o)+" "+statusWord(resting))
	}
	if reconciled && resting && (cancel || m.locked) {
		return m.cancelLanded(o.ID, o.Ticker)
	}
	if m.moving != "" && m.store.get(m.moving) == nil {
		m.moving = ""
	}
	return nil
}

// cancelLanded cancels an order that was in flight when a cancel covering
// it (cancel all, kill switch, quit) was asked for.
func (m *Model) cancelLanded(orderID, ticker string) tea.Cmd {
	if m.writer() == nil {
		return nil
	}
	what := m.orderWordsOr(m.store.get(orderID), orderID)
	m.store.setState([]string{orderID}, stateCancelling)
	if m.locked {
		// Part of the kill switch's work: its message counts it.
		m.killed.lateCancel(orderID)
		m.say(lvlBad, m.killed.words())
	} else {
		m.say(lvlWarn, what+" landed after a cancel-all: cancelling it")
	}
	return cancelOrder(m.ctx, m.writer(), orderID, ticker)
}

func statusWord(resting bool) string {
	if resting {
		return "resting"
	}
	return "not resting"
}

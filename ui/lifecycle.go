package ui

import (
	"errors"
	"net/http"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/desk"
	"ladder/model"
	"ladder/ui/text"
)

// Market lifecycle: a market that closes, is determined and settles moves
// cash and positions on the exchange without any order activity, and new
// markets appear (the simulator rolls a fresh 15-minute BTC market every
// window). The dashboard follows both: a settlement refreshes the balance
// and says once which way the market resolved (the desk pays the position
// out, and the exchange's settlement record confirms it); a new market
// reloads the market list, coalesced, so it appears without a restart.

// marketsReloadDelay gathers a burst of lifecycle messages (a market is
// created and activated together; several may roll at once) into one load.
const marketsReloadDelay = time.Second

// marketsReloadDueMsg ends a market-list reload's wait.
type marketsReloadDueMsg struct{}

// marketsReload is the state of the coalesced market-list reload.
type marketsReload struct {
	dirty   bool // a new market appeared since the last load was sent
	waiting bool // the gathering timer runs
	busy    bool // a load is in flight
}

// onLifecycle follows market openings, closings and settlements.
func (m *Model) onLifecycle(l model.LifecycleMsg) tea.Cmd {
	status := ""
	switch l.EventType {
	case "closed", "deactivated":
		status = "closed"
	case "determined", "settled":
		status = "determined"
		if l.EventType == "settled" {
			status = "finalized"
		}
	case "activated", "created":
		status = "active"
		if l.EventType == "created" && l.OpenTs > 0 && time.Unix(l.OpenTs, 0).After(m.now) {
			status = "initialized"
		}
	}
	if status == "" {
		return nil
	}
	if mk := m.markets.Find(l.MarketTicker); mk != nil {
		mk.Status = status
		if l.Result != "" {
			mk.Result = l.Result
		}
	}
	lp := m.ladderFor(l.MarketTicker)
	if lp != nil {
		lp.SetStatus(status)
	}
	switch l.EventType {
	case "determined", "settled":
		return m.onSettlement(l, lp != nil)
	case "created", "activated":
		if lp != nil && status == "active" {
			m.say(lvlGood, m.names.Short(l.MarketTicker)+" is now open")
		}
		if m.markets.Find(l.MarketTicker) == nil {
			return m.wantMarkets()
		}
	case "closed", "deactivated":
		if lp != nil {
			m.say(lvlWarn, m.names.Short(l.MarketTicker)+" is now closed")
		}
	}
	return nil
}

// onSettlement handles a market's result: in a market I trade (a ladder,
// a position or orders) it says once which way it resolved, and refreshes
// the balance, which the payout changes. The desk has paid a position out
// already (the feed bridge applied the event); its note says by how much.
func (m *Model) onSettlement(l model.LifecycleMsg, open bool) tea.Cmd {
	t := l.MarketTicker
	if !open && !m.desk.Holds(t) {
		return nil
	}
	if !m.resolved[t] {
		if words := resultWords(l, m.priceFormatFor(t)); words != "" {
			m.resolved[t] = true
			m.say(lvlWarn, t+" "+words)
		}
	}
	return m.wantBalance()
}

// settlementRetries bounds the lookups of a settlement record the exchange
// has not written yet; settlementRetryDelay spaces them.
const (
	settlementRetries    = 3
	settlementRetryDelay = 5 * time.Second
)

// settlementRetryMsg asks again for a market's settlement record.
type settlementRetryMsg struct {
	ticker string
	n      int
}

// confirmSettlement asks the exchange for a market's settlement record,
// which confirms (or corrects) the payout the desk booked from the
// market's result. An exchange without settlement records is asked once.
func (m *Model) confirmSettlement(ticker string) tea.Cmd { return m.lookUpSettlement(ticker, 0) }

// lookUpSettlement is the retry-th lookup of a market's settlement record.
func (m *Model) lookUpSettlement(ticker string, retry int) tea.Cmd {
	r, ok := m.opts.Trader.(SettlementReader)
	if !ok || m.opts.Trader == nil || m.noSettlements {
		return nil
	}
	return loadSettlements(m.ctx, r, ticker, retry)
}

// onSettlements takes a market's settlement record.
func (m *Model) onSettlements(msg settlementsMsg) tea.Cmd {
	if msg.err != nil {
		var ae *api.Error
		if errors.As(msg.err, &ae) && ae.Status == http.StatusNotFound {
			// The simulator, for one, keeps none yet: the lifecycle result
			// stands. Said once.
			m.noSettlements = true
			m.opts.Logger.Info("no settlement records on this exchange; settlement P&L comes from market results", "err", msg.err)
			return nil
		}
		m.opts.Logger.Warn("settlement record not read", "ticker", msg.ticker, "err", msg.err)
		return nil
	}
	for _, s := range msg.list {
		if s.Ticker == msg.ticker {
			m.desk.ConfirmSettlement(desk.Settlement{Ticker: s.Ticker, Result: s.MarketResult, Revenue: model.MoneyFromCents(s.Revenue)})
			return nil
		}
	}
	// Not written yet: ask again a little later.
	if msg.retry < settlementRetries {
		return m.after(settlementRetryDelay, settlementRetryMsg{ticker: msg.ticker, n: msg.retry + 1})
	}
	return nil
}

// resultWords says how a market resolved: "resolved YES", "resolved NO",
// or for a scalar market "settled at 56¢"; "" while the result is unknown.
func resultWords(l model.LifecycleMsg, pf text.PriceFormat) string {
	switch l.Result {
	case "yes":
		return "resolved YES"
	case "no":
		return "resolved NO"
	}
	if l.SettlementValue != nil {
		return "settled at " + pf.Format(*l.SettlementValue)
	}
	return ""
}

// wantMarkets schedules a reload of the market list, gathering a burst of
// new markets into one load, and never two loads at once.
func (m *Model) wantMarkets() tea.Cmd {
	if m.opts.Markets == nil {
		return nil
	}
	m.mreload.dirty = true
	if m.mreload.waiting || m.mreload.busy {
		return nil
	}
	m.mreload.waiting = true
	return m.after(marketsReloadDelay, marketsReloadDueMsg{})
}

// onMarketsReloadDue sends the reload the wait gathered.
func (m *Model) onMarketsReloadDue() tea.Cmd {
	m.mreload.waiting = false
	if !m.mreload.dirty || m.mreload.busy || m.opts.Markets == nil {
		return nil
	}
	m.mreload.dirty, m.mreload.busy = false, true
	return loadMarkets(m.ctx, m.opts.Markets)
}

// marketsReloaded notes a finished load; a new market seen meanwhile
// earns one more.
func (m *Model) marketsReloaded() tea.Cmd {
	m.mreload.busy = false
	if m.mreload.dirty && !m.mreload.waiting {
		m.mreload.waiting = true
		return m.after(marketsReloadDelay, marketsReloadDueMsg{})
	}
	return nil
}

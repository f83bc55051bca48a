package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"ladder/stream"
)

// Exchange restarts: when the feed reconnects, the exchange behind it may
// be a different one (a standalone simulator restarted while the dashboard
// stayed up). The feed itself re-reads my resting orders and positions on
// every connection; the market list and the cash are the UI's to refresh,
// or it keeps markets that no longer exist, never lists the new ones, and
// shows the old cash until the next fill.

// wsMarketNotFound is the feed's error code for a subscription to a market
// the exchange does not have (kalshi-api.md §6).
const wsMarketNotFound = 16

// onReconnect refreshes the market list (coalesced with lifecycle
// reloads) and the balance once per new connection: when the feed is live
// and its reconnect count passed the last one acted on.
func (m *Model) onReconnect(h stream.Health) tea.Cmd {
	if h.State != stream.Live || h.Reconnects <= m.reconnectsSeen {
		return nil
	}
	m.reconnectsSeen = h.Reconnects
	return tea.Batch(m.wantMarkets(), m.wantBalance())
}

// marketNotFound marks the ladder of a market the exchange says it does
// not have, so its header says so; it reports whether a ladder was marked.
func (m *Model) marketNotFound(err error) bool {
	var ce *stream.CommandError
	if !errors.As(err, &ce) || ce.Code != wsMarketNotFound || ce.Market == "" {
		return false
	}
	lp := m.ladderFor(ce.Market)
	if lp == nil {
		return false
	}
	lp.SetMissing(true)
	return true
}

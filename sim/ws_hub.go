package sim

import (
	"encoding/json"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"ladder/model"
)

// WebSocket channels the simulator serves (kalshi-api.md §6).
const (
	chOrderbook = "orderbook_delta"
	chTicker    = "ticker"
	chTrade     = "trade"
	chFill      = "fill"
	chOrders    = "user_orders"
	chPositions = "market_positions"
	chLifecycle = "market_lifecycle_v2"
	chGroups    = "order_group_updates"
)

// channelInfo says how a channel is filtered and what its messages are called.
type channelInfo struct {
	msgType       string
	private       bool // only the connection's own account's events
	sequenced     bool // messages carry a per-sid seq (order_group_updates)
	needsMarkets  bool // a market filter is required (orderbook_delta)
	ignoreMarkets bool // never filtered by market (lifecycle: always all)
}

func lookupChannel(name string) (channelInfo, bool) {
	switch name {
	case chOrderbook:
		return channelInfo{msgType: "orderbook_delta", private: false, needsMarkets: true}, true
	case chTicker:
		return channelInfo{msgType: "ticker"}, true
	case chTrade:
		return channelInfo{msgType: "trade"}, true
	case chFill:
		return channelInfo{msgType: "fill", private: true}, true
	case chOrders:
		return channelInfo{msgType: "user_order", private: true}, true
	case chPositions:
		return channelInfo{msgType: "market_position", private: true}, true
	case chLifecycle:
		return channelInfo{msgType: "market_lifecycle_v2", ignoreMarkets: true}, true
	case chGroups:
		return channelInfo{msgType: "order_group_updates", private: true, ignoreMarkets: true, sequenced: true}, true
	}
	return channelInfo{}, false
}

// subscription is one sid on one connection. markets and removed are
// guarded by hub.mu; seq is advanced only while the engine lock is held
// (in the sink or inside Engine.Snapshot), so orderbook frames are queued in
// seq order, and read atomically by command replies.
type subscription struct {
	sid     int64
	channel string
	info    channelInfo
	conn    *wsConn
	useYes  bool
	all     bool // every market
	markets map[string]bool
	removed bool
	seq     atomic.Int64
}

// sortedMarkets lists the subscription's markets; hub.mu must be held.
func (s *subscription) sortedMarketsLocked() []string {
	out := make([]string, 0, len(s.markets))
	for m := range s.markets {
		out = append(out, m)
	}
	slices.Sort(out)
	return out
}

// hub fans engine events out to WebSocket subscriptions. publish runs inside
// the engine's lock, so it only encodes and enqueues; it never blocks and
// never calls back into the engine. Lock order: engine → hub → connection.
type hub struct {
	s     *Server
	mu    sync.RWMutex
	books map[string]map[*subscription]struct{} // orderbook_delta subscriptions by market
	chans map[string]map[*subscription]struct{} // every other channel
	conns map[*wsConn]struct{}

	slowDisconnects atomic.Int64
}

func newHub(s *Server) *hub {
	return &hub{
		s:     s,
		books: make(map[string]map[*subscription]struct{}),
		chans: make(map[string]map[*subscription]struct{}),
		conns: make(map[*wsConn]struct{}),
	}
}

func (h *hub) addConn(c *wsConn) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conns == nil { // closed
		return false
	}
	h.conns[c] = struct{}{}
	return true
}

// removeConn drops a connection and every subscription it holds.
func (h *hub) removeConn(c *wsConn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c.removed = true
	for _, sub := range c.subs {
		h.unregisterLocked(sub)
	}
	delete(h.conns, c)
}

// freezeAll holds the output of every open connection for d.
func (h *hub) freezeAll(d time.Duration) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.conns {
		c.raw.freeze(d)
	}
}

// connCount is the number of open connections.
func (h *hub) connCount() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.conns)
}

// closeAll disconnects every client; no new connection is admitted after.
func (h *hub) closeAll() {
	h.mu.Lock()
	conns := h.conns
	h.conns = nil
	h.mu.Unlock()
	for c := range conns {
		c.cancel()
	}
}

// register adds sub to the channel index (orderbook markets are added one
// by one with their snapshots) and queues frames (the `subscribed` reply
// and any initial snapshots) while holding the lock, so no data frame for
// the sid can precede them and none published after them is missed. It
// fails if the connection is gone.
func (h *hub) register(sub *subscription, frames ...[]byte) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if sub.conn.removed {
		return false
	}
	if sub.channel != chOrderbook {
		set := h.chans[sub.channel]
		if set == nil {
			set = make(map[*subscription]struct{})
			h.chans[sub.channel] = set
		}
		set[sub] = struct{}{}
	}
	for _, f := range frames {
		sub.conn.enqueue(f)
	}
	return true
}

func (h *hub) unregister(sub *subscription) {
	h.mu.Lock()
	h.unregisterLocked(sub)
	h.mu.Unlock()
}

func (h *hub) unregisterLocked(sub *subscription) {
	sub.removed = true
	if sub.channel == chOrderbook {
		for m := range sub.markets {
			h.removeBookMarketLocked(sub, m)
		}
		return
	}
	delete(h.chans[sub.channel], sub)
}

func (h *hub) addBookMarketLocked(sub *subscription, ticker string) {
	set := h.books[ticker]
	if set == nil {
		set = make(map[*subscription]struct{})
		h.books[ticker] = set
	}
	set[sub] = struct{}{}
	sub.markets[ticker] = true
}

func (h *hub) removeBookMarketLocked(sub *subscription, ticker string) {
	if set := h.books[ticker]; set != nil {
		delete(set, sub)
		if len(set) == 0 {
			delete(h.books, ticker)
		}
	}
}

// updateMarkets adds or removes markets of a subscription and queues the
// reply built from the resulting list while holding the lock, so frames for
// added markets cannot overtake the reply.
func (h *hub) updateMarkets(sub *subscription, add bool, tickers []string, reply func([]string) []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, t := range tickers {
		switch {
		case add && sub.channel == chOrderbook:
			if !sub.removed && !sub.conn.removed {
				h.addBookMarketLocked(sub, t)
			}
		case add:
			sub.markets[t] = true
		case sub.channel == chOrderbook:
			h.removeBookMarketLocked(sub, t)
			delete(sub.markets, t)
		default:
			delete(sub.markets, t)
		}
	}
	if reply != nil {
		sub.conn.enqueue(reply(sub.sortedMarketsLocked()))
	}
}

func (h *hub) markets(sub *subscription) []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return sub.sortedMarketsLocked()
}

func (h *hub) hasMarket(sub *subscription, ticker string) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return sub.markets[ticker]
}

// snapshot sends sub an orderbook_snapshot for ticker, registering the
// market first when register is set. Registration and the snapshot happen
// inside Engine.Snapshot, under the engine lock, so the subscriber sees
// exactly the deltas that follow the snapshot.
func (h *hub) snapshot(sub *subscription, ticker string, register bool) error {
	return h.s.engine.Snapshot(ticker, func(snap model.BookSnapshotMsg) {
		h.mu.Lock()
		if sub.removed || sub.conn.removed {
			h.mu.Unlock()
			return
		}
		if register {
			h.addBookMarketLocked(sub, ticker)
		}
		h.mu.Unlock()
		if sub.useYes {
			snap.No = noLevelsInYesTerms(snap.No)
		}
		msg, err := json.Marshal(snap)
		if err != nil {
			h.s.log.Error("sim: encoding orderbook snapshot", "err", err)
			return
		}
		sub.conn.enqueue(appendEnvelope(nil, 0, "orderbook_snapshot", sub.sid, sub.seq.Add(1), msg))
	})
}

// noLevelsInYesTerms reprices NO bids as YES prices (1 − p) and keeps the
// levels ascending by the reported price.
func noLevelsInYesTerms(levels []model.Level) []model.Level {
	out := make([]model.Level, len(levels))
	for i, l := range levels {
		out[len(levels)-1-i] = model.Level{Price: l.Price.Complement(), Qty: l.Qty}
	}
	return out
}

// publish is the engine's sink.
func (h *hub) publish(ev Event) {
	switch ev.Kind {
	case EvBookDelta:
		if ev.Delta != nil {
			h.publishDelta(ev.Delta, ev.Account)
		}
	case EvTicker:
		if m := ev.TickerMsg; m != nil {
			h.publishChannel(chTicker, orTicker(ev.Ticker, m.MarketTicker), "", m)
		}
	case EvTrade:
		if m := ev.Trade; m != nil {
			h.publishChannel(chTrade, orTicker(ev.Ticker, m.MarketTicker), "", m)
		}
	case EvFill:
		if m := ev.Fill; m != nil {
			h.publishChannel(chFill, orTicker(ev.Ticker, m.MarketTicker), ev.Account, m)
		}
	case EvUserOrder:
		if m := ev.Order; m != nil {
			h.publishChannel(chOrders, orTicker(ev.Ticker, m.Ticker), ev.Account, m)
		}
	case EvPosition:
		if m := ev.Position; m != nil {
			h.publishChannel(chPositions, orTicker(ev.Ticker, m.MarketTicker), ev.Account, m)
		}
	case EvLifecycle:
		if m := ev.Lifecycle; m != nil {
			h.publishChannel(chLifecycle, orTicker(ev.Ticker, m.MarketTicker), "", m)
		}
	case EvOrderGroup:
		if m := ev.Group; m != nil {
			h.publishChannel(chGroups, "", ev.Account, m)
		}
	}
}

// orTicker prefers the event's ticker and falls back to the payload's.
func orTicker(evTicker, payloadTicker string) string {
	if evTicker != "" {
		return evTicker
	}
	return payloadTicker
}

// publishDelta sends one level change to every subscriber of the market,
// each with its own seq. client_order_id and subaccount are kept only for
// the account whose order caused the change, as on Kalshi. The up to four
// variants (own/other × NO/YES terms) are encoded once each, lazily.
func (h *hub) publishDelta(d *model.BookDeltaMsg, owner AccountID) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	subs := h.books[d.MarketTicker]
	if len(subs) == 0 {
		return
	}
	var enc [2][2][]byte // [own][yesTerms]
	for sub := range subs {
		seq := sub.seq.Add(1)
		if h.s.faults.gap() {
			continue // the message and its seq number are lost
		}
		own := 0
		if owner != "" && sub.conn.account == owner {
			own = 1
		}
		yes := 0
		if sub.useYes && d.Side == "no" {
			yes = 1
		}
		if enc[own][yes] == nil {
			c := *d
			if own == 0 {
				c.ClientOrderID, c.Subaccount = "", nil
			}
			if yes == 1 {
				c.Price = c.Price.Complement()
			}
			if enc[own][yes] = h.encode(&c); enc[own][yes] == nil {
				return
			}
		}
		sub.conn.enqueue(appendEnvelope(nil, 0, "orderbook_delta", sub.sid, seq, enc[own][yes]))
	}
}

func (h *hub) publishChannel(channel, ticker string, acct AccountID, payload any) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	subs := h.chans[channel]
	if len(subs) == 0 {
		return
	}
	var msg []byte
	for sub := range subs {
		if sub.info.private && sub.conn.account != acct {
			continue
		}
		if !sub.all && !sub.info.ignoreMarkets && !sub.markets[ticker] {
			continue
		}
		if msg == nil {
			if msg = h.encode(payload); msg == nil {
				return
			}
		}
		var seq int64
		if sub.info.sequenced {
			// Published under the engine lock, so seq order is queue order.
			seq = sub.seq.Add(1)
		}
		sub.conn.enqueue(appendEnvelope(nil, 0, sub.info.msgType, sub.sid, seq, msg))
	}
}

func (h *hub) encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		h.s.log.Error("sim: encoding a WebSocket message", "err", err)
		return nil
	}
	return b
}

package stream

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// Channel names.
const (
	chBook      = "orderbook_delta"
	chTicker    = "ticker"
	chTrade     = "trade"
	chFill      = "fill"
	chOrders    = "user_orders"
	chPositions = "market_positions"
	chLifecycle = "market_lifecycle_v2"
)

// privateChannels are reconciled over REST once they are live.
var privateChannels = [...]string{chFill, chOrders, chPositions}

// session is the subscription state of one connection; sids and seq start
// again on every connection. Guarded by Client.mu.
type session struct {
	nextID        int64
	subs          map[string]*subscription // by channel
	bySid         map[int64]*subscription
	retired       map[int64]bool            // sids we unsubscribed; their late frames are ignored
	pending       map[int64]*command        // sent commands awaiting a reply
	removing      map[string]bool           // book markets being deleted; late deltas are expected
	wantSnapshot  map[string]bool           // books needing get_snapshot
	resubscribe   map[string]bool           // channels to unsubscribe and subscribe afresh
	strays        []int64                   // sids from superseded subscribes, to unsubscribe
	reconcile     bool                      // REST reconciliation started
	reconcileGen  int                       // bumped when private state must be fetched again
	fillsComplete bool                      // fills reconciled: feed fills now extend a complete history
	startReconc   func()                    // launches reconciliation on this session
	watches       map[*updateWatch]struct{} // REST snapshots in flight (see deliverSnapshot)
	connectedAt   time.Time
	useful        bool // subscribed with every book fresh at least once (noteUsefulLocked)
}

// subscription is one channel's subscription on this connection.
type subscription struct {
	channel     string
	filtered    bool // takes market_tickers
	sid         int64
	lastSeq     int64
	markets     map[string]bool // what the server has, or will have once our commands land
	subscribing int64           // id of the subscribe in flight, 0 if none
	failed      string          // market set whose subscribe was refused; not retried until it changes
	done        bool            // subscribed or refused: counts as settled for reconciliation
	okClaims    []int64         // seq numbers `ok` replies carried since the last book message (okLocked)
}

// okClaimsCover reports whether every number in [from, to) was claimed by
// an `ok` reply, so a book message numbered to follows without a gap.
func (sub *subscription) okClaimsCover(from, to int64) bool {
	if to-from > int64(len(sub.okClaims)) {
		return false
	}
	for n := from; n < to; n++ {
		found := false
		for _, c := range sub.okClaims {
			if c == n {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// command is a command we sent, kept until its reply.
type command struct {
	id      int64
	cmd     string
	channel string
	action  string
	markets []string
}

// outgoing is a marshalled command ready to write.
type outgoing struct {
	id      int64
	payload []byte
}

func newSession(now time.Time) *session {
	return &session{
		subs: map[string]*subscription{}, bySid: map[int64]*subscription{},
		retired: map[int64]bool{}, pending: map[int64]*command{},
		removing: map[string]bool{}, wantSnapshot: map[string]bool{}, resubscribe: map[string]bool{},
		watches: map[*updateWatch]struct{}{}, connectedAt: now,
	}
}

// sub returns (creating) the subscription record of a channel.
func (s *session) sub(channel string) *subscription {
	sub, ok := s.subs[channel]
	if !ok {
		sub = &subscription{channel: channel, markets: map[string]bool{},
			filtered: channel == chBook || channel == chTicker || channel == chTrade}
		s.subs[channel] = sub
	}
	return sub
}

// wireCommand is the client → server envelope.
type wireCommand struct {
	ID     int64      `json:"id"`
	Cmd    string     `json:"cmd"`
	Params wireParams `json:"params"`
}

type wireParams struct {
	Channels      []string `json:"channels,omitempty"`
	MarketTickers []string `json:"market_tickers,omitempty"`
	Sids          []int64  `json:"sids,omitempty"`
	Action        string   `json:"action,omitempty"`
	UseYesPrice   bool     `json:"use_yes_price,omitempty"`
}

// sendLocked records a command and returns it marshalled.
func (s *session) sendLocked(out []outgoing, cmd *command, p wireParams) []outgoing {
	s.nextID++
	cmd.id = s.nextID
	s.pending[cmd.id] = cmd
	b, err := json.Marshal(wireCommand{ID: cmd.id, Cmd: cmd.cmd, Params: p})
	if err != nil { // cannot happen for these plain types
		return out
	}
	return append(out, outgoing{id: cmd.id, payload: b})
}

// retireLocked forgets a sid whose frames may still be in flight.
func (s *session) retireLocked(sub *subscription) {
	if sub.sid != 0 {
		delete(s.bySid, sub.sid)
		s.retired[sub.sid] = true
	}
	sub.sid, sub.lastSeq, sub.subscribing = 0, 0, 0
	sub.okClaims = sub.okClaims[:0]
	clear(sub.markets)
}

// setKey names a market set for remembering refused subscribes.
func setKey(m map[string]bool) string {
	keys := sortedKeys(m)
	return strings.Join(keys, ",")
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// planLocked compares what the UI wants with what this connection has and
// returns the commands that close the difference: subscribes for channels
// without a sid, add/delete_markets for changed sets, get_snapshot for
// stale books, resubscribes for channels whose snapshots timed out or that
// hit a terminal error.
func (c *Client) planLocked(now time.Time) []outgoing {
	s := c.sess
	var out []outgoing
	for _, sid := range s.strays {
		out = s.sendLocked(out, &command{cmd: "unsubscribe"}, wireParams{Sids: []int64{sid}})
		s.retired[sid] = true
	}
	s.strays = s.strays[:0]

	c.checkSnapshotTimeoutsLocked(now)

	// Books whose grid is still unknown are subscribed once it is.
	// Markets the exchange refused are left out.
	books := make(map[string]bool, len(c.wantBooks))
	for t := range c.wantBooks {
		if lb := c.books[t]; lb != nil && lb.book != nil && c.refused[t] == "" {
			books[t] = true
		}
	}
	tickers := make(map[string]bool, len(c.wantTickers))
	for t := range c.wantTickers {
		if c.refused[t] == "" {
			tickers[t] = true
		}
	}
	out = c.planFilteredLocked(out, chBook, books, now)
	out = c.planFilteredLocked(out, chTicker, tickers, now)
	out = c.planFilteredLocked(out, chTrade, tickers, now)
	if c.cfg.Auth != nil && !c.cfg.NoPrivate {
		for _, ch := range privateChannels {
			out = c.planUnfilteredLocked(out, ch)
		}
	}
	if !c.cfg.NoLifecycle {
		out = c.planUnfilteredLocked(out, chLifecycle)
	}

	// get_snapshot for stale books on a live book subscription.
	if bs := s.subs[chBook]; bs != nil && bs.sid != 0 && len(s.wantSnapshot) > 0 {
		var tickers []string
		for t := range s.wantSnapshot {
			if lb := c.books[t]; lb != nil && bs.markets[t] && lb.stale {
				tickers = append(tickers, t)
				lb.snapReqAt = now
			}
		}
		clear(s.wantSnapshot)
		if len(tickers) > 0 {
			slices.Sort(tickers)
			c.h.resyncs++
			c.log.Info("requesting snapshots", "markets", tickers)
			out = s.sendLocked(out, &command{cmd: "update_subscription", channel: chBook, action: "get_snapshot", markets: tickers},
				wireParams{Sids: []int64{bs.sid}, Action: "get_snapshot", MarketTickers: tickers})
		}
	}
	return out
}

// checkSnapshotTimeoutsLocked schedules a resubscribe of the book channel
// when a requested snapshot has not come in time.
func (c *Client) checkSnapshotTimeoutsLocked(now time.Time) {
	for t, lb := range c.books {
		if lb.stale && !lb.snapReqAt.IsZero() && now.Sub(lb.snapReqAt) > c.cfg.SnapshotTimeout {
			c.log.Warn("snapshot timed out; resubscribing", "market", t, "after", now.Sub(lb.snapReqAt))
			c.sess.resubscribe[chBook] = true
			break
		}
	}
	if c.sess.resubscribe[chBook] {
		for _, lb := range c.books {
			lb.snapReqAt = time.Time{}
		}
	}
}

// planFilteredLocked handles a channel that takes market_tickers.
func (c *Client) planFilteredLocked(out []outgoing, ch string, want map[string]bool, now time.Time) []outgoing {
	s := c.sess
	sub := s.sub(ch)
	if s.resubscribe[ch] {
		if sub.subscribing != 0 && sub.sid == 0 {
			// The reply is still due; abandon it (a late sid becomes a stray).
			sub.subscribing = 0
			clear(sub.markets)
		}
		if sub.sid != 0 {
			out = s.sendLocked(out, &command{cmd: "unsubscribe", channel: ch}, wireParams{Sids: []int64{sub.sid}})
			s.retireLocked(sub)
		}
		sub.failed = ""
		delete(s.resubscribe, ch)
		if ch == chBook {
			c.h.resyncs++
			for t, lb := range c.books {
				c.setStaleLocked(t, lb, "resubscribing")
			}
		}
	}
	if sub.subscribing != 0 {
		return out // wait for the reply before changing anything
	}
	if sub.sid == 0 {
		if len(want) == 0 || sub.failed == setKey(want) {
			return out
		}
		tickers := sortedKeys(want)
		for _, t := range tickers {
			sub.markets[t] = true
		}
		cmd := &command{cmd: "subscribe", channel: ch, markets: tickers}
		out = s.sendLocked(out, cmd, wireParams{Channels: []string{ch}, MarketTickers: tickers,
			UseYesPrice: ch == chBook && c.cfg.UseYesPrice})
		sub.subscribing = cmd.id
		c.snapshotsRequestedLocked(ch, tickers, now)
		return out
	}
	if len(want) == 0 {
		out = s.sendLocked(out, &command{cmd: "unsubscribe", channel: ch}, wireParams{Sids: []int64{sub.sid}})
		s.retireLocked(sub)
		return out
	}
	var add, del []string
	for t := range want {
		if !sub.markets[t] {
			add = append(add, t)
		}
	}
	for t := range sub.markets {
		if !want[t] {
			del = append(del, t)
		}
	}
	if len(del) > 0 {
		slices.Sort(del)
		for _, t := range del {
			delete(sub.markets, t)
			if ch == chBook {
				s.removing[t] = true
			}
		}
		out = s.sendLocked(out, &command{cmd: "update_subscription", channel: ch, action: "delete_markets", markets: del},
			wireParams{Sids: []int64{sub.sid}, Action: "delete_markets", MarketTickers: del})
	}
	if len(add) > 0 {
		slices.Sort(add)
		for _, t := range add {
			sub.markets[t] = true
		}
		out = s.sendLocked(out, &command{cmd: "update_subscription", channel: ch, action: "add_markets", markets: add},
			wireParams{Sids: []int64{sub.sid}, Action: "add_markets", MarketTickers: add})
		c.snapshotsRequestedLocked(ch, add, now)
	}
	return out
}

// snapshotsRequestedLocked starts the snapshot timers of books just
// subscribed.
func (c *Client) snapshotsRequestedLocked(ch string, tickers []string, now time.Time) {
	if ch != chBook {
		return
	}
	for _, t := range tickers {
		if lb := c.books[t]; lb != nil {
			lb.snapReqAt = now
		}
	}
}

// planUnfilteredLocked handles a channel subscribed once for all markets.
func (c *Client) planUnfilteredLocked(out []outgoing, ch string) []outgoing {
	s := c.sess
	sub := s.sub(ch)
	if s.resubscribe[ch] {
		if sub.sid != 0 {
			out = s.sendLocked(out, &command{cmd: "unsubscribe", channel: ch}, wireParams{Sids: []int64{sub.sid}})
			s.retireLocked(sub)
		} else {
			sub.subscribing = 0
		}
		sub.failed = ""
		delete(s.resubscribe, ch)
		if slices.Contains(privateChannels[:], ch) {
			// Whatever the channel carried between its failure and the new
			// subscription is lost: once that is live, fetch it over REST.
			sub.done = false
			c.reconcileAgainLocked()
		}
	}
	if sub.sid != 0 || sub.subscribing != 0 || sub.failed != "" {
		return out
	}
	cmd := &command{cmd: "subscribe", channel: ch}
	out = s.sendLocked(out, cmd, wireParams{Channels: []string{ch}})
	sub.subscribing = cmd.id
	return out
}

package stream

import (
	"context"
	"fmt"
	"slices"

	"ladder/model"
)

// fillLedger remembers every fill delivered, from the feed or from REST, so
// each is delivered exactly once, and how far back the next reconciliation
// must look. Guarded by Client.mu.
type fillLedger struct {
	seen map[model.FillKey]struct{}
	// lastTs is the newest fill time seen (unix seconds). completeTs is the
	// newest time up to which no fill can be missing: it only advances on a
	// connection whose REST reconciliation has finished, because a fill
	// that arrives on a fresh connection says nothing about the fills lost
	// with the previous one.
	lastTs, completeTs int64
}

func newFillLedger() fillLedger { return fillLedger{seen: map[model.FillKey]struct{}{}} }

// add records a fill and reports whether it is new. complete says that
// every earlier fill is known (the connection is reconciled).
func (l *fillLedger) add(k model.FillKey, tsMs int64, complete bool) bool {
	if _, dup := l.seen[k]; dup {
		return false
	}
	l.seen[k] = struct{}{}
	if s := tsMs / 1000; s > l.lastTs {
		l.lastTs = s
	}
	if complete {
		l.completeTs = l.lastTs
	}
	return true
}

// forget undoes add for a fill that was queued but never delivered (the
// private queue overflowed): the next reconciliation delivers it again, so
// its window must reach back before it.
func (l *fillLedger) forget(k model.FillKey, tsMs int64) {
	delete(l.seen, k)
	if s := tsMs/1000 - 1; s < l.completeTs {
		l.completeTs = max(s, 0)
	}
}

// fillMsgFromREST converts a REST fill to the feed's shape.
func fillMsgFromREST(f model.Fill) model.FillMsg {
	ticker := f.MarketTicker
	if ticker == "" {
		ticker = f.Ticker
	}
	ts := f.Ts * 1000
	if ts == 0 && !f.CreatedTime.IsZero() {
		ts = f.CreatedTime.UnixMilli()
	}
	m := model.FillMsg{
		TradeID: f.TradeID, OrderID: f.OrderID, MarketTicker: ticker, IsTaker: f.IsTaker,
		OutcomeSide: f.OutcomeSide, BookSide: f.BookSide, YesPrice: f.YesPrice, Count: f.Count,
		FeeCost: f.FeeCost, ExchangeIndex: f.ExchangeIndex, TsMs: ts,
	}
	// The feed names a subaccount only for 1–63; REST always does.
	if f.SubaccountNumber != nil && *f.SubaccountNumber != 0 {
		sub := *f.SubaccountNumber
		m.Subaccount = &sub
	}
	return m
}

// maybeReconcileLocked starts REST reconciliation once every private
// channel has settled on this connection, so nothing falls between the
// REST answer and the live feed.
func (c *Client) maybeReconcileLocked() {
	s := c.sess
	if s == nil || s.reconcile || c.cfg.Reconciler == nil || s.startReconc == nil {
		return
	}
	if c.cfg.Auth != nil && !c.cfg.NoPrivate {
		for _, ch := range privateChannels {
			if sub := s.subs[ch]; sub == nil || !sub.done {
				return
			}
		}
	}
	s.reconcile = true
	s.startReconc()
}

// reconcileAgainLocked re-runs REST reconciliation on the live connection
// after a private message could not be read. The fill window stays at the
// last complete point, which lies before the lost message.
func (c *Client) reconcileAgainLocked() {
	s := c.sess
	if s == nil || !s.reconcile || c.readOnly {
		return
	}
	s.reconcile = false
	s.fillsComplete = false
	s.reconcileGen++ // an older run still in flight must not vouch for this loss
	c.maybeReconcileLocked()
}

// reconcile fetches resting orders, fills since the last one seen and
// positions, retrying until it succeeds or the connection ends.
func (c *Client) reconcile(ctx context.Context, s *session) {
	c.mu.Lock()
	gen := s.reconcileGen
	since := c.fills.completeTs
	if since == 0 {
		since = c.startedAt.Unix()
	}
	c.mu.Unlock()
	steps := []struct {
		name string
		run  func() error
	}{
		{"resting orders", func() error {
			return c.deliverSnapshot(s, watchOrders, func() (Event, error) {
				orders, err := c.cfg.Reconciler.RestingOrders(ctx)
				return RestingOrdersEvent{Orders: orders}, err
			})
		}},
		{"fills", func() error {
			fills, err := c.cfg.Reconciler.FillsSince(ctx, since)
			if err != nil {
				return err
			}
			slices.SortStableFunc(fills, func(a, b model.Fill) int { return compareFillTime(a, b) })
			c.mu.Lock()
			n := 0
			for _, f := range fills {
				m := fillMsgFromREST(f)
				if c.fills.add(m.Key(), m.TsMs, false) {
					c.pushRESTLocked(FillEvent{Fill: m, Reconciled: true})
					n++
				}
			}
			// REST answered after the private channels were live: from
			// here on this connection misses nothing.
			if gen == s.reconcileGen {
				s.fillsComplete = true
				c.fills.completeTs = c.fills.lastTs
			}
			c.mu.Unlock()
			if n > 0 {
				c.log.Info("reconciled missed fills", "count", n)
			}
			return nil
		}},
		{"positions", func() error {
			return c.deliverSnapshot(s, watchPositions, func() (Event, error) {
				pos, err := c.cfg.Reconciler.Positions(ctx)
				return PositionsEvent{Positions: pos}, err
			})
		}},
	}
	for _, st := range steps {
		for attempt := 0; ; attempt++ {
			err := st.run()
			if err == nil {
				break
			}
			if ctx.Err() != nil {
				return
			}
			err = fmt.Errorf("reconcile %s: %w", st.name, err)
			c.mu.Lock()
			c.setErrorLocked(err.Error())
			c.pushNowLocked(ErrorEvent{Err: err})
			c.mu.Unlock()
			c.log.Warn("reconciliation failed", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-c.clock.After(c.cfg.backoffDelay(attempt)):
			}
		}
	}
}

func compareFillTime(a, b model.Fill) int {
	ta, tb := a.Ts, b.Ts
	if ta == 0 {
		ta = a.CreatedTime.Unix()
	}
	if tb == 0 {
		tb = b.CreatedTime.Unix()
	}
	switch {
	case ta < tb:
		return -1
	case ta > tb:
		return 1
	}
	return 0
}

// watchKind says which feed updates an updateWatch collects.
type watchKind int

const (
	watchOrders    watchKind = iota // user_order, by order id
	watchPositions                  // market_position, by market
)

// updateWatch collects the feed updates of one kind that arrive while a
// REST snapshot of the same state is in flight. Guarded by Client.mu.
type updateWatch struct {
	kind   watchKind
	keys   []string         // first arrival order
	latest map[string]Event // the newest update per key
}

// noteUpdateLocked hands a feed update to every watch of its kind.
func (c *Client) noteUpdateLocked(kind watchKind, key string, ev Event) {
	if c.sess == nil {
		return
	}
	for w := range c.sess.watches {
		if w.kind != kind {
			continue
		}
		if _, ok := w.latest[key]; !ok {
			w.keys = append(w.keys, key)
		}
		w.latest[key] = ev
	}
}

// deliverSnapshot fetches a REST snapshot (resting orders or positions)
// and delivers it, followed by the newest feed update of every order or
// market that changed while it was being fetched. The snapshot replaces
// what the UI holds, and it may have been taken before some of those
// updates were sent: without the replay, an order cancelled (or placed)
// during the fetch would stay wrongly listed (or missing) until its next
// change. Both go out under the lock, so no feed update can slip between
// them.
func (c *Client) deliverSnapshot(s *session, kind watchKind, fetch func() (Event, error)) error {
	w := &updateWatch{kind: kind, latest: map[string]Event{}}
	c.mu.Lock()
	s.watches[w] = struct{}{}
	c.mu.Unlock()
	ev, err := fetch()
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(s.watches, w)
	if err != nil {
		return err
	}
	c.pushRESTLocked(ev)
	for _, k := range w.keys {
		c.pushRESTLocked(w.latest[k])
	}
	return nil
}

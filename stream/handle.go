package stream

import (
	"errors"
	"fmt"
	"time"

	"ladder/model"
)

// handleFrame is the single decode path shared by live connections and
// replays: record, decode (fast path for deltas, encoding/json otherwise),
// apply under the lock, then wake the UI.
func (c *Client) handleFrame(frame []byte, recv time.Time) {
	if c.rec != nil {
		c.rec.frame(frame, recv)
	}
	var df deltaFrame
	if !c.slowOnly && decodeDeltaFast(frame, &df) {
		c.mu.Lock()
		c.noteFrameLocked(len(frame), recv)
		c.deltaLocked(&df, recv)
		c.unlockAndNotify()
		return
	}
	if kind, ticker, tsMs := peekPublic(frame); kind != kindNone {
		c.mu.Lock()
		// A trade of a market with a ladder is decoded now (below): its
		// volume and last trade are kept exact.
		if kind == kindTicker || c.books[string(ticker)] == nil {
			c.noteFrameLocked(len(frame), recv)
			c.noteTsLocked(tsMs, recv)
			if kind == kindTicker {
				c.keepTickerLocked(ticker, frame)
			} else {
				c.tape.addRaw(frame)
				c.dirty = true
			}
			c.unlockAndNotify()
			return
		}
		c.mu.Unlock()
	}
	d, err := decodeFrame(frame)
	c.mu.Lock()
	c.noteFrameLocked(len(frame), recv)
	if err != nil {
		c.badFrameLocked(d, err, frame, recv)
	} else {
		c.dispatchLocked(d, recv)
	}
	c.unlockAndNotify()
}

// badFrameLocked counts and logs a frame we could not use and protects the
// books it might have touched.
func (c *Client) badFrameLocked(d *decoded, err error, frame []byte, recv time.Time) {
	c.h.malformed++
	c.setErrorLocked(err.Error())
	c.dirty = true
	const maxLogged = 200
	shown := frame
	if len(shown) > maxLogged {
		shown = shown[:maxLogged]
	}
	c.log.Warn("bad frame", "err", err, "frame", string(shown))
	if errors.Is(err, errUnknownType) {
		return // a whole, readable frame we do not know: nothing was lost
	}
	switch d.Type {
	case typeDelta, typeSnapshot:
		// The frame carried a book message we could not apply: keep the
		// sequence straight, then resync the book it named (or all books
		// of that sid when we cannot tell).
		sub := c.bookSubLocked(d.Sid)
		if sub != nil && d.Seq > 0 {
			c.sequenceLocked(sub, d.Seq)
		}
		if lb := c.books[d.BadTicker]; lb != nil {
			c.resyncLocked(d.BadTicker, lb, "bad "+d.Type+": "+err.Error())
		} else {
			c.resyncAllLocked("bad " + d.Type + ": " + err.Error())
		}
	case typeFill, typeUserOrder, typePosition:
		// Private state was lost in this frame: fetch it again over REST.
		c.reconcileAgainLocked()
	}
}

// dispatchLocked applies one decoded frame. Private messages go to the
// must-deliver queue stamped with their exchange time; public trades and
// tickers are aggregated in place (tape.go) and reach the screen with the
// next frame, however many arrive.
func (c *Client) dispatchLocked(d *decoded, recv time.Time) {
	switch d.Type {
	case typeDelta:
		d.Delta.Sid, d.Delta.Seq = d.Sid, d.Seq
		c.deltaLocked(&d.Delta, recv)
	case typeSnapshot:
		c.snapshotLocked(d)
	case typeTicker:
		c.noteTsLocked(d.Ticker.TsMs, recv)
		if c.wantTickers[d.Ticker.MarketTicker] || c.readOnly {
			c.tickers[d.Ticker.MarketTicker] = *d.Ticker
			if lt := c.rawTickers[d.Ticker.MarketTicker]; lt != nil {
				lt.decoded = lt.raw.ver // this one is newer than the kept frame
			}
			c.dirty = true
		}
	case typeTrade:
		c.noteTsLocked(d.Trade.TsMs, recv)
		c.tradeLocked(d.Trade, recv)
	case typeFill:
		c.noteTsLocked(d.Fill.TsMs, recv)
		if c.fills.add(d.Fill.Key(), d.Fill.TsMs, c.sess != nil && c.sess.fillsComplete) {
			c.pushLocked(FillEvent{Fill: *d.Fill}, c.lag.at(d.Fill.TsMs, recv))
		}
	case typeUserOrder:
		c.noteTsLocked(d.Order.LastUpdatedTsMs, recv)
		ev := OrderEvent{Order: *d.Order}
		c.pushLocked(ev, c.lag.at(d.Order.LastUpdatedTsMs, recv))
		c.noteUpdateLocked(watchOrders, d.Order.OrderID, ev)
	case typePosition:
		ev := PositionEvent{Position: *d.Position}
		c.pushLocked(ev, recv)
		c.noteUpdateLocked(watchPositions, d.Position.MarketTicker, ev)
	case typeLifecycle:
		c.lifecycleLocked(d.Lifecycle)
		c.pushLocked(LifecycleEvent{Lifecycle: *d.Lifecycle}, recv)
	case typeSubscribed:
		c.subscribedLocked(d)
	case typeOK:
		c.okLocked(d)
	case typeUnsub:
		if c.sess != nil {
			delete(c.sess.pending, d.ID)
		}
	case typeError:
		c.errorReplyLocked(d)
	}
}

// bookSubLocked returns the live book subscription with this sid. In a
// replay there are no commands, so the recorded subscribed replies define
// the sids.
func (c *Client) bookSubLocked(sid int64) *subscription {
	if c.sess == nil {
		return nil
	}
	sub := c.sess.bySid[sid]
	if sub == nil || sub.channel != chBook {
		return nil
	}
	return sub
}

// sequenceLocked checks a sequenced book message. A gap (or a repeat)
// marks every book of the subscription stale and asks for snapshots; the
// sequence then continues from the message that revealed it. Numbers that
// `ok` replies claimed are not gaps (see okLocked).
func (c *Client) sequenceLocked(sub *subscription, seq int64) bool {
	want := sub.lastSeq + 1
	if seq == want || (seq > want && sub.okClaimsCover(want, seq)) {
		sub.lastSeq = seq
		sub.okClaims = sub.okClaims[:0]
		return true
	}
	c.h.gaps++
	sub.lastSeq = seq
	sub.okClaims = sub.okClaims[:0]
	c.resyncAllLocked(fmt.Sprintf("sequence gap on sid %d: expected %d, got %d", sub.sid, want, seq))
	return false
}

// deltaLocked applies one orderbook_delta.
func (c *Client) deltaLocked(f *deltaFrame, recv time.Time) {
	if err := checkDelta(f); err != nil {
		c.h.malformed++
		c.setErrorLocked(err.Error())
		c.log.Warn("bad delta", "err", err, "market", string(f.Ticker))
		if sub := c.bookSubLocked(f.Sid); sub != nil && f.Seq > 0 {
			c.sequenceLocked(sub, f.Seq)
		}
		if lb := c.books[string(f.Ticker)]; lb != nil {
			c.resyncLocked(string(f.Ticker), lb, err.Error())
		}
		return
	}
	c.noteTsLocked(f.TsMs, recv)
	sub := c.bookSubLocked(f.Sid)
	if sub == nil {
		if c.sess != nil && c.sess.retired[f.Sid] {
			return // a late delta of a subscription we dropped
		}
		if lb := c.books[string(f.Ticker)]; lb != nil {
			c.resyncLocked(string(f.Ticker), lb, fmt.Sprintf("delta on unknown sid %d", f.Sid))
		}
		return
	}
	if !c.sequenceLocked(sub, f.Seq) {
		return
	}
	lb := c.books[string(f.Ticker)]
	if lb == nil {
		if c.sess.removing[string(f.Ticker)] || sub.markets[string(f.Ticker)] || c.readOnly {
			// Being unsubscribed, or closed on screen but not yet
			// unsubscribed (the controller has still to send
			// delete_markets), or a replay market without a snapshot yet.
			return
		}
		c.setErrorLocked("delta for unknown market " + string(f.Ticker))
		c.resyncAllLocked("delta for unknown market " + string(f.Ticker))
		return
	}
	if lb.stale || lb.book == nil {
		return // the coming snapshot replaces everything
	}
	if err := lb.book.ApplyDelta(f.Side, f.Price, f.Delta); err != nil {
		c.setErrorLocked(err.Error())
		c.resyncLocked(string(f.Ticker), lb, err.Error())
		return
	}
	c.touchLocked(lb)
	c.dirty = true
}

// snapshotLocked replaces a book with an orderbook_snapshot.
func (c *Client) snapshotLocked(d *decoded) {
	sub := c.bookSubLocked(d.Sid)
	if sub == nil {
		if c.sess != nil && c.sess.retired[d.Sid] {
			return
		}
	} else {
		c.sequenceLocked(sub, d.Seq) // a gap stales the others; this one is whole
	}
	t := d.Snapshot.MarketTicker
	lb := c.books[t]
	if lb == nil {
		if !c.readOnly {
			return // no longer wanted
		}
		lb = &liveBook{stale: true, reason: "awaiting snapshot"}
		c.books[t] = lb
		c.staleCount++
	}
	if lb.book == nil {
		g := c.gridLocked(t)
		if g == nil && c.readOnly {
			g = inferGrid(d.Snapshot)
		}
		if g == nil {
			return // grid lookup still running; the subscribe waits for it
		}
		lb.book = c.newBook(t, g)
	}
	err := lb.book.ApplySnapshot(d.Snapshot.Yes, d.Snapshot.No)
	if err != nil && c.readOnly {
		// A replay without recorded grids guesses; a finer guess may fit.
		if g := inferGrid(d.Snapshot); g != lb.book.Grid() {
			lb.book = c.newBook(t, g)
			err = lb.book.ApplySnapshot(d.Snapshot.Yes, d.Snapshot.No)
		}
	}
	if err != nil {
		c.h.malformed++
		c.setErrorLocked(err.Error())
		c.resyncLocked(t, lb, err.Error())
		return
	}
	c.clearStaleLocked(lb)
	if c.sess != nil {
		delete(c.sess.wantSnapshot, t)
	}
}

// resyncLocked marks one book stale and asks for its snapshot.
func (c *Client) resyncLocked(t string, lb *liveBook, reason string) {
	c.setStaleLocked(t, lb, reason)
	if c.sess != nil && !c.readOnly {
		c.sess.wantSnapshot[t] = true
		c.wakeController()
	}
}

// resyncAllLocked marks every book stale and asks for their snapshots.
func (c *Client) resyncAllLocked(reason string) {
	for t, lb := range c.books {
		c.resyncLocked(t, lb, reason)
	}
}

// lifecycleLocked follows a market's price grid when it changes.
func (c *Client) lifecycleLocked(m *model.LifecycleMsg) {
	if len(m.PriceRanges) == 0 {
		return
	}
	g, err := model.NewGrid(m.PriceRanges)
	if err != nil {
		c.log.Warn("lifecycle with bad price_ranges", "market", m.MarketTicker, "err", err)
		return
	}
	c.grids[m.MarketTicker] = g
	if lb := c.books[m.MarketTicker]; lb != nil && lb.book != nil && lb.book.Grid() != g {
		lb.book = c.newBook(m.MarketTicker, g)
		c.resyncLocked(m.MarketTicker, lb, "price grid changed")
	}
}

// subscribedLocked records the sid of a subscribe.
func (c *Client) subscribedLocked(d *decoded) {
	s := c.sess
	if s == nil {
		return
	}
	ch, sid := d.Subscribed.Channel, d.Subscribed.Sid
	sub := s.sub(ch)
	if c.readOnly {
		s.retireLocked(sub)
		delete(s.retired, sid)
		sub.sid = sid
		s.bySid[sid] = sub
		return
	}
	cmd := s.pending[d.ID]
	delete(s.pending, d.ID)
	if cmd == nil || sub.subscribing != d.ID {
		s.strays = append(s.strays, sid) // a reply to a subscribe we abandoned
		c.wakeController()
		return
	}
	sub.subscribing = 0
	sub.sid = sid
	sub.lastSeq = 0
	sub.okClaims = sub.okClaims[:0]
	sub.done = true
	s.bySid[sid] = sub
	c.maybeReconcileLocked()
	c.noteUsefulLocked()
	c.wakeController()
}

// okLocked handles update_subscription replies.
//
// Kalshi does not say whether an `ok` carrying a seq consumes that number
// or echoes the sid's current one. Under the first reading the next book
// message skips the ok's number; under the second, an ok read while a
// delta was being queued can carry the number that delta is about to
// bring. Neither must look like a gap, or a get_snapshot (answered by an
// ok) would loop into another resync. So an ok's number is only a claim:
// a later book message may jump over claimed numbers, and a book message
// that brings a claimed number itself is just the next message.
func (c *Client) okLocked(d *decoded) {
	s := c.sess
	if s == nil {
		return
	}
	if sub := c.bookSubLocked(d.Sid); sub != nil && d.Seq > sub.lastSeq {
		sub.okClaims = append(sub.okClaims, d.Seq)
	}
	cmd := s.pending[d.ID]
	delete(s.pending, d.ID)
	if cmd != nil && cmd.action == "delete_markets" && cmd.channel == chBook {
		for _, t := range cmd.markets {
			if !c.wantBooks[t] {
				delete(s.removing, t)
			}
		}
	}
}

// errorReplyLocked surfaces an error reply and recovers what it broke.
func (c *Client) errorReplyLocked(d *decoded) {
	ce := &CommandError{ID: d.ID, Code: d.ErrCode, Msg: d.ErrMsg, Market: d.ErrMarket}
	s := c.sess
	var cmd *command
	if s != nil {
		cmd = s.pending[d.ID]
		delete(s.pending, d.ID)
	}
	if cmd != nil {
		ce.Cmd, ce.Channel = cmd.cmd, cmd.channel
		if cmd.action != "" {
			ce.Cmd += " " + cmd.action
		}
	}
	c.setErrorLocked(ce.Error())
	c.dirty = true
	c.log.Warn("command refused", "err", ce)
	c.pushNowLocked(ErrorEvent{Err: ce})
	if s == nil || c.readOnly {
		return
	}
	switch {
	case cmd == nil:
		if ce.Terminal() { // we cannot tell which channel broke: redo all
			for ch := range s.subs {
				s.resubscribe[ch] = true
			}
		}
	case ce.Terminal():
		s.resubscribe[cmd.channel] = true
	case ce.Code == 16 && ce.Market != "" && (cmd.cmd == "subscribe" || cmd.action == "add_markets"):
		// One unknown market: leave it out and subscribe the rest.
		c.refused[ce.Market] = ce.Error()
		c.markRefusedLocked([]string{ce.Market}, "exchange refused: "+ce.Error())
		// The exchange checks every market before changing anything, so
		// none of the command's markets were added: plan them again.
		sub := s.sub(cmd.channel)
		if cmd.cmd == "subscribe" && sub.subscribing == cmd.id {
			sub.subscribing = 0
			clear(sub.markets)
		} else {
			for _, t := range cmd.markets {
				delete(sub.markets, t)
			}
		}
	case cmd.cmd == "subscribe" && ce.Code == wsAlreadySubscribed:
		// The exchange still holds a subscription of this channel from a
		// subscribe we abandoned (a resubscribe while its reply was due).
		// Its late sid becomes a stray and is unsubscribed; the next plan
		// subscribes again after that unsubscribe. Not a refusal.
		sub := s.sub(cmd.channel)
		if sub.subscribing == cmd.id {
			sub.subscribing = 0
			clear(sub.markets)
		}
	case cmd.cmd == "subscribe":
		sub := s.sub(cmd.channel)
		if sub.subscribing == cmd.id {
			sub.subscribing = 0
			clear(sub.markets)
			sub.failed = "refused"
			if sub.filtered {
				set := make(map[string]bool, len(cmd.markets))
				for _, t := range cmd.markets {
					set[t] = true
				}
				sub.failed = setKey(set)
			}
			sub.done = true
		}
		if cmd.channel == chBook {
			c.markRefusedLocked(cmd.markets, "subscribe refused: "+ce.Error())
		}
		c.maybeReconcileLocked()
	case cmd.action == "get_snapshot":
		s.resubscribe[chBook] = true // no snapshots this way: resubscribe instead
	case cmd.action == "add_markets" && cmd.channel == chBook:
		c.markRefusedLocked(cmd.markets, "add refused: "+ce.Error())
	}
	c.wakeController()
}

// markRefusedLocked records why the exchange refused the books of markets
// (those the client holds) and drops their snapshot requests, which will
// never be answered.
func (c *Client) markRefusedLocked(markets []string, reason string) {
	for _, t := range markets {
		if lb := c.books[t]; lb != nil {
			lb.snapReqAt = time.Time{}
			lb.reason = reason
			c.touchLocked(lb)
		}
	}
}

package stream

import (
	"context"
	"fmt"
	"time"

	"github.com/coder/websocket"
)

// probe is the connection's liveness check: a WebSocket ping every
// PingInterval. The exchange answers pings in line with its frames, so a
// pong that is late means nothing is reaching us. Once a ping has waited
// PongTimeout (checked by the controller's tick) every book is stale and
// order entry on them is refused, exactly as after a sequence gap; the
// pong lifts it, because every frame sent before the pong has been read by
// then. A ping unanswered for SilenceTimeout ends the connection.
func (c *Client) probe(ctx context.Context, conn *websocket.Conn, stop *stopReason) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-c.clock.After(c.cfg.PingInterval):
		}
		c.mu.Lock()
		sent := c.clock.Now()
		c.h.pingSent = sent
		c.mu.Unlock()
		pctx, cancel := context.WithTimeout(ctx, c.cfg.SilenceTimeout)
		err := conn.Ping(pctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			c.mu.Lock()
			waited := c.clock.Now().Sub(sent)
			c.mu.Unlock()
			stop.set(fmt.Errorf("no answer to ping for %s", waited.Round(time.Millisecond)))
			conn.CloseNow()
			return
		}
		c.mu.Lock()
		now := c.clock.Now()
		c.h.lastPong, c.h.lastActivity, c.h.pingSent = now, now, time.Time{}
		if c.h.silent {
			c.log.Info("exchange answered the ping again", "after", now.Sub(sent))
			c.setSilentLocked(false)
		}
		c.unlockAndNotify()
	}
}

// setSilentLocked marks every book stale (or fresh again) for liveness.
// The books' own freshness (sequence, snapshots) is kept apart, so a late
// pong needs no resync.
func (c *Client) setSilentLocked(silent bool) {
	if c.h.silent == silent {
		return
	}
	c.h.silent = silent
	for _, lb := range c.books {
		c.touchLocked(lb)
	}
	c.dirty = true
	c.publishStateLocked()
}

// silentReason is the stale reason books show while a ping is unanswered.
func (c *Client) silentReason() string {
	return "no answer from the exchange for " + c.cfg.PongTimeout.String()
}

// noteUsefulLocked marks the session useful once it has delivered what a
// trader needs: the subscriptions answered and every book's snapshot in.
// A useful session resets the reconnect backoff (Run).
func (c *Client) noteUsefulLocked() {
	s := c.sess
	if s == nil || s.useful || c.h.conn != connUp || c.staleCount > 0 || c.h.silent {
		return
	}
	for _, sub := range s.subs {
		if sub.subscribing != 0 {
			return
		}
	}
	if len(s.subs) == 0 {
		return
	}
	s.useful = true
}

package stream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Run connects and keeps the session alive until ctx is done, reconnecting
// with exponential backoff (BackoffMin doubling to BackoffMax, with
// jitter). The backoff starts again from nothing once a connection has been
// useful (subscribed, every book's snapshot in), so a link that keeps
// dropping working sessions is redialled at once each time, while a server
// that refuses us is asked less and less often. It returns nil when ctx
// ends.
func (c *Client) Run(ctx context.Context) error {
	if c.readOnly {
		return errors.New("stream: a replay cannot connect")
	}
	if c.cfg.URL == "" {
		return errors.New("stream: no URL")
	}
	c.mu.Lock()
	c.startedAt = c.clock.Now()
	c.mu.Unlock()
	attempt := 0
	for connected := 0; ; {
		c.mu.Lock()
		c.setConnLocked(connConnecting)
		c.mu.Unlock()
		c.signal()
		up, useful, err := c.connectAndServe(ctx, connected > 0)
		if ctx.Err() != nil {
			c.mu.Lock()
			c.setConnLocked(connDown)
			c.mu.Unlock()
			c.signal()
			return nil
		}
		if up > 0 {
			connected++
		}
		if useful {
			attempt = 0
		}
		delay := c.cfg.redialDelay(attempt)
		attempt++
		c.mu.Lock()
		c.h.backoffUntil = c.clock.Now().Add(delay)
		if err != nil {
			c.setErrorLocked(err.Error())
		}
		c.setConnLocked(connBackingOff)
		c.dirty = true
		c.mu.Unlock()
		c.signal()
		c.log.Info("reconnecting after backoff", "delay", delay, "err", err)
		select {
		case <-ctx.Done():
			c.mu.Lock()
			c.setConnLocked(connDown)
			c.mu.Unlock()
			c.signal()
			return nil
		case <-c.clock.After(delay):
		}
	}
}

// connectAndServe dials, serves one connection until it fails and reports
// how long it was up (0 if the dial failed) and whether it became useful.
func (c *Client) connectAndServe(ctx context.Context, reconnect bool) (time.Duration, bool, error) {
	conn, err := c.dial(ctx)
	if err != nil {
		c.log.Warn("dial failed", "err", err)
		c.mu.Lock()
		if c.h.lastError != err.Error() {
			c.pushNowLocked(ErrorEvent{Err: err})
		}
		c.mu.Unlock()
		return 0, false, err
	}
	conn.SetReadLimit(c.cfg.ReadLimit)
	if c.rec != nil {
		c.rec.connect(c.cfg.UseYesPrice, c.clock.Now())
	}
	sctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	start := c.clock.Now()
	c.mu.Lock()
	s := newSession(start)
	s.startReconc = func() { wg.Go(func() { c.reconcile(sctx, s) }) }
	c.sess = s
	if reconnect {
		c.h.reconnects++
	}
	c.h.lastActivity = start
	c.h.lastPong, c.h.pingSent = start, time.Time{}
	c.setSilentLocked(false)
	c.lag.reset()
	c.markAllStaleLocked("connecting")
	for _, lb := range c.books {
		lb.snapReqAt = time.Time{} // the old connection's requests died with it
	}
	c.setConnLocked(connUp)
	c.dirty = true
	if c.cfg.Auth == nil || c.cfg.NoPrivate {
		c.maybeReconcileLocked()
	}
	c.mu.Unlock()
	c.signal()
	c.log.Info("connected", "url", c.cfg.URL, "reconnect", reconnect)

	var stop stopReason
	wg.Go(func() { c.control(sctx, conn, &stop) })
	wg.Go(func() { c.probe(sctx, conn, &stop) })
	if c.cfg.GridFor != nil {
		wg.Go(func() { c.gridLoop(sctx) })
	}
	// The reader gets a context without Done so coder/websocket does not
	// arm a cancel hook per frame (two allocations each); the session
	// context closes the socket instead, which ends the read.
	stopCloser := context.AfterFunc(sctx, func() { conn.CloseNow() })
	err = c.readLoop(context.Background(), conn)
	stopCloser()
	if r := stop.get(); r != nil {
		err = r
	}
	cancel()
	conn.CloseNow()
	wg.Wait()

	up := c.clock.Now().Sub(start)
	c.mu.Lock()
	useful := s.useful
	c.sess = nil
	c.h.pingSent = time.Time{}
	c.setSilentLocked(false)
	c.markAllStaleLocked("disconnected")
	c.mu.Unlock()
	if ctx.Err() != nil {
		return up, useful, nil
	}
	return max(up, time.Nanosecond), useful, fmt.Errorf("connection lost: %w", err)
}

// stopReason carries why the controller closed the connection.
type stopReason struct {
	mu  sync.Mutex
	err error
}

func (s *stopReason) set(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
}

func (s *stopReason) get() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// dial opens the WebSocket, signing the upgrade with a fresh timestamp.
func (c *Client) dial(ctx context.Context) (*websocket.Conn, error) {
	u, err := url.Parse(c.cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("stream URL: %w", err)
	}
	hdr := http.Header{}
	if c.cfg.Auth != nil {
		signed, err := c.cfg.Auth.Sign(http.MethodGet, u.Path)
		if err != nil {
			return nil, fmt.Errorf("sign websocket upgrade: %w", err)
		}
		for k, v := range signed {
			hdr[k] = v
		}
	}
	dctx, cancel := context.WithTimeout(ctx, c.cfg.DialTimeout)
	defer cancel()
	conn, resp, err := websocket.Dial(dctx, c.cfg.URL, &websocket.DialOptions{
		HTTPHeader:      hdr,
		CompressionMode: websocket.CompressionDisabled,
		OnPingReceived: func(context.Context, []byte) bool {
			c.mu.Lock()
			c.h.lastActivity = c.clock.Now()
			c.mu.Unlock()
			return true
		},
	})
	if err != nil {
		if resp != nil && resp.StatusCode != 0 && resp.StatusCode != http.StatusSwitchingProtocols {
			return nil, fmt.Errorf("websocket handshake: HTTP %d: %w", resp.StatusCode, err)
		}
		return nil, fmt.Errorf("websocket dial: %w", err)
	}
	return conn, nil
}

// readLoop reads frames into one reused buffer and hands them to
// handleFrame. It returns when the connection fails.
func (c *Client) readLoop(ctx context.Context, conn *websocket.Conn) error {
	buf := make([]byte, 0, 64<<10)
	for {
		typ, r, err := conn.Reader(ctx)
		if err != nil {
			return err
		}
		buf, err = readAll(r, buf[:0])
		if err != nil {
			return err
		}
		if typ != websocket.MessageText {
			c.mu.Lock()
			c.noteFrameLocked(len(buf), c.clock.Now())
			c.h.malformed++
			c.mu.Unlock()
			c.log.Warn("binary frame ignored", "bytes", len(buf))
			continue
		}
		c.handleFrame(buf, c.clock.Now())
	}
}

// readAll appends r's contents to buf, growing it only when needed.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// control is the connection's second goroutine: it resolves price grids,
// sends the commands planLocked asks for, enforces the snapshot timeout and
// the silence watchdog. Only it writes to the socket.
func (c *Client) control(ctx context.Context, conn *websocket.Conn, stop *stopReason) {
	for {
		now := c.clock.Now()
		c.mu.Lock()
		if c.sess == nil {
			c.mu.Unlock()
			return
		}
		out := c.planLocked(now)
		silent := now.Sub(c.h.lastActivity)
		if !c.h.pingSent.IsZero() && now.Sub(c.h.pingSent) > c.cfg.PongTimeout && !c.h.silent {
			c.log.Warn("ping unanswered; books stale until the exchange answers", "after", now.Sub(c.h.pingSent))
			c.setSilentLocked(true)
		}
		c.noteUsefulLocked()
		c.dirty = true
		c.mu.Unlock()
		c.signal()
		for _, o := range out {
			wctx, cancel := context.WithTimeout(ctx, c.cfg.WriteTimeout)
			err := conn.Write(wctx, websocket.MessageText, o.payload)
			cancel()
			if err != nil {
				stop.set(fmt.Errorf("write command %d: %w", o.id, err))
				conn.CloseNow()
				return
			}
			c.log.Debug("sent", "cmd", string(o.payload))
		}
		if silent > c.cfg.SilenceTimeout {
			err := fmt.Errorf("no frame, ping or pong for %s", silent.Round(time.Millisecond))
			c.log.Warn("connection silent; reconnecting", "silent", silent)
			stop.set(err)
			conn.CloseNow()
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-c.wake:
		case <-c.clock.After(c.cfg.TickInterval):
		}
	}
}

// gridRetry is how long a failed price-grid lookup waits before the next.
const gridRetry = 5 * time.Second

// gridLoop looks up price grids on its own goroutine: GridFor may do slow
// REST calls, which must hold up neither the feed nor the controller (and
// its silence watchdog).
func (c *Client) gridLoop(ctx context.Context) {
	for {
		if c.resolveGrids(ctx) {
			c.wakeController()
		}
		select {
		case <-ctx.Done():
			return
		case <-c.gridWake:
		case <-c.clock.After(c.cfg.TickInterval):
		}
	}
}

// resolveGrids looks up the price grid of every wanted book that lacks one
// and reports whether it found any.
func (c *Client) resolveGrids(ctx context.Context) bool {
	found := false
	now := c.clock.Now()
	c.mu.Lock()
	var need []string
	for t := range c.wantBooks {
		if _, ok := c.grids[t]; ok {
			continue
		}
		if at, failed := c.gridErrAt[t]; failed && now.Sub(at) < gridRetry {
			continue
		}
		need = append(need, t)
	}
	c.mu.Unlock()
	for _, t := range need {
		if ctx.Err() != nil {
			return found
		}
		g, err := c.cfg.GridFor(t)
		if err == nil && g != nil && c.rec != nil {
			// Recorded before the grid is published: once it is, the
			// controller may subscribe the book at any moment, and its
			// snapshot must not reach the recording ahead of the grid a
			// replay needs to build the same book.
			c.rec.grid(t, g, c.clock.Now())
		}
		c.mu.Lock()
		if err != nil || g == nil {
			if err == nil {
				err = errors.New("no grid")
			}
			c.gridErrAt[t] = now
			if lb := c.books[t]; lb != nil {
				lb.reason = "price grid: " + err.Error()
				c.touchLocked(lb)
			}
			c.mu.Unlock()
			c.log.Warn("price grid lookup failed", "market", t, "err", err)
			continue
		}
		c.grids[t] = g
		found = true
		delete(c.gridErrAt, t)
		if lb := c.books[t]; lb != nil && lb.book == nil {
			lb.book = c.newBook(t, g)
			c.touchLocked(lb)
		}
		c.mu.Unlock()
	}
	return found
}

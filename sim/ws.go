package sim

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// wsConn is one client connection. The read loop runs commands; the write
// loop owns every data write. Frames reach the writer through a bounded
// queue: a client too slow to drain it is disconnected rather than allowed
// to grow the server's memory.
type wsConn struct {
	s       *Server
	ws      *websocket.Conn
	raw     *heartbeatConn
	account AccountID
	keyID   string

	out      chan []byte
	queued   atomic.Int64 // bytes waiting in out
	ctx      context.Context
	cancel   context.CancelFunc
	dead     atomic.Bool   // no more frames are accepted
	overflow chan struct{} // closed when the queue overflowed
	overOnce sync.Once

	// Owned by the read loop (and by removeConn once it has finished).
	subs    map[int64]*subscription
	nextSid int64
	// Guarded by hub.mu.
	removed bool
}

// Close reasons sent to clients.
const (
	reasonSlowConsumer = "send queue overflow: client is reading too slowly"
	reasonShutdown     = "exchange shutting down"
)

// enqueue queues one frame without blocking; it is called from the
// engine's sink, so a full queue (by frame count or by bytes) cuts the
// client off instead of waiting or growing.
func (c *wsConn) enqueue(frame []byte) {
	if c.dead.Load() {
		return
	}
	if c.queued.Add(int64(len(frame))) > c.s.cfg.SendQueueBytes {
		c.overflowed()
		return
	}
	select {
	case c.out <- frame:
	default:
		c.overflowed()
	}
}

func (c *wsConn) overflowed() {
	c.overOnce.Do(func() {
		c.dead.Store(true)
		c.s.hub.slowDisconnects.Add(1)
		close(c.overflow)
	})
}

// serveWS verifies the signed upgrade and runs one connection until either
// side ends it.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	if !s.inflight.add() {
		writeError(w, apiErr(http.StatusServiceUnavailable, "unavailable", "exchange is shutting down", ""))
		return
	}
	defer s.inflight.done()
	defer s.recoverPanic(w, r)

	if status := s.faults.restFault(); status != 0 { // a failed handshake, for reconnect tests
		writeFaultStatus(w, status)
		return
	}
	key, aerr := s.keys.verifyRequest(r, s.cfg.Now(), s.cfg.TimestampWindow)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	hw := &hijackCapture{ResponseWriter: w}
	// Clients are programs, not browsers: Origin checks would only get in the way.
	ws, err := websocket.Accept(hw, r, &websocket.AcceptOptions{InsecureSkipVerify: true})
	if err != nil {
		s.log.Debug("sim: websocket accept failed", "err", err)
		return
	}
	if hw.conn == nil { // cannot happen with net/http; be safe rather than ping blindly
		_ = ws.CloseNow()
		return
	}
	ws.SetReadLimit(64 << 10)
	ctx, cancel := context.WithCancel(s.ctx)
	c := &wsConn{
		s: s, ws: ws, raw: hw.conn, account: key.account, keyID: key.id,
		out: make(chan []byte, s.cfg.SendQueue), ctx: ctx, cancel: cancel,
		overflow: make(chan struct{}), subs: make(map[int64]*subscription),
	}
	defer cancel()
	if !s.hub.addConn(c) {
		_ = ws.Close(websocket.StatusGoingAway, reasonShutdown)
		return
	}
	s.log.Debug("sim: websocket connected", "key_id", key.id, "remote", r.RemoteAddr)

	done := make(chan struct{})
	go func() {
		defer close(done)
		defer c.recoverLoop("writer")
		c.writeLoop()
	}()
	c.readLoop()
	cancel()
	<-done
	c.dead.Store(true)
	s.hub.removeConn(c)
	_ = ws.CloseNow()
	s.log.Debug("sim: websocket disconnected", "key_id", key.id)
}

func (c *wsConn) recoverLoop(which string) {
	if v := recover(); v != nil {
		c.s.log.Error("sim: websocket "+which+" panic", "panic", v, "stack", string(debug.Stack()))
		c.cancel()
	}
}

func (c *wsConn) readLoop() {
	defer c.recoverLoop("reader")
	for {
		typ, data, err := c.ws.Read(c.ctx)
		if err != nil {
			return
		}
		if typ != websocket.MessageText {
			c.replyError(0, wsErrProcess, "commands must be JSON text frames")
			continue
		}
		c.handleCommand(data)
	}
}

// writeLoop sends queued frames, heartbeat pings and, on overflow, the
// close frame. It applies the per-frame faults (drop, delay, malformed).
func (c *wsConn) writeLoop() {
	ping := time.NewTicker(c.s.cfg.PingInterval)
	defer ping.Stop()
	for {
		select {
		case <-c.overflow:
			c.closeSlow()
			return
		default:
		}
		select {
		case <-c.ctx.Done():
			if c.s.ctx.Err() != nil {
				_ = c.ws.Close(websocket.StatusGoingAway, reasonShutdown)
			}
			return
		case <-c.overflow:
			c.closeSlow()
			return
		case <-ping.C:
			if err := c.raw.ping([]byte("heartbeat"), c.s.cfg.WriteTimeout); err != nil {
				c.cancel()
				return
			}
		case frame := <-c.out:
			c.queued.Add(-int64(len(frame)))
			if !c.send(frame) {
				c.cancel()
				return
			}
		}
	}
}

func (c *wsConn) closeSlow() {
	c.s.log.Info("sim: disconnecting a slow websocket client", "key_id", c.keyID)
	_ = c.ws.Close(websocket.StatusPolicyViolation, reasonSlowConsumer)
	c.cancel()
}

// send writes one frame, applying injected faults; false ends the connection.
func (c *wsConn) send(frame []byte) bool {
	ff := c.s.faults.frame()
	if ff.drop {
		c.s.log.Debug("sim: fault: dropping a websocket connection", "key_id", c.keyID)
		_ = c.ws.CloseNow()
		return false
	}
	if ff.freeze > 0 {
		c.s.log.Debug("sim: fault: freezing a websocket connection", "key_id", c.keyID, "for", ff.freeze)
		c.raw.freeze(ff.freeze)
	}
	if ff.delay > 0 {
		t := time.NewTimer(ff.delay)
		select {
		case <-t.C:
		case <-c.ctx.Done():
			t.Stop()
			return false
		}
	}
	ctx, cancel := context.WithTimeout(c.ctx, c.s.cfg.WriteTimeout)
	defer cancel()
	if ff.malformed {
		if err := c.ws.Write(ctx, websocket.MessageText, frame[:len(frame)/2]); err != nil {
			return false
		}
	}
	return c.ws.Write(ctx, websocket.MessageText, frame) == nil
}

// hijackCapture lets websocket.Accept hijack the connection through a
// heartbeatConn, so the writer can send Kalshi's "heartbeat" pings (the
// library only pings with its own payload).
type hijackCapture struct {
	http.ResponseWriter
	conn *heartbeatConn
}

func (h *hijackCapture) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	h.conn = &heartbeatConn{Conn: conn}
	// The library writes through brw.Writer; point it at the wrapper. It is
	// empty here: Hijack has already flushed the 101 response.
	return h.conn, bufio.NewReadWriter(brw.Reader, bufio.NewWriterSize(h.conn, 4096)), nil
}

// heartbeatConn serialises writes so a raw ping frame never lands inside
// another frame. The library writes each frame completely (and flushes it)
// under its own lock before releasing it, and only the write loop sends
// pings, between its own frames, so the only concurrent writer is the
// library answering a client's ping or close, one Write per frame.
//
// It is also where a frozen connection (the freeze fault) holds its bytes:
// every write, frames, pings and the library's pongs alike, waits until the
// freeze ends, so the client sees a silent socket.
type heartbeatConn struct {
	net.Conn
	mu          sync.Mutex
	frozenUntil atomic.Int64 // unix nanoseconds; writes wait until then
}

func (h *heartbeatConn) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.waitThaw()
	return h.Conn.Write(p)
}

// freeze holds every write for d from now (extending a freeze under way).
func (h *heartbeatConn) freeze(d time.Duration) {
	until := time.Now().Add(d).UnixNano()
	for {
		cur := h.frozenUntil.Load()
		if cur >= until || h.frozenUntil.CompareAndSwap(cur, until) {
			return
		}
	}
}

// waitThaw sleeps out a freeze; h.mu is held, so nothing else is written.
func (h *heartbeatConn) waitThaw() {
	for {
		d := time.Until(time.Unix(0, h.frozenUntil.Load()))
		if d <= 0 {
			return
		}
		time.Sleep(d)
	}
}

// ping writes an unmasked server Ping frame carrying payload (≤ 125 bytes).
func (h *heartbeatConn) ping(payload []byte, timeout time.Duration) error {
	frame := make([]byte, 0, 2+len(payload))
	frame = append(frame, 0x89, byte(len(payload))) // FIN + opcode 9 (ping); no mask
	frame = append(frame, payload...)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.waitThaw()
	_ = h.Conn.SetWriteDeadline(time.Now().Add(timeout))
	_, err := h.Conn.Write(frame)
	_ = h.Conn.SetWriteDeadline(time.Time{})
	return err
}

// appendEnvelope builds a server frame: {"id","type","sid","seq","msg"},
// leaving out id, sid and seq when zero and msg when nil.
func appendEnvelope(dst []byte, id int64, typ string, sid, seq int64, msg []byte) []byte {
	if dst == nil {
		dst = make([]byte, 0, len(msg)+64)
	}
	dst = append(dst, '{')
	if id != 0 {
		dst = append(dst, `"id":`...)
		dst = strconv.AppendInt(dst, id, 10)
		dst = append(dst, ',')
	}
	dst = append(dst, `"type":`...)
	dst = strconv.AppendQuote(dst, typ)
	if sid != 0 {
		dst = append(dst, `,"sid":`...)
		dst = strconv.AppendInt(dst, sid, 10)
	}
	if seq != 0 {
		dst = append(dst, `,"seq":`...)
		dst = strconv.AppendInt(dst, seq, 10)
	}
	if msg != nil {
		dst = append(dst, `,"msg":`...)
		dst = append(dst, msg...)
	}
	return append(dst, '}')
}

package sim

import (
	"bytes"
	"errors"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"
)

// Paths shared with production, so signatures computed for Kalshi verify here.
const (
	apiPrefix = "/trade-api/v2"
	wsPath    = "/trade-api/ws/v2"
)

// apiHandler serves one REST endpoint: it returns the status and the body
// to encode as JSON, or an error (*APIError, tooManyRequests, or anything
// else, which becomes a 500).
type apiHandler func(r *http.Request, c *caller) (int, any, error)

// route is one REST endpoint and how it is guarded and metered.
type route struct {
	method, path string // path relative to /trade-api/v2, with {wildcards}
	private      bool   // requires a valid signature
	bucket       bucketKind
	cost         int64 // tokens charged before the handler; 0 = the handler charges per item
	fn           apiHandler
}

// write reports whether the route changes state, i.e. may be stalled.
func (rt route) write() bool { return rt.method != http.MethodGet }

// caller is who made a request and which budget pays for it.
type caller struct {
	s        *Server
	account  AccountID // "" for an unsigned public request
	keyID    string
	identity string // rate-limit identity: key:<id> or ip:<addr>
	bucket   bucketKind
}

// charge takes cost tokens from the caller's bucket. A cost larger than the
// bucket can ever hold is a request that could never succeed: it is
// rejected whole with a 400 rather than a 429 a client would retry forever.
func (c *caller) charge(cost int64) error {
	if capacity := c.s.tier.capacity(c.bucket); cost > capacity {
		return apiErr(http.StatusBadRequest, codeBatchTooLarge, "request exceeds the rate-limit budget",
			"costs "+itoa(cost)+" tokens but the "+c.s.tier.name+" bucket holds "+itoa(capacity))
	}
	if !c.s.limits.allow(c.identity, c.bucket, cost) {
		return tooManyRequests{}
	}
	return nil
}

// tooManyRequests is a 429, which Kalshi answers with a bare
// {"error":"too many requests"} and no rate-limit headers.
type tooManyRequests struct{}

func (tooManyRequests) Error() string { return "too many requests" }

// inflight counts running handlers and connections so Close can join them;
// once closed it admits no more, which keeps WaitGroup.Add off Wait's path.
type inflight struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func (t *inflight) add() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.wg.Add(1)
	return true
}

func (t *inflight) done() { t.wg.Done() }

func (t *inflight) closeAndWait() {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	t.wg.Wait()
}

// routes builds the HTTP handler: every REST route, the WebSocket
// endpoint, and JSON 404/405 answers for everything else.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routeTable() {
		mux.Handle(rt.method+" "+apiPrefix+rt.path, s.wrap(rt))
	}
	mux.HandleFunc("GET "+wsPath, s.serveWS)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		s.unrouted(mux, w, r)
	})
}

// unrouted turns the mux's plain-text 404/405 into Kalshi-style JSON errors
// (keeping the Allow header) and passes anything else, such as a redirect
// to a cleaned path, through unchanged.
func (s *Server) unrouted(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	rec := &captureWriter{header: make(http.Header)}
	mux.ServeHTTP(rec, r)
	switch rec.status {
	case http.StatusNotFound:
		writeError(w, apiErr(http.StatusNotFound, "not_found", "not found", "no endpoint "+r.Method+" "+r.URL.Path))
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", rec.header.Get("Allow"))
		writeError(w, apiErr(http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed",
			r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+rec.header.Get("Allow")))
	default:
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	}
}

// captureWriter records what the mux's fallback handlers would send.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captureWriter) Header() http.Header { return c.header }
func (c *captureWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}
func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}

// wrap applies, in order: panic recovery, injected REST faults, signature
// verification, the rate limit, the body size limit, the handler, and an
// injected stall for writes.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.inflight.add() {
			writeError(w, apiErr(http.StatusServiceUnavailable, "unavailable", "exchange is shutting down", ""))
			return
		}
		defer s.inflight.done()
		defer s.recoverPanic(w, r)

		if status := s.faults.restFault(); status != 0 {
			writeFaultStatus(w, status)
			s.log.Debug("sim: request", "method", r.Method, "path", r.URL.Path, "status", status, "fault", true)
			return
		}
		c := &caller{s: s, bucket: rt.bucket}
		if rt.private || hasAuthHeaders(r) {
			key, aerr := s.keys.verifyRequest(r, s.cfg.Now(), s.cfg.TimestampWindow)
			if aerr != nil {
				writeError(w, aerr)
				s.log.Debug("sim: request refused", "method", r.Method, "path", r.URL.Path, "code", aerr.Code)
				return
			}
			c.account, c.keyID, c.identity = key.account, key.id, "key:"+key.id
		} else {
			c.identity = "ip:" + clientIP(r)
		}
		if rt.cost > 0 {
			if err := c.charge(rt.cost); err != nil {
				writeError(w, err)
				s.log.Debug("sim: request", "method", r.Method, "path", r.URL.Path, "status", statusOf(err))
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		status, body, err := rt.fn(r, c)
		if err != nil {
			writeError(w, err)
			s.log.Debug("sim: request", "method", r.Method, "path", r.URL.Path, "status", statusOf(err), "err", err)
			return
		}
		if rt.write() {
			if stall, hold := s.faults.stallWrite(); stall {
				s.stall(w, r, hold)
				return
			}
		}
		writeJSON(w, status, body)
		s.log.Debug("sim: request", "method", r.Method, "path", r.URL.Path, "status", status)
	})
}

// writeFaultStatus answers with an injected 429 or 5xx.
func writeFaultStatus(w http.ResponseWriter, status int) {
	if status == http.StatusTooManyRequests {
		writeError(w, tooManyRequests{})
		return
	}
	writeError(w, apiErr(status, "injected_fault", http.StatusText(status), "fault injection"))
}

// statusOf is the HTTP status writeError sends for err.
func statusOf(err error) int {
	var ae *APIError
	switch {
	case errors.As(err, new(tooManyRequests)):
		return http.StatusTooManyRequests
	case errors.As(err, &ae):
		return ae.Status
	}
	return http.StatusInternalServerError
}

// stall is the "did my order land?" fault: the write has been applied, but
// the answer is held for hold (or until the client gives up) and then the
// connection is dropped without a response.
func (s *Server) stall(w http.ResponseWriter, r *http.Request, hold time.Duration) {
	s.log.Debug("sim: stalling a write", "method", r.Method, "path", r.URL.Path, "hold", hold)
	if hold > 0 {
		t := time.NewTimer(hold)
		select {
		case <-t.C:
		case <-r.Context().Done():
		case <-s.ctx.Done():
		}
		t.Stop()
	}
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
	}
}

func (s *Server) recoverPanic(w http.ResponseWriter, r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler { //nolint:errorlint // sentinel compared by identity, as net/http does
		panic(v)
	}
	s.log.Error("sim: handler panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
	writeError(w, apiErr(http.StatusInternalServerError, "internal", "internal error", ""))
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

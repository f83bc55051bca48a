package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Pre-signing takes the RSA signature (about 1 ms) off the order path.
// Kalshi signs timestamp + METHOD + path, not the body, so for an endpoint
// whose path never varies a header can be signed before the request exists.
// A background renewer keeps one fresh header per such endpoint; a request
// takes it (each header serves one request only) and the renewer signs the
// next. When none is fresh the request signs on demand, as without
// pre-signing.

// Defaults for PresignConfig's zero fields.
const (
	// DefaultPresignEvery renews each header five times a second: one RSA
	// signature per endpoint per period, about 0.5 % of a core each.
	DefaultPresignEvery = 200 * time.Millisecond
	// DefaultPresignMaxAge is the oldest header a request will use. Kalshi
	// does not document its timestamp tolerance, so a header whose renewer
	// fell behind (a starved process, a suspended laptop) is not sent.
	DefaultPresignMaxAge = time.Second
)

// Endpoint names a request by method and path relative to the base URL,
// e.g. {"POST", "/portfolio/events/orders"}.
type Endpoint struct {
	Method, Path string
}

// PresignEndpoints are the order endpoints whose path is constant: V2
// create, batch create and batch cancel.
func PresignEndpoints() []Endpoint {
	return []Endpoint{
		{http.MethodPost, "/portfolio/events/orders"},
		{http.MethodPost, "/portfolio/events/orders/batched"},
		{http.MethodDelete, "/portfolio/events/orders/batched"},
	}
}

// PresignConfig configures Client.StartPresigning.
type PresignConfig struct {
	Every     time.Duration // renewal period; 0 means DefaultPresignEvery
	MaxAge    time.Duration // never use a header older than this; 0 means DefaultPresignMaxAge
	Endpoints []Endpoint    // nil means PresignEndpoints()
}

// PresignStats counts how requests to pre-signed endpoints were signed.
type PresignStats struct {
	Presigned uint64 // sent with a header signed ahead of time
	OnDemand  uint64 // no fresh header was waiting: signed on the spot
	Expired   uint64 // headers discarded because they were older than MaxAge
	Renewed   uint64 // headers the renewer signed
}

// StartPresigning keeps a fresh pre-signed header for each endpoint until
// ctx ends or stop is called; stop waits for the renewer to exit and may
// be called more than once. Requests to other endpoints are unaffected.
func (c *Client) StartPresigning(ctx context.Context, cfg PresignConfig) (stop func(), err error) {
	if c.signer == nil {
		return nil, errors.New("api: presign: the client has no signer")
	}
	if cfg.Every <= 0 {
		cfg.Every = DefaultPresignEvery
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = DefaultPresignMaxAge
	}
	if cfg.MaxAge < cfg.Every {
		return nil, fmt.Errorf("api: presign: max age %s is shorter than the renewal period %s", cfg.MaxAge, cfg.Every)
	}
	if cfg.Endpoints == nil {
		cfg.Endpoints = PresignEndpoints()
	}
	if len(cfg.Endpoints) == 0 {
		return nil, errors.New("api: presign: no endpoints")
	}
	p := &presigner{signer: c.signer, now: c.signer.now, every: cfg.Every, maxAge: cfg.MaxAge,
		wake: make(chan struct{}, 1), stats: &c.presignStats}
	for _, e := range cfg.Endpoints {
		if !strings.HasPrefix(e.Path, "/") || strings.ContainsAny(e.Path, "?#") {
			return nil, fmt.Errorf("api: presign: %q is not a constant path", e.Path)
		}
		p.slots = append(p.slots, &presignSlot{method: strings.ToUpper(e.Method), path: c.basePath + e.Path})
	}
	if !c.presign.CompareAndSwap(nil, p) {
		return nil, errors.New("api: presign: already running")
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer c.presign.CompareAndSwap(p, nil)
		p.run(ctx)
	}()
	return func() { cancel(); <-done }, nil
}

// PresignStats reports pre-signing counts since the client was built.
func (c *Client) PresignStats() PresignStats {
	s := &c.presignStats
	return PresignStats{Presigned: s.presigned.Load(), OnDemand: s.onDemand.Load(),
		Expired: s.expired.Load(), Renewed: s.renewed.Load()}
}

// sign returns the authentication headers for one request: a pre-signed
// header when a fresh one is waiting, else a new signature.
func (c *Client) sign(method, path string) (http.Header, error) {
	if p := c.presign.Load(); p != nil {
		if s := p.slot(method, path); s != nil {
			if h := p.take(s); h != nil {
				return h, nil
			}
			p.stats.onDemand.Add(1)
		}
	}
	return c.signer.Sign(method, path)
}

type presignCounters struct {
	presigned, onDemand, expired, renewed atomic.Uint64
}

type presigner struct {
	signer        *Signer
	now           func() time.Time // the signer's clock
	every, maxAge time.Duration
	slots         []*presignSlot
	wake          chan struct{} // capacity 1: a header was taken, sign its successor
	stats         *presignCounters
}

// presignSlot holds the next header for one endpoint.
type presignSlot struct {
	method, path string // exactly as signed: upper-case method, full path
	mu           sync.Mutex
	h            http.Header // nil once taken
	at           time.Time   // when h was signed (monotonic with the wall clock)
}

func (p *presigner) slot(method, path string) *presignSlot {
	for _, s := range p.slots {
		if s.path == path && s.method == method {
			return s
		}
	}
	return nil
}

// take hands out the slot's header if it is fresh, never the same header
// twice, and asks the renewer for the next one.
func (p *presigner) take(s *presignSlot) http.Header {
	s.mu.Lock()
	h, at := s.h, s.at
	s.h = nil
	s.mu.Unlock()
	if h == nil {
		return nil
	}
	select {
	case p.wake <- struct{}{}:
	default:
	}
	if age := p.now().Sub(at); age < 0 || age > p.maxAge {
		p.stats.expired.Add(1)
		return nil
	}
	p.stats.presigned.Add(1)
	return h
}

// renewAfterTake is how long the renewer waits after a header was taken
// before it signs the next: long enough for the request that took it to be
// on the wire, so the ~1 ms signature does not compete with that send for
// the CPU.
const renewAfterTake = 5 * time.Millisecond

func (p *presigner) run(ctx context.Context) {
	defer p.clear()
	p.renew(p.slots)
	// One slot per tick, the stalest: each header is still replaced once a
	// period, but the signatures are spread out rather than arriving in a
	// burst that a keypress could land in.
	t := time.NewTicker(p.every / time.Duration(len(p.slots)))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			p.renew(p.due(true))
		case <-p.wake:
			select {
			case <-ctx.Done():
				return
			case <-time.After(renewAfterTake):
			}
			p.renew(p.due(false))
		}
	}
}

// due lists the empty slots and, with stalest, the oldest filled one.
func (p *presigner) due(stalest bool) []*presignSlot {
	var out []*presignSlot
	var oldest *presignSlot
	var oldestAt time.Time
	for _, s := range p.slots {
		s.mu.Lock()
		empty, at := s.h == nil, s.at
		s.mu.Unlock()
		switch {
		case empty:
			out = append(out, s)
		case oldest == nil || at.Before(oldestAt):
			oldest, oldestAt = s, at
		}
	}
	if stalest && oldest != nil {
		out = append(out, oldest)
	}
	return out
}

// renew signs a new header for each of slots.
func (p *presigner) renew(slots []*presignSlot) {
	for _, s := range slots {
		at := p.now()
		h, err := p.signer.SignAt(at, s.method, s.path)
		if err != nil {
			continue // signing on demand will report it
		}
		s.mu.Lock()
		s.h, s.at = h, at
		s.mu.Unlock()
		p.stats.renewed.Add(1)
	}
}

// clear drops unused headers when the renewer stops.
func (p *presigner) clear() {
	for _, s := range p.slots {
		s.mu.Lock()
		s.h = nil
		s.mu.Unlock()
	}
}

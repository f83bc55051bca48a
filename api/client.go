package api

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"ladder/limiter"
)

// Defaults for Config's zero fields.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultMaxAttempts    = 5
	// DefaultMaxResponseBytes bounds one response body; a 1000-market page
	// is a few MB.
	DefaultMaxResponseBytes = 64 << 20
	dialTimeout             = 5 * time.Second
)

// Config configures NewClient. Only BaseURL (or a demo/prod Env) is
// required; a nil Signer gives an unauthenticated client that can read
// market data.
type Config struct {
	BaseURL    string // REST base including /trade-api/v2; empty means Env's URL
	Env        Env    // used only when BaseURL is empty
	Signer     *Signer
	Limiter    *limiter.Limiter // nil: a Basic-tier limiter on Clock
	HTTPClient *http.Client     // nil: a client with its own transport (see newHTTPClient)

	RequestTimeout   time.Duration // per attempt; 0 means DefaultRequestTimeout
	MaxAttempts      int           // per call, first try included; 0 means DefaultMaxAttempts
	MaxResponseBytes int64         // 0 means DefaultMaxResponseBytes
	UserAgent        string        // empty means "ladder"

	// Clock is the time source for backoff checks and the default Sleep; it
	// should be the limiter's clock. nil means the wall clock.
	Clock limiter.Clock
	// Sleep waits d or until ctx ends (returning ctx.Err()). nil sleeps on
	// Clock. Tests inject one that returns at once and advances a FakeClock.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand is the jitter source in [0,1); nil means math/rand/v2.
	Rand func() float64
}

// Client is Kalshi's REST API with signing, rate limiting and retries. It
// is safe for concurrent use.
type Client struct {
	base      *url.URL
	baseStr   string // base.String(), the prefix of every request URL
	basePath  string // URL path of the base, prefixed to signed paths
	signer    *Signer
	lim       *limiter.Limiter
	http      *http.Client
	timeout   time.Duration
	attempts  int
	maxBody   int64
	userAgent string
	clock     limiter.Clock
	sleep     func(context.Context, time.Duration) error
	rnd       func() float64

	presign      atomic.Pointer[presigner] // non-nil while StartPresigning runs
	presignStats presignCounters
}

// NewClient validates cfg and builds a client. It rejects plain-http URLs
// to non-loopback hosts.
func NewClient(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if raw == "" && cfg.Env != "" {
		rest, _, err := BaseURLs(cfg.Env)
		if err != nil {
			return nil, err
		}
		if rest == "" {
			return nil, errors.New("api: the sim environment has no fixed URL; pass the simulator's BaseURL")
		}
		raw = rest
	}
	base, err := checkBaseURL(raw)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:      base,
		baseStr:   base.String(),
		basePath:  base.EscapedPath(),
		signer:    cfg.Signer,
		lim:       cfg.Limiter,
		http:      cfg.HTTPClient,
		timeout:   cfg.RequestTimeout,
		attempts:  cfg.MaxAttempts,
		maxBody:   cfg.MaxResponseBytes,
		userAgent: cfg.UserAgent,
		clock:     cfg.Clock,
		sleep:     cfg.Sleep,
		rnd:       cfg.Rand,
	}
	if c.clock == nil {
		c.clock = limiter.SystemClock()
	}
	if c.lim == nil {
		c.lim = limiter.New(limiter.Config{Clock: c.clock, Rand: c.rnd})
	}
	if c.http == nil {
		c.http = newHTTPClient()
	}
	if c.timeout <= 0 {
		c.timeout = DefaultRequestTimeout
	}
	if c.attempts <= 0 {
		c.attempts = DefaultMaxAttempts
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if c.userAgent == "" {
		c.userAgent = "ladder"
	}
	if c.sleep == nil {
		c.sleep = c.clockSleep
	}
	return c, nil
}

// newHTTPClient builds the client's own transport: one connection pool
// reused by every request, bounded dial and handshake times, TLS 1.2+, and
// no redirects (a redirect would change the signed path, and could move the
// request off TLS).
func newHTTPClient() *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   dialTimeout,
		ResponseHeaderTimeout: DefaultRequestTimeout,
		ExpectContinueTimeout: time.Second,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// Limiter returns the limiter every request waits on, for Snapshot and
// Preview.
func (c *Client) Limiter() *limiter.Limiter { return c.lim }

// Signer returns the signer, nil for an unauthenticated client.
func (c *Client) Signer() *Signer { return c.signer }

// BaseURL returns the REST base URL.
func (c *Client) BaseURL() string { return c.base.String() }

// WSURL derives the WebSocket URL that belongs to the REST base URL.
func (c *Client) WSURL() (string, error) { return WSURLFromREST(c.base.String()) }

// CloseIdleConnections releases pooled connections (on shutdown).
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// clockSleep waits on the configured clock.
func (c *Client) clockSleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := c.clock.TimerAt(c.clock.Now().Add(d))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C():
		return nil
	}
}

// endpoint joins path segments, escaping each, into a path relative to the
// base URL: endpoint("portfolio", "orders", id) → "/portfolio/orders/<id>".
func endpoint(segs ...string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// requireID rejects an empty identifier before it turns a request for one
// order into a request for a whole collection.
func requireID(what, id string) error {
	if strings.TrimSpace(id) == "" {
		return fmt.Errorf("api: empty %s", what)
	}
	return nil
}

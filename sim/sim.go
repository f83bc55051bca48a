package sim

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"ladder/model"
)

// Config configures a simulated exchange. The zero value is usable: a
// loopback listener on a free port, Basic tier, normal activity, no faults.
type Config struct {
	Addr            string        // listen address; default "127.0.0.1:0"
	Seed            int64         // seeds the engine, the activity bots and the fault injector
	Tier            string        // rate-limit tier: basic (default), advanced, expert, premier, paragon, prime, prestige
	Activity        string        // "off|calm|normal|busy|storm"; "" means normal, like `ladder sim`
	Faults          string        // fault spec (see faultSpec), e.g. "drop=0.01,gap=0.005,delay=50ms"
	TimestampWindow time.Duration // allowed signature clock skew; default 30s
	StartBalance    model.Money   // trader's starting balance; default $10,000
	PingInterval    time.Duration // WebSocket heartbeat ping period; default 10s

	// Additions beyond the contract, all optional.
	TraderKey      *rsa.PrivateKey  // trader's key; nil generates a fresh RSA-2048 key
	TraderKeyID    string           // TraderKey's id, kept across restarts; "" = a fresh UUID (needs TraderKey)
	TakerFee       model.FeeRate    // 0 = Kalshi's 0.07; negative = no taker fee
	MakerFee       model.FeeRate    // default 0
	Now            func() time.Time // clock for auth windows, rate limits and the engine; default time.Now
	Logger         *slog.Logger     // default discards
	SendQueue      int              // WebSocket frames queued per connection before it is cut off; default 4096
	SendQueueBytes int64            // bytes queued per connection before it is cut off; default 16 MiB
	WriteTimeout   time.Duration    // a single WebSocket frame write's limit; default 10s
	MaxBodyBytes   int64            // REST request body limit; default 1 MiB
	TickInterval   time.Duration    // how often the engine's Tick runs; default 250ms
	NoHistory      bool             // start without the seeded day of candlestick history
	// OKSeq selects how an `ok` reply to update_subscription on an
	// orderbook sid treats seq, which Kalshi leaves open: OKSeqEcho (the
	// default) carries the sid's current number; OKSeqConsume takes the
	// next number, so the following book message skips it.
	OKSeq string
}

// The readings of seq on `ok` replies (Config.OKSeq, `ladder sim --ok-seq`).
const (
	OKSeqEcho    = "echo"
	OKSeqConsume = "consume"
)

// TraderAccount is the account the simulator creates at start.
const TraderAccount AccountID = "trader"

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.Activity == "" {
		c.Activity = "normal"
	}
	if c.OKSeq == "" {
		c.OKSeq = OKSeqEcho
	}
	if c.TimestampWindow <= 0 {
		c.TimestampWindow = 30 * time.Second
	}
	if c.StartBalance == 0 {
		c.StartBalance = 10_000 * model.Dollar
	}
	if c.PingInterval <= 0 {
		c.PingInterval = 10 * time.Second
	}
	switch {
	case c.TakerFee == 0:
		c.TakerFee = model.DefaultTakerFee
	case c.TakerFee < 0:
		c.TakerFee = 0
	}
	if c.MakerFee < 0 {
		c.MakerFee = 0
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.SendQueue <= 0 {
		c.SendQueue = 4096
	}
	if c.SendQueueBytes <= 0 {
		c.SendQueueBytes = 16 << 20
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 10 * time.Second
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	if c.TickInterval <= 0 {
		c.TickInterval = 250 * time.Millisecond
	}
	return c
}

// Server is a running simulated exchange: engine, activity bots, and the
// REST + WebSocket front end on one loopback listener.
type Server struct {
	cfg    Config
	log    *slog.Logger
	engine *Engine
	keys   *keyring
	limits *rateLimiter
	tier   tierBudget
	faults *faultInjector
	hub    *hub
	trader credentials

	ln      net.Listener
	httpSrv *http.Server
	baseURL string // http://host:port

	ctx      context.Context // cancelled by Close
	cancel   context.CancelFunc
	wg       sync.WaitGroup // background goroutines: serve, tick, activity, watchdog
	inflight inflight       // running REST handlers and WebSocket connections

	closeOnce sync.Once
	closeErr  error
}

// Start builds the engine, creates the trader account and its key, and
// serves REST and WebSocket on cfg.Addr in the background until Close is
// called or ctx is cancelled.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	tier, err := lookupTier(cfg.Tier)
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	activity, err := ParseActivity(cfg.Activity)
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	if cfg.OKSeq != OKSeqEcho && cfg.OKSeq != OKSeqConsume {
		return nil, fmt.Errorf("sim: ok-seq %q: want %s or %s", cfg.OKSeq, OKSeqEcho, OKSeqConsume)
	}
	spec, err := parseFaults(cfg.Faults)
	if err != nil {
		return nil, fmt.Errorf("sim: faults: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("sim: listen on %s: %w", cfg.Addr, err)
	}
	s := &Server{
		cfg:    cfg,
		log:    cfg.Logger,
		keys:   newKeyring(),
		limits: newRateLimiter(tier, cfg.Now),
		tier:   tier,
		faults: newFaultInjector(cfg.Seed, spec),
	}
	s.engine = NewEngine(EngineConfig{Seed: cfg.Seed, TakerFee: cfg.TakerFee, MakerFee: cfg.MakerFee, Now: cfg.Now, NoHistory: cfg.NoHistory})
	s.hub = newHub(s)
	s.engine.SetSink(s.hub.publish)
	if s.trader, err = newCredentials(s.keys, TraderAccount, cfg.TraderKey, cfg.TraderKeyID); err != nil {
		_ = ln.Close()
		return nil, err
	}
	s.engine.CreateAccount(TraderAccount, cfg.StartBalance)
	s.ln = ln
	s.baseURL = "http://" + ln.Addr().String()
	s.ctx, s.cancel = context.WithCancel(ctx)
	s.httpSrv = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return s.ctx },
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}

	s.wg.Add(4)
	go func() {
		defer s.wg.Done()
		if err := s.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("sim: http server stopped", "err", err)
		}
	}()
	go func() {
		defer s.wg.Done()
		s.tickLoop()
	}()
	go func() {
		defer s.wg.Done()
		s.engine.RunActivity(s.ctx, activity, cfg.Seed)
	}()
	go func() { // a cancelled parent context shuts the listener like Close
		defer s.wg.Done()
		<-s.ctx.Done()
		_ = s.httpSrv.Close()
	}()
	s.log.Info("sim: serving", "rest", s.RESTURL(), "ws", s.WSURL(), "key_id", s.trader.keyID, "tier", tier.name, "activity", cfg.Activity)
	return s, nil
}

func (s *Server) tickLoop() {
	t := time.NewTicker(s.cfg.TickInterval)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
			s.engine.Tick(s.cfg.Now())
		}
	}
}

// RESTURL is the REST base, e.g. http://127.0.0.1:PORT/trade-api/v2.
func (s *Server) RESTURL() string { return s.baseURL + apiPrefix }

// WSURL is the WebSocket endpoint, e.g. ws://127.0.0.1:PORT/trade-api/ws/v2.
func (s *Server) WSURL() string { return "ws" + s.baseURL[len("http"):] + wsPath }

// KeyID is the trader's API key id.
func (s *Server) KeyID() string { return s.trader.keyID }

// PrivateKeyPEM is the trader's private key, PKCS#8 PEM. Never log it.
func (s *Server) PrivateKeyPEM() []byte { return append([]byte(nil), s.trader.pem...) }

// WriteCredentials writes dir/key_id and dir/private_key.pem (mode 0600;
// dir is created with mode 0700).
func (s *Server) WriteCredentials(dir string) error { return writeCredentialFiles(dir, s.trader) }

// Engine is the matching engine behind the server.
func (s *Server) Engine() *Engine { return s.engine }

// SetFaults replaces the fault spec at runtime; "" turns faults off.
func (s *Server) SetFaults(spec string) error {
	f, err := parseFaults(spec)
	if err != nil {
		return fmt.Errorf("sim: faults: %w", err)
	}
	s.faults.set(f)
	return nil
}

// FaultCounts reports how many injected faults have fired so far.
func (s *Server) FaultCounts() FaultCounts { return s.faults.countsNow() }

// FreezeWebSockets holds every byte the server sends on its open WebSocket
// connections for d, pongs included: the freeze fault, on demand, for
// tests and bots that practise a silent link.
func (s *Server) FreezeWebSockets(d time.Duration) { s.hub.freezeAll(d) }

// WebSocketConnections reports how many WebSocket clients are connected.
func (s *Server) WebSocketConnections() int { return s.hub.connCount() }

// SlowDisconnects counts WebSocket clients cut off for not keeping up.
func (s *Server) SlowDisconnects() int64 { return s.hub.slowDisconnects.Load() }

// AddAccount creates another account with its own freshly generated key,
// for tests and bots that need a second party. It returns the key id and
// the PKCS#8 PEM private key.
func (s *Server) AddAccount(id AccountID, balance model.Money) (keyID string, privateKeyPEM []byte, err error) {
	return s.AddAccountKey(id, balance, nil)
}

// AddAccountKey is AddAccount with a caller-supplied key (nil generates one).
func (s *Server) AddAccountKey(id AccountID, balance model.Money, key *rsa.PrivateKey) (keyID string, privateKeyPEM []byte, err error) {
	if id == "" {
		return "", nil, fmt.Errorf("sim: account id is empty")
	}
	c, err := newCredentials(s.keys, id, key, "")
	if err != nil {
		return "", nil, err
	}
	s.engine.CreateAccount(id, balance)
	return c.keyID, c.pem, nil
}

// Close stops serving, disconnects every client and joins every goroutine
// the server started. It is safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.cancel()
		s.closeErr = s.httpSrv.Close()
		s.hub.closeAll()
		s.wg.Wait()
		s.inflight.closeAndWait()
	})
	return s.closeErr
}

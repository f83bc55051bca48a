package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"ladder/api"
	"ladder/config"
	"ladder/desk"
	"ladder/limiter"
	"ladder/model"
	"ladder/sim"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui"
	"ladder/ui/keys"
)

// presignOrders turns on api.Client.StartPresigning for the dashboard.
// Benchmarks switch it off to compare.
var presignOrders = true

// backend is everything the dashboard talks to: the REST client, the feed
// and, on the simulator, the embedded exchange. close tears it down.
type backend struct {
	env    string // ui.EnvSim, ui.EnvDemo or ui.EnvProd
	rest   string
	ws     string
	signer *api.Signer
	client *api.Client
	lim    *limiter.Limiter
	sim    *sim.Server // nil unless embedded
	grids  *gridCache
	desk   *desk.Desk     // my trading state, shared by the session's dashboards
	feed   *stream.Client // the session's WebSocket feed, once started
	// warnings are the start-up warnings (a key file others can read),
	// printed before the screen is taken and shown again in the dashboard,
	// where they are not lost behind it.
	warnings []string
	closers  []func()
}

func (b *backend) close() {
	for i := len(b.closers) - 1; i >= 0; i-- {
		b.closers[i]()
	}
}

// openBackend resolves the environment, loads the key, starts the embedded
// simulator when there are no credentials, and checks that the exchange is
// reachable and accepts our signature, so a mistake is one clear message
// before the screen is taken over.
func openBackend(ctx context.Context, cfg config.Config, f *dashFlags, log *slog.Logger, stderr io.Writer) (*backend, error) {
	b := &backend{}
	tier, err := limiter.ParseTier(cfg.Tier)
	if err != nil {
		return nil, err
	}
	// 50 ms of refill held in reserve absorbs network jitter: the exchange
	// meters on arrival (see limiter.Config.Headroom).
	b.lim = limiter.New(limiter.Config{Tier: tier, Headroom: 50 * time.Millisecond})

	switch {
	case cfg.Env == config.EnvSim && cfg.BaseURL == "":
		srv, err := sim.Start(ctx, sim.Config{Seed: f.simSeed, Tier: cfg.Tier, Activity: f.simActivity, Faults: f.simFaults})
		if err != nil {
			return nil, fmt.Errorf("starting the embedded simulator: %w", err)
		}
		b.sim = srv
		b.closers = append(b.closers, func() { _ = srv.Close() })
		b.env, b.rest, b.ws = ui.EnvSim, srv.RESTURL(), srv.WSURL()
		if b.signer, err = api.LoadSignerPEM(srv.KeyID(), srv.PrivateKeyPEM()); err != nil {
			b.close()
			return nil, err
		}
	default:
		if b.env, b.rest, b.ws, err = endpoints(cfg); err != nil {
			return nil, err
		}
		if b.signer, b.warnings, err = loadSigner(cfg, stderr, log); err != nil {
			return nil, err
		}
	}

	b.client, err = api.NewClient(api.Config{BaseURL: b.rest, Signer: b.signer, Limiter: b.lim})
	if err != nil {
		b.close()
		return nil, err
	}
	b.closers = append(b.closers, b.client.CloseIdleConnections)
	if presignOrders {
		// Order sends skip the ~1 ms RSA signature: a renewer keeps a fresh
		// header for create, batch create and batch cancel (≈ 1.3 % of a
		// core). It stops with the session, or on close.
		stop, err := b.client.StartPresigning(ctx, api.PresignConfig{})
		if err != nil {
			b.close()
			return nil, err
		}
		b.closers = append(b.closers, stop)
	}
	if err := checkWSURL(b.ws); err != nil {
		b.close()
		return nil, err
	}
	if err := preflight(ctx, b.client, b.rest); err != nil {
		b.close()
		return nil, err
	}
	// The account's real tier and endpoint costs beat the --tier guess; an
	// exchange that does not offer them leaves the flag's budget in force.
	limCtx, limCancel := context.WithTimeout(ctx, 10*time.Second)
	err = b.client.LoadRateLimits(limCtx)
	limCancel()
	if err != nil {
		log.Warn("rate limits not loaded; using the configured tier", "tier", cfg.Tier, "err", err)
	}
	b.grids = newGridCache(ctx, b.client)
	return b, nil
}

// endpoints picks REST and WebSocket URLs for a non-embedded environment.
func endpoints(cfg config.Config) (env, rest, ws string, err error) {
	env = map[string]string{config.EnvSim: ui.EnvSim, config.EnvDemo: ui.EnvDemo, config.EnvProd: ui.EnvProd}[cfg.Env]
	if cfg.BaseURL != "" {
		rest = cfg.BaseURL
	} else {
		if rest, ws, err = api.BaseURLs(api.Env(cfg.Env)); err != nil {
			return "", "", "", err
		}
	}
	if cfg.WSURL != "" {
		ws = cfg.WSURL
	} else if ws == "" {
		if ws, err = api.WSURLFromREST(rest); err != nil {
			return "", "", "", err
		}
	}
	return env, rest, ws, nil
}

// checkWSURL applies the REST client's TLS rule to the feed: wss anywhere,
// plain ws only to a loopback address. It runs before anything dials.
func checkWSURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("WebSocket URL %q: %w", raw, err)
	}
	switch {
	case u.Scheme == "wss" && u.Host != "":
		return nil
	case u.Scheme == "ws" && api.IsLoopbackHost(u.Hostname()):
		return nil
	case u.Scheme == "ws":
		return fmt.Errorf("WebSocket URL %q: plain ws is only allowed to loopback (127.0.0.0/8, ::1, localhost); use wss", raw)
	}
	return fmt.Errorf("WebSocket URL %q: scheme must be wss (or ws to loopback)", raw)
}

// loadSigner reads the private key from KALSHI_PRIVATE_KEY or the key file.
// Permission warnings go to stderr (before the screen is taken) and the log,
// and are returned for the dashboard's message line.
func loadSigner(cfg config.Config, stderr io.Writer, log *slog.Logger) (*api.Signer, []string, error) {
	if cfg.KeyID == "" {
		return nil, nil, errors.New("no API key id: pass --key-id or set KALSHI_API_KEY_ID (or run without --env to use the embedded simulator)")
	}
	if os.Getenv("KALSHI_PRIVATE_KEY") != "" {
		s, err := api.LoadSignerEnv(cfg.KeyID, "KALSHI_PRIVATE_KEY")
		return s, nil, err
	}
	if cfg.KeyFile == "" {
		return nil, nil, errors.New("no private key: pass --key-file, or set KALSHI_PRIVATE_KEY_PATH or KALSHI_PRIVATE_KEY")
	}
	s, warnings, err := api.LoadSignerFile(cfg.KeyID, cfg.KeyFile)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "ladder: warning:", w)
		log.Warn(w)
	}
	return s, warnings, err
}

// preflight checks reachability and the signature with two cheap calls.
// The client signs every request, so a refused key can show up on either.
func preflight(ctx context.Context, c *api.Client, rest string) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if _, err := c.GetExchangeStatus(ctx); err != nil {
		if refused(err) {
			return refusedErr(err)
		}
		return fmt.Errorf("cannot reach the exchange at %s: %w", rest, err)
	}
	if _, err := c.GetBalance(ctx); err != nil {
		if refused(err) {
			return refusedErr(err)
		}
		return fmt.Errorf("reading the account balance: %w", err)
	}
	return nil
}

func refused(err error) bool {
	var apiErr *api.Error
	return errors.As(err, &apiErr) && (apiErr.Status == 401 || apiErr.Status == 403)
}

func refusedErr(err error) error {
	return fmt.Errorf("the exchange refused our signature (check the key id, the key file and the clock): %w", err)
}

// gridCache remembers each market's price grid, fetching a market over
// REST the first time the feed needs one it has not seen in a listing.
type gridCache struct {
	ctx    context.Context // the session's: lookups stop when it ends
	client *api.Client
	mu     sync.Mutex
	grids  map[string]*model.Grid
}

func newGridCache(ctx context.Context, c *api.Client) *gridCache {
	return &gridCache{ctx: ctx, client: c, grids: make(map[string]*model.Grid)}
}

// learn records the grids of listed markets.
func (g *gridCache) learn(events []model.Event) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, e := range events {
		for i := range e.Markets {
			if grid, err := e.Markets[i].Grid(); err == nil {
				g.grids[e.Markets[i].Ticker] = grid
			}
		}
	}
}

// gridFor is stream.Config.GridFor.
func (g *gridCache) gridFor(ticker string) (*model.Grid, error) {
	g.mu.Lock()
	grid := g.grids[ticker]
	g.mu.Unlock()
	if grid != nil {
		return grid, nil
	}
	ctx, cancel := context.WithTimeout(g.ctx, 10*time.Second)
	defer cancel()
	m, err := g.client.GetMarket(ctx, ticker)
	if err != nil {
		return nil, err
	}
	grid, err = m.Grid()
	if err != nil {
		return nil, err
	}
	g.mu.Lock()
	g.grids[ticker] = grid
	g.mu.Unlock()
	return grid, nil
}

// openLog opens the log file (never the terminal: stdout belongs to the UI).
func openLog(path string) (*slog.Logger, func(), error) {
	if path == "" {
		return slog.New(slog.DiscardHandler), func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("log directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("log file: %w", err)
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), func() { _ = f.Close() }, nil
}

// chooseTheme applies the flag's or the config's theme. With none, NO_COLOR
// means mono; otherwise it is the zero Theme, which the dashboard turns into
// dark or light from the terminal's background colour.
func chooseTheme(name string) (themes.Theme, error) {
	switch {
	case name != "":
		return themes.ByName(name)
	case os.Getenv("NO_COLOR") != "":
		return themes.Default(true), nil
	}
	return themes.Theme{}, nil
}

// uiOptions turns the config into the dashboard's options.
func uiOptions(cfg config.Config, km keys.KeyMap, theme themes.Theme, log *slog.Logger) (ui.Options, error) {
	o := ui.Options{KeyMap: km, Theme: theme, FPS: cfg.FPS, Logger: log, Favourites: cfg.Favourites, SaveFavourites: config.SaveFavourites,
		Subaccount: cfg.Subaccount,
		NoMouse:    !cfg.Mouse, AutoRecenter: cfg.AutoRecenter,
		NoColor: os.Getenv("NO_COLOR") != "", Bell: cfg.Alerts.Bell}
	for _, s := range cfg.QtyPresets {
		q, err := model.ParseQty(s)
		if err != nil {
			return o, fmt.Errorf("qty_presets: %w", err)
		}
		o.QtyPresets = append(o.QtyPresets, q)
	}
	var err error
	if cfg.DefaultQty != "" {
		if o.DefaultQty, err = model.ParseQty(cfg.DefaultQty); err != nil {
			return o, fmt.Errorf("default_qty: %w", err)
		}
	}
	switch cfg.Confirm.Policy {
	case config.ConfirmNever:
		o.Confirm.Mode = ui.ConfirmNever
	case config.ConfirmAlways:
		o.Confirm.Mode = ui.ConfirmAlways
	default:
		o.Confirm.Mode = ui.ConfirmAbove
	}
	if o.Confirm.AboveQty, err = optQty(cfg.Confirm.AboveContracts); err != nil {
		return o, fmt.Errorf("confirm.above_contracts: %w", err)
	}
	if o.Confirm.AboveNotional, err = optMoney(cfg.Confirm.AboveDollars); err != nil {
		return o, fmt.Errorf("confirm.above_dollars: %w", err)
	}
	if o.Risk.MaxOrderQty, err = optQty(cfg.Risk.MaxOrderQty); err != nil {
		return o, fmt.Errorf("risk.max_order_qty: %w", err)
	}
	if o.Risk.MaxPosition, err = optQty(cfg.Risk.MaxPosition); err != nil {
		return o, fmt.Errorf("risk.max_position: %w", err)
	}
	if o.Risk.MaxNotional, err = optMoney(cfg.Risk.MaxNotionalDollars); err != nil {
		return o, fmt.Errorf("risk.max_notional_dollars: %w", err)
	}
	o.Risk.FarFromMarket = model.Price(cfg.Risk.FarFromMarketCents) * model.Cent
	if o.Risk.MaxDailyLoss, err = optMoney(cfg.Risk.MaxDailyLossDollars); err != nil {
		return o, fmt.Errorf("risk.max_daily_loss_dollars: %w", err)
	}
	if o.Risk.GroupContracts, err = optQty(cfg.Risk.GroupContractsLimit); err != nil {
		return o, fmt.Errorf("risk.group_contracts_limit: %w", err)
	}
	o.Risk.MaxSlippageTicks = cfg.Risk.MaxSlippageTicks
	return o, nil
}

func optQty(s string) (model.Qty, error) {
	if s == "" {
		return 0, nil
	}
	return model.ParseQty(s)
}

func optMoney(s string) (model.Money, error) {
	if s == "" {
		return 0, nil
	}
	return model.ParseMoney(s)
}

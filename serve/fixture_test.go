package serve

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ladder/api"
	"ladder/hub"
	"ladder/journal"
	"ladder/model"
	"ladder/serve/sshtest"
	"ladder/stream"
	"ladder/ui"
)

// quietFeed is a feed with no market data whose private queue the test
// fills.
type quietFeed struct {
	mu    sync.Mutex
	q     []stream.Delivered
	ready chan struct{}
}

func newQuietFeed() *quietFeed { return &quietFeed{ready: make(chan struct{}, 1)} }

func (f *quietFeed) push(n int) {
	f.mu.Lock()
	for range n {
		f.q = append(f.q, stream.Delivered{Event: stream.StateEvent{Health: stream.Health{State: stream.Live}}, At: time.Now()})
	}
	f.mu.Unlock()
	select {
	case f.ready <- struct{}{}:
	default:
	}
}

func (f *quietFeed) SetMarkets([]string, []string)    {}
func (f *quietFeed) Changes() uint64                  { return 0 }
func (f *quietFeed) PrivateReady() <-chan struct{}    { return f.ready }
func (f *quietFeed) Books(map[string]stream.BookView) {}
func (f *quietFeed) Tickers(map[string]model.TickerMsg) {
}
func (f *quietFeed) Health() stream.Health { return stream.Health{State: stream.Live} }
func (f *quietFeed) Trades(c uint64, _ int, dst []model.TradeMsg) ([]model.TradeMsg, uint64, uint64) {
	return dst, c, 0
}

func (f *quietFeed) DrainPrivate(dst []stream.Delivered) []stream.Delivered {
	f.mu.Lock()
	defer f.mu.Unlock()
	dst = append(dst, f.q...)
	f.q = nil
	return dst
}

// fakeTrader answers reads and counts order actions.
type fakeTrader struct {
	mu      sync.Mutex
	actions int
	resting []model.Order
}

func (f *fakeTrader) act() {
	f.mu.Lock()
	f.actions++
	f.mu.Unlock()
}

func (f *fakeTrader) CreateOrder(context.Context, model.CreateOrderRequest) (model.CreateOrderResponse, error) {
	f.act()
	return model.CreateOrderResponse{OrderID: "o-new"}, nil
}

func (f *fakeTrader) CancelOrder(context.Context, string) (model.CancelOrderResponse, error) {
	f.act()
	return model.CancelOrderResponse{}, nil
}

func (f *fakeTrader) AmendOrder(context.Context, string, model.AmendOrderRequest) (model.AmendOrderResponse, error) {
	f.act()
	return model.AmendOrderResponse{}, nil
}

func (f *fakeTrader) BatchCancelOrders(context.Context, []string) (model.BatchCancelResponse, error) {
	f.act()
	return model.BatchCancelResponse{}, nil
}

func (f *fakeTrader) CancelAllOrders(context.Context) (model.BatchCancelResponse, error) {
	f.act()
	return model.BatchCancelResponse{}, nil
}

func (f *fakeTrader) GetOrders(context.Context, api.OrdersQuery) ([]model.Order, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]model.Order(nil), f.resting...), nil
}

func (f *fakeTrader) GetFills(context.Context, api.FillsQuery) ([]model.Fill, error) { return nil, nil }
func (f *fakeTrader) GetPositions(context.Context, api.PositionsQuery) ([]model.MarketPosition, error) {
	return nil, nil
}
func (f *fakeTrader) GetBalance(context.Context) (model.Balance, error) {
	return model.Balance{Balance: 10000}, nil
}

// fixture is a running ladder serve on a loopback port, on a quiet feed
// and a fake exchange, with three keys: alice (trade), bob (no role= so
// view) and carol (view).
type fixture struct {
	t                 *testing.T
	srv               *Server
	addr              string
	alice, bob, carol gossh.Signer
	trader            *fakeTrader
	feed              *quietFeed
	hub               *hub.Hub
	journal           string
	cancel            context.CancelFunc
	done              chan error
	stopOnce          sync.Once
}

func newFixture(t *testing.T, tweak func(*Config)) *fixture {
	t.Helper()
	fx := &fixture{t: t, trader: &fakeTrader{resting: []model.Order{{OrderID: "o-rest", Status: model.Resting}}},
		feed: newQuietFeed(), done: make(chan error, 1)}
	var aliceLine, bobLine, carolLine string
	fx.alice, aliceLine = sshtest.NewKey(t, "alice@laptop")
	fx.bob, bobLine = sshtest.NewKey(t, "bob@phone")
	fx.carol, carolLine = sshtest.NewKey(t, "carol@desk")
	keys, err := ParseKeys([]byte("role=trade " + aliceLine + "\n" + bobLine + "\nrole=view " + carolLine + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	host, _, err := LoadHostKey(filepath.Join(dir, "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	fx.journal = filepath.Join(dir, "journal.ndjson")
	j, err := journal.Open(fx.journal)
	if err != nil {
		t.Fatal(err)
	}
	fx.hub = hub.New(hub.Config{Source: fx.feed})
	ctx, cancel := context.WithCancel(context.Background())
	hubDone := make(chan struct{})
	go func() { defer close(hubDone); fx.hub.Run(ctx) }()
	cfg := Config{Addr: "127.0.0.1:0", Keys: keys, HostKey: host, Hub: fx.hub, Trader: fx.trader, Journal: j,
		Dashboard: ui.Options{Env: ui.EnvSim}}
	if tweak != nil {
		tweak(&cfg)
	}
	fx.srv, err = Listen(cfg)
	if err != nil {
		t.Fatal(err)
	}
	fx.addr = fx.srv.Addr().String()
	serveCtx, stop := context.WithCancel(context.Background())
	fx.cancel = stop
	go func() { fx.done <- fx.srv.Serve(serveCtx) }()
	t.Cleanup(func() {
		fx.stop()
		cancel()
		<-hubDone
		_ = j.Close()
	})
	return fx
}

// stop shuts the server down and waits for Serve to return.
func (fx *fixture) stop() {
	fx.stopOnce.Do(func() {
		fx.cancel()
		select {
		case err := <-fx.done:
			if err != nil {
				fx.t.Errorf("Serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			fx.t.Error("Serve did not return")
		}
	})
}

// dial signs in with signer.
func (fx *fixture) dial(signer gossh.Signer) *gossh.Client {
	fx.t.Helper()
	c, err := sshtest.Dial(fx.addr, gossh.PublicKeys(signer))
	if err != nil {
		fx.t.Fatalf("dial: %v", err)
	}
	fx.t.Cleanup(func() { _ = c.Close() })
	return c
}

// open signs in with signer and opens a dashboard, waiting until it draws.
func (fx *fixture) open(signer gossh.Signer, o sshtest.Options) *sshtest.Screen {
	fx.t.Helper()
	scr := sshtest.Open(fx.t, fx.dial(signer), o)
	if !o.Stalled {
		scr.WaitFor("the dashboard", "watching")
	}
	return scr
}

// sessions waits until the server counts n sessions.
func (fx *fixture) sessions(n int) {
	fx.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for fx.srv.Sessions() != n {
		if time.Now().After(deadline) {
			fx.t.Fatalf("the server counts %d sessions, want %d", fx.srv.Sessions(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

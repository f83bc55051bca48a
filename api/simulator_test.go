package api

import (
	"context"
	"testing"
	"time"

	"ladder/limiter"
	"ladder/model"
	"ladder/sim"
)

// simEnv is a client talking to the real simulator over loopback: every
// request is signed, metered and answered by the exchange's own engine.
type simEnv struct {
	t   *testing.T
	srv *sim.Server
	c   *Client
}

// startSim runs a quiet simulator (no bots, no faults, Prestige budget) and
// a client for its trader. Retries sleep only a millisecond.
func startSim(t *testing.T, mod func(*sim.Config)) *simEnv {
	t.Helper()
	cfg := sim.Config{Seed: 11, Activity: "off", Tier: "prestige", TraderKey: testKey()}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := sim.Start(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	signer, err := LoadSignerPEM(srv.KeyID(), srv.PrivateKeyPEM())
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(Config{
		BaseURL: srv.RESTURL(), Signer: signer,
		Limiter:        limiter.New(limiter.Config{Tier: limiter.TierPrestige}),
		RequestTimeout: 2 * time.Second,
		Sleep: func(ctx context.Context, _ time.Duration) error {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Millisecond):
				return nil
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return &simEnv{t: t, srv: srv, c: c}
}

// market returns an active market on the 1¢ grid.
func (s *simEnv) market() model.Market {
	s.t.Helper()
	for _, m := range s.srv.Engine().Markets() {
		if m.Status == "active" && m.PriceLevelStructure == "linear_cent" {
			return m
		}
	}
	s.t.Fatal("no active 1¢ market")
	return model.Market{}
}

// counterparty adds a second account trading straight on the engine.
func (s *simEnv) counterparty(id sim.AccountID) {
	s.t.Helper()
	if _, _, err := s.srv.AddAccountKey(id, 1000*model.Dollar, testKey()); err != nil {
		s.t.Fatal(err)
	}
}

// gtc is a resting-size GTC request.
func gtc(ticker string, side model.BookSide, price string, contracts int64) model.CreateOrderRequest {
	return model.CreateOrderRequest{
		Ticker: ticker, Side: side, Price: model.MustPrice(price), Count: model.Contracts(contracts),
		TimeInForce: model.GTC, STP: model.STPTakerAtCross,
	}
}

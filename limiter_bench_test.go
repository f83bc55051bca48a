package main

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ladder/api"
	"ladder/limiter"
	"ladder/model"
	"ladder/sim"
)

// BenchmarkLimiterAgainstSimulator drives the real REST client and limiter
// at saturation against the embedded exchange, which enforces Kalshi's
// buckets on arrival: reads (orderbook, 10 tokens) and writes (create 10 +
// cancel 2) from several goroutines for 5 s on the Basic tier. It reports
// the share of each bucket's refill budget used and the 429s the exchange
// returned (design target: ≥ 95 % and zero). Run with -benchtime=1x.
func BenchmarkLimiterAgainstSimulator(b *testing.B) {
	for i := 0; i < b.N; i++ {
		srv, err := sim.Start(context.Background(), sim.Config{Activity: "off", Tier: "basic"})
		if err != nil {
			b.Fatal(err)
		}
		signer, err := api.LoadSignerPEM(srv.KeyID(), srv.PrivateKeyPEM())
		if err != nil {
			b.Fatal(err)
		}
		lim := limiter.New(limiter.Config{Tier: limiter.TierBasic, Headroom: 50 * time.Millisecond})
		c, err := api.NewClient(api.Config{BaseURL: srv.RESTURL(), Signer: signer, Limiter: lim, MaxAttempts: 1})
		if err != nil {
			b.Fatal(err)
		}
		ticker := srv.Engine().Markets()[0].Ticker
		const run = 5 * time.Second
		ctx, cancel := context.WithTimeout(context.Background(), run)
		var reads, writeTokens, errs atomic.Int64
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				for ctx.Err() == nil {
					if _, err := c.GetOrderbook(ctx, ticker, 0); err == nil {
						reads.Add(1)
					} else if ctx.Err() == nil {
						errs.Add(1)
					}
				}
			})
			wg.Go(func() {
				for ctx.Err() == nil {
					r, err := c.CreateOrder(ctx, model.CreateOrderRequest{Ticker: ticker, Side: model.Bid, Count: model.Contracts(1),
						Price: model.MustPrice("0.0100"), TimeInForce: model.GTC, STP: model.STPTakerAtCross})
					if err != nil {
						if ctx.Err() == nil {
							errs.Add(1)
						}
						continue
					}
					writeTokens.Add(10)
					if _, err := c.CancelOrder(ctx, r.OrderID); err == nil {
						writeTokens.Add(2)
					} else if ctx.Err() == nil {
						errs.Add(1)
					}
				}
			})
		}
		wg.Wait()
		cancel()
		snap := lim.Snapshot()
		budgets := limiter.TierBasic.Budgets()
		// Tokens used beyond the initial full bucket, against what refilled.
		readUse := (float64(reads.Load()*10) - float64(budgets.Read.Capacity)) / (budgets.Read.Refill * run.Seconds())
		writeUse := (float64(writeTokens.Load()) - float64(budgets.Write.Capacity)) / (budgets.Write.Refill * run.Seconds())
		b.ReportMetric(100*readUse, "%read-budget")
		b.ReportMetric(100*writeUse, "%write-budget")
		b.ReportMetric(float64(snap.Count429), "429s")
		b.ReportMetric(float64(errs.Load()), "errors")
		_ = srv.Close()
	}
}

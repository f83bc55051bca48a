// Package limiter keeps ladder inside Kalshi's rate-limit budget on the
// client side, so that the exchange's 429s are the exception rather than
// the feedback loop.
//
// Since 2026-04-23 Kalshi meters REST (and FIX) traffic with two token
// buckets per account, Read and Write, whose refill rate and capacity depend
// on the account's usage tier. Every endpoint has a token cost (10 by
// default, 2 for a V2 cancel, per item for batches). A 429 carries no
// Retry-After or X-RateLimit headers, so the client cannot learn how long to
// wait; it has to model the buckets itself and back off exponentially when
// the model turns out to be wrong.
//
// The Limiter mirrors those buckets with golang.org/x/time/rate for the
// token arithmetic and adds what rate.Limiter lacks:
//
//   - strict priorities when tokens are short (cancels, then amends, then new
//     orders, then reads; FIFO within a priority), because a cancel that waits
//     behind a burst of new orders is a risk, not an inconvenience;
//   - one shared 429 backoff state, so a single 429 slows every caller instead
//     of each goroutine discovering it separately;
//   - outcome reporting (Permit.Done) for round-trip statistics and backoff;
//   - a non-blocking Snapshot and a cost Preview for the status bar and for
//     confirmation prompts.
//
// All time comes from a Clock, so tests drive the limiter with a FakeClock and
// run deterministically in microseconds of wall time.
package limiter

// Package api is ladder's signed client for Kalshi's REST API (Trade API v2).
//
// Every request goes through the same path: wait on the shared
// limiter.Limiter (with a priority that reflects the request's risk: cancels
// before amends before new orders before reads), sign with RSA-PSS, send
// with a per-attempt timeout, report the outcome back to the limiter, and
// decode the response into the fixed-point model types.
//
// Retries follow what is safe for each kind of request:
//
//   - reads and cancels are idempotent and retry on 429, 5xx and network
//     errors with exponential backoff and jitter;
//   - order creation carries a client_order_id generated before the first
//     attempt and is only ever retried with that same id, so a retry can
//     never place a second order; a 409 on a retry means the first attempt
//     landed, and the client fetches that order instead of failing;
//   - amend and decrease retry only on 429 (the exchange processed nothing);
//     after a 5xx or a timeout their outcome is reported as unknown;
//   - a cash transfer between subaccounts carries a client_transfer_id
//     generated before the first attempt and retries under it; the
//     exchange's 409 for a reused id means the transfer is done.
//
// When the outcome of a write cannot be determined the error wraps
// ErrUnknownOutcome and carries the client_order_id, so the UI can reconcile
// (from the user_orders feed or a REST lookup) before trading that market
// again.
package api

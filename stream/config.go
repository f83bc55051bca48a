package stream

import (
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"ladder/model"
)

// Config configures a Client. Only URL is required; zero durations take the
// defaults named on each field.
type Config struct {
	URL        string        // e.g. wss://external-api-ws.kalshi.com/trade-api/ws/v2
	Auth       Authenticator // signs the upgrade; nil connects unsigned
	Reconciler Reconciler    // REST reconciliation after (re)connects; nil skips it
	Record     io.Writer     // NDJSON recording of every received frame; nil records nothing
	Logger     *slog.Logger  // nil discards
	// UseYesPrice asks the exchange for NO levels priced in YES terms
	// (Kalshi's use_yes_price); the books are told, so either works.
	UseYesPrice bool

	// GridFor returns a market's price grid (from its price_ranges). It may
	// block (REST); it is called off the feed goroutine. Nil means every
	// market is on the linear 1¢ grid.
	GridFor func(ticker string) (*model.Grid, error)

	// NoPrivate skips the private channels (fill, user_orders,
	// market_positions). They are subscribed only when Auth is set.
	NoPrivate bool
	// NoLifecycle skips the market_lifecycle_v2 channel.
	NoLifecycle bool

	PingInterval    time.Duration // how often the client pings the exchange (2s)
	PongTimeout     time.Duration // a ping unanswered this long makes every book stale (2.5s)
	SilenceTimeout  time.Duration // no frame, ping or pong for this long = dead connection (10s)
	SnapshotTimeout time.Duration // a requested snapshot that does not come within this resubscribes (3s)
	DialTimeout     time.Duration // WebSocket handshake limit (10s)
	WriteTimeout    time.Duration // one command write (5s)
	BackoffMin      time.Duration // reconnect delay after a failed attempt (500ms), doubling
	BackoffMax      time.Duration // reconnect delay cap (30s)
	TickInterval    time.Duration // how often timeouts are checked (250ms)
	RateWindow      time.Duration // window of Health.MsgsPerSec (5s)
	ReadLimit       int64         // largest frame accepted (4 MiB)
	PrivateCap      int           // must-deliver events held for a stalled reader before the overflow policy (10,000)

	// Clock and Rand are injectable for tests. Rand returns [0,1) and drives
	// backoff jitter (±20%).
	Clock Clock
	Rand  func() float64
}

// Clock is the time source for timeouts, backoff and health. Tests pass a
// fake one to drive reconnects and timeouts without sleeping.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.PingInterval, 2*time.Second)
	def(&c.PongTimeout, 2500*time.Millisecond)
	def(&c.SilenceTimeout, 10*time.Second)
	def(&c.SnapshotTimeout, 3*time.Second)
	def(&c.DialTimeout, 10*time.Second)
	def(&c.WriteTimeout, 5*time.Second)
	def(&c.BackoffMin, 500*time.Millisecond)
	def(&c.BackoffMax, 30*time.Second)
	def(&c.TickInterval, 250*time.Millisecond)
	def(&c.RateWindow, 5*time.Second)
	if c.BackoffMax < c.BackoffMin {
		c.BackoffMax = c.BackoffMin
	}
	if c.PrivateCap <= 0 {
		c.PrivateCap = defaultPrivateCap
	}
	if c.ReadLimit <= 0 {
		c.ReadLimit = 4 << 20
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Clock == nil {
		c.Clock = realClock{}
	}
	if c.Rand == nil {
		c.Rand = rand.Float64
	}
	return c
}

// firstRedial bounds the wait before redialling a connection that was
// useful: at once, spread over a few milliseconds so many clients cut off
// together do not return in the same instant.
const firstRedial = 20 * time.Millisecond

// redialDelay is the wait before reconnect attempt n (0-based) since the
// last useful connection: attempt 0 is immediate (firstRedial jitter), then
// backoffDelay(n-1).
func (c *Config) redialDelay(attempt int) time.Duration {
	if attempt == 0 {
		return time.Duration(float64(firstRedial) * c.Rand())
	}
	return c.backoffDelay(attempt - 1)
}

// backoffDelay is the wait before retry n (0-based): BackoffMin doubled n
// times, capped at BackoffMax, with ±20% jitter so many clients cut off
// together do not return together.
func (c *Config) backoffDelay(attempt int) time.Duration {
	d := c.BackoffMin
	for i := 0; i < attempt && d < c.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, c.BackoffMax)
	jitter := 0.8 + 0.4*c.Rand() // [0.8, 1.2)
	d = time.Duration(float64(d) * jitter)
	return min(d, c.BackoffMax)
}

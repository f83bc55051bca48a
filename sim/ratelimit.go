package sim

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// bucketKind names one of an identity's two token buckets.
type bucketKind uint8

const (
	readBucket bucketKind = iota
	writeBucket
)

// defaultEndpointCost is what a request costs unless endpointCosts says
// otherwise (kalshi-api.md §5).
const defaultEndpointCost = 10

// tierBudget is a usage tier's refill rates and bucket capacities, in tokens
// per second and tokens.
type tierBudget struct {
	name                string
	readRate, readCap   int64
	writeRate, writeCap int64
}

// tierBudgets lists Kalshi's token-bucket tiers since 2026-04-23. Capacity
// is two seconds of refill for Basic/Advanced reads and for writes above
// Basic, one second otherwise.
func tierBudgets() []tierBudget {
	mk := func(name string, read, write int64) tierBudget {
		b := tierBudget{name: name, readRate: read, readCap: read, writeRate: write, writeCap: write}
		if name == "basic" || name == "advanced" {
			b.readCap = 2 * read
		}
		if name != "basic" {
			b.writeCap = 2 * write
		}
		return b
	}
	return []tierBudget{
		mk("basic", 200, 100),
		mk("advanced", 300, 300),
		mk("expert", 600, 600),
		mk("premier", 1000, 1000),
		mk("paragon", 2000, 2000),
		mk("prime", 4000, 4000),
		mk("prestige", 10000, 8000),
	}
}

// lookupTier finds a tier by name, case-insensitively; "" is Basic.
func lookupTier(name string) (tierBudget, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		n = "basic"
	}
	var names []string
	for _, t := range tierBudgets() {
		if t.name == n {
			return t, nil
		}
		names = append(names, t.name)
	}
	return tierBudget{}, fmt.Errorf("unknown tier %q (valid: %s)", name, strings.Join(names, ", "))
}

func (t tierBudget) capacity(k bucketKind) int64 {
	if k == writeBucket {
		return t.writeCap
	}
	return t.readCap
}

// endpointCost is one non-default price in GET /account/endpoint_costs.
// For the batch endpoints the cost is per order.
type endpointCost struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Cost   int    `json:"cost"`
}

// endpointCosts is the published list of non-default costs; the route table
// charges exactly these.
func endpointCosts() []endpointCost {
	return []endpointCost{
		{"DELETE", apiPrefix + "/portfolio/events/orders/{order_id}", 2},
		{"POST", apiPrefix + "/portfolio/events/orders/batched", 10},
		{"DELETE", apiPrefix + "/portfolio/events/orders/batched", 2},
		{"GET", apiPrefix + "/portfolio/orders/{order_id}", 2},
	}
}

// tokenBucket is a classic token bucket kept in micro-tokens so refills of
// a fraction of a token are not lost between requests.
type tokenBucket struct {
	rate     int64 // tokens per second
	capacity int64 // tokens
	micro    int64 // current level, in millionths of a token
	last     time.Time
}

const microPerToken = 1_000_000

func newTokenBucket(rate, capacity int64, now time.Time) *tokenBucket {
	return &tokenBucket{rate: rate, capacity: capacity, micro: capacity * microPerToken, last: now}
}

func (b *tokenBucket) refill(now time.Time) {
	el := now.Sub(b.last)
	if el <= 0 {
		return
	}
	b.last = now
	full := b.capacity * microPerToken
	if el > time.Hour { // far longer than any bucket takes to fill; avoids overflow
		b.micro = full
		return
	}
	b.micro = min(full, b.micro+int64(el/time.Microsecond)*b.rate)
}

// take removes cost tokens if they are all there and reports whether it did.
func (b *tokenBucket) take(cost int64, now time.Time) bool {
	b.refill(now)
	if b.micro < cost*microPerToken {
		return false
	}
	b.micro -= cost * microPerToken
	return true
}

func (b *tokenBucket) full(now time.Time) bool {
	b.refill(now)
	return b.micro >= b.capacity*microPerToken
}

// bucketPair is one identity's read and write buckets.
type bucketPair struct{ read, write *tokenBucket }

// maxIdentities bounds the per-IP map: beyond it, identities whose buckets
// have refilled completely (and so carry no state worth keeping) are dropped.
const maxIdentities = 4096

// rateLimiter meters requests per identity: "key:<id>" for signed requests
// and "ip:<addr>" for unsigned public reads, every identity with the same
// tier's budgets.
type rateLimiter struct {
	tier tierBudget
	now  func() time.Time

	mu    sync.Mutex
	pairs map[string]*bucketPair
}

func newRateLimiter(tier tierBudget, now func() time.Time) *rateLimiter {
	return &rateLimiter{tier: tier, now: now, pairs: make(map[string]*bucketPair)}
}

// allow charges cost tokens to identity's bucket and reports whether the
// request may proceed. A denied request takes nothing.
func (l *rateLimiter) allow(identity string, kind bucketKind, cost int64) bool {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.pairs[identity]
	if p == nil {
		if len(l.pairs) >= maxIdentities {
			l.pruneLocked(now)
		}
		p = &bucketPair{
			read:  newTokenBucket(l.tier.readRate, l.tier.readCap, now),
			write: newTokenBucket(l.tier.writeRate, l.tier.writeCap, now),
		}
		l.pairs[identity] = p
	}
	if kind == writeBucket {
		return p.write.take(cost, now)
	}
	return p.read.take(cost, now)
}

func (l *rateLimiter) pruneLocked(now time.Time) {
	for id, p := range l.pairs {
		if p.read.full(now) && p.write.full(now) {
			delete(l.pairs, id)
		}
	}
}

// limitsBody is GET /account/limits.
type limitsBody struct {
	UsageTier string        `json:"usage_tier"`
	Read      bucketLimit   `json:"read"`
	Write     bucketLimit   `json:"write"`
	Grants    []interface{} `json:"grants"`
}

type bucketLimit struct {
	RefillRate     int64 `json:"refill_rate"`
	BucketCapacity int64 `json:"bucket_capacity"`
}

func (t tierBudget) limits() limitsBody {
	return limitsBody{
		UsageTier: t.name,
		Read:      bucketLimit{t.readRate, t.readCap},
		Write:     bucketLimit{t.writeRate, t.writeCap},
		Grants:    []interface{}{},
	}
}

// tierNames lists the tiers for flag help, sorted by budget.
func tierNames() string {
	ts := tierBudgets()
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].readRate < ts[j].readRate })
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.name
	}
	return strings.Join(names, "|")
}

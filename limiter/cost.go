package limiter

import (
	"fmt"
	"strings"
)

// Bucket names one of the two token buckets.
type Bucket uint8

// The two buckets. Read is the zero value because everything that is not
// explicitly a write is metered as a read.
const (
	BucketRead Bucket = iota
	BucketWrite
)

// String returns "read" or "write".
func (b Bucket) String() string {
	if b == BucketWrite {
		return "write"
	}
	return "read"
}

// DefaultCost is what a request costs when nothing more specific is known.
const DefaultCost = 10

// apiPrefix is stripped from paths so that callers may pass either the full
// signed path or the path relative to the REST base.
const apiPrefix = "/trade-api/v2"

// EndpointCosts is the body of GET /account/endpoint_costs. The JSON tags
// match the wire format so the REST client can decode straight into it.
type EndpointCosts struct {
	DefaultCost   int            `json:"default_cost"`
	EndpointCosts []EndpointCost `json:"endpoint_costs"`
}

// EndpointCost is one override. Path may contain templates such as
// {order_id}, each matching exactly one path segment. For batch endpoints
// Cost is per item.
type EndpointCost struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Cost   int    `json:"cost"`
}

// rule says how one endpoint is metered.
type rule struct {
	method  string
	tmpl    template
	bucket  Bucket
	cost    int
	perItem bool     // batch endpoints: cost is multiplied by the item count
	prio    Priority // inferred priority for PriorityAuto
}

// builtinRules lists every endpoint whose bucket, cost or priority differs
// from "read, DefaultCost, PriorityRead". It is a function, not a package
// variable, so that no caller can mutate the table; it runs once per cost
// table, not per request.
func builtinRules() []rule {
	w := func(method, path string, cost int, perItem bool, prio Priority) rule {
		return rule{method: method, tmpl: parseTemplate(path), bucket: BucketWrite, cost: cost, perItem: perItem, prio: prio}
	}
	return []rule{
		// V2 order entry (kalshi-api.md §4, costs §5).
		w("POST", "/portfolio/events/orders", 10, false, PriorityNew),
		w("POST", "/portfolio/events/orders/batched", 10, true, PriorityNew),
		w("DELETE", "/portfolio/events/orders/batched", 2, true, PriorityCancel),
		w("DELETE", "/portfolio/events/orders", DefaultCost, false, PriorityCancel), // cancel-all
		w("DELETE", "/portfolio/events/orders/{order_id}", 2, false, PriorityCancel),
		w("POST", "/portfolio/events/orders/{order_id}/amend", 10, false, PriorityAmend),
		w("POST", "/portfolio/events/orders/{order_id}/decrease", 10, false, PriorityAmend),

		// Legacy v1 writes: 100 since June 2026, cancel 20 per the changelog
		// (one doc page says 2; the higher figure is the safe one).
		w("POST", "/portfolio/orders", 100, false, PriorityNew),
		w("POST", "/portfolio/orders/batched", 100, true, PriorityNew),
		w("DELETE", "/portfolio/orders/batched", 20, true, PriorityCancel),
		w("DELETE", "/portfolio/orders/{order_id}", 20, false, PriorityCancel),
		w("POST", "/portfolio/orders/{order_id}/amend", 100, false, PriorityAmend),
		w("POST", "/portfolio/orders/{order_id}/decrease", 100, false, PriorityAmend),

		// Order groups. Trigger and delete cancel every order in the group
		// (the kill switch uses them), so they rank with cancels; reset
		// re-enables new orders, so it ranks with them. The method of
		// trigger/reset is PUT in the docs; POST is accepted defensively.
		w("POST", "/portfolio/order_groups/create", DefaultCost, false, PriorityNew),
		w("PUT", "/portfolio/order_groups/{order_group_id}/trigger", DefaultCost, false, PriorityCancel),
		w("POST", "/portfolio/order_groups/{order_group_id}/trigger", DefaultCost, false, PriorityCancel),
		w("PUT", "/portfolio/order_groups/{order_group_id}/reset", DefaultCost, false, PriorityNew),
		w("POST", "/portfolio/order_groups/{order_group_id}/reset", DefaultCost, false, PriorityNew),
		w("DELETE", "/portfolio/order_groups/{order_group_id}", DefaultCost, false, PriorityCancel),
		// A new limit changes how much the group may trade, like a new order.
		w("PUT", "/portfolio/order_groups/{order_group_id}/limit", DefaultCost, false, PriorityNew),

		// Subaccount creation, cash transfers and the netting flag are writes
		// in HTTP terms but not among the order actions kalshi-api.md §5 puts
		// in the Write bucket, so they stay at the default: Read bucket, 10
		// tokens, read priority (a transfer never waits ahead of a cancel).
		// So do the §11 reads (settlements, candlesticks, volume progress,
		// schedule, resting-order value, subaccount balances and transfers).

		// Reads that cost less than the default.
		{method: "GET", tmpl: parseTemplate("/portfolio/orders/{order_id}"), bucket: BucketRead, cost: 2, prio: PriorityRead},
		// A literal path beats the template above, so the queue-positions
		// listing keeps the default price instead of GET-order's 2.
		{method: "GET", tmpl: parseTemplate("/portfolio/orders/queue_positions"), bucket: BucketRead, cost: DefaultCost, prio: PriorityRead},
	}
}

// costTable is immutable once built; the Limiter swaps whole tables so that
// Cost needs no lock.
type costTable struct {
	defaultCost int
	builtin     []rule
	overrides   []rule
}

func newCostTable() *costTable {
	return &costTable{defaultCost: DefaultCost, builtin: builtinRules()}
}

// withOverrides returns a copy of t using the costs from /account/endpoint_costs.
func (t *costTable) withOverrides(ec EndpointCosts) (*costTable, error) {
	if ec.DefaultCost < 0 {
		return nil, fmt.Errorf("limiter: negative default_cost %d", ec.DefaultCost)
	}
	n := &costTable{defaultCost: DefaultCost, builtin: t.builtin}
	if ec.DefaultCost > 0 {
		n.defaultCost = ec.DefaultCost
	}
	for _, e := range ec.EndpointCosts {
		if e.Cost < 0 {
			return nil, fmt.Errorf("limiter: negative cost %d for %s %s", e.Cost, e.Method, e.Path)
		}
		if strings.TrimSpace(e.Method) == "" || strings.TrimSpace(e.Path) == "" {
			return nil, fmt.Errorf("limiter: endpoint cost needs method and path: %+v", e)
		}
		n.overrides = append(n.overrides, rule{
			method: strings.ToUpper(strings.TrimSpace(e.Method)),
			tmpl:   parseTemplate(e.Path),
			cost:   e.Cost,
		})
	}
	return n, nil
}

// classification is what the limiter needs to know about one request.
type classification struct {
	bucket Bucket
	tokens int
	prio   Priority
}

// classify meters a request. The bucket, per-item flag and priority come from
// the built-in table (endpoint_costs does not say which bucket an endpoint
// draws from); the cost comes from the most specific matching rule, where an
// override beats a built-in rule of equal specificity.
func (t *costTable) classify(method, path string, items int) classification {
	path = normalizePath(path)
	c := classification{bucket: BucketRead, prio: PriorityRead}
	cost, perItem := t.defaultCost, false

	nseg := countSegments(path)
	bi, bscore := bestMatch(t.builtin, method, path, nseg)
	if bi >= 0 {
		r := &t.builtin[bi]
		c.bucket, c.prio, cost, perItem = r.bucket, r.prio, r.cost, r.perItem
	}
	if oi, oscore := bestMatch(t.overrides, method, path, nseg); oi >= 0 && (bi < 0 || oscore >= bscore) {
		cost = t.overrides[oi].cost
	}
	if perItem {
		cost *= max(items, 1)
	}
	c.tokens = cost
	return c
}

// bestMatch returns the index of the most specific rule matching the
// request, or -1. nseg is the path's segment count; comparing it first
// skips most rules without walking the path.
func bestMatch(rules []rule, method, path string, nseg int) (int, uint64) {
	best, bestScore := -1, uint64(0)
	for i := range rules {
		r := &rules[i]
		if len(r.tmpl.segs) != nseg || (r.method != method && !strings.EqualFold(r.method, method)) {
			continue
		}
		if score, ok := r.tmpl.match(path); ok && (best < 0 || score > bestScore) {
			best, bestScore = i, score
		}
	}
	return best, bestScore
}

// template is a path split into segments; a segment of the form {name}
// matches any one non-empty segment.
type template struct {
	segs     []string
	wildcard []bool
}

func parseTemplate(path string) template {
	var t template
	for rest := normalizePath(path); rest != ""; {
		var s string
		s, rest, _ = strings.Cut(rest, "/")
		if s == "" {
			continue
		}
		t.segs = append(t.segs, s)
		t.wildcard = append(t.wildcard, len(s) >= 2 && s[0] == '{' && s[len(s)-1] == '}')
	}
	return t
}

// match reports whether path (already normalized) fits the template, and a
// specificity score: a literal segment scores higher than a wildcard, and an
// earlier literal outweighs any number of later ones, so
// DELETE /portfolio/events/orders/batched prefers the literal "batched" rule
// over ".../{order_id}". It walks the path in place to avoid allocating.
func (t template) match(path string) (uint64, bool) {
	var score uint64
	i := 0
	for rest := path; rest != ""; {
		var s string
		s, rest, _ = strings.Cut(rest, "/")
		if s == "" {
			continue
		}
		if i >= len(t.segs) {
			return 0, false
		}
		if !t.wildcard[i] {
			if s != t.segs[i] {
				return 0, false
			}
			if i < 64 {
				score |= 1 << (63 - i)
			}
		}
		i++
	}
	return score, i == len(t.segs)
}

// countSegments counts the non-empty '/'-separated segments of path.
func countSegments(path string) int {
	n := 0
	for i := 0; i < len(path); i++ {
		if path[i] != '/' && (i == 0 || path[i-1] == '/') {
			n++
		}
	}
	return n
}

// normalizePath drops the query string and the /trade-api/v2 prefix so that
// the signed path, the relative path and a path with a query all meter alike.
func normalizePath(path string) string {
	path, _, _ = strings.Cut(path, "?")
	if rest, ok := strings.CutPrefix(path, apiPrefix); ok && (rest == "" || rest[0] == '/') {
		path = rest
	}
	return path
}

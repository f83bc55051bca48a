package api

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Page sizes: Kalshi's maximum per endpoint (kalshi-api.md §3), used when a
// query leaves Limit at 0 so that a full listing costs as few requests (and
// tokens) as possible.
const (
	maxPageDefault = 1000 // markets, trades, fills, orders, positions
	maxPageEvents  = 200
)

// collect follows cursors: it sends cl, takes the items and the next cursor
// out of each page with get, and stops on an empty cursor or after maxPages
// pages (0 = no bound). A cursor the server already returned is an error
// rather than an endless loop.
func collect[T, R any](ctx context.Context, c *Client, cl call, maxPages int, get func(*R) ([]T, string)) ([]T, error) {
	var all []T
	seen := make(map[string]struct{})
	query := cl.query
	for pages := 1; ; pages++ {
		var r R
		if err := c.do(ctx, &cl, retryTransient, &r); err != nil {
			return nil, err
		}
		items, cursor := get(&r)
		all = append(all, items...)
		if cursor == "" || (maxPages > 0 && pages >= maxPages) {
			return all, nil
		}
		if _, dup := seen[cursor]; dup {
			return nil, fmt.Errorf("api: %s %s: server repeated cursor %q", cl.method, cl.path, sanitize(cursor, 40))
		}
		seen[cursor] = struct{}{}
		next := cloneValues(query)
		next.Set("cursor", cursor)
		cl.query = next
	}
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v)+1)
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// queryBuilder adds only the parameters that are set, so the zero value of
// every query struct means "no filter".
type queryBuilder struct{ v url.Values }

func newQuery() queryBuilder { return queryBuilder{v: url.Values{}} }

func (q queryBuilder) str(key, val string) queryBuilder {
	if val != "" {
		q.v.Set(key, val)
	}
	return q
}

func (q queryBuilder) i64(key string, val int64) queryBuilder {
	if val != 0 {
		q.v.Set(key, strconv.FormatInt(val, 10))
	}
	return q
}

// opt sets an optional integer, including 0; nil leaves it out (for
// filters where absent means "all", such as subaccount on listings).
func (q queryBuilder) opt(key string, val *int) queryBuilder {
	if val != nil {
		q.v.Set(key, strconv.Itoa(*val))
	}
	return q
}

func (q queryBuilder) list(key string, vals []string) queryBuilder {
	if len(vals) > 0 {
		q.v.Set(key, strings.Join(vals, ","))
	}
	return q
}

func (q queryBuilder) flag(key string, val bool) queryBuilder {
	if val {
		q.v.Set(key, "true")
	}
	return q
}

// limit sets the page size, defaulting to the endpoint's maximum.
func (q queryBuilder) limit(n, pageMax int) queryBuilder {
	if n <= 0 {
		n = pageMax
	}
	q.v.Set("limit", strconv.Itoa(n))
	return q
}

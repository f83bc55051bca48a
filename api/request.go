package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"ladder/limiter"
)

// call describes one logical request; it is sent once per attempt.
type call struct {
	method string
	path   string // relative to the base URL, e.g. "/portfolio/balance"
	query  url.Values
	body   []byte // JSON, or nil
	items  int    // batch size, for the limiter's per-item cost
	prio   limiter.Priority
	// emptyOK: a 2xx with an empty body is a valid answer (the endpoint's
	// response shape is not documented).
	emptyOK bool
}

// response is what one attempt got back.
type response struct {
	status int
	body   []byte
}

// errNotSent marks failures that happened before the request reached the
// network (limiter wait, signing, building the request): for writes they
// prove the exchange saw nothing from this attempt.
type errNotSent struct{ err error }

func (e *errNotSent) Error() string { return e.err.Error() }
func (e *errNotSent) Unwrap() error { return e.err }

func notSent(err error) bool {
	var ns *errNotSent
	return errors.As(err, &ns)
}

// roundTrip performs one attempt: wait for the limiter (and any backoff it
// is in), sign, send with the per-attempt timeout, read the body, and
// report the outcome to the limiter. A non-nil error means no HTTP response
// was read; an HTTP error status is not an error here.
func (c *Client) roundTrip(ctx context.Context, cl *call) (response, error) {
	if b := c.lim.Backoff(c.clock.Now()); b.Active {
		// The limiter's Wait would sit out the backoff too; sleeping here
		// goes through the injectable Sleep so tests need no real waiting.
		if err := c.sleep(ctx, b.Remaining); err != nil {
			return response{}, &errNotSent{err}
		}
	}
	permit, err := c.lim.Wait(ctx, limiter.Request{Method: cl.method, Path: cl.path, Items: cl.items, Priority: cl.prio})
	if err != nil {
		return response{}, &errNotSent{fmt.Errorf("api: %s %s: rate limiter: %w", cl.method, cl.path, err)}
	}
	req, err := c.newRequest(ctx, cl)
	if err != nil {
		permit.Done(0, 0, nil)
		return response{}, &errNotSent{err}
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req = req.WithContext(actx)

	start := time.Now()
	resp, err := c.http.Do(req)
	if err == nil {
		var body []byte
		body, err = c.readBody(resp)
		if err == nil {
			var failure error
			if resp.StatusCode >= 500 {
				// Shown as the limiter's last error in the status bar.
				failure = fmt.Errorf("%s %s: HTTP %d", cl.method, cl.path, resp.StatusCode)
			}
			permit.Done(time.Since(start), resp.StatusCode, failure)
			return response{status: resp.StatusCode, body: body}, nil
		}
	}
	if ctx.Err() != nil {
		// The caller gave up; that says nothing about the exchange.
		permit.Done(0, 0, nil)
		return response{}, fmt.Errorf("api: %s %s: %w", cl.method, cl.path, ctx.Err())
	}
	if errors.Is(actx.Err(), context.DeadlineExceeded) {
		// Not the caller's deadline: do not let errors.Is(err,
		// context.DeadlineExceeded) suggest it was.
		err = fmt.Errorf("api: %s %s: no response within %s", cl.method, cl.path, c.timeout)
	} else {
		err = fmt.Errorf("api: %s %s: %w", cl.method, cl.path, err)
	}
	permit.Done(time.Since(start), 0, err)
	return response{}, err
}

// newRequest builds and signs the HTTP request for one attempt. The body is
// a fresh reader each time so retries resend it whole.
func (c *Client) newRequest(ctx context.Context, cl *call) (*http.Request, error) {
	target := c.baseStr + cl.path
	if len(cl.query) > 0 {
		target += "?" + cl.query.Encode()
	}
	var body io.Reader
	if cl.body != nil {
		body = bytes.NewReader(cl.body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("api: %s %s: %w", cl.method, cl.path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.signer != nil {
		h, err := c.sign(cl.method, c.basePath+cl.path)
		if err != nil {
			return nil, err
		}
		for k, v := range h {
			req.Header[k] = v
		}
	}
	return req, nil
}

// readBody reads at most maxBody bytes and closes the body.
func (c *Client) readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading response: %w", err)
	}
	if int64(len(body)) > c.maxBody {
		return nil, fmt.Errorf("response larger than %d bytes", c.maxBody)
	}
	return body, nil
}

// pause sleeps before retry number n (0 for the first retry) using the
// limiter's schedule, so client retries and the limiter's shared backoff
// grow alike.
func (c *Client) pause(ctx context.Context, n int) error {
	return c.sleep(ctx, limiter.BackoffDelay(n, c.rnd))
}

// retryOn says which failures an idempotent call retries.
type retryOn uint8

const (
	retryTransient retryOn = iota // 429, 5xx, network errors, undecodable 2xx
	retry429Only                  // the request is not idempotent: only a 429 proves nothing happened
)

// do sends an idempotent call (or, with retry429Only, one that may only be
// repeated after a 429), retrying as policy allows, and decodes a 2xx body
// into out (which may be nil to ignore it).
func (c *Client) do(ctx context.Context, cl *call, policy retryOn, out any) error {
	var lastErr error
	for attempt := 0; attempt < c.attempts; attempt++ {
		if attempt > 0 {
			if err := c.pause(ctx, attempt-1); err != nil {
				return fmt.Errorf("%w (last error: %w)", err, lastErr)
			}
		}
		res, err := c.roundTrip(ctx, cl)
		if err != nil {
			if ctx.Err() != nil || notSent(err) || policy == retry429Only {
				return err
			}
			lastErr = err
			continue
		}
		if res.status >= 200 && res.status < 300 {
			derr := decodeBody(res, cl, out)
			if derr == nil {
				return nil
			}
			lastErr = derr
			if policy == retry429Only {
				return derr
			}
			continue
		}
		apiErr := decodeError(res.status, cl.method, cl.path, res.body)
		lastErr = apiErr
		retry := res.status == http.StatusTooManyRequests || (policy == retryTransient && res.status >= 500)
		if !retry {
			return apiErr
		}
	}
	return lastErr
}

// decodeBody unmarshals a 2xx body into out. A missing or empty body is
// malformed unless the caller expects nothing.
func decodeBody(res response, cl *call, out any) error {
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(res.body)) == 0 {
		if cl.emptyOK {
			return nil
		}
		return malformed(res.status, cl.method, cl.path, res.body, nil)
	}
	if err := json.Unmarshal(res.body, out); err != nil {
		return malformed(res.status, cl.method, cl.path, res.body, err)
	}
	return nil
}

package api

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Env names the exchange the client talks to.
type Env string

// Environments. Sim is the embedded simulator, whose URLs are only known
// once it listens.
const (
	EnvSim  Env = "sim"
	EnvDemo Env = "demo"
	EnvProd Env = "prod"
)

// Current base URLs (kalshi-api.md §1; the external-api hosts have been the
// recommended ones since 2026-05).
const (
	ProdRESTURL = "https://external-api.kalshi.com/trade-api/v2"
	ProdWSURL   = "wss://external-api-ws.kalshi.com/trade-api/ws/v2"
	DemoRESTURL = "https://external-api.demo.kalshi.co/trade-api/v2"
	DemoWSURL   = "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2"
)

// REST and WebSocket path prefixes; signatures cover them.
const (
	RESTPrefix = "/trade-api/v2"
	WSPrefix   = "/trade-api/ws/v2"
)

// ParseEnv accepts sim, demo or prod (case-insensitive).
func ParseEnv(s string) (Env, error) {
	switch e := Env(strings.ToLower(strings.TrimSpace(s))); e {
	case EnvSim, EnvDemo, EnvProd:
		return e, nil
	}
	return "", fmt.Errorf("api: unknown environment %q (want sim, demo or prod)", s)
}

// BaseURLs returns the REST and WebSocket base URLs of env. For EnvSim both
// are empty and err is nil: the embedded simulator provides its own.
func BaseURLs(env Env) (rest, ws string, err error) {
	switch env {
	case EnvProd:
		return ProdRESTURL, ProdWSURL, nil
	case EnvDemo:
		return DemoRESTURL, DemoWSURL, nil
	case EnvSim:
		return "", "", nil
	}
	return "", "", fmt.Errorf("api: unknown environment %q (want sim, demo or prod)", env)
}

// WSURLFromREST derives the WebSocket URL that belongs to a REST base URL:
// the known production and demo hosts map to their dedicated WebSocket
// hosts; anything else (the simulator, a proxy) keeps its host, switches
// http→ws / https→wss and /trade-api/v2 → /trade-api/ws/v2.
func WSURLFromREST(rest string) (string, error) {
	trimmed := strings.TrimRight(rest, "/")
	switch trimmed {
	case ProdRESTURL:
		return ProdWSURL, nil
	case DemoRESTURL:
		return DemoWSURL, nil
	}
	u, err := url.Parse(trimmed)
	if err != nil {
		return "", fmt.Errorf("api: REST URL %q: %w", rest, err)
	}
	switch u.Scheme {
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return "", fmt.Errorf("api: REST URL %q: scheme must be http or https", rest)
	}
	prefix, ok := strings.CutSuffix(u.Path, RESTPrefix)
	if !ok {
		return "", fmt.Errorf("api: REST URL %q does not end in %s", rest, RESTPrefix)
	}
	u.Path = prefix + WSPrefix
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return u.String(), nil
}

// checkBaseURL parses a REST base URL and enforces the transport rule:
// https anywhere, plain http only to a loopback address, because the
// signature headers let anyone on the path replay a request within the
// timestamp window.
func checkBaseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, fmt.Errorf("api: empty base URL")
	}
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		return nil, fmt.Errorf("api: base URL %q: %w", raw, err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("api: base URL %q has no host", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("api: base URL %q must not carry credentials, a query or a fragment", u.Redacted())
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("api: base URL %q: plain http is only allowed to loopback (127.0.0.0/8, ::1, localhost); use https", raw)
		}
	default:
		return nil, fmt.Errorf("api: base URL %q: scheme must be https (or http to loopback)", raw)
	}
	return u, nil
}

// IsLoopbackHost reports whether host (without port) is "localhost" or a
// loopback IP literal. Other names are not resolved: a name that resolves to
// loopback today may not tomorrow.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	return ip != nil && ip.IsLoopback()
}

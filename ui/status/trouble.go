package status

import (
	"strings"

	"ladder/ui/text"
)

// Trouble summarises a feed error for the message line and the status
// bar: what went wrong in a few words, never the raw error chain.
func Trouble(raw string) string {
	s := strings.ToLower(raw)
	switch {
	case raw == "":
		return ""
	case strings.Contains(s, "http 401"), strings.Contains(s, "http 403"):
		return "the exchange refused the API key"
	case strings.Contains(s, "websocket handshake: http "):
		i := strings.Index(s, "http ")
		code := strings.TrimSpace(strings.SplitN(s[i+len("http "):], ":", 2)[0])
		return "the exchange refused the connection (HTTP " + code + ")"
	case strings.Contains(s, "no such host"):
		return "cannot find the exchange's host"
	case strings.Contains(s, "timeout"), strings.Contains(s, "deadline exceeded"):
		return "connection timed out"
	case strings.Contains(s, "websocket dial"), strings.Contains(s, "connection refused"),
		strings.Contains(s, "network is unreachable"), strings.Contains(s, "handshake"):
		return "cannot connect"
	case strings.Contains(s, "eof"), strings.Contains(s, "connection reset"), strings.Contains(s, "closed"):
		return "connection lost"
	}
	// Unknown: the outermost part of the chain, which names the step.
	if i := strings.Index(raw, ": "); i > 0 && i < 40 {
		return raw[:i]
	}
	return text.Trunc(raw, 40)
}

package api

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeErrorShapes(t *testing.T) {
	cases := []struct {
		name                   string
		status                 int
		body                   string
		code, message, details string
	}{
		{"wrapped", 400, `{"error":{"code":"invalid_order","message":"invalid order","details":"post only cross"}}`,
			"invalid_order", "invalid order", "post only cross"},
		{"bare", 400, `{"code":"available_balance_too_low","message":"insufficient balance"}`,
			"available_balance_too_low", "insufficient balance", ""},
		{"429 string", 429, `{"error": "too many requests"}`, "", "too many requests", ""},
		{"details object", 400, `{"code":"x","message":"y","details":{"field":"count"}}`, "x", "y", `{"field":"count"}`},
		{"empty body", 503, ``, "", "service unavailable", ""},
	}
	for _, tc := range cases {
		e := decodeError(tc.status, "POST", "/portfolio/events/orders", []byte(tc.body))
		if e.Status != tc.status || e.Code != tc.code || e.Message != tc.message || e.Details != tc.details ||
			e.Method != "POST" || e.Path != "/portfolio/events/orders" {
			t.Errorf("%s: %+v", tc.name, e)
		}
	}
}

func TestDecodeErrorQuotesJunk(t *testing.T) {
	html := "<html>\r\n<head><title>502 Bad Gateway</title></head>\x00\x1b[31m" + strings.Repeat("x", 500) + "</html>"
	for _, body := range []string{html, `{"error":{"code":"x"`, `[1,2,3]`, `{"unrelated":true}`, "\xff\xfe not utf8"} {
		e := decodeError(502, "GET", "/markets", []byte(body))
		msg := e.Error()
		if e.Status != 502 || !utf8.ValidString(msg) || strings.ContainsAny(msg, "\x00\x1b\r\n") {
			t.Errorf("body %.20q: %q", body, msg)
		}
		if len(msg) > 300 {
			t.Errorf("message too long (%d): %q", len(msg), msg)
		}
	}
	if q := QuoteBody([]byte(html)); !strings.Contains(q, "502 Bad Gateway") || !strings.HasSuffix(q, `…"`) {
		t.Errorf("quote %q", q)
	}
	// A cut never splits a multi-byte character.
	s := sanitize(strings.Repeat("é", 100), 121)
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		t.Errorf("split rune: %q", s)
	}
}

func TestMalformedIsDistinguishable(t *testing.T) {
	e := malformed(200, "GET", "/markets", []byte("<html>"), errors.New("invalid character '<'"))
	if !errors.Is(e, ErrMalformedResponse) || e.Retryable() {
		t.Errorf("%v", e)
	}
	if errors.Is(decodeError(500, "GET", "/x", nil), ErrMalformedResponse) {
		t.Error("a 500 is not a malformed response")
	}
}

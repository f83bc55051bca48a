package api

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The three headers Kalshi authenticates a request (or a WebSocket upgrade)
// with.
const (
	HeaderAccessKey       = "KALSHI-ACCESS-KEY"
	HeaderAccessTimestamp = "KALSHI-ACCESS-TIMESTAMP"
	HeaderAccessSignature = "KALSHI-ACCESS-SIGNATURE"
)

// Signer signs requests with an account's RSA key the way Kalshi verifies
// them: RSA-PSS over SHA-256 with a salt as long as the digest, applied to
// timestamp_ms + METHOD + path. It is safe for concurrent use.
//
// The private key is held only in memory and never formatted: String and
// GoString print the key id alone, so a Signer that ends up in a log line,
// an error or a panic message does not leak the key.
type Signer struct {
	keyID string
	key   *rsa.PrivateKey
	now   func() time.Time
}

func newSigner(keyID string, key *rsa.PrivateKey) (*Signer, error) {
	keyID = strings.TrimSpace(keyID)
	if keyID == "" {
		return nil, errors.New("api: API key id is empty")
	}
	return &Signer{keyID: keyID, key: key, now: time.Now}, nil
}

// KeyID returns the API key id sent in KALSHI-ACCESS-KEY.
func (s *Signer) KeyID() string {
	if s == nil {
		return ""
	}
	return s.keyID
}

// WithClock returns a copy of s that reads the time from now; tests use it
// to sign with a fixed timestamp.
func (s *Signer) WithClock(now func() time.Time) *Signer {
	c := *s
	if now == nil {
		now = time.Now
	}
	c.now = now
	return &c
}

// String identifies the signer without revealing the key.
func (s *Signer) String() string {
	if s == nil {
		return "api.Signer(nil)"
	}
	return "api.Signer{key_id: " + s.keyID + "}"
}

// GoString is used by %#v; it must not fall back to dumping the struct.
func (s *Signer) GoString() string { return s.String() }

// Sign returns the three authentication headers for a request. path is the
// URL path including /trade-api/v2 (or /trade-api/ws/v2 for the WebSocket
// upgrade); a query string is cut off, and a full URL is reduced to its path,
// because Kalshi signs the path alone.
func (s *Signer) Sign(method, path string) (http.Header, error) {
	if s == nil || s.now == nil {
		return nil, errors.New("api: sign: no key loaded")
	}
	return s.SignAt(s.now(), method, path)
}

// SignAt is Sign with an explicit timestamp.
func (s *Signer) SignAt(t time.Time, method, path string) (http.Header, error) {
	if s == nil || s.key == nil {
		return nil, errors.New("api: sign: no key loaded")
	}
	p, err := signedPath(path)
	if err != nil {
		return nil, err
	}
	method = strings.ToUpper(strings.TrimSpace(method))
	if method == "" {
		return nil, errors.New("api: sign: empty HTTP method")
	}
	ts := strconv.FormatInt(t.UnixMilli(), 10)
	digest := sha256.Sum256([]byte(ts + method + p))
	sig, err := rsa.SignPSS(rand.Reader, s.key, crypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
	if err != nil {
		// rsa errors describe the operation, never the key material.
		return nil, fmt.Errorf("api: sign: %w", err)
	}
	h := make(http.Header, 3)
	h.Set(HeaderAccessKey, s.keyID)
	h.Set(HeaderAccessTimestamp, ts)
	h.Set(HeaderAccessSignature, base64.StdEncoding.EncodeToString(sig))
	return h, nil
}

// signedPath reduces what the caller passed to the path Kalshi signs.
func signedPath(path string) (string, error) {
	if strings.Contains(path, "://") {
		u, err := url.Parse(path)
		if err != nil {
			return "", fmt.Errorf("api: sign: bad URL: %w", err)
		}
		path = u.EscapedPath()
	}
	path, _, _ = strings.Cut(path, "?")
	path, _, _ = strings.Cut(path, "#")
	if !strings.HasPrefix(path, "/") {
		return "", fmt.Errorf("api: sign: path %q must start with /", path)
	}
	return path, nil
}

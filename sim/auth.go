package sim

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The signed-request headers (kalshi-api.md §2).
const (
	headerAccessKey       = "KALSHI-ACCESS-KEY"
	headerAccessTimestamp = "KALSHI-ACCESS-TIMESTAMP"
	headerAccessSignature = "KALSHI-ACCESS-SIGNATURE"
)

// Error codes of a failed signature check; every one is a 401. They name the
// reason so a client author can tell a clock problem from a key problem.
const (
	codeMissingAuthHeader = "missing_auth_header"
	codeUnknownAPIKey     = "unknown_api_key"
	codeBadSignature      = "invalid_signature"
	codeStaleTimestamp    = "stale_timestamp"
	codeBadTimestamp      = "invalid_timestamp"
)

// apiKey is one registered key: who it belongs to and how to check it.
type apiKey struct {
	id      string
	account AccountID
	pub     *rsa.PublicKey
}

// keyring maps key ids to accounts and public keys. Several keys may point
// at one account, as on Kalshi.
type keyring struct {
	mu   sync.RWMutex
	byID map[string]apiKey
}

func newKeyring() *keyring { return &keyring{byID: make(map[string]apiKey)} }

// add registers pub for acct under a fresh UUID key id.
func (k *keyring) add(acct AccountID, pub *rsa.PublicKey) (string, error) {
	id, err := newKeyID()
	if err != nil {
		return "", err
	}
	return id, k.addID(id, acct, pub)
}

// addID registers pub for acct under a caller-chosen key id (a key reused
// across restarts keeps its id).
func (k *keyring) addID(id string, acct AccountID, pub *rsa.PublicKey) error {
	if err := checkKeyID(id); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, taken := k.byID[id]; taken {
		return fmt.Errorf("sim: key id %q is already registered", id)
	}
	k.byID[id] = apiKey{id: id, account: acct, pub: pub}
	return nil
}

// checkKeyID accepts the ids a client can send back verbatim in a header:
// 1 to 128 letters, digits, '-', '_' or '.' (Kalshi's are UUIDs).
func checkKeyID(id string) error {
	if id == "" || len(id) > 128 {
		return fmt.Errorf("sim: key id must be 1 to 128 characters, got %d", len(id))
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
		default:
			return fmt.Errorf("sim: key id %q: only letters, digits, '-', '_' and '.' are allowed", id)
		}
	}
	return nil
}

func (k *keyring) lookup(id string) (apiKey, bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	key, ok := k.byID[id]
	return key, ok
}

// newKeyID returns a random RFC 4122 version-4 UUID, the form Kalshi's key
// ids take.
func newKeyID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("sim: generating key id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// hasAuthHeaders reports whether the request carries any of the signing
// headers, i.e. whether the client meant to authenticate.
func hasAuthHeaders(r *http.Request) bool {
	return r.Header.Get(headerAccessKey) != "" || r.Header.Get(headerAccessTimestamp) != "" ||
		r.Header.Get(headerAccessSignature) != ""
}

// verifyRequest checks a signed request: the three headers are present, the
// key is known, the millisecond timestamp is within ±window of now, and the
// signature is RSA-PSS (SHA-256, salt = hash length) over timestamp +
// METHOD + path, where path is the URL path without the query string.
func (k *keyring) verifyRequest(r *http.Request, now time.Time, window time.Duration) (apiKey, *APIError) {
	keyID := r.Header.Get(headerAccessKey)
	ts := r.Header.Get(headerAccessTimestamp)
	sig := r.Header.Get(headerAccessSignature)
	for _, h := range [...]struct{ name, val string }{
		{headerAccessKey, keyID}, {headerAccessTimestamp, ts}, {headerAccessSignature, sig},
	} {
		if h.val == "" {
			return apiKey{}, authError(codeMissingAuthHeader, "missing authentication header", h.name+" header is missing")
		}
	}
	key, ok := k.lookup(keyID)
	if !ok {
		return apiKey{}, authError(codeUnknownAPIKey, "unknown API key", "no key with id "+strconv.Quote(keyID))
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || ms <= 0 {
		return apiKey{}, authError(codeBadTimestamp, "malformed timestamp",
			headerAccessTimestamp+" must be Unix milliseconds as a decimal integer, got "+strconv.Quote(ts))
	}
	skew := now.Sub(time.UnixMilli(ms))
	if skew > window || skew < -window {
		return apiKey{}, authError(codeStaleTimestamp, "stale timestamp",
			fmt.Sprintf("timestamp is %s away from the exchange clock; the allowed window is ±%s", skew.Round(time.Millisecond), window))
	}
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return apiKey{}, authError(codeBadSignature, "invalid signature", "signature is not standard base64")
	}
	paths := []string{r.URL.EscapedPath()}
	if r.URL.Path != paths[0] {
		paths = append(paths, r.URL.Path)
	}
	for _, p := range paths {
		digest := sha256.Sum256([]byte(ts + r.Method + p))
		if rsa.VerifyPSS(key.pub, crypto.SHA256, digest[:], raw, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}) == nil {
			return key, nil
		}
	}
	return apiKey{}, authError(codeBadSignature, "invalid signature",
		"RSA-PSS signature does not match timestamp+METHOD+path for "+r.Method+" "+r.URL.Path)
}

func authError(code, message, details string) *APIError {
	return apiErr(http.StatusUnauthorized, code, message, details)
}

// credentials is an account's key pair as the simulator hands it out.
type credentials struct {
	keyID string
	key   *rsa.PrivateKey
	pem   []byte // PKCS#8 PEM; never logged
}

// newCredentials registers key (or a freshly generated RSA-2048 key when
// key is nil) for acct, under keyID (or a fresh UUID when keyID is "").
func newCredentials(k *keyring, acct AccountID, key *rsa.PrivateKey, keyID string) (credentials, error) {
	if key == nil {
		if keyID != "" {
			return credentials{}, fmt.Errorf("sim: key id %q given without its private key", keyID)
		}
		var err error
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return credentials{}, fmt.Errorf("sim: generating RSA key: %w", err)
		}
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return credentials{}, fmt.Errorf("sim: encoding private key: %w", err)
	}
	if keyID == "" {
		keyID, err = k.add(acct, &key.PublicKey)
	} else {
		err = k.addID(keyID, acct, &key.PublicKey)
	}
	if err != nil {
		return credentials{}, err
	}
	return credentials{keyID: keyID, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})}, nil
}

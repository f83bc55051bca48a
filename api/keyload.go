package api

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
)

// Key-loading failures, for errors.Is. The messages that wrap them say what
// to do; none of them ever contains key material.
var (
	ErrKeyNotFound   = errors.New("private key file not found")
	ErrKeyUnreadable = errors.New("private key file not readable")
	ErrKeyNotPEM     = errors.New("private key is not PEM")
	ErrKeyNotRSA     = errors.New("not an RSA private key")
	ErrKeyEncrypted  = errors.New("private key is encrypted")
)

// maxKeyFileSize bounds what LoadSignerFile reads: an RSA-8192 PEM is under
// 7 KB, so anything near this size is the wrong file.
const maxKeyFileSize = 1 << 20

// minKeyBits is the size below which LoadSignerFile warns.
const minKeyBits = 2048

// LoadSignerFile loads a PEM private key (PKCS#1 or PKCS#8) from path. The
// warnings are returned rather than printed (stdout belongs to the TUI): a
// key file readable by group or others, or a key shorter than 2048 bits.
func LoadSignerFile(keyID, path string) (*Signer, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, keyFileError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, keyFileError(path, err)
	}
	if info.IsDir() {
		return nil, nil, fmt.Errorf("api: %w: %s is a directory", ErrKeyUnreadable, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFileSize+1))
	if err != nil {
		return nil, nil, keyFileError(path, err)
	}
	if len(data) > maxKeyFileSize {
		return nil, nil, fmt.Errorf("api: %w: %s is larger than 1 MiB, which no private key is", ErrKeyNotPEM, path)
	}
	key, err := parseRSAKey(data)
	if err != nil {
		return nil, nil, fmt.Errorf("api: key file %s: %w", path, err)
	}
	s, err := newSigner(keyID, key)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		warnings = append(warnings, fmt.Sprintf("private key file %s is readable by group or others (mode %04o); run: chmod 600 %s", path, perm, path))
	}
	if bits := key.N.BitLen(); bits < minKeyBits {
		warnings = append(warnings, fmt.Sprintf("private key in %s is only %d bits; Kalshi issues 2048-bit keys", path, bits))
	}
	return s, warnings, nil
}

// keyFileError classifies an I/O error. *fs.PathError messages name the
// path and the system error, never file contents.
func keyFileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("api: %w: %s does not exist (pass --key-file or set the key's environment variable)", ErrKeyNotFound, path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("api: %w: %s: permission denied", ErrKeyUnreadable, path)
	}
	return fmt.Errorf("api: %w: %w", ErrKeyUnreadable, err)
}

// LoadSignerPEM builds a Signer from PEM text held in memory, for example
// the simulator's generated key.
func LoadSignerPEM(keyID string, pemData []byte) (*Signer, error) {
	key, err := parseRSAKey(pemData)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	return newSigner(keyID, key)
}

// LoadSignerEnv builds a Signer from the PEM text in environment variable
// name. Because PEM is multi-line and many deployment tools only store one
// line, a value without real newlines has its literal "\n" sequences
// expanded.
func LoadSignerEnv(keyID, name string) (*Signer, error) {
	v := os.Getenv(name)
	if strings.TrimSpace(v) == "" {
		return nil, fmt.Errorf("api: %w: environment variable %s is empty or unset", ErrKeyNotFound, name)
	}
	if !strings.Contains(v, "\n") {
		v = strings.ReplaceAll(v, `\n`, "\n")
	}
	key, err := parseRSAKey([]byte(v))
	if err != nil {
		return nil, fmt.Errorf("api: environment variable %s: %w", name, err)
	}
	return newSigner(keyID, key)
}

// parseRSAKey finds the first private-key block in data and parses it as
// PKCS#1 or PKCS#8, whatever its label says (keys are often mislabelled).
// The errors deliberately drop the x509 parser's own text: it is safe today,
// but the rule "no key material in errors" should not depend on that.
func parseRSAKey(data []byte) (*rsa.PrivateKey, error) {
	var sawPEM bool
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		sawPEM = true
		switch {
		case block.Type == "ENCRYPTED PRIVATE KEY" || strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED"):
			return nil, fmt.Errorf("%w: decrypt it first (openssl pkey -in key.pem -out plain.pem) and keep the result mode 0600", ErrKeyEncrypted)
		case block.Type == "OPENSSH PRIVATE KEY":
			return nil, fmt.Errorf("%w: OpenSSH key format is not supported; export the key as PEM (PKCS#1 or PKCS#8)", ErrKeyNotRSA)
		case strings.HasSuffix(block.Type, "PUBLIC KEY") || block.Type == "CERTIFICATE":
			return nil, fmt.Errorf("%w: found a %s, need the private key", ErrKeyNotRSA, block.Type)
		case !strings.HasSuffix(block.Type, "PRIVATE KEY"):
			continue // e.g. EC PARAMETERS before the key
		}
		return parseKeyBlock(block)
	}
	if sawPEM {
		return nil, fmt.Errorf("%w: no PRIVATE KEY block found", ErrKeyNotPEM)
	}
	return nil, fmt.Errorf("%w: expected -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----", ErrKeyNotPEM)
}

func parseKeyBlock(block *pem.Block) (*rsa.PrivateKey, error) {
	if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		return k, nil
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		if block.Type == "EC PRIVATE KEY" {
			return nil, fmt.Errorf("%w: found an EC key, Kalshi keys are RSA", ErrKeyNotRSA)
		}
		return nil, fmt.Errorf("%w: the %s block is neither PKCS#1 nor PKCS#8 RSA", ErrKeyNotRSA, block.Type)
	}
	switch k := k.(type) {
	case *rsa.PrivateKey:
		return k, nil
	case *ecdsa.PrivateKey:
		return nil, fmt.Errorf("%w: found an ECDSA key, Kalshi keys are RSA", ErrKeyNotRSA)
	case ed25519.PrivateKey:
		return nil, fmt.Errorf("%w: found an Ed25519 key, Kalshi keys are RSA", ErrKeyNotRSA)
	default:
		return nil, fmt.Errorf("%w: found a %T", ErrKeyNotRSA, k)
	}
}

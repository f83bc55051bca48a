package sim

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The files `ladder sim --credentials DIR` keeps the trader's key in, the
// layout the dashboard's key_id / private key settings point at.
const (
	keyIDFile      = "key_id"
	privateKeyFile = "private_key.pem"
)

// loadCredentialFiles reads a key written by an earlier run, so that a
// restarted simulator accepts the key a running dashboard already holds.
// It reports found=false with no error when dir holds neither file. Half a
// pair, an unreadable file or a key that is not RSA is an error rather
// than something to overwrite: the files may be someone's real key.
func loadCredentialFiles(dir string) (keyID string, key *rsa.PrivateKey, found bool, err error) {
	idPath, keyPath := filepath.Join(dir, keyIDFile), filepath.Join(dir, privateKeyFile)
	idBytes, idErr := os.ReadFile(idPath)
	pemBytes, keyErr := os.ReadFile(keyPath)
	idMissing, keyMissing := errors.Is(idErr, fs.ErrNotExist), errors.Is(keyErr, fs.ErrNotExist)
	switch {
	case idMissing && keyMissing:
		return "", nil, false, nil
	case idMissing:
		return "", nil, false, fmt.Errorf("%s exists but %s does not; remove it or choose another directory", keyPath, idPath)
	case keyMissing:
		return "", nil, false, fmt.Errorf("%s exists but %s does not; remove it or choose another directory", idPath, keyPath)
	case idErr != nil:
		return "", nil, false, fmt.Errorf("reading %s: %w", idPath, idErr)
	case keyErr != nil:
		return "", nil, false, fmt.Errorf("reading %s: %w", keyPath, keyErr)
	}
	keyID = strings.TrimSpace(string(idBytes))
	if err := checkKeyID(keyID); err != nil {
		return "", nil, false, fmt.Errorf("%s: %w", idPath, err)
	}
	if key, err = parseRSAPrivateKeyPEM(pemBytes); err != nil {
		return "", nil, false, fmt.Errorf("%s: %w", keyPath, err)
	}
	return keyID, key, true, nil
}

// parseRSAPrivateKeyPEM accepts an unencrypted RSA key as PKCS#8
// ("PRIVATE KEY", what the simulator writes) or PKCS#1 ("RSA PRIVATE KEY",
// what Kalshi hands out).
func parseRSAPrivateKeyPEM(data []byte) (*rsa.PrivateKey, error) {
	blk, _ := pem.Decode(data)
	if blk == nil {
		return nil, errors.New("no PEM block found")
	}
	var key *rsa.PrivateKey
	switch blk.Type {
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parsing PKCS#1 key: %w", err)
		}
		key = k
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parsing PKCS#8 key: %w", err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("the key is %T, not RSA", k)
		}
		key = rk
	default:
		return nil, fmt.Errorf("PEM block %q is not an unencrypted RSA private key", blk.Type)
	}
	if err := key.Validate(); err != nil {
		return nil, fmt.Errorf("invalid RSA key: %w", err)
	}
	return key, nil
}

// writeCredentialFiles writes dir/key_id and dir/private_key.pem, both mode
// 0600, creating dir with mode 0700 if needed. Each file is written to a
// temporary name and renamed so a reader never sees half a key.
func writeCredentialFiles(dir string, c credentials) error {
	if dir == "" {
		return fmt.Errorf("sim: credentials directory is empty")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("sim: creating credentials directory: %w", err)
	}
	// The key first: a key_id file means its key is complete.
	if err := writeFileAtomic(filepath.Join(dir, privateKeyFile), c.pem); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, keyIDFile), []byte(c.keyID+"\n"))
}

func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("sim: writing %s: %w", path, err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		return fmt.Errorf("sim: writing %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return fmt.Errorf("sim: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("sim: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("sim: writing %s: %w", path, err)
	}
	ok = true
	return nil
}

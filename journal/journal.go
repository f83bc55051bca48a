// Package journal is the append-only audit journal of order actions: one
// JSON object per line (NDJSON), written before each order action is sent
// and again when its outcome is known, so a crash or a dispute can be
// matched against the exchange's records by client_order_id and order_id.
//
// Entries are built only from order fields and outcomes; the type has no
// place for headers, keys or signatures, so credentials cannot reach the
// file.
package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// Journal appends entries to a file. It is safe for concurrent use; a nil
// *Journal, like Discard(), accepts and drops every entry.
type Journal struct {
	mu       sync.Mutex
	f        *os.File // nil: discard
	closed   bool
	failures atomic.Int64
}

// Open opens (or creates) the journal at path for appending. The file is
// created 0600 and a missing parent directory 0700: the journal is the
// user's trading history. An existing file readable by others is narrowed
// to 0600; an existing directory is left as it is.
func Open(path string) (*Journal, error) {
	if path == "" {
		return nil, errors.New("journal: empty path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("journal: narrowing permissions of %s: %w", path, err)
		}
	}
	return &Journal{f: f}, nil
}

// Discard returns a journal that drops every entry, for sessions run
// without one (replay, read-only).
func Discard() *Journal { return &Journal{} }

// Write appends e as one line. A zero Time is set to now; Time is always
// stored in UTC. Each line goes to the file in a single write, so
// concurrent writers never interleave. There is no fsync per entry: a
// trade must not wait for the disk, and the OS flushes the page cache even
// if the program dies.
func (j *Journal) Write(e Entry) error {
	if j == nil || j.f == nil {
		return nil
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	e.Time = e.Time.UTC()
	line, err := json.Marshal(e)
	if err != nil {
		j.failures.Add(1)
		return fmt.Errorf("journal: encoding entry: %w", err)
	}
	line = append(line, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		j.failures.Add(1)
		return fmt.Errorf("journal: write after close: %w", os.ErrClosed)
	}
	if _, err := j.f.Write(line); err != nil {
		j.failures.Add(1)
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// Failures counts entries that could not be written, for the status bar.
func (j *Journal) Failures() int64 {
	if j == nil {
		return 0
	}
	return j.failures.Load()
}

// Close flushes the file to disk and closes it. Later writes fail (and are
// counted); a second Close is a no-op.
func (j *Journal) Close() error {
	if j == nil || j.f == nil {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return nil
	}
	j.closed = true
	return errors.Join(j.f.Sync(), j.f.Close())
}

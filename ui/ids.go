package ui

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"sync/atomic"
)

// newIDGenerator returns a client_order_id source: a random per-session
// prefix and a counter, so ids never repeat across runs and stay short
// (well under Kalshi's 64 characters, from [A-Za-z0-9-]).
func newIDGenerator() func() string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; fall back to a
		// fixed prefix rather than panicking.
		copy(b[:], "ladder")
	}
	prefix := "ldr-" + hex.EncodeToString(b[:]) + "-"
	var n atomic.Uint64
	return func() string {
		return prefix + strconv.FormatUint(n.Add(1), 10)
	}
}

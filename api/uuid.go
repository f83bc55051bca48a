package api

import (
	"crypto/rand"
	"encoding/hex"
)

// NewClientOrderID returns a random (version 4) UUID for client_order_id.
// crypto/rand, because ids that collide across sessions would turn a
// legitimate new order into a 409.
func NewClientOrderID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // documented never to fail (it crashes the program instead)
	return FormatUUID(b)
}

// FormatUUID stamps the version (4) and RFC 4122 variant bits onto b and
// formats it as a lowercase 36-character UUID. It is exported so the
// simulator's seeded ids have exactly the form of the client's random ones.
func FormatUUID(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:])
}

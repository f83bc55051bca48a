package api

import (
	"crypto/rand"

	"ladder/model"
)

// NewClientOrderID returns a random (version 4) UUID for client_order_id
// (and client_transfer_id). crypto/rand, because ids that collide across
// sessions would turn a legitimate new order into a 409.
func NewClientOrderID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // documented never to fail (it crashes the program instead)
	return model.FormatUUID(b)
}

//go:build !linux

package main

import (
	"net"
	"time"
)

// stampedReader stamps each read with the time it returned: elsewhere
// than on Linux the tap's scheduling is part of the figure.
type stampedReader struct{ c net.Conn }

func newStampedReader(c net.Conn) *stampedReader { return &stampedReader{c: c} }

func (r *stampedReader) read(buf []byte) (int, time.Time, error) {
	n, err := r.c.Read(buf)
	return n, time.Now(), err
}

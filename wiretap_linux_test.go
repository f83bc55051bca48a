package main

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"syscall"
	"time"
)

// stampedReader reads a TCP connection with recvmsg and SO_TIMESTAMPNS, so
// each read carries the time the kernel received its first bytes: when the
// request reached the socket, not when a goroutine got around to reading.
type stampedReader struct {
	raw syscall.RawConn
	oob []byte
	err error // from setting the option; reads fall back to the wall clock
	c   net.Conn
}

func newStampedReader(c net.Conn) *stampedReader {
	r := &stampedReader{oob: make([]byte, 128), c: c}
	tc, ok := c.(*net.TCPConn)
	if !ok {
		r.err = errors.New("not TCP")
		return r
	}
	if r.raw, r.err = tc.SyscallConn(); r.err != nil {
		return r
	}
	if cerr := r.raw.Control(func(fd uintptr) {
		r.err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	}); cerr != nil {
		r.err = cerr
	}
	return r
}

func (r *stampedReader) read(buf []byte) (int, time.Time, error) {
	if r.err != nil {
		n, err := r.c.Read(buf)
		return n, time.Now(), err
	}
	var n, oobn int
	var rerr error
	err := r.raw.Read(func(fd uintptr) bool {
		n, oobn, _, _, rerr = syscall.Recvmsg(int(fd), buf, r.oob, 0)
		return rerr != syscall.EAGAIN
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		return 0, time.Time{}, err
	}
	if n == 0 {
		return 0, time.Time{}, io.EOF
	}
	at := time.Now()
	if msgs, perr := syscall.ParseSocketControlMessage(r.oob[:oobn]); perr == nil {
		for _, m := range msgs {
			if m.Header.Level == syscall.SOL_SOCKET && m.Header.Type == syscall.SCM_TIMESTAMPNS && len(m.Data) == 16 { // a 64-bit timespec
				at = time.Unix(int64(binary.NativeEndian.Uint64(m.Data)), int64(binary.NativeEndian.Uint64(m.Data[8:])))
			}
		}
	}
	return n, at, nil
}

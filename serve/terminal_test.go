package serve

import (
	"bytes"
	"context"
	"io"
	"sync"
	"testing"
	"time"
)

// recordWriter remembers the size of each write.
type recordWriter struct {
	mu     sync.Mutex
	sizes  []int
	buf    bytes.Buffer
	block  chan struct{} // when set, each write waits for it
	inside chan struct{} // signalled when a write is blocked
}

func (w *recordWriter) Write(p []byte) (int, error) {
	if w.block != nil {
		w.inside <- struct{}{}
		<-w.block
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sizes = append(w.sizes, len(p))
	return w.buf.Write(p)
}

// A frame bigger than a second's budget goes out in budget-sized pieces,
// whole and in order; nothing is buffered beyond the write in hand.
func TestOutputWritesInBudgetSizedPieces(t *testing.T) {
	rec := &recordWriter{}
	out := newOutput(context.Background(), rec, 1<<20)
	frame := bytes.Repeat([]byte("0123456789"), (3<<20)/10)
	n, err := out.Write(frame)
	if err != nil || n != len(frame) {
		t.Fatalf("wrote %d of %d: %v", n, len(frame), err)
	}
	if !bytes.Equal(rec.buf.Bytes(), frame) {
		t.Fatal("the frame arrived changed")
	}
	for _, s := range rec.sizes {
		if s > 1<<20 {
			t.Fatalf("a piece of %d bytes exceeds the budget", s)
		}
	}
	if out.bytes.Load() != int64(len(frame)) {
		t.Errorf("counted %d bytes", out.bytes.Load())
	}
}

func TestOutputWithoutCapWritesThrough(t *testing.T) {
	rec := &recordWriter{}
	out := newOutput(context.Background(), rec, 0)
	if _, err := out.Write(make([]byte, 5<<20)); err != nil {
		t.Fatal(err)
	}
	if len(rec.sizes) != 1 {
		t.Fatalf("%d writes, want 1", len(rec.sizes))
	}
}

// Waiting for budget ends with the session.
func TestOutputStopsWaitingWhenTheSessionEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := newOutput(ctx, io.Discard, 16)
	if _, err := out.Write(make([]byte, 16)); err != nil { // the burst
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := out.Write(make([]byte, 16<<10)); done <- err }()
	cancel()
	if err := <-done; err == nil {
		t.Fatal("a write outlived its session")
	}
}

// A write the client does not take shows as stalled; waiting for budget
// does not.
func TestOutputReportsAStalledWrite(t *testing.T) {
	rec := &recordWriter{block: make(chan struct{}), inside: make(chan struct{})}
	out := newOutput(context.Background(), rec, 0)
	if d := out.stalledFor(time.Now()); d != 0 {
		t.Fatalf("stalled %v before any write", d)
	}
	done := make(chan struct{})
	go func() { _, _ = out.Write([]byte("frame")); close(done) }()
	<-rec.inside
	later := time.Now().Add(time.Minute)
	if d := out.stalledFor(later); d < time.Minute {
		t.Fatalf("a blocked write shows stalled for %v", d)
	}
	close(rec.block)
	<-done
	if d := out.stalledFor(later); d != 0 {
		t.Fatalf("stalled %v after the write returned", d)
	}
}

func TestInputRecordsActivity(t *testing.T) {
	in := newInput(bytes.NewReader([]byte("q")))
	later := time.Now().Add(time.Hour)
	before := in.idleFor(later)
	time.Sleep(time.Millisecond)
	if _, err := in.Read(make([]byte, 4)); err != nil {
		t.Fatal(err)
	}
	if after := in.idleFor(later); after >= before {
		t.Fatalf("a key press did not reset idleness: %v then %v", before, after)
	}
}

// A session's terminal, as the dashboard sees it: output with a byte
// budget and a stall clock, input with an idle clock.

package serve

import (
	"context"
	"io"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// output is a session's terminal writer, with a byte budget per second.
//
// The dashboard's renderer writes one frame at a time from a ticker and
// always draws the latest state: while a write waits for budget (or for a
// slow client), ticks are missed and the next frame carries everything
// that changed meanwhile. So a capped or slow client gets fewer frames,
// never a growing buffer; nothing here queues bytes. A client that stops
// reading altogether blocks the write in progress, which the session's
// guard notices (stalledFor) and ends the connection.
type output struct {
	ctx   context.Context
	w     io.Writer
	lim   *rate.Limiter // nil: no cap
	since atomic.Int64  // start of the write in progress (unix ns); 0 when none
	bytes atomic.Int64  // written so far
}

// newOutput caps w at bytesPerSec (0: no cap), with a burst of one
// second's worth so a full redraw goes out at once.
func newOutput(ctx context.Context, w io.Writer, bytesPerSec int) *output {
	o := &output{ctx: ctx, w: w}
	if bytesPerSec > 0 {
		o.lim = rate.NewLimiter(rate.Limit(bytesPerSec), bytesPerSec)
	}
	return o
}

// Write waits for budget chunk by chunk (a frame larger than a second's
// budget goes out over several seconds) and writes through.
func (o *output) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		chunk := len(p)
		if o.lim != nil {
			chunk = min(chunk, o.lim.Burst())
			if err := o.lim.WaitN(o.ctx, chunk); err != nil {
				return n, err
			}
		}
		o.since.Store(time.Now().UnixNano())
		m, err := o.w.Write(p[:chunk])
		o.since.Store(0)
		n += m
		o.bytes.Add(int64(m))
		if err != nil {
			return n, err
		}
		p = p[chunk:]
	}
	return n, nil
}

// stalledFor is how long the write in progress has been blocked in the
// client's connection (zero when none is): waiting for budget does not
// count, only a client that does not take what it was sent.
func (o *output) stalledFor(now time.Time) time.Duration {
	since := o.since.Load()
	if since == 0 {
		return 0
	}
	return now.Sub(time.Unix(0, since))
}

// input is a session's keyboard: it remembers when the client last sent
// anything, for the idle timeout.
type input struct {
	r    io.Reader
	last atomic.Int64 // unix ns
}

func newInput(r io.Reader) *input {
	in := &input{r: r}
	in.last.Store(time.Now().UnixNano())
	return in
}

func (in *input) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	if n > 0 {
		in.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// idleFor is how long the client has sent nothing.
func (in *input) idleFor(now time.Time) time.Duration {
	return now.Sub(time.Unix(0, in.last.Load()))
}

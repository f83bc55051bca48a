package hub

import "strconv"

// Dropped is the error a view's DrainPrivate reports, as a
// stream.ErrorEvent ahead of what it still holds, when its queue was full
// and lost its N oldest events: the screen stopped reading for a long
// while. What it lost is this screen's copy only; the events were applied
// (Config.Apply) before they were queued.
type Dropped struct{ N uint64 }

// Error is short and plain: the dashboard shows it in its message line.
func (d *Dropped) Error() string {
	return "this screen skipped " + strconv.FormatUint(d.N, 10) + " updates"
}

package limiter

// Priority orders waiters when a bucket is short of tokens. Higher values go
// first. The ordering encodes risk: a cancel that waits leaves exposure in the
// market, an amend changes exposure that already exists, a new order adds
// exposure, and a read only refreshes what the screen shows.
type Priority uint8

// Priorities in increasing order of urgency. PriorityAuto (the zero value)
// asks the limiter to infer the priority from the request's method and path.
const (
	PriorityAuto Priority = iota
	PriorityRead
	PriorityNew
	PriorityAmend // amend and decrease
	PriorityCancel
)

// numPriorities counts the concrete priorities (PriorityAuto excluded).
const numPriorities = int(PriorityCancel)

// String names the priority for the status bar.
func (p Priority) String() string {
	switch p {
	case PriorityAuto:
		return "auto"
	case PriorityRead:
		return "read"
	case PriorityNew:
		return "new"
	case PriorityAmend:
		return "amend"
	case PriorityCancel:
		return "cancel"
	}
	return "invalid"
}

// valid reports whether p is a concrete priority.
func (p Priority) valid() bool { return p >= PriorityRead && p <= PriorityCancel }

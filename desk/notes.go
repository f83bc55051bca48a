package desk

import "ladder/model"

// Notes are things the desk learned that a dashboard should say, found
// while applying feed events that no dashboard asked for: a create of
// unknown outcome reconciled by the feed, entry locked by the loss limit
// or the exchange's guard, a settlement, a position that left the
// exchange's list. They are numbered; each dashboard reads the ones after
// the last it saw, so several dashboards each hear every note.

// NoteKind says what a note is about.
type NoteKind uint8

// Note kinds.
const (
	NoteReconciled NoteKind = iota // Order's unknown create was found (Resting says whether it rests)
	NoteLocked                     // entry locked (Lock)
	NoteSettled                    // Ticker settled (Result; Payout when the desk paid it out)
	NoteVanished                   // Ticker's open position left the exchange's list: ask for its settlement
)

// Note is one thing to say.
type Note struct {
	Seq     uint64
	Kind    NoteKind
	Order   Order
	Resting bool
	Lock    Lock
	Ticker  string
	Result  string
	Payout  model.Money
	// Subaccount is the position's, for NoteSettled and NoteVanished.
	Subaccount int
}

// noteRingSize bounds the notes kept; a dashboard that falls further
// behind misses the oldest, which only costs it a message.
const noteRingSize = 64

type noteRing struct {
	buf  [noteRingSize]Note
	next uint64 // sequence number of the next note; the first is 1
}

func (d *Desk) note(n Note) {
	d.notes.next++
	n.Seq = d.notes.next
	d.notes.buf[n.Seq%noteRingSize] = n
}

// Notes returns the notes after seq, oldest first, and the newest
// sequence number. It allocates only when there are new notes.
func (d *Desk) Notes(seq uint64) ([]Note, uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	last := d.notes.next
	if seq >= last {
		return nil, last
	}
	first := seq + 1
	if last >= noteRingSize && first < last-noteRingSize+1 {
		first = last - noteRingSize + 1
	}
	out := make([]Note, 0, last-first+1)
	for s := first; s <= last; s++ {
		out = append(out, d.notes.buf[s%noteRingSize])
	}
	return out, last
}

package desk

import "ladder/model"

// Tallies count what a multi-order cancel did (cancel all, the kill
// switch, quitting, flatten), telling apart the orders it cancelled, the
// ones that had already filled, and the ones the exchange no longer had
// for another reason. An order the exchange answers "not found" for is
// first counted as already gone; if the feed then reports that it
// executed, it moves to already filled, so the message stays true when a
// fill arrives a moment after the cancel's answer.

// TallyID names one tally; 0 is none.
type TallyID uint64

// TallyKind says what asked for the cancels.
type TallyKind uint8

// Tally kinds.
const (
	TallyKill     TallyKind = iota // the kill switch
	TallyMarket                    // cancel all in one market
	TallyLevel                     // cancel at one price level
	TallySelected                  // cancel the orders selected in the orders pane
	TallyQuit                      // cancel before quitting
	TallyFlatten                   // cancel before a flatten's closing order
)

// Tally is a snapshot of one tally.
type Tally struct {
	ID     TallyID
	Kind   TallyKind
	Ticker string // the market, for a one-market cancel
	// Cancelling is how many answers are still awaited.
	Cancelling, Cancelled, Filled, Gone, Failed int
	// Withdrawn counts creates stopped before they were sent (kill switch).
	Withdrawn int
	FirstErr  string
	// Version changes whenever a count does.
	Version uint64
}

// Total is how many orders the tally covers.
func (t Tally) Total() int { return t.Cancelling + t.Cancelled + t.Filled + t.Gone + t.Failed }

type itemState uint8

const (
	itemCancelling itemState = iota
	itemCancelled
	itemFilled
	itemGone
	itemFailed
)

type tally struct {
	id        TallyID
	kind      TallyKind
	ticker    string
	items     map[string]itemState
	withdrawn int
	firstErr  string
	version   uint64
}

// maxTallies bounds how many recent tallies are kept.
const maxTallies = 16

type tallies struct {
	next TallyID
	list []*tally // oldest first
	kill TallyID  // the kill switch's current tally
}

func newTallies() tallies { return tallies{} }

func (ts *tallies) get(id TallyID) *tally {
	if id == 0 {
		return nil
	}
	for _, t := range ts.list {
		if t.id == id {
			return t
		}
	}
	return nil
}

func (ts *tallies) begin(kind TallyKind, ticker string, ids []string) *tally {
	ts.next++
	t := &tally{id: ts.next, kind: kind, ticker: ticker, items: make(map[string]itemState, len(ids))}
	for _, id := range ids {
		t.items[id] = itemCancelling
	}
	if len(ts.list) >= maxTallies {
		ts.list = append(ts.list[:0], ts.list[1:]...)
	}
	ts.list = append(ts.list, t)
	if kind == TallyKill {
		ts.kill = t.id
	}
	return t
}

// touch records a change of t.
func (t *tally) touch() { t.version++ }

func (t *tally) add(id string) {
	if _, ok := t.items[id]; !ok {
		t.items[id] = itemCancelling
	}
}

// answer takes the exchange's answer to the cancel of one order.
func (t *tally) answer(d *Desk, id string, out CancelOutcome, errWords string) {
	switch out {
	case CancelDone:
		t.items[id] = itemCancelled
	case CancelFailed:
		t.items[id] = itemFailed
		if t.firstErr == "" {
			t.firstErr = errWords
		}
	case CancelGone:
		t.items[id] = itemGone
		if tb, ok := d.gone.get(id); ok {
			switch tb.status {
			case model.Executed:
				t.items[id] = itemFilled
			case model.Canceled:
				t.items[id] = itemCancelled
			}
		}
	}
}

// ended moves orders the feed reports ended: an order awaiting its cancel
// or answered "gone" that executed had already filled; one answered gone
// that the feed reports cancelled was cancelled (by the exchange's group
// trigger, for instance).
func (ts *tallies) ended(d *Desk, id string, status model.OrderStatus) {
	for _, t := range ts.list {
		st, ok := t.items[id]
		if !ok {
			continue
		}
		next := st
		switch {
		case status == model.Executed && (st == itemCancelling || st == itemGone):
			next = itemFilled
		case status == model.Canceled && st == itemGone:
			next = itemCancelled
		}
		if next != st {
			t.items[id] = next
			t.touch()
		}
	}
}

func (t *tally) snapshot() Tally {
	out := Tally{ID: t.id, Kind: t.kind, Ticker: t.ticker, Withdrawn: t.withdrawn, FirstErr: t.firstErr, Version: t.version}
	for _, st := range t.items {
		switch st {
		case itemCancelling:
			out.Cancelling++
		case itemCancelled:
			out.Cancelled++
		case itemFilled:
			out.Filled++
		case itemGone:
			out.Gone++
		case itemFailed:
			out.Failed++
		}
	}
	return out
}

// BeginTally starts counting a multi-order cancel of ids (already marked
// cancelling with StartCancel).
func (d *Desk) BeginTally(kind TallyKind, ticker string, ids []string) TallyID {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tallies.begin(kind, ticker, ids).id
}

// Tally returns a snapshot of a tally; false when it is unknown (0, or
// too old).
func (d *Desk) Tally(id TallyID) (Tally, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	t := d.tallies.get(id)
	if t == nil {
		return Tally{}, false
	}
	return t.snapshot(), true
}

// KillTally is the kill switch's current tally (0 before the first kill).
func (d *Desk) KillTally() TallyID {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tallies.kill
}

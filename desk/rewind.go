package desk

// Rewind empties the desk's orders, fills, positions and P&L for a replay
// that is read again from its start (a seek backwards). The recording's
// orders and fills are then played again, so positions are what the
// recording had at the point sought, not what was played before it. The
// limits, the feed's connection, a lock and the notes already said stay:
// a replay never trades, and the notes are the message line's history.
func (d *Desk) Rewind() {
	d.mu.Lock()
	defer d.mu.Unlock()
	fresh := New(d.cfg)
	d.orders, d.pending, d.gone, d.due = fresh.orders, fresh.pending, fresh.gone, nil
	d.credits = fresh.credits
	d.markets, d.fills, d.marks = fresh.markets, fresh.fills, fresh.marks
	d.baseline, d.based, d.subViews = false, fresh.based, nil
	d.snapTs = 0
	d.floor = fresh.floor
	d.changed()
}

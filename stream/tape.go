package stream

import (
	"time"

	"ladder/model"
)

// tapeCap is how many of the newest public trades are kept for the tape.
// Trades are lossy: a screen shows a few dozen, and under a storm thousands
// arrive each second. What must stay exact (each market's last price and
// the volume traded at each price) is aggregated as trades arrive, never
// queued.
const tapeCap = 256

// tape is a ring of the newest public trades. seq numbers every trade ever
// added, so a reader can ask for what is new since its last look and learn
// how many it missed. Guarded by Client.mu.
type tape struct {
	ring [tapeCap]tapeSlot
	seq  uint64 // trades added so far; the newest is ring[(seq-1)%tapeCap]
}

// tapeSlot holds a decoded trade, or the raw frame of one not decoded yet
// (peek.go).
type tapeSlot struct {
	msg  model.TradeMsg
	raw  rawFrame
	lazy bool
}

func (t *tape) add(m model.TradeMsg) {
	sl := &t.ring[t.seq%tapeCap]
	sl.msg, sl.lazy = m, false
	t.seq++
}

// addRaw keeps a trade frame to decode if a reader asks for it.
func (t *tape) addRaw(frame []byte) {
	sl := &t.ring[t.seq%tapeCap]
	sl.raw.keep(frame)
	sl.lazy = true
	t.seq++
}

// since appends to dst the trades added after cursor, newest first, at most
// max of them, and returns dst, the new cursor, how many newer-than-cursor
// trades were not returned, and how many kept frames failed to decode.
func (t *tape) since(cursor uint64, max int, dst []model.TradeMsg) (_ []model.TradeMsg, next, skipped uint64, bad int) {
	if cursor > t.seq {
		cursor = t.seq // a reader from another client or a reset: start afresh
	}
	n := t.seq - cursor
	take := min(n, uint64(max), tapeCap)
	for i := uint64(0); i < take; i++ {
		sl := &t.ring[(t.seq-1-i)%tapeCap]
		if sl.lazy {
			d, err := decodeFrame(sl.raw.buf)
			if err != nil || d.Trade == nil {
				bad++
				continue
			}
			sl.msg, sl.lazy = *d.Trade, false
		}
		dst = append(dst, sl.msg)
	}
	return dst, t.seq, n - take, bad
}

// tradeLocked records one public trade: the tape, and the volume and last
// trade of its book when the market has a ladder open.
func (c *Client) tradeLocked(m *model.TradeMsg, recv time.Time) {
	c.tape.add(*m)
	c.dirty = true
	lb := c.books[m.MarketTicker]
	if lb == nil {
		return
	}
	lb.noteTrade(m, recv)
	c.touchLocked(lb)
}

// noteTrade aggregates a trade into the book's session volume by price and
// its last trade. The volume is kept per grid level of the book's grid; a
// price off the grid (it cannot trade there) counts in no row.
func (lb *liveBook) noteTrade(m *model.TradeMsg, recv time.Time) {
	if lb.book != nil {
		g := lb.book.Grid()
		if len(lb.vol) != g.Len() {
			lb.vol = make([]model.Qty, g.Len())
		}
		if i, ok := g.Index(m.YesPrice); ok {
			lb.vol[i] += m.Count
		}
	}
	var dir int8
	switch {
	case lb.last.At.IsZero() || m.YesPrice == lb.last.Price:
		dir = 0
	case m.YesPrice > lb.last.Price:
		dir = 1
	default:
		dir = -1
	}
	lb.last = LastTrade{Price: m.YesPrice, Qty: m.Count, Taker: m.TakerBookSide, Dir: dir, At: recv}
}

// Trades appends to dst the public trades received since cursor (0 for
// everything kept), newest first, at most max, and returns dst, the cursor
// for the next call and how many newer trades it left out. The tape keeps
// the newest trades; a reader that looks once a frame sees all of them
// unless more than max arrive in one frame.
func (c *Client) Trades(cursor uint64, max int, dst []model.TradeMsg) ([]model.TradeMsg, uint64, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dst, next, skipped, bad := c.tape.since(cursor, max, dst)
	c.h.malformed += bad
	return dst, next, skipped
}

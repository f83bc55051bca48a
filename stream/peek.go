package stream

// Public frames (ticker, trade) arrive by the thousand under a storm, and
// the screen needs few of them: the latest ticker of each market and the
// newest trades of the tape. Decoding each with encoding/json (about 5 µs
// and a dozen allocations) cost more than everything else the reader does,
// so they are only peeked at as they arrive: their type, market and
// timestamp are read without allocating, the raw frame is kept, and it is
// decoded when a frame of the screen actually needs it (lazyTicker,
// tape.since). Trades of a market with an open ladder are still decoded at
// once: their volume by price and last trade must be exact.

// publicKind is the type of a frame peekPublic accepts.
type publicKind uint8

const (
	kindNone publicKind = iota
	kindTicker
	kindTrade
)

// Top-level keys of a public frame, and the msg keys the peek reads.
var peekMsgKeys = [...]string{"market_ticker", "ts_ms"}

// peekPublic reads the type, market and ts_ms of a well-formed ticker or
// trade frame, validating the whole frame as JSON, without allocating.
// ticker aliases b. Anything unusual (escapes in the keys it reads, case
// variants of them, duplicates, a missing market) reports kindNone and the
// frame takes the reference path.
func peekPublic(b []byte) (kind publicKind, ticker []byte, tsMs int64) {
	s := scanner{b: b}
	seen := 0
	s.ws()
	ok := s.object(&seen, func(key []byte) (int, bool) {
		switch string(key) {
		case "type":
			v, ok := s.plainString()
			switch {
			case !ok:
			case string(v) == "ticker":
				kind = kindTicker
			case string(v) == "trade":
				kind = kindTrade
			default:
				ok = false
			}
			return seenType, ok
		case "sid":
			_, ok := s.int()
			return seenSid, ok
		case "seq":
			_, ok := s.int()
			return seenSeq, ok
		case "id":
			_, ok := s.int()
			return seenID, ok
		case "msg":
			return seenMsg, s.object(&seen, func(key []byte) (int, bool) {
				var ok bool
				switch string(key) {
				case "market_ticker":
					ticker, ok = s.plainString()
					return seenTicker, ok && len(ticker) > 0
				case "ts_ms":
					tsMs, ok = s.int()
					return seenTs, ok
				}
				return 0, !foldsToAny(key, peekMsgKeys[:]) && s.skip(1)
			})
		}
		return 0, !foldsToAny(key, topKeys[:]) && s.skip(0)
	})
	s.ws()
	const need = seenType | seenMsg | seenTicker
	if !ok || s.i != len(s.b) || seen&need != need {
		return kindNone, nil, 0
	}
	return kind, ticker, tsMs
}

// rawFrame is a kept copy of a public frame, decoded on demand. buf is
// reused for the next frame of the same slot, so keeping one costs no
// allocation once it has grown.
type rawFrame struct {
	buf []byte
	ver uint64 // bumped per frame kept; lazyTicker decodes when it moves
}

func (r *rawFrame) keep(frame []byte) {
	r.buf = append(r.buf[:0], frame...)
	r.ver++
}

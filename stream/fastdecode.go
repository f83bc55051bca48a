package stream

import "ladder/model"

// deltaFrame is an orderbook_delta frame decoded without allocating. Ticker
// aliases the frame buffer and is only valid until the next read.
type deltaFrame struct {
	Sid, Seq int64
	Ticker   []byte
	Price    model.Price
	Delta    model.Qty
	Side     model.Side
	TsMs     int64
}

// Keys the fast path reads. Any other key whose spelling differs from one of
// these only by case would be matched by encoding/json (which folds case),
// so the fast path refuses it rather than disagree.
var (
	topKeys = [...]string{"type", "id", "sid", "seq", "msg"}
	msgKeys = [...]string{"market_ticker", "market_id", "price_dollars", "delta_fp", "side",
		"client_order_id", "subaccount", "ts_ms"}
)

const (
	seenType = 1 << iota
	seenSid
	seenSeq
	seenMsg
	seenTicker
	seenPrice
	seenDelta
	seenSide
	seenTs
	seenID
	seenMarketID
	seenClientOrderID
	seenSubaccount
)

// decodeDeltaFast decodes a well-formed orderbook_delta frame in one pass.
// It reports false for anything else or anything unusual (escapes,
// duplicate keys, non-ASCII, nulls, numbers outside int64, missing fields),
// and the caller then uses the encoding/json path, which is the reference.
// Every frame it accepts decodes to the same values through that path.
func decodeDeltaFast(b []byte, f *deltaFrame) bool {
	s := scanner{b: b}
	seen := 0
	s.ws()
	ok := s.object(&seen, func(key []byte) (int, bool) {
		var ok bool
		switch string(key) {
		case "type":
			v, ok := s.plainString()
			return seenType, ok && string(v) == "orderbook_delta"
		case "sid":
			f.Sid, ok = s.int()
			return seenSid, ok
		case "seq":
			f.Seq, ok = s.int()
			return seenSeq, ok
		case "id":
			_, ok = s.int()
			return seenID, ok
		case "msg":
			return seenMsg, decodeDeltaMsg(&s, f, &seen)
		}
		return 0, !foldsToAny(key, topKeys[:]) && s.skip(0)
	})
	if !ok {
		return false
	}
	s.ws()
	const all = seenType | seenSid | seenSeq | seenMsg | seenTicker | seenPrice | seenDelta | seenSide
	return s.i == len(s.b) && seen&all == all
}

// decodeDeltaMsg reads the msg object of an orderbook_delta.
func decodeDeltaMsg(s *scanner, f *deltaFrame, seen *int) bool {
	f.TsMs = 0
	return s.object(seen, func(key []byte) (int, bool) {
		var ok bool
		switch string(key) {
		case "market_ticker":
			f.Ticker, ok = s.plainString()
			return seenTicker, ok && len(f.Ticker) > 0
		case "price_dollars":
			v, ok := s.plainString()
			if ok {
				f.Price, ok = model.ParsePriceBytes(v)
			}
			return seenPrice, ok
		case "delta_fp":
			v, ok := s.plainString()
			if ok {
				f.Delta, ok = model.ParseSignedQtyBytes(v)
			}
			return seenDelta, ok
		case "side":
			v, ok := s.plainString()
			switch {
			case !ok:
			case string(v) == "yes":
				f.Side = model.Yes
			case string(v) == "no":
				f.Side = model.No
			default:
				ok = false
			}
			return seenSide, ok
		case "market_id":
			return seenMarketID, s.word("null") || s.skipString()
		case "client_order_id":
			return seenClientOrderID, s.word("null") || s.skipString()
		case "subaccount":
			if s.word("null") {
				return seenSubaccount, true
			}
			v, ok := s.int()
			return seenSubaccount, ok && v == int64(int(v))
		case "ts_ms":
			f.TsMs, ok = s.int()
			return seenTs, ok
		}
		return 0, !foldsToAny(key, msgKeys[:]) && s.skip(0)
	})
}

// object reads a non-empty JSON object whose keys are plain strings (an
// empty one never belongs to a frame the fast path accepts). For each
// member it calls member with the scanner at the value; member consumes
// the value and returns the key's bit in *seen (0 for a key not tracked)
// and false to refuse the frame. A bit seen twice, a duplicate key, also
// refuses it.
func (s *scanner) object(seen *int, member func(key []byte) (bit int, ok bool)) bool {
	if !s.lit('{') {
		return false
	}
	s.ws()
	if s.lit('}') {
		return false
	}
	for {
		s.ws()
		key, ok := s.plainString()
		if !ok {
			return false
		}
		s.ws()
		if !s.lit(':') {
			return false
		}
		s.ws()
		bit, ok := member(key)
		if !ok || *seen&bit != 0 {
			return false
		}
		*seen |= bit
		s.ws()
		if s.lit('}') {
			return true
		}
		if !s.lit(',') {
			return false
		}
	}
}

// foldsToAny reports whether key equals one of keys ignoring ASCII case
// (keys reaching here are plain ASCII).
func foldsToAny(key []byte, keys []string) bool {
	for _, k := range keys {
		if len(k) != len(key) {
			continue
		}
		same := true
		for i := range len(k) {
			a, b := key[i], k[i]
			if 'A' <= a && a <= 'Z' {
				a += 'a' - 'A'
			}
			if a != b {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// scanner walks JSON text without allocating.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// lit consumes byte c if it is next.
func (s *scanner) lit(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// plainString reads a string of printable ASCII without escapes and returns
// its contents (aliasing the input). Anything else reports false.
func (s *scanner) plainString() ([]byte, bool) {
	if !s.lit('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c < 0x20 || c >= 0x7f || c == '\\':
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// int reads a JSON integer (no fraction or exponent) that fits an int64.
func (s *scanner) int() (int64, bool) {
	neg := s.lit('-')
	start := s.i
	var v uint64
	for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
		d := uint64(s.b[s.i] - '0')
		if v > (1<<63-d)/10 {
			return 0, false
		}
		v = v*10 + d
		s.i++
	}
	n := s.i - start
	if n == 0 || (n > 1 && s.b[start] == '0') {
		return 0, false
	}
	if s.i < len(s.b) {
		switch s.b[s.i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	if neg {
		return -int64(v), true
	}
	if v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}

// maxSkipDepth bounds nesting in skipped values; deeper input takes the
// encoding/json path.
const maxSkipDepth = 32

// skip consumes and validates any JSON value.
func (s *scanner) skip(depth int) bool {
	if depth > maxSkipDepth || s.i >= len(s.b) {
		return false
	}
	switch c := s.b[s.i]; {
	case c == '"':
		return s.skipString()
	case c == '{':
		s.i++
		s.ws()
		if s.lit('}') {
			return true
		}
		for {
			s.ws()
			if !s.skipString() {
				return false
			}
			s.ws()
			if !s.lit(':') {
				return false
			}
			s.ws()
			if !s.skip(depth + 1) {
				return false
			}
			s.ws()
			if s.lit('}') {
				return true
			}
			if !s.lit(',') {
				return false
			}
		}
	case c == '[':
		s.i++
		s.ws()
		if s.lit(']') {
			return true
		}
		for {
			s.ws()
			if !s.skip(depth + 1) {
				return false
			}
			s.ws()
			if s.lit(']') {
				return true
			}
			if !s.lit(',') {
				return false
			}
		}
	case c == 't':
		return s.word("true")
	case c == 'f':
		return s.word("false")
	case c == 'n':
		return s.word("null")
	default:
		return s.skipNumber()
	}
}

func (s *scanner) word(w string) bool {
	if len(s.b)-s.i >= len(w) && string(s.b[s.i:s.i+len(w)]) == w {
		s.i += len(w)
		return true
	}
	return false
}

// skipString consumes a JSON string, validating escapes.
func (s *scanner) skipString() bool {
	if !s.lit('"') {
		return false
	}
	for s.i < len(s.b) {
		c := s.b[s.i]
		s.i++
		switch {
		case c == '"':
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if s.i >= len(s.b) {
				return false
			}
			e := s.b[s.i]
			s.i++
			switch e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(s.b)-s.i < 4 {
					return false
				}
				for _, h := range s.b[s.i : s.i+4] {
					if !isHex(h) {
						return false
					}
				}
				s.i += 4
			default:
				return false
			}
		}
	}
	return false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// skipNumber consumes a number per the JSON grammar.
func (s *scanner) skipNumber() bool {
	s.lit('-')
	digits := func() int {
		n := 0
		for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	start := s.i
	n := digits()
	if n == 0 || (n > 1 && s.b[start] == '0') {
		return false
	}
	if s.lit('.') && digits() == 0 {
		return false
	}
	if s.i < len(s.b) && (s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		s.i++
		if !s.lit('+') {
			s.lit('-')
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}

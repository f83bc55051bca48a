package model

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// Run one with e.g. `go test -run '^$' -fuzz=FuzzParsePrice -fuzztime=20s ./model/`.
// Without -fuzz they run their seed corpus as ordinary tests.

// parserSeeds returns inputs worth starting every parser fuzzer from.
func parserSeeds() []string {
	return []string{
		"0.5600", "0.56", "0.5", "1", "0", "", "-0.5", "+0.5", "1e-2", "0.12345", "NaN", "Inf",
		" 0.5", "1.0001", "0x10", ".", "-", "--1", "10.00", "-3.50", "0.01", "12.345678",
		"1000000000000", "1000000000001", "99999999999999999999", "1.", ".5", "0..1", "٣",
	}
}

// checkNamesInput fails unless err quotes the rejected input, so a bad
// exchange field can be traced from the log line alone.
func checkNamesInput(t *testing.T, s string, err error) {
	t.Helper()
	if s != "" && !strings.Contains(err.Error(), strconv.Quote(s)) {
		t.Fatalf("error %q does not name the input %q", err, s)
	}
}

func FuzzParsePrice(f *testing.F) {
	for i, s := range parserSeeds() {
		f.Add(s, int64(i*997))
	}
	f.Add("0.9999", int64(-1))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		p, err := ParsePrice(s)
		if err != nil {
			checkNamesInput(t, s, err)
		} else {
			if p < 0 || p > OneDollar {
				t.Fatalf("ParsePrice(%q) = %d, outside [0, 1]", s, p)
			}
			back, err := ParsePrice(p.String())
			if err != nil || back != p {
				t.Fatalf("ParsePrice(%q) = %d; reparsing %q gives %d, %v", s, p, p.String(), back, err)
			}
		}

		// Every price in range survives format → parse and JSON.
		x := Price(uint64(n) % uint64(OneDollar+1))
		text := x.String()
		if len(text) != 6 || text[1] != '.' {
			t.Fatalf("Price(%d).String() = %q, want d.dddd", x, text)
		}
		if back, err := ParsePrice(text); err != nil || back != x {
			t.Fatalf("ParsePrice(%q) = %d, %v; want %d", text, back, err, x)
		}
		js, _ := json.Marshal(x)
		var fromJSON Price
		if err := json.Unmarshal(js, &fromJSON); err != nil || fromJSON != x {
			t.Fatalf("JSON %s = %d, %v; want %d", js, fromJSON, err, x)
		}
		_ = x.Cents() // must not panic
	})
}

func FuzzParseQty(f *testing.F) {
	for i, s := range parserSeeds() {
		f.Add(s, int64(i)*1_000_003)
	}
	f.Add("-0.01", int64(-100_000_000_000_000))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		q, errU := ParseQty(s)
		sq, errS := ParseSignedQty(s)
		if errU == nil {
			if q < 0 {
				t.Fatalf("ParseQty(%q) = %d, negative", s, q)
			}
			if errS != nil || sq != q {
				t.Fatalf("ParseQty(%q) = %d but ParseSignedQty = %d, %v", s, q, sq, errS)
			}
		} else {
			checkNamesInput(t, s, errU)
		}
		if errS != nil {
			checkNamesInput(t, s, errS)
		} else {
			for _, text := range []string{sq.String(), sq.Short()} {
				if back, err := ParseSignedQty(text); err != nil || back != sq {
					t.Fatalf("ParseSignedQty(%q) = %d; reparsing %q gives %d, %v", s, sq, text, back, err)
				}
			}
		}

		// Every count up to ±10^12 contracts survives format → parse.
		x := Qty(n % (100_000_000_000_000 + 1))
		for _, text := range []string{x.String(), x.Short()} {
			if back, err := ParseSignedQty(text); err != nil || back != x {
				t.Fatalf("ParseSignedQty(%q) = %d, %v; want %d", text, back, err, x)
			}
		}
		js, _ := json.Marshal(x)
		var fromJSON Qty
		if err := json.Unmarshal(js, &fromJSON); err != nil || fromJSON != x {
			t.Fatalf("JSON %s = %d, %v; want %d", js, fromJSON, err, x)
		}
	})
}

func FuzzParseMoney(f *testing.F) {
	for i, s := range parserSeeds() {
		f.Add(s, int64(i)*123_456_789_011)
	}
	f.Add("-0.000001", int64(-1_000_000_000_000_000_000))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		m, err := ParseMoney(s)
		if err != nil {
			checkNamesInput(t, s, err)
		} else if back, err := ParseMoney(m.String()); err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %d; reparsing %q gives %d, %v", s, m, m.String(), back, err)
		}

		// Every amount up to ±$10^12 survives format → parse, and the human
		// form is the same number behind a sign and a dollar sign.
		x := Money(n % (1_000_000_000_000_000_000 + 1))
		if back, err := ParseMoney(x.String()); err != nil || back != x {
			t.Fatalf("ParseMoney(%q) = %d, %v; want %d", x.String(), back, err, x)
		}
		human := x.Dollars()
		neg := strings.HasPrefix(human, "-")
		digits, ok := strings.CutPrefix(strings.TrimPrefix(human, "-"), "$")
		back, err := ParseMoney(digits)
		if !ok || err != nil || neg != (x < 0) || (neg && -back != x) || (!neg && back != x) {
			t.Fatalf("Money(%d).Dollars() = %q does not read back", x, human)
		}
		js, _ := json.Marshal(x)
		var fromJSON Money
		if err := json.Unmarshal(js, &fromJSON); err != nil || fromJSON != x {
			t.Fatalf("JSON %s = %d, %v; want %d", js, fromJSON, err, x)
		}
	})
}

// FuzzBookDeltas feeds arbitrary bytes to a book as a stream of deltas.
// Byte 0 picks the grid and the NO-price convention; every further 4 bytes
// are one delta (flags, price hi, price lo, signed size). Valid deltas must
// be applied, invalid ones refused with the book unchanged, and the book
// must always match a plain map: no negative or phantom levels, and the
// best prices equal a brute-force scan.
func FuzzBookDeltas(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{0, 2, 0, 41, 10, 2, 0, 41, 0xF6, 3, 0, 20, 5, 1, 0x13, 0x88, 1})
	f.Add([]byte{4, 3, 0, 7, 100, 3, 0, 7, 0x9C, 1, 0x27, 0x10, 1, 0, 0xFF, 0xFF, 0x80})
	f.Add([]byte{1, 0xFE, 1, 2, 3, 0xFE, 1, 2, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF})
	f.Add([]byte{6, 2, 0, 0, 127, 2, 0, 0, 0x81, 2, 0, 0, 0x81})
	grids := []*Grid{
		MustGrid(LinearCentRanges()),
		MustGrid(TaperedDeciCentRanges()),
		MustGrid(centiEdgeRanges()),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		g := grids[int(data[0])%len(grids)]
		opts := BookOptions{NoInYesTerms: data[0]&4 != 0}
		book := NewOrderBook("F", g, opts)
		ref := newRefBook()
		for rec := data[1:]; len(rec) >= 4; rec = rec[4:] {
			flags, raw := rec[0], int(rec[1])<<8|int(rec[2])
			side := Side(flags & 1)
			var wire Price
			if flags&2 != 0 {
				wire = g.Level(raw % g.Len()) // on the grid
			} else {
				wire = Price(raw%10_101) - 50 // anywhere, including outside [0, 1]
			}
			delta := Qty(int8(rec[3])) * Qty(1+int(flags>>2)*37)

			own := wire
			if side == No && opts.NoInYesTerms {
				own = wire.Complement()
			}
			valid := g.Valid(own) && ref[side][own]+delta >= 0
			before := book.Version()
			err := book.ApplyDelta(side, wire, delta)
			switch {
			case valid && err != nil:
				t.Fatalf("valid delta %s %s %s refused: %v", side, wire, delta, err)
			case !valid && err == nil:
				t.Fatalf("invalid delta %s %s %s accepted", side, wire, delta)
			case !valid && book.Version() != before:
				t.Fatalf("refused delta changed the version")
			case valid:
				ref.add(side, own, delta)
			}
			checkBookInvariants(t, book, ref)
		}
	})
}

// checkBookInvariants compares a whole book with the reference map.
func checkBookInvariants(t *testing.T, b *OrderBook, ref refBook) {
	t.Helper()
	for _, s := range []Side{Yes, No} {
		var sum Qty
		levels := b.Levels(s, nil)
		for _, l := range levels {
			if l.Qty <= 0 {
				t.Fatalf("%s level %s has size %s", s, l.Price, l.Qty)
			}
			if ref[s][l.Price] != l.Qty {
				t.Fatalf("%s level %s = %s, reference %s", s, l.Price, l.Qty, ref[s][l.Price])
			}
			sum += l.Qty
		}
		if len(levels) != len(ref[s]) {
			t.Fatalf("%s has %d levels, reference %d", s, len(levels), len(ref[s]))
		}
		y, n := b.Totals()
		if tot := [2]Qty{y, n}[s]; tot != sum {
			t.Fatalf("%s total %s, levels sum to %s", s, tot, sum)
		}
	}
	ref.checkAgainst(t, b, "fuzz")
	if b.Empty() != (len(ref[Yes]) == 0 && len(ref[No]) == 0) {
		t.Fatal("Empty disagrees with the levels")
	}
}

// FuzzBytesParsersAgree holds the allocation-free byte parsers (used by the
// stream's hot-path decoder) to exactly the string parsers' verdicts.
func FuzzBytesParsersAgree(f *testing.F) {
	for _, s := range []string{"0.41", "1", "1.0000", "1.00001", "-0.5", "", ".", "5.", ".5", "00.1", "1e3", "999999999999.99", "1000000000000", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParsePriceBytes([]byte(s))
		mp, err := ParsePrice(s)
		if ok != (err == nil) || (ok && p != mp) {
			t.Fatalf("price %q: bytes (%v,%v) string (%v,%v)", s, p, ok, mp, err)
		}
		q, ok := ParseSignedQtyBytes([]byte(s))
		mq, err := ParseSignedQty(s)
		if ok != (err == nil) || (ok && q != mq) {
			t.Fatalf("qty %q: bytes (%v,%v) string (%v,%v)", s, q, ok, mq, err)
		}
	})
}

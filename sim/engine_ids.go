package sim

import (
	"encoding/binary"

	"ladder/model"
)

// idGen makes identifiers that look like Kalshi's UUIDs but are a pure
// function of the seed and a counter, so the same seed and the same calls
// give the same order, trade and fill ids.
type idGen struct {
	seed    uint64
	counter uint64
}

func newIDGen(seed int64) idGen { return idGen{seed: uint64(seed)} }

// next returns a fresh version-4-shaped UUID string.
func (g *idGen) next() string {
	g.counter++
	return uuidFrom(splitmix(g.seed^0x9e3779b97f4a7c15, g.counter))
}

// splitmix mixes a seed and a counter into 128 well-spread bits.
func splitmix(seed, n uint64) (uint64, uint64) {
	mix := func(z uint64) uint64 {
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return z ^ (z >> 31)
	}
	a := mix(seed + n*0x9e3779b97f4a7c15)
	b := mix(a ^ (seed + 0x632be59bd9b4e019))
	return a, b
}

// uuidFrom formats 128 bits as a lowercase RFC 4122 version-4 UUID.
func uuidFrom(hi, lo uint64) string {
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[:8], hi)
	binary.BigEndian.PutUint64(raw[8:], lo)
	return model.FormatUUID(raw)
}

// stableUUID derives a fixed UUID from a name (market ids from tickers).
func stableUUID(name string) string {
	return uuidFrom(splitmix(fnv64(name), uint64(len(name))))
}

// fnv64 is FNV-1a: a stable hash of a name, for seeding per-name streams.
func fnv64(name string) uint64 {
	var h uint64 = 0xcbf29ce484222325
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 0x100000001b3
	}
	return h
}

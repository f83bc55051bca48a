package desk

// boundedMap is a map that forgets its oldest key once it holds max keys:
// the desk's memories of ended orders and of fills seen are bounded this
// way, so a long session's memory stays flat.
type boundedMap[K comparable, V any] struct {
	m    map[K]V
	ring []K // keys in the order they were first put; once full, head is the oldest
	head int
	max  int
}

func newBoundedMap[K comparable, V any](max int) boundedMap[K, V] {
	return boundedMap[K, V]{m: map[K]V{}, max: max}
}

func (b *boundedMap[K, V]) get(k K) (V, bool) {
	v, ok := b.m[k]
	return v, ok
}

func (b *boundedMap[K, V]) has(k K) bool {
	_, ok := b.m[k]
	return ok
}

// drop forgets k (its place in the ring is reused in turn).
func (b *boundedMap[K, V]) drop(k K) { delete(b.m, k) }

// put sets k's value; a new key takes the oldest key's place once the
// map is full.
func (b *boundedMap[K, V]) put(k K, v V) {
	if _, ok := b.m[k]; !ok {
		if len(b.ring) < b.max {
			b.ring = append(b.ring, k)
		} else {
			delete(b.m, b.ring[b.head])
			b.ring[b.head] = k
			b.head = (b.head + 1) % b.max
		}
	}
	b.m[k] = v
}

// putNew puts k only if it is not held, reporting whether it was new.
func (b *boundedMap[K, V]) putNew(k K, v V) bool {
	if b.has(k) {
		return false
	}
	b.put(k, v)
	return true
}

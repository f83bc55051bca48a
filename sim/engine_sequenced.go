package sim

// Sequenced runs fn under the engine lock. Orderbook frames take their seq
// numbers under this lock (see subscription), so a frame that must be
// numbered in line with them, such as an `ok` reply that consumes a number,
// is built and queued inside fn. fn must not call back into the engine.
func (e *Engine) Sequenced(fn func()) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fn()
}

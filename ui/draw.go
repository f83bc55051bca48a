package ui

import "runtime"

// yieldToOrder lets an order action's command start before the frame is
// drawn. Bubble Tea hands the command that Update returned to its command
// goroutine and then renders at once; on a busy processor the command
// goroutine (and the request it sends) waits for that render, about
// 0.3 ms at 160×48 (BENCHMARKS.md, "Keypress to wire"). Yielding once
// here, only after an Update that sent an order, lets the scheduler run
// the command goroutine first: the send reaches the socket before the
// frame that says "sending…" is drawn, which costs that frame a few
// microseconds. Update itself still does no I/O.
func (m *Model) yieldToOrder() {
	if m.sentOrder {
		runtime.Gosched()
	}
}

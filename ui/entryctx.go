package ui

import (
	"context"
	"errors"

	"ladder/api"
)

// The entry generation: every order-entry command (create, amend) runs
// under a context that the kill switch cancels. An order still queued in
// the rate limiter when the switch fires is then withdrawn before it is
// ever sent; one already on the wire comes back as an unknown outcome and
// is reconciled, and cancelled if it rests. Cancels never use this
// context: they only reduce risk and must outlive the switch.

// entryContext is the context of the current entry generation, made on
// first use after start-up or an unlock. While entry is locked it is an
// already cancelled context, so nothing sent by mistake can leave.
func (m *Model) entryContext() context.Context {
	if m.desk.Lock().Locked() {
		ctx, cancel := context.WithCancel(m.ctx)
		cancel()
		return ctx
	}
	if m.entry == nil {
		m.entry, m.entryCancel = context.WithCancel(m.ctx)
	}
	return m.entry
}

// endEntryGeneration cancels every order-entry command still running; the
// next generation starts on unlock.
func (m *Model) endEntryGeneration() {
	if m.entryCancel != nil {
		m.entryCancel()
	}
	m.entry, m.entryCancel = nil, nil
}

// withdrawn reports an order command that the kill switch (or shutdown)
// stopped before it reached the exchange: cancelled, and without the
// ambiguity of an unknown outcome.
func withdrawn(err error) bool {
	return errors.Is(err, context.Canceled) && !errors.Is(err, api.ErrUnknownOutcome)
}

package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
)

// runBridge is the one goroutine that moves feed traffic into the program.
// Must-deliver events (fills, order updates, trades, state, errors) are
// forwarded one by one, in order, and never dropped: send blocks until the
// program takes each. Book changes are lossy: notifications only mark the
// books dirty, and on each frame tick at most one BooksMsg carries private
// copies of every subscribed book, however many deltas arrived. It returns
// when ctx is done.
func runBridge(ctx context.Context, f Feed, d *desk.Desk, send func(tea.Msg), frames <-chan time.Time) {
	events := f.Events()
	notify := f.Notify()
	dirty := 0
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			applyToDesk(d, ev) // first: the UI reacts to an applied event
			send(FeedEventMsg{Event: ev})
		case _, ok := <-notify:
			if !ok {
				notify = nil
				continue
			}
			dirty++
		case <-frames:
			if dirty == 0 {
				continue
			}
			// Fresh maps each frame: the UI keeps the previous frame's
			// books while this one is filled, so storage is never shared.
			books := make(map[string]stream.BookView)
			f.Books(books)
			tickers := make(map[string]model.TickerMsg)
			f.Tickers(tickers)
			send(BooksMsg{Books: books, Tickers: tickers, Health: f.Health(), Coalesced: dirty - 1})
			dirty = 0
		}
	}
}

package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/stream"
)

// tradesPerFrame bounds the public trades one frame carries to the tape:
// more than a tape can show. The rest are counted, never queued.
const tradesPerFrame = 64

// runBridge is the one goroutine that moves feed traffic into the program.
// Two classes never mix:
//   - must-deliver events (my fills, orders, positions, lifecycle, state,
//     errors) are drained as soon as they are signalled and sent in order,
//     one message per batch; send blocks until the program takes them, and
//     the feed holds them (bounded, see stream's private queue) meanwhile;
//   - public data (books, tickers, trades) is lossy: the feed counts its
//     changes, and each frame tick on which the count moved sends one
//     BooksMsg with immutable views of every subscribed book, the latest
//     tickers and the newest trades, however many arrived.
//
// Must-deliver events always go first: a frame is sent only after every
// event waiting before it. The feed has applied them to the desk already
// (the hub, DeskApplier), so the UI reacts to applied events. It returns
// when ctx is done.
func runBridge(ctx context.Context, f Feed, send func(tea.Msg), frames <-chan time.Time) {
	ready := f.PrivateReady()
	var batch []stream.Delivered
	forward := func() {
		batch = f.DrainPrivate(batch[:0])
		if len(batch) == 0 {
			return
		}
		send(feedBatch(batch))
		clear(batch)
	}
	var cursor, drawn uint64
	for {
		select {
		case <-ctx.Done():
			return
		case <-ready:
			forward()
		case <-frames:
			forward()
			changes := f.Changes()
			if changes == drawn {
				continue
			}
			msg := BooksMsg{Books: make(map[string]stream.BookView), Tickers: make(map[string]model.TickerMsg),
				Coalesced: int(changes - drawn - 1)}
			drawn = changes
			f.Books(msg.Books)
			f.Tickers(msg.Tickers)
			msg.Trades, cursor, msg.TradesSkipped = f.Trades(cursor, tradesPerFrame, nil)
			msg.Health = f.Health()
			msg.CopiedAt = time.Now()
			send(msg)
		}
	}
}

// feedBatch turns drained events into the message the program gets: one
// FeedEventMsg, or a FeedBatchMsg holding several in order.
func feedBatch(ds []stream.Delivered) tea.Msg {
	if len(ds) == 1 {
		return FeedEventMsg{Event: ds[0].Event, At: ds[0].At}
	}
	out := make(FeedBatchMsg, len(ds))
	for i, d := range ds {
		out[i] = FeedEventMsg{Event: d.Event, At: d.At}
	}
	return out
}

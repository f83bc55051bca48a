package ladder

import "ladder/model"

// QueueMark is one of my orders' place in its level's queue: the
// contracts resting ahead of it (0 at the front).
type QueueMark struct {
	Ahead model.Qty
	// Estimate says the figure is the feed's estimate since the exchange
	// last answered (drawn with "~").
	Estimate bool
}

// Queues are the front-most queue places of my orders in one market, by
// side and YES price.
type Queues struct {
	Bids, Asks map[model.Price]QueueMark
}

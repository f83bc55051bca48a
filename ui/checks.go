package ui

import (
	"fmt"
	"strings"

	"ladder/model"
)

// intentKind says what an intent will send.
type intentKind int

const (
	intentPlace intentKind = iota // CreateOrder
	intentAmend                   // AmendOrder (move)
)

// intent is an order action that passed key handling and awaits its
// checks, its confirmation, or both.
type intent struct {
	kind    intentKind
	req     model.CreateOrderRequest // place
	orderID string                   // amend
	amend   model.AmendOrderRequest  // amend
	warn    string                   // far-from-market and similar warnings
	cross   string                   // a marketable one-key order: what it trades
}

func (in intent) ticker() string {
	if in.kind == intentAmend {
		return in.amend.Ticker
	}
	return in.req.Ticker
}

// entryBlocked says why no new order may be sent in this market right now
// ("" when entry is open), with a hint on how the block ends. Cancels are
// never blocked.
func (m *Model) entryBlocked(lp *ladderPane) (why, hint string) {
	_, why, hint = m.blockReason(lp)
	return why, hint
}

// blockReason is entryBlocked in two lengths: a few words for the ladder
// header and a short sentence for the message line, plus its hint.
func (m *Model) blockReason(lp *ladderPane) (short, long, hint string) {
	switch {
	case m.opts.ReadOnly:
		word := m.readOnlyWord()
		return strings.ToUpper(word) + " " + m.opts.Env, word + " " + m.opts.Env + ": order entry is disabled", ""
	case m.locked:
		return "LOCKED by kill switch", "entry LOCKED by the kill switch", firstKey(m.keys.Global.Unlock) + " unlocks"
	case m.quitting:
		return "quitting", "quitting", ""
	}
	if id := m.unknownIn(lp.ticker); id != "" {
		return "UNKNOWN order, reconciling", "UNKNOWN outcome in " + shortTicker(lp.ticker) + ", reconciling", "entry resumes when it is found"
	}
	if stale, why := lp.stale(); stale {
		return "STALE: " + why, "book stale (" + why + ")", ""
	}
	if s := lp.market.Status; s != "" && !lp.market.Open() {
		return "market " + s, "market " + s, ""
	}
	return "", "", ""
}

// checkIntent runs the pre-trade checks. An error rejects the order and
// explains why; a warning asks for confirmation.
func (m *Model) checkIntent(lp *ladderPane, in intent) (warn string, err error) {
	var side model.BookSide
	var price model.Price
	var count, adds model.Qty
	switch in.kind {
	case intentAmend:
		o := m.store.get(in.orderID)
		if o == nil {
			return "", fmt.Errorf("order %s is no longer working", in.orderID)
		}
		side, price, count = in.amend.Side, in.amend.Price, in.amend.Count
		adds = 0 // a move changes no size
	default:
		req := in.req
		if err := req.Validate(); err != nil {
			return "", err
		}
		side, price, count, adds = req.Side, req.Price, req.Count, req.Count
	}
	if !price.InOpenRange() {
		return "", fmt.Errorf("price %s is outside (0¢, 100¢)", price.Cents())
	}
	if err := lp.grid.Check(price); err != nil {
		return "", err
	}
	if count <= 0 {
		return "", fmt.Errorf("quantity must be positive")
	}
	r := m.opts.Risk
	if r.MaxOrderQty > 0 && count > r.MaxOrderQty {
		return "", fmt.Errorf("quantity %s is above the limit of %s per order", count.Short(), r.MaxOrderQty.Short())
	}
	cost := orderCost(model.CreateOrderRequest{Side: side, Price: price, Count: count})
	if r.MaxNotional > 0 && cost > r.MaxNotional {
		return "", fmt.Errorf("cost %s is above the limit of %s per order", cost.Dollars(), r.MaxNotional.Dollars())
	}
	if r.MaxPosition > 0 && adds > 0 {
		// Worst case: everything I have working on this side fills too.
		pos := m.holdings.Position(lp.ticker).Size
		var working model.Qty
		for _, o := range m.store.working(lp.ticker) {
			if o.Side == side {
				working += o.Remaining
			}
		}
		projected := pos + side.Sign()*(working+adds)
		if projected.Abs() > r.MaxPosition {
			return "", fmt.Errorf("position would reach %s counting working orders (limit %s)", signedQty(projected), r.MaxPosition.Short())
		}
	}
	return m.farFromMarket(lp, side, price), nil
}

// farFromMarket warns when a price is at least the configured distance
// through the opposite best price or away from the same-side best price.
func (m *Model) farFromMarket(lp *ladderPane, side model.BookSide, price model.Price) string {
	far := m.opts.Risk.FarFromMarket
	if far <= 0 || !lp.hasBook() {
		return ""
	}
	b := lp.book.Book
	bid, hasBid := b.BestBid(model.YesTerms)
	ask, hasAsk := b.BestAsk(model.YesTerms)
	suffix := ""
	if lp.terms == model.NoTerms {
		suffix = " (YES prices)"
	}
	switch side {
	case model.Bid:
		if hasAsk && price-ask.Price >= far {
			return fmt.Sprintf("%s is %s through the best offer %s", lp.pf.text(price), lp.pf.text(price-ask.Price), lp.pf.text(ask.Price)) + suffix
		}
		if hasBid && bid.Price-price >= far {
			return fmt.Sprintf("%s is %s away from the best bid %s", lp.pf.text(price), lp.pf.text(bid.Price-price), lp.pf.text(bid.Price)) + suffix
		}
	case model.Ask:
		if hasBid && bid.Price-price >= far {
			return fmt.Sprintf("%s is %s through the best bid %s", lp.pf.text(price), lp.pf.text(bid.Price-price), lp.pf.text(bid.Price)) + suffix
		}
		if hasAsk && price-ask.Price >= far {
			return fmt.Sprintf("%s is %s away from the best offer %s", lp.pf.text(price), lp.pf.text(price-ask.Price), lp.pf.text(ask.Price)) + suffix
		}
	}
	return ""
}

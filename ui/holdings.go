package ui

import (
	"fmt"
	"slices"
	"strings"

	"ladder/model"
)

// holdings are my positions as the exchange reports them: loaded over REST
// at start-up (a real account holds positions from before this session),
// then replaced market by market by market_position messages and wholesale
// by the feed's reconciliation after a reconnect. The exchange's size,
// cost, realized P&L and fees are authoritative; a fill only moves a
// position ahead of its market_position message, and only when the fill's
// post_position_fp says the position is exactly the one before that fill,
// so a fill can never be counted twice: the message that follows replaces
// the position, it does not add to it.
type holdings struct {
	byTicker map[string]*model.Position
	seen     map[model.FillKey]struct{} // every fill taken, for the fill list

	// While the start-up load is in flight, the markets that the feed has
	// updated since (pushed) or a full reconciliation (fullPush) are newer
	// than its answer, which must not overwrite them.
	loading  bool
	pushed   map[string]bool
	fullPush bool
}

func newHoldings() holdings {
	return holdings{byTicker: map[string]*model.Position{}, seen: map[model.FillKey]struct{}{}, pushed: map[string]bool{}}
}

// exchangePosition turns the exchange's figures into a Position in YES
// terms. Kalshi reports the cost of a NO position (a negative position_fp)
// as what the NO contracts cost, a positive amount; the Position keeps the
// signed YES-terms cost basis, which for n contracts short YES is that cost
// minus n × $1. A negative cost on a short is taken as already signed.
func exchangePosition(ticker string, size model.Qty, cost, realized, fees model.Money) model.Position {
	p := model.Position{Ticker: ticker, Size: size, Realized: realized, Fees: fees}
	switch {
	case size > 0:
		p.Cost = cost
	case size < 0 && cost >= 0:
		p.Cost = cost - model.Notional(model.OneDollar, -size)
	case size < 0:
		p.Cost = cost
	}
	return p
}

// beginLoad notes that a REST load of every position was sent.
func (h *holdings) beginLoad() {
	h.loading, h.fullPush = true, false
	clear(h.pushed)
}

// loaded applies the answer to the start-up load, except for markets the
// feed has updated since it was sent.
func (h *holdings) loaded(list []model.MarketPosition) {
	if !h.loading {
		return
	}
	h.loading = false
	if h.fullPush {
		return
	}
	next := make(map[string]*model.Position, len(list))
	for _, mp := range list {
		if h.pushed[mp.Ticker] {
			continue
		}
		p := exchangePosition(mp.Ticker, mp.Position, mp.MarketExposure, mp.RealizedPnL, mp.FeesPaid)
		next[mp.Ticker] = &p
	}
	for t := range h.pushed {
		if p := h.byTicker[t]; p != nil {
			next[t] = p
		}
	}
	h.byTicker = next
	clear(h.pushed)
}

// loadFailed ends a start-up load that got no answer.
func (h *holdings) loadFailed() {
	h.loading = false
	clear(h.pushed)
}

// update replaces one market's position with a market_position message.
func (h *holdings) update(pm model.PositionMsg) {
	p := exchangePosition(pm.MarketTicker, pm.Position, pm.PositionCost, pm.RealizedPnL, pm.FeesPaid)
	p.Volume = pm.Volume
	h.byTicker[pm.MarketTicker] = &p
	if h.loading {
		h.pushed[pm.MarketTicker] = true
	}
}

// replaceAll makes the positions exactly the exchange's list (the feed's
// reconciliation after a reconnect).
func (h *holdings) replaceAll(list []model.MarketPosition) {
	next := make(map[string]*model.Position, len(list))
	for _, mp := range list {
		p := exchangePosition(mp.Ticker, mp.Position, mp.MarketExposure, mp.RealizedPnL, mp.FeesPaid)
		next[mp.Ticker] = &p
	}
	h.byTicker = next
	if h.loading {
		h.fullPush = true
	}
}

// checkFill validates a fill before it is listed.
func checkFill(f model.Fill) error {
	switch {
	case f.TradeID == "" || f.OrderID == "":
		return fmt.Errorf("fill without trade_id/order_id")
	case f.Count <= 0:
		return fmt.Errorf("fill %s: count %s must be positive", f.TradeID, f.Count)
	case !f.BookSide.Valid():
		return fmt.Errorf("fill %s: book_side %q", f.TradeID, f.BookSide)
	}
	return nil
}

// record notes a fill from the REST history: it is listed, never applied
// to the positions (the exchange's positions already contain it). It
// reports whether the fill is new.
func (h *holdings) record(f model.Fill) (bool, error) {
	if err := checkFill(f); err != nil {
		return false, err
	}
	if _, dup := h.seen[f.Key()]; dup {
		return false, nil
	}
	h.seen[f.Key()] = struct{}{}
	return true, nil
}

// fill takes a live fill whose post_position_fp is post. It reports
// whether the fill is new. The position moves only when it stands exactly
// where this fill started from (post − the fill's signed size); otherwise
// the exchange's position already includes the fill, or the order of
// messages is unclear, and the market_position message that follows every
// fill settles it.
func (h *holdings) fill(f model.Fill, post model.Qty) (bool, error) {
	fresh, err := h.record(f)
	if !fresh || err != nil {
		return fresh, err
	}
	ticker := fillTicker(f)
	signed := f.Count * f.BookSide.Sign()
	p := h.byTicker[ticker]
	size := model.Qty(0)
	if p != nil {
		size = p.Size
	}
	if size != post-signed {
		return true, nil
	}
	if p == nil {
		p = &model.Position{Ticker: ticker}
		h.byTicker[ticker] = p
	}
	p.ApplyExecution(signed, f.YesPrice, f.FeeCost)
	return true, nil
}

// fillTicker is the market of a fill (REST fills name it twice).
func fillTicker(f model.Fill) string {
	if f.MarketTicker != "" {
		return f.MarketTicker
	}
	return f.Ticker
}

// openTickers lists the markets where I hold a position.
func (h *holdings) openTickers() []string {
	var out []string
	for t, p := range h.byTicker {
		if p.Size != 0 {
			out = append(out, t)
		}
	}
	return out
}

// Position returns a copy of one market's position (zero if none).
func (h *holdings) Position(ticker string) model.Position {
	if p := h.byTicker[ticker]; p != nil {
		return *p
	}
	return model.Position{Ticker: ticker}
}

// Positions returns copies of every position: open ones first, then the
// flat ones that still carry realized P&L or fees, each group by ticker.
func (h *holdings) Positions() []model.Position {
	out := make([]model.Position, 0, len(h.byTicker))
	for _, p := range h.byTicker {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b model.Position) int {
		if (a.Size == 0) != (b.Size == 0) {
			if a.Size != 0 {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Ticker, b.Ticker)
	})
	return out
}

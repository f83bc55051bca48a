package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/ladder"
	"ladder/ui/text"
)

// Faster hands: joining the best bid or offer, a count for taking several
// levels at once, zoomed rows, and the P&L column's key. Every order here
// goes through submit, the one entry path (entry.go).

// countFor is how long a count typed with the count key waits for the
// buy-now or sell-now key.
const countFor = 3 * time.Second

// defaultSlippageTicks bounds a counted take when the options leave it zero.
const defaultSlippageTicks = 5

// setCount takes a count typed with the count key (alt+3: three levels).
func (m *Model) setCount(msg tea.KeyPressMsg) {
	n := int(msg.Code - '0')
	if n < 1 || n > 9 {
		return
	}
	m.count, m.countAt = n, m.now
	k := m.keys.Ladder
	m.sayHint(lvlInfo, "take "+text.Itoa(n)+" levels: "+keys.First(k.BuyNow)+" buys, "+keys.First(k.SellNow)+" sells",
		"any other key drops the count")
}

// takeCount returns the pending count (0: none) and drops it: a count
// applies to the very next key only, and not at all once it is stale.
func (m *Model) takeCount() int {
	n := m.count
	if m.now.Sub(m.countAt) > countFor {
		n = 0
	}
	m.count = 0
	return n
}

// takeLevels crosses the spread with one immediate-or-cancel limit priced
// at the n-th level of the other side (n = 1 is the best), but never more
// than the configured slippage ticks beyond the best price.
func (m *Model) takeLevels(lp *ladder.Pane, buy bool, n int) tea.Cmd {
	if n <= 1 {
		return m.takeBest(lp, buy)
	}
	if why, hint := m.entryBlocked(lp); why != "" {
		m.sayHint(lvlBad, "not sent: "+why, hint)
		return nil
	}
	b := lp.Book()
	var levels []model.Level
	if buy {
		levels = b.TopAsks(lp.Terms(), n, nil)
	} else {
		levels = b.TopBids(lp.Terms(), n, nil)
	}
	if len(levels) == 0 {
		return m.takeBest(lp, buy) // says why nothing was sent
	}
	best, limit := levels[0].Price, levels[len(levels)-1].Price
	capped := false
	if cap, ok := slippageCap(lp.Grid(), best, m.slippageTicks(), buy); ok && (buy && limit > cap || !buy && limit < cap) {
		limit, capped = cap, true
	}
	cmd := m.submit(intent{kind: intentPlace, req: m.orderFor(lp, buy, limit, model.IOC), take: true})
	if capped && m.notice.hint == "" {
		m.notice.hint = "limit held to " + text.Itoa(m.slippageTicks()) + " ticks from the best (max_slippage_ticks)"
	}
	return cmd
}

// slippageTicks is the most ticks a counted take may reach beyond the best.
func (m *Model) slippageTicks() int {
	if t := m.opts.Risk.MaxSlippageTicks; t > 0 {
		return t
	}
	return defaultSlippageTicks
}

// slippageCap is the price ticks grid levels beyond best: above it for a
// buy, below it for a sell, clamped to the grid.
func slippageCap(g *model.Grid, best model.Price, ticks int, buy bool) (model.Price, bool) {
	i, ok := g.Index(best)
	if !ok {
		return 0, false
	}
	if buy {
		return g.Level(min(i+ticks, g.Len()-1)), true
	}
	return g.Level(max(i-ticks, 0)), true
}

// join rests the quantity at the best bid (buy) or the best offer (sell)
// in the ladder's terms, good till cancelled: behind everyone there.
func (m *Model) join(lp *ladder.Pane, buy bool) tea.Cmd {
	if why, hint := m.entryBlocked(lp); why != "" {
		m.sayHint(lvlBad, "not sent: "+why, hint)
		return nil
	}
	lvl, ok := bestLevel(lp, buy)
	if !ok {
		if buy {
			m.say(lvlWarn, "not sent: no bid to join")
		} else {
			m.say(lvlWarn, "not sent: no offer to join")
		}
		return nil
	}
	return m.submit(intent{kind: intentPlace, req: m.orderFor(lp, buy, lvl.Price, model.GTC)})
}

// placeZoomed asks for the exact price of an order at a zoomed row: the
// ticket opens on the row's price nearest the market that does not cross
// it, with the row's range above its fields.
func (m *Model) placeZoomed(lp *ladder.Pane, buy bool) {
	lo, hi := lp.CursorRange()
	p := hi
	if !buy {
		p = lo
	}
	if b := lp.Book(); b != nil {
		g := lp.Grid()
		if ask, ok := b.BestAsk(lp.Terms()); buy && ok && ask.Price <= p {
			if below, ok := g.Prev(ask.Price); ok && below >= lo {
				p = below
			}
		}
		if bid, ok := b.BestBid(lp.Terms()); !buy && ok && bid.Price >= p {
			if above, ok := g.Next(bid.Price); ok && above <= hi {
				p = above
			}
		}
	}
	req := m.orderFor(lp, buy, p, model.GTC)
	m.openTicketModal(&ticket{
		ticker: lp.Ticker(), grid: lp.Grid(), pf: lp.PriceFormat(), side: req.Side, price: req.Price, qty: m.qty,
		tif: model.GTC, field: tfPrice,
		note: "this row is " + lp.RowLabel(lo, hi) + " (zoom ×" + text.Itoa(lp.Zoom()) + "): choose the exact price",
	})
}

// zoom cycles the ladder's ticks per row.
func (m *Model) zoom(lp *ladder.Pane) {
	z := lp.CycleZoom()
	lp.Touch(m.now)
	if z == 1 {
		m.say(lvlInfo, "zoom off: one tick per row")
		return
	}
	m.sayHint(lvlInfo, "zoom ×"+text.Itoa(z)+": "+text.Itoa(z)+" ticks per row",
		"orders at a row ask for the exact price · "+keys.First(m.keys.Ladder.Zoom)+" zooms on")
}

// togglePnL shows or hides the ladder's P&L-at-price column.
func (m *Model) togglePnL(lp *ladder.Pane) {
	dv := m.desk.View()
	if lp.TogglePnL(m.ladderCtx(dv, lp, true)) {
		m.say(lvlInfo, "P&L at price: on")
	} else {
		m.say(lvlInfo, "P&L at price: off")
	}
	m.relayout()
}

package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/ui/board"
	"ladder/ui/text"
)

// The event board's root side: opening it on the market list's event,
// its context, and order entry on a row. A row's order goes through the
// ladder's one entry path (submit: the entry blocks, the desk's checks,
// the confirmation): the board only chooses the price, the row's best bid
// or ask from the feed's ticker, and builds the request as the ladder's
// key at that price would, in YES terms.

// openBoard shows the event of the market list's selection.
func (m *Model) openBoard() {
	mk := m.markets.Selected()
	if mk == nil {
		m.say(lvlWarn, "choose a market of the event first")
		return
	}
	ev := m.eventOf(mk.EventTicker)
	if ev == nil {
		m.say(lvlBad, "event "+mk.EventTicker+" is not in the market list")
		return
	}
	m.board.SetEvent(*ev, mk.Ticker)
	m.openFull(fullBoard)
}

// eventOf finds an event of the catalogue.
func (m *Model) eventOf(ticker string) *model.Event {
	for _, ev := range m.markets.Events() {
		if ev.EventTicker == ticker {
			return &ev
		}
	}
	return nil
}

// refreshBoard follows a catalogue reload.
func (m *Model) refreshBoard() {
	if m.full != fullBoard {
		return
	}
	if ev := m.eventOf(m.board.Event().EventTicker); ev != nil {
		m.board.SetEvent(*ev, "")
	}
}

// boardCtx is what the board draws from the root.
func (m *Model) boardCtx() board.Ctx {
	dv := m.view()
	cx := board.Ctx{
		Styles: m.st, Quote: m.quoteOf, Prices: m.priceFormatFor, Fee: model.DefaultTakerFee, Qty: m.qty,
		Stale: m.opts.Feed != nil && !quotesCurrent(m.health.State),
		Mine: func(ticker string) board.Mine {
			mine := board.Mine{Pos: dv.Position(ticker).Size}
			for _, o := range dv.WorkingIn(ticker) {
				mine.Orders++
				if o.Side == model.Ask {
					mine.Asks += o.Remaining
				} else {
					mine.Bids += o.Remaining
				}
			}
			return mine
		},
	}
	if m.subaccountsInUse() {
		cx.Subaccount = subaccountWord(m.sub)
	}
	return cx
}

// quoteOf is a market's quote: the feed's ticker, else the catalogue's
// figures from its load. The last price and volume fall back to the
// catalogue's until the market trades (a ticker before any trade carries
// none).
func (m *Model) quoteOf(ticker string) (board.Quote, bool) {
	mk := m.markets.Find(ticker)
	var q board.Quote
	if mk != nil {
		q = board.Quote{Bid: mk.YesBid, Ask: mk.YesAsk, BidSize: mk.YesBidSize, AskSize: mk.YesAskSize,
			Last: mk.LastPrice, Volume: mk.Volume}
	}
	t, ok := m.tickers[ticker]
	if !ok {
		return q, mk != nil
	}
	q.Bid, q.Ask, q.BidSize, q.AskSize = t.YesBid, t.YesAsk, t.YesBidSize, t.YesAskSize
	if t.Price.InOpenRange() {
		q.Last = t.Price
	}
	if t.Volume > 0 {
		q.Volume = t.Volume
	}
	return q, true
}

// boardKey handles the board's keys.
func (m *Model) boardKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys.Board
	if m.board.HandleKey(msg) {
		return nil, true
	}
	ticker := m.board.Selected()
	switch {
	case key.Matches(msg, k.Close):
		m.closeFull()
	case key.Matches(msg, k.Open):
		if ticker != "" {
			m.closeViews()
			m.openLadder(ticker)
		}
	case key.Matches(msg, k.QtyUp):
		m.stepQuantity(1)
	case key.Matches(msg, k.QtyDown):
		m.stepQuantity(-1)
	case key.Matches(msg, k.Bid):
		return m.boardOrder(ticker, true, false), true
	case key.Matches(msg, k.Ask):
		return m.boardOrder(ticker, false, false), true
	case key.Matches(msg, k.BuyNow):
		return m.boardOrder(ticker, true, true), true
	case key.Matches(msg, k.SellNow):
		return m.boardOrder(ticker, false, true), true
	case key.Matches(msg, k.CancelAll):
		if em := m.entryMarketFor(ticker); em != nil {
			return m.cancelMarket(em), true
		}
	default:
		return nil, false
	}
	return nil, true
}

// boardOrder enters an order on a row. Joining (take false): a bid at the
// row's best bid or an offer at its best ask, good till cancelled, as the
// ladder's bid and ask keys with the cursor there. Taking: an
// immediate-or-cancel at the best ask (buy) or bid (sell), as the ladder's
// buy-now and sell-now keys; with the market's ladder open, exactly those
// keys, on its book.
func (m *Model) boardOrder(ticker string, buy, take bool) tea.Cmd {
	if ticker == "" {
		return nil
	}
	if lp := m.ladderFor(ticker); lp != nil && take {
		return m.takeBest(lp, buy)
	}
	bm := m.boardMarket(ticker)
	if bm == nil {
		m.say(lvlBad, "unknown market "+ticker)
		return nil
	}
	q, _ := m.quoteOf(ticker)
	// Joining buys at the bid and sells at the ask; taking the reverse.
	p, what := q.Bid, "no bid to join"
	switch {
	case buy && take:
		p, what = q.Ask, "nothing offered to buy from"
	case !buy && take:
		p, what = q.Bid, "no bid to sell to"
	case !buy:
		p, what = q.Ask, "no offer to join"
	}
	if !p.InOpenRange() {
		m.say(lvlWarn, "not sent: "+what+" in "+text.ShortTicker(ticker))
		return nil
	}
	tif := model.GTC
	if take {
		tif = model.IOC
	}
	return m.submit(intent{kind: intentPlace, req: m.orderFor(bm, buy, p, tif), take: take})
}

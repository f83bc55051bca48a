package ui

import (
	"ladder/model"
	"ladder/ui/text"
)

// entryMarket is what the one entry path (entry.go) needs of the market
// an order goes to: its open ladder (*ladder.Pane), or, for a row of the
// event board with no ladder open, the catalogue's market and the feed's
// quote (boardMarket). Both go through the same blocks, checks and
// confirmations.
type entryMarket interface {
	Ticker() string
	Market() model.Market
	Grid() *model.Grid
	Terms() model.Terms
	PriceFormat() text.PriceFormat
	Stale() (bool, string)
	HasBook() bool
	Book() *model.OrderBook
	InTerms(yes model.Price) model.Price
	Yes(p model.Price) model.Price
}

// entryMarketFor is the market an order in ticker is checked against: its
// ladder when one is open (its book makes the marketable and far checks),
// else the board's view of it; nil for a market not in the catalogue.
func (m *Model) entryMarketFor(ticker string) entryMarket {
	if lp := m.ladderFor(ticker); lp != nil {
		return lp
	}
	if bm := m.boardMarket(ticker); bm != nil {
		return bm
	}
	return nil
}

// boardMarket is a market of the catalogue seen from the event board: YES
// terms, its grid, and no book (books are subscribed for open ladders
// only), so the checks that need one (marketable, far from the market)
// do not run; the price comes from the ticker feed's best bid or ask,
// which is current whenever the feed is, and entry is blocked when not.
type boardMarket struct {
	mk    model.Market
	grid  *model.Grid
	pf    text.PriceFormat
	stale string // why the quotes are not current; "" when they are
}

// boardMarket builds the board's view of a market (nil: unknown market or
// an unusable grid).
func (m *Model) boardMarket(ticker string) *boardMarket {
	mk := m.markets.Find(ticker)
	if mk == nil {
		return nil
	}
	g, err := mk.Grid()
	if err != nil {
		return nil
	}
	bm := &boardMarket{mk: *mk, grid: g, pf: m.priceFormatFor(ticker)}
	if m.opts.Feed != nil && !quotesCurrent(m.health.State) {
		bm.stale = "feed " + m.health.State.String() + ", quotes not current"
	}
	return bm
}

func (b *boardMarket) Ticker() string                { return b.mk.Ticker }
func (b *boardMarket) Market() model.Market          { return b.mk }
func (b *boardMarket) Grid() *model.Grid             { return b.grid }
func (b *boardMarket) Terms() model.Terms            { return model.YesTerms }
func (b *boardMarket) PriceFormat() text.PriceFormat { return b.pf }
func (b *boardMarket) Stale() (bool, string)         { return b.stale != "", b.stale }
func (b *boardMarket) HasBook() bool                 { return false }
func (b *boardMarket) Book() *model.OrderBook        { return nil }
func (b *boardMarket) InTerms(yes model.Price) model.Price {
	return yes
}
func (b *boardMarket) Yes(p model.Price) model.Price { return p }

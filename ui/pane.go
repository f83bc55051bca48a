package ui

import (
	"time"

	"charm.land/bubbles/v2/help"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/account"
	"ladder/ui/accountview"
	"ladder/ui/board"
	"ladder/ui/chart"
	"ladder/ui/fills"
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"ladder/ui/markets"
	"ladder/ui/orders"
	"ladder/ui/status"
	"ladder/ui/tape"
	"ladder/ui/text"
)

// Pane is the one contract every pane keeps with the root model (after
// soft-serve's common.Component): it is told its size, draws itself from a
// context struct of its own into exactly that many cells, and lists the
// keys it contributes to the help (help.KeyMap). A pane is a plain struct in
// a package of its own (ui/ladder, ui/markets, ...), never a tea.Model and
// never handed the root model: the root owns focus, routing and layout, and
// gathers each pane's context once per frame (below).
//
// A new pane is a new package with a Pane type that satisfies this, a
// rectangle in ui/layout, a context builder here and a field on Model.
type Pane[C any] interface {
	SetSize(w, h int)
	View(ctx C) []string
	help.KeyMap
}

// Every pane keeps the contract.
var (
	_ Pane[ladder.Ctx]  = (*ladder.Pane)(nil)
	_ Pane[markets.Ctx] = (*markets.Pane)(nil)
	_ Pane[orders.Ctx]  = (*orders.Pane)(nil)
	_ Pane[fills.Ctx]   = (*fills.Pane)(nil)
	_ Pane[tape.Ctx]    = (*tape.Pane)(nil)
	_ Pane[account.Ctx] = (*account.Pane)(nil)
	// The full-screen views (views.go) keep it too.
	_ Pane[board.Ctx]       = (*board.Pane)(nil)
	_ Pane[chart.Ctx]       = (*chart.Pane)(nil)
	_ Pane[accountview.Ctx] = (*accountview.Pane)(nil)
)

// focusedHelp is the focused pane's help: its keys for the message line
// and the help overlay.
func (m *Model) focusedHelp() help.KeyMap {
	if h := m.fullHelp(); h != nil {
		return h
	}
	switch m.focus {
	case layout.FocusLadder:
		if lp := m.activeLadder(); lp != nil {
			return lp
		}
	case layout.FocusOrders:
		return m.orders
	case layout.FocusFills:
		return m.fills
	}
	return m.markets
}

// ladderCtx gathers what a ladder draws from the root.
func (m *Model) ladderCtx(dv *desk.View, lp *ladder.Pane, active bool) ladder.Ctx {
	cx := ladder.Ctx{
		Styles: m.st, Now: m.now, Loc: m.opts.Location,
		Focused: active && m.focus == layout.FocusLadder,
		Active:  active,
		Mine:    dv.Mine(lp.Ticker()),
		Pos:     dv.Position(lp.Ticker()).Position,
		Qty:     m.qty,
		Blocked: blockedShort(m, lp),
		Queue:   m.queuesFor(lp.Ticker()),
	}
	cx.Stale, _ = lp.Stale()
	if m.flash.on(m.now) && m.flash.ticker == lp.Ticker() {
		cx.Flash, cx.FlashAt = true, m.flash.price
	}
	if active && m.moving != "" {
		if o, ok := dv.Order(m.moving); ok {
			cx.Moving = &o
		}
	}
	return cx
}

// blockedShort is the ladder header's few words on why entry is blocked.
func blockedShort(m *Model, lp *ladder.Pane) string {
	short, _, _ := m.blockReason(lp)
	return short
}

// marketsCtx is what the markets pane needs to draw itself.
func (m *Model) marketsCtx() markets.Ctx {
	return markets.Ctx{
		Styles: m.st, Loc: m.opts.Location, Zone: text.Zone(m.now, m.opts.Location),
		Focused: m.focus == layout.FocusMarkets, Tickers: m.tickers, Open: m.openSet(),
		Stale: m.opts.Feed != nil && !quotesCurrent(m.health.State),
	}
}

// openSet is the set of markets with an open ladder.
func (m *Model) openSet() map[string]bool {
	s := make(map[string]bool, len(m.ladders))
	for _, lp := range m.ladders {
		s[lp.Ticker()] = true
	}
	return s
}

// quotesCurrent reports whether the feed in this state keeps quotes
// current: connected and answering (stale books are dimmed by their
// ladders; a replay's quotes are its recording's).
func quotesCurrent(s stream.State) bool {
	return s == stream.Live || s == stream.Resyncing || s == stream.Replaying
}

// ordersCtx is what the orders pane needs to draw itself.
func (m *Model) ordersCtx(dv *desk.View) orders.Ctx {
	return orders.Ctx{Styles: m.st, Now: m.now, Focused: m.focus == layout.FocusOrders, List: orderList(dv), Prices: m.priceFormatFor,
		Tickers: m.names, Queue: m.queueOf}
}

// fillsCtx is what the fills pane needs to draw itself.
func (m *Model) fillsCtx(dv *desk.View) fills.Ctx {
	return fills.Ctx{Styles: m.st, Loc: m.opts.Location, Fills: dv.Fills, Prices: m.priceFormatFor, Tickers: m.names,
		Focused: m.focus == layout.FocusFills, Flash: m.flash.on(m.now)}
}

// tapeCtx is what the tape needs to draw itself.
func (m *Model) tapeCtx() tape.Ctx {
	active := ""
	if lp := m.activeLadder(); lp != nil {
		active = lp.Ticker()
	}
	return tape.Ctx{Styles: m.st, Loc: m.opts.Location, Trades: m.trades, Active: active, Prices: m.priceFormatFor, Tickers: m.names}
}

// accountCtx is what the account pane needs to draw itself.
func (m *Model) accountCtx(dv *desk.View) account.Ctx {
	cx := account.Ctx{
		Tickers: m.names,
		Styles:  m.st, Balance: m.balance, HaveBalance: m.haveBal,
		Positions: dv.Positions, Mark: m.markFor, Prices: m.priceFormatFor,
	}
	if lim := m.desk.Limits().MaxDailyLoss; lim > 0 {
		cx.Day, _ = m.desk.SessionPnL()
		cx.DayLimit = lim
	}
	return cx
}

// statusCtx gathers the status bar's inputs.
func (m *Model) statusCtx() status.Ctx {
	pending := time.Duration(0)
	if m.health.PrivatePending > 0 && !m.health.PrivateOldest.IsZero() {
		pending = max(m.now.Sub(m.health.PrivateOldest), 0)
	}
	pub, priv := m.lag.figures(m.now, pending)
	if m.health.State == stream.Replaying {
		pub, priv = 0, 0 // a recording is behind by design; its clock is shown instead
	}
	return status.Ctx{
		PubLag: pub, PrivLag: priv,
		Styles: m.st, Now: m.now, Env: m.opts.Env, ReadOnly: m.opts.ReadOnly, Locked: m.desk.View().Lock.Locked(),
		HasFeed: m.opts.Feed != nil, Health: m.health, LastMsgAt: m.lastMsgAt,
		HaveBudget: m.haveBudg, Budget: m.budget, Coalesced: m.coalesced,
		ReadOnlyWord: m.readOnlyWord(), Watchers: m.watchers(), HasWatchers: m.opts.Watchers != nil,
		Subaccount: m.statusSubaccount(),
		Replay:     m.replay, IsReplay: m.opts.Replay != nil, Loc: m.opts.Location,
	}
}

// markFor values a position: the mid of its book, else the ticker's mid or
// last price, else the catalogue's (as of its load; a position in a quiet
// market may see no ticker message for a long time).
func (m *Model) markFor(ticker string) (model.Price, bool) {
	if lp := m.ladderFor(ticker); lp != nil {
		if p, ok := lp.Mark(); ok {
			return p, true
		}
	}
	if t, ok := m.tickers[ticker]; ok {
		if p, ok := quoteMark(t.YesBid, t.YesAsk, t.Price); ok {
			return p, true
		}
	}
	if mk := m.markets.Find(ticker); mk != nil {
		return quoteMark(mk.YesBid, mk.YesAsk, mk.LastPrice)
	}
	return 0, false
}

// quoteMark is the mid of a two-sided quote, else the last price.
func quoteMark(bid, ask, last model.Price) (model.Price, bool) {
	if bid.InOpenRange() && ask.InOpenRange() {
		return (bid + ask) / 2, true
	}
	if last.InOpenRange() {
		return last, true
	}
	return 0, false
}

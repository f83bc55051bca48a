package ui

import (
	"errors"
	"slices"

	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/model"
	"ladder/stream"
	"ladder/ui/status"
)

// Update applies one message. It never blocks and never does I/O.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	m.now = m.opts.Now()
	m.sentOrder = false
	cmd := m.route(msg)
	m.fitLadders()
	// Whatever the message, the desk may have changed under it (the feed
	// bridge applies events before the dashboard hears of them; another
	// dashboard may share the desk): act on what it learned.
	return tea.Batch(cmd, m.afterDesk())
}

// route applies one message.
func (m *Model) route(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.KeyPressMsg:
		cmd := m.handleKey(msg)
		return tea.Batch(cmd, m.syncSubscriptions())
	case tea.PasteMsg:
		cmd := m.handlePaste(msg)
		return tea.Batch(cmd, m.syncSubscriptions())
	case tea.MouseClickMsg:
		cmd := m.onClick(msg.Mouse())
		return tea.Batch(cmd, m.syncSubscriptions())
	case tea.MouseWheelMsg:
		m.onWheel(msg.Mouse())
		return m.syncSubscriptions()
	case tea.BackgroundColorMsg:
		m.onBackground(msg)
	case tickMsg:
		m.onTick()
		m.onReplayTick()
		return tea.Batch(m.tick(), m.refreshQueues())
	case replayTickMsg:
		m.onReplayTick()
		return nil
	case flashEndMsg:
		return nil // the redraw ends the flash
	case BooksMsg:
		m.onBooks(msg)
		m.estimateQueues()
	case queuePositionsMsg:
		m.onQueues(msg)
	case FeedEventMsg:
		m.lag.private(msg.At, m.now)
		return m.onFeedEvent(msg.Event)
	case FeedBatchMsg:
		cmds := make([]tea.Cmd, 0, len(msg))
		for _, ev := range msg {
			m.lag.private(ev.At, m.now)
			cmds = append(cmds, m.onFeedEvent(ev.Event))
		}
		return tea.Batch(cmds...)
	case marketsLoadedMsg:
		return tea.Batch(m.onMarkets(msg), m.marketsReloaded())
	case marketsReloadDueMsg:
		return m.onMarketsReloadDue()
	case ordersLoadedMsg:
		return m.onOrdersLoaded(msg)
	case fillsLoadedMsg:
		m.onFillsLoaded(msg)
	case groupMsg:
		return m.onGroup(msg)
	case settlementsMsg:
		return m.onSettlements(msg)
	case settlementRetryMsg:
		return m.lookUpSettlement(msg.ticker, msg.n)
	case balanceMsg:
		return m.onBalance(msg)
	case balanceDueMsg:
		return m.onBalanceDue()
	case orderPlacedMsg:
		return m.onPlaced(msg)
	case orderCanceledMsg:
		return m.onCanceled(msg)
	case batchCanceledMsg:
		return m.onBatchCanceled(msg)
	case amendedMsg:
		return m.onAmended(msg)
	case favouritesSavedMsg:
		if msg.err != nil {
			m.say(lvlWarn, "favourites not saved: "+msg.err.Error())
		}
	case reconcileMsg:
		if m.opts.Trader != nil && m.desk.UnknownIn(msg.ticker) != "" {
			return loadOrders(m.ctx, m.opts.Trader, msg.ticker)
		}
	case candlesMsg:
		m.onCandles(msg)
	case accountLoadedMsg:
		m.onAccountLoaded(msg)
	case subPositionsMsg:
		m.onSubPositions(msg)
	case dialogArmMsg:
		// Nothing to change: the re-render shows the dialog armed.
	case quitNowMsg:
		return tea.Quit
	}
	return nil
}

// onTick refreshes the limiter snapshot for the status bar.
func (m *Model) onTick() {
	if m.opts.Budget != nil {
		m.budget, m.haveBudg = m.opts.Budget(), true
	}
	if m.opts.OnStatus != nil {
		cx := m.statusCtx()
		m.opts.OnStatus(StatusReport{At: m.now, State: cx.Health.State, PubLag: cx.PubLag, PrivLag: cx.PrivLag,
			Live: status.ClaimsLive(cx.Health.State, cx.PubLag, cx.PrivLag)})
	}
}

// onBooks takes the bridge's coalesced frame.
func (m *Model) onBooks(msg BooksMsg) {
	m.books = msg.Books
	m.lag.public(msg.Health.ReadLag, msg.CopiedAt, m.now)
	m.onTrades(msg.Trades, msg.TradesSkipped)
	m.extendChart(msg.Trades, msg.Tickers)
	// Tickers are merged, never replaced: a market that left the
	// subscription (filtered out, scrolled away) keeps its last quote
	// instead of falling back to the catalogue's start-up prices.
	for t, v := range msg.Tickers {
		m.tickers[t] = v
	}
	m.setHealth(msg.Health)
	m.coalesced += msg.Coalesced
	for _, lp := range m.ladders {
		if v, ok := m.books[lp.Ticker()]; ok {
			lp.SetBook(v)
			if m.opts.AutoRecenter {
				lp.FollowMarket(m.now)
			}
		}
	}
	// Open positions are valued at the marks the dashboard shows; the
	// desk's daily loss limit watches them.
	for _, p := range m.desk.View().Positions {
		if p.Size == 0 {
			break // open positions come first
		}
		if mark, ok := m.markFor(p.Ticker); ok {
			m.desk.Mark(p.Ticker, mark)
		}
	}
}

// onTrades puts a frame's public trades (newest first) on the tape.
func (m *Model) onTrades(trades []model.TradeMsg, skipped uint64) {
	m.tapeSkipped += skipped
	if len(trades) == 0 {
		return
	}
	n := min(len(trades), maxTape)
	keep := min(len(m.trades), maxTape-n)
	tape := make([]model.TradeMsg, 0, n+keep)
	tape = append(tape, trades[:n]...)
	m.trades = append(tape, m.trades[:keep]...)
	if len(trades) > n {
		m.tapeSkipped += uint64(len(trades) - n)
	}
}

// setHealth takes a snapshot of the feed's health. The feed measures the
// message age when the snapshot is taken; turning it into the local time of
// the newest exchange timestamp lets the status bar keep the age growing
// between snapshots, which is exactly when it matters: a silent feed sends
// no frames, so no fresh snapshot arrives to say it is stale.
func (m *Model) setHealth(h stream.Health) {
	m.health = h
	if t := m.notice.refused; t != "" && h.Refused[t] == "" {
		// The refusal is over: its message no longer describes anything.
		m.notice = notice{at: m.now}
	}
	if h.MessageAge == 0 {
		return
	}
	at := m.now.Add(-h.MessageAge)
	if h.State == stream.Replaying || at.After(m.lastMsgAt) {
		m.lastMsgAt = at
	}
}

// onMarkets takes the catalogue.
func (m *Model) onMarkets(msg marketsLoadedMsg) tea.Cmd {
	if msg.err != nil {
		if m.markets.HasEvents() {
			// A reload: the list on screen stays; only new markets are missing.
			m.say(lvlWarn, "market list not refreshed: "+errText(msg.err))
			return nil
		}
		why := "markets: " + errText(msg.err)
		m.markets.SetError(why)
		m.say(lvlBad, why)
		return nil
	}
	m.markets.SetEvents(msg.events)
	m.refreshBoard()
	for _, lp := range m.ladders {
		if mk := m.markets.Find(lp.Ticker()); mk != nil {
			lp.SetMarket(*mk)
		}
	}
	m.refreshNames()
	return m.syncSubscriptions()
}

// termsFor is the terms of the market's ladder (YES when none is open).
func (m *Model) termsFor(ticker string) model.Terms {
	if lp := m.ladderFor(ticker); lp != nil {
		return lp.Terms()
	}
	return model.YesTerms
}

// maxTickerSubs is the largest market list whose every market gets ticker
// updates; a larger list subscribes to the rows in view only (their last
// quotes are kept when they scroll away).
const maxTickerSubs = 500

// syncSubscriptions tells the feed which books and tickers are in view
// when that changed. It calls the feed directly, from Update: SetMarkets
// never blocks, and a command per change would run on a goroutine of its
// own, so two quick changes could land in the wrong order.
func (m *Model) syncSubscriptions() tea.Cmd {
	if m.opts.Feed == nil {
		return nil
	}
	books := make([]string, 0, len(m.ladders))
	for _, lp := range m.ladders {
		books = append(books, lp.Ticker())
	}
	tickers := slices.Clone(books)
	if all := m.markets.AllTickers(); len(all) <= maxTickerSubs {
		// Every market of the list, shown or not, so the quotes of rows
		// hidden by a filter are current when it is cleared.
		tickers = append(tickers, all...)
	} else {
		tickers = append(tickers, m.markets.VisibleTickers()...)
	}
	tickers = append(tickers, m.markets.Favourites()...)
	// Open positions are valued at their market's price wherever they are.
	tickers = append(tickers, m.desk.View().OpenTickers()...)
	slices.Sort(tickers)
	tickers = slices.Compact(tickers)
	if slices.Equal(books, m.subBooks) && slices.Equal(tickers, m.subTickers) {
		return nil
	}
	m.subBooks, m.subTickers = books, tickers
	m.opts.Feed.SetMarkets(slices.Clone(books), slices.Clone(tickers))
	return nil
}

// errText puts an error in words for the message line.
func errText(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		msg := ae.Message
		if ae.Details != "" {
			msg += " (" + ae.Details + ")"
		}
		if ae.Code != "" {
			return ae.Code + ": " + msg
		}
		if msg != "" {
			return msg
		}
	}
	return err.Error()
}

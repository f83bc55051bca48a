package sim

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"ladder/model"
)

// market is one market's static description and live state.
type market struct {
	info  model.Market // static fields; the live ones are filled by snapshot()
	id    string       // market_id on the WebSocket
	grid  *model.Grid
	book  *book
	ev    *eventInfo
	band  band        // where on the event's latent axis this market pays YES
	fair0 model.Price // the fair value at the event's latent centre; bots start here

	lastPrice    model.Price
	lastSize     model.Qty
	volume       model.Qty
	openInterest model.Qty
	dollarVolume model.Money
	updated      time.Time
	lastTicker   model.TickerMsg // last published, to skip no-op updates
	inTouched    bool            // queued in Engine.touched
	candles      candleSeries    // one-minute history for the candlestick endpoints

	// Lifecycle of short-dated markets: close, determine, settle, roll over.
	rolling     bool
	determineAt time.Time
	settleAt    time.Time
	announced   uint8 // lifecycle events already published (lifecycleOnce bits)
}

// eventInfo is an event's static description.
type eventInfo struct {
	model.Event
	tickers []string
	latent  latentModel
	results map[string]bool // YES or not, drawn for the whole event at its first determination
}

// Price grid names as Kalshi reports them in price_level_structure.
const (
	gridLinearCent      = "linear_cent"
	gridDeciCent        = "deci_cent"
	gridTaperedDeciCent = "tapered_deci_cent"
	gridCenterDeciEdge  = "center_deci_edge_centi_cent"
)

// gridRanges returns the price_ranges of a named grid.
func gridRanges(name string) []model.PriceRange {
	switch name {
	case gridDeciCent:
		return model.DeciCentRanges()
	case gridTaperedDeciCent:
		return model.TaperedDeciCentRanges()
	case gridCenterDeciEdge:
		// 0.01¢ within 5¢ of either edge, 0.1¢ in the centre.
		return []model.PriceRange{
			{Start: 0, End: 5 * model.Cent, Step: 1},
			{Start: 5 * model.Cent, End: 95 * model.Cent, Step: 10},
			{Start: 95 * model.Cent, End: model.OneDollar, Step: 1},
		}
	}
	return model.LinearCentRanges()
}

// Rolling short-dated market timing: a window opens, trades for
// rollingWindow, is determined and settled shortly after it closes, and the
// next window opens at once.
const (
	rollingWindow    = 15 * time.Minute
	rollingDetermine = 30 * time.Second
	rollingSettle    = 60 * time.Second
)

// catalogue holds the exchange's series, events and markets.
type catalogue struct {
	series  []model.Series
	events  []*eventInfo
	markets map[string]*market
	order   []*market // listing order
	grids   map[string]*model.Grid
}

// marketSpec is the compact form each catalogue entry is written in.
type marketSpec struct {
	suffix       string
	title        string
	yesSub       string
	noSub        string
	strikeType   string
	floor, cap   *float64
	band         *band // only for markets without a strike
	rulesPrimary string
}

func f64(v float64) *float64 { return &v }

func ptr(b band) *band { return &b }

// tickerDate formats a date as Kalshi writes it in tickers: 26NOV28.
func tickerDate(t time.Time) string { return strings.ToUpper(t.Format("06Jan02")) }

// tickerMonth formats a month as in KXFED-26DEC.
func tickerMonth(t time.Time) string { return strings.ToUpper(t.Format("06Jan")) }

// buildCatalogue lays out the markets relative to now, so that any start
// time gives a live exchange: everything is deterministic in now.
func buildCatalogue(now time.Time) *catalogue {
	now = now.UTC().Truncate(time.Second)
	c := &catalogue{markets: make(map[string]*market), grids: make(map[string]*model.Grid)}
	c.series = []model.Series{
		{Ticker: "KXFED", Title: "Fed funds rate", Frequency: "custom", Category: "Economics", Categories: []string{"Economics"}, Tags: []string{"Fed", "Interest rates"}},
		{Ticker: "KXHIGHNY", Title: "Highest temperature in NYC today", Frequency: "daily", Category: "Climate and Weather", Categories: []string{"Climate and Weather"}, Tags: []string{"Temperature", "New York"}},
		{Ticker: "KXNBAGAME", Title: "Pro basketball game winner", Frequency: "custom", Category: "Sports", Categories: []string{"Sports"}, Tags: []string{"Basketball", "NBA"}},
		{Ticker: "KXINXU", Title: "S&P 500 range at the close", Frequency: "daily", Category: "Financials", Categories: []string{"Financials"}, Tags: []string{"S&P 500", "Indices"}},
		{Ticker: "KXBTC15M", Title: "Bitcoin up or down in 15 minutes", Frequency: "fifteen_min", Category: "Crypto", Categories: []string{"Crypto"}, Tags: []string{"BTC"}},
	}

	// Fed decision about three weeks out, deci-cent grid.
	fedDay := now.Add(21 * 24 * time.Hour).Truncate(24 * time.Hour).Add(19 * time.Hour)
	fedMonth := fedDay.Format("Jan 2006")
	fed := "KXFED-" + tickerMonth(fedDay)
	var fedSpecs []marketSpec
	for _, s := range []struct {
		strike string
		v      float64
	}{{"3.25", 3.25}, {"3.50", 3.50}, {"3.75", 3.75}, {"4.00", 4.00}, {"4.25", 4.25}} {
		fedSpecs = append(fedSpecs, marketSpec{
			suffix:     "T" + s.strike,
			title:      fmt.Sprintf("Will the upper bound of the federal funds rate be above %s%% following the Fed's %s meeting?", s.strike, fedMonth),
			yesSub:     "Above " + s.strike + "%",
			noSub:      "Above " + s.strike + "%",
			strikeType: "greater", floor: f64(s.v),
			rulesPrimary: fmt.Sprintf("If the upper bound of the federal funds target range is above %s%% immediately after the FOMC announcement of its %s decision, then the market resolves to Yes.", s.strike, fedMonth),
		})
	}
	c.addEvent(model.Event{
		EventTicker: fed, SeriesTicker: "KXFED", Category: "Economics",
		Title: "Fed decision in " + fedMonth, SubTitle: "Upper bound after the " + fedMonth + " meeting",
	}, latentModel{center: 3.83, scale: 0.09}, fedSpecs, gridDeciCent, now.Add(-30*24*time.Hour), fedDay, "The market resolves on the target range published in the FOMC statement. Source: federalreserve.gov.")

	// NYC daily high, brackets on the tapered grid; closes at midnight ET.
	day := now.Truncate(24 * time.Hour)
	if now.Sub(day) > 20*time.Hour {
		day = day.Add(24 * time.Hour)
	}
	dayName := day.Format("Jan 2, 2006")
	high := "KXHIGHNY-" + tickerDate(day)
	highClose := day.Add(24*time.Hour + 4*time.Hour + 59*time.Minute)
	highRules := func(what string) string {
		return "If the highest temperature recorded in Central Park, New York for " + dayName + " is " + what + ", then the market resolves to Yes."
	}
	highSpecs := []marketSpec{
		{suffix: "T45", title: "Will the high temp in NYC be <45° on " + dayName + "?", yesSub: "44° or below", noSub: "44° or below", strikeType: "less", cap: f64(45), rulesPrimary: highRules("less than 45°")},
		{suffix: "B45.5", title: "Will the high temp in NYC be 45-46° on " + dayName + "?", yesSub: "45° to 46°", noSub: "45° to 46°", strikeType: "between", floor: f64(45), cap: f64(46), rulesPrimary: highRules("between 45° and 46°")},
		{suffix: "B47.5", title: "Will the high temp in NYC be 47-48° on " + dayName + "?", yesSub: "47° to 48°", noSub: "47° to 48°", strikeType: "between", floor: f64(47), cap: f64(48), rulesPrimary: highRules("between 47° and 48°")},
		{suffix: "B49.5", title: "Will the high temp in NYC be 49-50° on " + dayName + "?", yesSub: "49° to 50°", noSub: "49° to 50°", strikeType: "between", floor: f64(49), cap: f64(50), rulesPrimary: highRules("between 49° and 50°")},
		{suffix: "B51.5", title: "Will the high temp in NYC be 51-52° on " + dayName + "?", yesSub: "51° to 52°", noSub: "51° to 52°", strikeType: "between", floor: f64(51), cap: f64(52), rulesPrimary: highRules("between 51° and 52°")},
		{suffix: "T52", title: "Will the high temp in NYC be >52° on " + dayName + "?", yesSub: "53° or above", noSub: "53° or above", strikeType: "greater", floor: f64(52), rulesPrimary: highRules("greater than 52°")},
	}
	c.addEvent(model.Event{
		EventTicker: high, SeriesTicker: "KXHIGHNY", Category: "Climate and Weather", MutuallyExclusive: true,
		Title: "Highest temperature in NYC on " + dayName, SubTitle: "On " + dayName,
	}, latentModel{center: 48.3, scale: 1.3}, highSpecs, gridTaperedDeciCent, day.Add(-10*time.Hour), highClose, "Source: the NWS Climatological Report (Daily) for Central Park. Later revisions are not considered.")

	// Tonight's game (linear cent) and tomorrow's, which opens later.
	// The latent value is the away team's winning margin in points.
	game := func(date time.Time, away, awayName, home, homeName string, awayEdge float64, open, closeAt time.Time) {
		ev := "KXNBAGAME-" + tickerDate(date) + away + home
		title := awayName + " at " + homeName + " Winner?"
		rules := func(team string) string {
			return "If " + team + " wins the " + awayName + " at " + homeName + " professional basketball game originally scheduled for " + date.Format("Jan 2, 2006") + ", then the market resolves to Yes."
		}
		c.addEvent(model.Event{
			EventTicker: ev, SeriesTicker: "KXNBAGAME", Category: "Sports", MutuallyExclusive: true,
			Title: title, SubTitle: awayName + " vs " + homeName + " (" + date.Format("Jan 2") + ")",
		}, latentModel{center: awayEdge, scale: 6}, []marketSpec{
			{suffix: away, title: title, yesSub: awayName, noSub: awayName, band: ptr(above(0)), rulesPrimary: rules(awayName)},
			{suffix: home, title: title, yesSub: homeName, noSub: homeName, band: ptr(below(0)), rulesPrimary: rules(homeName)},
		}, gridLinearCent, open, closeAt, "Overtime counts. If the game is postponed beyond two weeks, the market resolves to the last traded price.")
	}
	game(day, "LAL", "Los Angeles L", "BOS", "Boston", -2.9, now.Add(-48*time.Hour), now.Add(5*time.Hour))
	tomorrow := day.Add(24 * time.Hour)
	game(tomorrow, "NYK", "New York", "MIA", "Miami", 1, now.Add(15*time.Minute), now.Add(29*time.Hour))

	// S&P 500 close range on the finest grid.
	inx := "KXINXU-" + tickerDate(day) + "H1600"
	inxRules := func(what string) string {
		return "If the S&P 500 closes " + what + " on " + dayName + ", then the market resolves to Yes."
	}
	inxSpecs := []marketSpec{
		{suffix: "T6750", title: "S&P 500 below 6,750 at the close?", yesSub: "Below 6,750", noSub: "Below 6,750", strikeType: "less", cap: f64(6750), rulesPrimary: inxRules("below 6,750")},
		{suffix: "B6762", title: "S&P 500 between 6,750 and 6,774.99 at the close?", yesSub: "6,750 to 6,774.99", noSub: "6,750 to 6,774.99", strikeType: "between", floor: f64(6750), cap: f64(6774.99), rulesPrimary: inxRules("between 6,750 and 6,774.99")},
		{suffix: "B6787", title: "S&P 500 between 6,775 and 6,799.99 at the close?", yesSub: "6,775 to 6,799.99", noSub: "6,775 to 6,799.99", strikeType: "between", floor: f64(6775), cap: f64(6799.99), rulesPrimary: inxRules("between 6,775 and 6,799.99")},
		{suffix: "B6812", title: "S&P 500 between 6,800 and 6,824.99 at the close?", yesSub: "6,800 to 6,824.99", noSub: "6,800 to 6,824.99", strikeType: "between", floor: f64(6800), cap: f64(6824.99), rulesPrimary: inxRules("between 6,800 and 6,824.99")},
		{suffix: "B6837", title: "S&P 500 between 6,825 and 6,849.99 at the close?", yesSub: "6,825 to 6,849.99", noSub: "6,825 to 6,849.99", strikeType: "between", floor: f64(6825), cap: f64(6849.99), rulesPrimary: inxRules("between 6,825 and 6,849.99")},
		{suffix: "T6850", title: "S&P 500 at or above 6,850 at the close?", yesSub: "6,850 or above", noSub: "6,850 or above", strikeType: "greater", floor: f64(6850), rulesPrimary: inxRules("at or above 6,850")},
	}
	c.addEvent(model.Event{
		EventTicker: inx, SeriesTicker: "KXINXU", Category: "Financials", MutuallyExclusive: true,
		Title: "S&P 500 at the close on " + dayName, SubTitle: "Closing value on " + dayName,
	}, latentModel{center: 6802, scale: 17}, inxSpecs, gridCenterDeciEdge, now.Add(-6*time.Hour), now.Add(6*time.Hour), "Source: the official S&P 500 closing value published by S&P Dow Jones Indices.")

	c.addRolling(now)
	return c
}

// addEvent adds one event and its markets; a market whose open time is in
// the future starts "initialized" and activates on Tick.
func (c *catalogue) addEvent(ev model.Event, latent latentModel, specs []marketSpec, gridName string, open, closeAt time.Time, rulesSecondary string) []*market {
	closeAt = closeAt.UTC()
	ev.StrikeDate = &closeAt
	info := &eventInfo{Event: ev, latent: latent}
	bands := make([]band, len(specs))
	for i, s := range specs {
		bands[i] = specBand(s)
	}
	if ev.MutuallyExclusive {
		closeGaps(bands)
	}
	c.events = append(c.events, info)
	grid := c.grids[gridName]
	if grid == nil {
		grid = model.MustGrid(gridRanges(gridName))
		c.grids[gridName] = grid
	}
	var out []*market
	for i, s := range specs {
		ticker := ev.EventTicker + "-" + s.suffix
		fair := fairPrice(bands[i].prob(latent.center, latent), grid)
		expected := closeAt.Add(time.Hour)
		status := "active"
		if open.After(closeAt) || open.IsZero() {
			open = closeAt
		}
		m := &market{
			id: stableUUID(ticker), grid: grid, ev: info, band: bands[i], fair0: fair,
			info: model.Market{
				Ticker: ticker, EventTicker: ev.EventTicker, MarketType: "binary",
				Title: s.title, YesSubTitle: s.yesSub, NoSubTitle: s.noSub,
				RulesPrimary: s.rulesPrimary, RulesSecondary: rulesSecondary,
				Status: status, CreatedTime: open.Add(-24 * time.Hour).UTC(), UpdatedTime: open.UTC(),
				OpenTime: open.UTC(), CloseTime: closeAt, ExpectedExpirationTime: &expected,
				LatestExpirationTime: closeAt.Add(7 * 24 * time.Hour),
				PreviousPrice:        fair, NotionalValue: model.Dollar,
				StrikeType: s.strikeType, FloorStrike: s.floor, CapStrike: s.cap,
				PriceLevelStructure: gridName, PriceRanges: gridRanges(gridName),
				CanCloseEarly: true,
			},
		}
		m.book = newBook(ticker, grid)
		m.updated = m.info.UpdatedTime
		info.tickers = append(info.tickers, ticker)
		c.markets[ticker] = m
		c.order = append(c.order, m)
		out = append(out, m)
	}
	return out
}

// addRolling opens the next window of the rolling short-dated series.
func (c *catalogue) addRolling(start time.Time) *market {
	start = start.UTC().Truncate(time.Second)
	closeAt := start.Add(rollingWindow)
	ev := "KXBTC15M-" + tickerDate(closeAt) + closeAt.Format("1504")
	window := start.Format("15:04") + "–" + closeAt.Format("15:04 UTC")
	// The latent value is Bitcoin's move over the window, in percent.
	ms := c.addEvent(model.Event{
		EventTicker: ev, SeriesTicker: "KXBTC15M", Category: "Crypto",
		Title: "Bitcoin up or down " + window, SubTitle: window,
	}, latentModel{center: 0, scale: 0.15}, []marketSpec{{
		suffix: "UP", title: "Bitcoin price up " + window + "?", yesSub: "Up", noSub: "Up", band: ptr(above(0)),
		rulesPrimary: "If the CF Benchmarks BRTI at " + closeAt.Format("15:04 UTC") + " is above its value at " + start.Format("15:04 UTC") + ", then the market resolves to Yes.",
	}}, gridLinearCent, start, closeAt, "Source: CF Benchmarks Bitcoin Real Time Index (BRTI), 60-second average.")
	m := ms[0]
	m.rolling = true
	m.info.CanCloseEarly = false
	m.determineAt = closeAt.Add(rollingDetermine)
	m.settleAt = closeAt.Add(rollingSettle)
	exp := m.settleAt
	m.info.ExpectedExpirationTime = &exp
	return m
}

// fixStatuses marks markets whose open time is still ahead as initialized.
func (c *catalogue) fixStatuses(now time.Time) {
	for _, m := range c.order {
		if m.info.OpenTime.After(now) {
			m.info.Status = "initialized"
		}
	}
}

// top returns the best YES bid and ask with their sizes; an empty side
// reads as bid 0 / ask $1, as Kalshi reports it.
func (m *market) top() (bid model.Price, bidSize model.Qty, ask model.Price, askSize model.Qty) {
	ask = model.OneDollar
	if l, ok := m.book.best(model.Yes); ok {
		bid, bidSize = l.Price, l.Qty
	}
	if l, ok := m.book.best(model.No); ok {
		ask, askSize = l.Price.Complement(), l.Qty
	}
	return
}

// mark is the YES price positions are valued at: the last trade, else the
// midpoint, else the catalogue's reference.
func (m *market) mark() model.Price {
	if m.lastPrice > 0 {
		return m.lastPrice
	}
	bid, bs, ask, as := m.top()
	if bs > 0 && as > 0 {
		return (bid + ask) / 2
	}
	return m.fair0
}

// snapshot renders the market object with its live fields.
func (m *market) snapshot() model.Market {
	out := m.info
	if out.ExpectedExpirationTime != nil {
		t := *out.ExpectedExpirationTime
		out.ExpectedExpirationTime = &t
	}
	if out.SettlementValue != nil {
		v := *out.SettlementValue
		out.SettlementValue = &v
	}
	out.PriceRanges = append([]model.PriceRange(nil), m.info.PriceRanges...)
	bid, bidSize, ask, askSize := m.top()
	out.YesBid, out.YesBidSize, out.YesAsk, out.YesAskSize = bid, bidSize, ask, askSize
	out.NoBid, out.NoAsk = ask.Complement(), bid.Complement()
	if askSize == 0 {
		out.NoBid = 0
	}
	out.LastPrice = m.lastPrice
	out.Volume = m.volume
	out.Volume24h = m.volume
	out.OpenInterest = m.openInterest
	out.UpdatedTime = m.updated
	return out
}

// tickerMsg renders the ticker channel payload.
func (m *market) tickerMsg(tsMs int64) model.TickerMsg {
	bid, bidSize, ask, askSize := m.top()
	return model.TickerMsg{
		MarketTicker: m.info.Ticker, MarketID: m.id,
		Price: m.lastPrice, YesBid: bid, YesAsk: ask, YesBidSize: bidSize, YesAskSize: askSize,
		LastTradeSize: m.lastSize, Volume: m.volume, OpenInterest: m.openInterest,
		DollarVolume:       int64(m.dollarVolume / model.Dollar),
		DollarOpenInterest: int64(model.Notional(m.mark(), m.openInterest) / model.Dollar),
		TsMs:               tsMs,
	}
}

// Markets returns every market in catalogue order with live prices.
func (e *Engine) Markets() []model.Market {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]model.Market, 0, len(e.cat.order))
	for _, m := range e.cat.order {
		out = append(out, m.snapshot())
	}
	return out
}

// Market returns one market.
func (e *Engine) Market(ticker string) (model.Market, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.cat.markets[ticker]
	if m == nil {
		return model.Market{}, false
	}
	return m.snapshot(), true
}

// Events returns every event without nested markets; EventMarkets gives
// an event's markets.
func (e *Engine) Events() []model.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]model.Event, 0, len(e.cat.events))
	for _, ev := range e.cat.events {
		cp := ev.Event
		if cp.StrikeDate != nil {
			t := *cp.StrikeDate
			cp.StrikeDate = &t
		}
		out = append(out, cp)
	}
	return out
}

// EventMarkets returns the markets of one event in catalogue order.
func (e *Engine) EventMarkets(eventTicker string) []model.Market {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []model.Market
	for _, ev := range e.cat.events {
		if ev.EventTicker != eventTicker {
			continue
		}
		for _, t := range ev.tickers {
			out = append(out, e.cat.markets[t].snapshot())
		}
	}
	return out
}

// Series returns every series, sorted by ticker.
func (e *Engine) Series() []model.Series {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]model.Series, 0, len(e.cat.series))
	for _, s := range e.cat.series {
		s.Categories = append([]string(nil), s.Categories...)
		s.Tags = append([]string(nil), s.Tags...)
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ticker < out[j].Ticker })
	return out
}

// Orderbook returns the REST orderbook_fp: bids only, ascending, NO levels
// in NO terms, at most depth levels per side (0 = all).
func (e *Engine) Orderbook(ticker string, depth int) (model.OrderbookFP, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.cat.markets[ticker]
	if m == nil {
		return model.OrderbookFP{}, errNotFound("market " + ticker)
	}
	if depth < 0 {
		return model.OrderbookFP{}, apiErr(400, CodeInvalidParameters, "invalid parameters", "depth must be 0 (all) or positive")
	}
	return model.OrderbookFP{Yes: m.book.levels(model.Yes, depth), No: m.book.levels(model.No, depth)}, nil
}

// Snapshot calls fn with the book's current snapshot while holding the
// engine lock, so a subscriber registered inside fn sees exactly the deltas
// that follow it.
func (e *Engine) Snapshot(ticker string, fn func(model.BookSnapshotMsg)) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	m := e.cat.markets[ticker]
	if m == nil {
		return errNotFound("market " + ticker)
	}
	fn(model.BookSnapshotMsg{
		MarketTicker: ticker, MarketID: m.id,
		Yes: m.book.levels(model.Yes, 0), No: m.book.levels(model.No, 0),
	})
	return nil
}

// MarketID returns the market_id the WebSocket payloads carry.
func (e *Engine) MarketID(ticker string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if m := e.cat.markets[ticker]; m != nil {
		return m.id, true
	}
	return "", false
}

package ui

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/limiter"
	"ladder/model"
	"ladder/stream"
	"ladder/themes"
	"ladder/ui/account"
	"ladder/ui/accountview"
	"ladder/ui/board"
	"ladder/ui/chart"
	"ladder/ui/fills"
	"ladder/ui/keys"
	"ladder/ui/ladder"
	"ladder/ui/layout"
	"ladder/ui/markets"
	"ladder/ui/orders"
	"ladder/ui/styles"
	"ladder/ui/tape"
	"ladder/ui/text"
)

// Model is the root of the dashboard. It owns focus, layout and routing;
// the panes are plain structs it sizes and draws. All state changes happen
// in Update; every side effect is a tea.Cmd whose result comes back as a
// typed message tagged with the market or order it belongs to.
type Model struct {
	ctx  context.Context
	opts Options
	keys *keys.KeyMap // read only after New; panes share it
	st   *styles.Styles
	help help.Model

	now    time.Time
	width  int
	height int
	layout layout.Layout
	focus  layout.Focus

	// The panes (pane.go): plain structs the root sizes and draws.
	markets     *markets.Pane
	ladders     []*ladder.Pane
	active      int // index into ladders
	ladderStart int // first visible ladder
	orders      *orders.Pane
	account     *account.Pane
	fills       *fills.Pane
	tape        *tape.Pane

	// desk owns my orders, positions, risk and P&L; the dashboard only
	// asks it and draws (it may be shared with other dashboards).
	desk *desk.Desk
	// noteSeq is the last desk note said; lockEpoch the last desk lock
	// acted on (its queued orders withdrawn).
	noteSeq   uint64
	lockEpoch uint64
	// tally is the multi-order cancel the message line reports, redrawn
	// whenever its counts change (tallyVer).
	tally    desk.TallyID
	tallyVer uint64
	// flattens are closing orders waiting for their market's cancels.
	flattens map[desk.TallyID]model.CreateOrderRequest

	trades []model.TradeMsg // the tape's, newest first
	// tapeSkipped counts public trades that arrived faster than frames
	// could carry them: the tape says so rather than pretend.
	tapeSkipped uint64
	lag         lagMeter // how far the screen is behind the exchange (lag.go)
	balance     model.Balance
	haveBal     bool
	bal         balanceRefresh
	mreload     marketsReload // coalesced market-list reloads (lifecycle.go)
	// noSettlements says the exchange has no settlement records: the
	// desk's payouts rest on the markets' results (said once).
	noSettlements bool
	// feedDownSaid says a "feed down" message was shown and not yet
	// answered by "feed live again".
	feedDownSaid bool
	// reconnectsSeen is the feed's reconnect count last refreshed for
	// (reconnect.go).
	reconnectsSeen int
	resolved       map[string]bool // markets whose result was announced

	books     map[string]stream.BookView
	tickers   map[string]model.TickerMsg
	health    stream.Health
	lastMsgAt time.Time // local time of the feed's newest exchange timestamp
	coalesced int
	budget    limiter.Snapshot
	haveBudg  bool

	qty    model.Qty
	moving string // order id picked up with the move key
	// count is a count typed with the count key for the next take
	// (hands.go), countAt when; 0 when none is pending.
	count   int
	countAt time.Time
	notice  notice
	// hist keeps every notice said (history.go); unread counts those
	// replaced before they could be read, until the history is opened.
	hist   *history
	unread int
	// amendNotice makes the next notice replace the newest in the history
	// (a tally's counts moving) instead of adding to it.
	amendNotice bool
	// names shortens tickers without ambiguity among the markets in view
	// (refreshNames).
	names text.Tickers
	// seen is the desk's view as of the end of the last message: how my
	// orders stood before the feed's latest events (exchangecancel.go).
	seen *desk.View
	// replay is where `ladder replay` stood at the last look (replay.go).
	replay stream.ReplayState
	// flash is my latest fill, flashed on its ladder row and the fills
	// pane's title until it ends (flash.go).
	flash fillFlash

	// entry is the context order-entry commands run under; a lock
	// (kill switch, loss limit, guard) cancels it (entryctx.go). nil until
	// first used.
	entry       context.Context
	entryCancel context.CancelFunc
	// sent remembers each create in flight by client_order_id, so its
	// answer can say it traded as taker or flipped the position.
	sent map[string]sentOrder

	// modals is the overlay stack (modal.go): the top one takes the keys
	// and is drawn over the panes.
	modals    []Modal
	dialogSeq int
	// boxRoom is the width a dialog may take while the overlay places it
	// beside the price column (placement.go); 0 outside that.
	boxRoom int

	subBooks, subTickers []string // last SetMarkets call

	quitting  bool
	quitWaits int // batch cancels to answer before quitting

	// autoTheme says no theme was chosen: the terminal's background
	// picks dark or light (theme.go) until the user picks one.
	autoTheme bool

	// after schedules msg after d; tests replace it to run timers by hand.
	after func(d time.Duration, msg tea.Msg) tea.Cmd

	// The full-screen views (views.go) and what they show.
	full        fullView
	fullBack    fullView // the view to go back to
	board       *board.Pane
	chart       *chart.Pane
	acct        *accountview.Pane
	chartTicker string
	chartSeries *chart.Series // nil while loading
	chartErr    string
	acctData    accountData
	// sub is the subaccount this dashboard trades on; subs the account's
	// subaccounts as last listed (subaccount.go).
	sub  int
	subs []model.SubaccountBalance

	// ladderMax is the useful ladder width the layout was computed with.
	ladderMax int

	// queue is my resting orders' places in their queues (queue.go).
	queue queueTracker

	// sentOrder says the last Update returned an order action's command
	// (create, amend, cancel): View lets it start before drawing (draw.go).
	sentOrder bool
}

// New builds the dashboard. It does no I/O; Init starts the loads.
func New(opts Options) Model {
	opts = opts.withDefaults()
	// No theme chosen: dark until the terminal says its background is light.
	autoTheme := opts.Theme.Name == "" && !opts.NoColor
	if autoTheme {
		opts.Theme = themes.Default(false)
	}
	if opts.NoColor && !opts.Theme.Mono {
		opts.Theme = themes.Default(true)
	}
	st := styles.New(opts.Theme)
	km := opts.KeyMap
	m := Model{
		ctx:       context.Background(),
		opts:      opts,
		keys:      &km,
		st:        &st,
		help:      help.New(),
		now:       opts.Now(),
		focus:     layout.FocusMarkets,
		markets:   markets.New(opts.Favourites, &km),
		orders:    orders.New(&km),
		account:   &account.Pane{},
		fills:     fills.New(&km),
		tape:      &tape.Pane{},
		desk:      opts.Desk,
		flattens:  map[desk.TallyID]model.CreateOrderRequest{},
		books:     map[string]stream.BookView{},
		tickers:   map[string]model.TickerMsg{},
		sent:      map[string]sentOrder{},
		resolved:  map[string]bool{},
		hist:      &history{},
		qty:       opts.DefaultQty,
		autoTheme: autoTheme,
		board:     board.New(&km),
		chart:     chart.New(&km),
		acct:      accountview.New(&km),
		sub:       opts.Subaccount,
		after: func(d time.Duration, msg tea.Msg) tea.Cmd {
			return tea.Tick(d, func(time.Time) tea.Msg { return msg })
		},
	}
	m.help.Styles = st.Help
	m.notice = notice{text: "choose a market and press " + keys.Label(m.keys.Markets.Open) + " to open its ladder",
		hint: keys.Label(m.keys.Global.Help) + " shows every key", at: m.now}
	if notices := opts.Notices; len(notices) > 0 {
		for _, n := range notices {
			opts.Logger.Warn("start-up notice", "notice", n)
		}
		joined := strings.Join(notices, " · ")
		if len(notices) > 1 {
			joined = text.Itoa(len(notices)) + " notices (" + keys.Label(m.keys.Global.History) + " lists them): " + joined
		}
		m.notice = notice{text: joined, lvl: lvlWarn, at: m.now}
		// Each notice is kept whole in the history, where the message line
		// cannot cut it.
		for _, n := range notices {
			m.hist.add(notice{text: n, lvl: lvlWarn, at: m.now})
		}
	}
	if m.opts.Markets == nil {
		m.markets.SetLoading(false)
	}
	if m.opts.Budget != nil {
		m.budget, m.haveBudg = m.opts.Budget(), true
	}
	if m.opts.Trader != nil {
		m.bal.busy = true // Init sends it
	}
	// Notes and locks from before this dashboard opened are not news.
	_, m.noteSeq = m.desk.Notes(^uint64(0))
	m.lockEpoch = m.desk.Lock().Epoch
	m.resize(80, 24)
	return m
}

// nonEmpty drops blank strings.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// withContext binds the commands' context (Run passes its own).
func (m Model) withContext(ctx context.Context) Model {
	m.ctx = ctx
	m.endEntryGeneration() // the next one derives from ctx
	return m
}

// Init starts the status tick and the start-up loads: the markets, the
// balance, the fill history and the session's order group. My resting
// orders and positions come from the feed's reconciliation on connect,
// in order with its events, straight into the desk.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.tick()}
	if m.autoTheme {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.opts.Markets != nil {
		cmds = append(cmds, loadMarkets(m.ctx, m.opts.Markets))
	}
	if m.opts.Trader != nil {
		cmds = append(cmds,
			loadFills(m.ctx, m.opts.Trader),
			loadBalance(m.ctx, m.opts.Trader),
			m.createGroup())
	}
	// The subaccounts, so the status bar and the kill switch can name the
	// one traded on; its positions when it is not the primary.
	cmds = append(cmds, m.loadSubaccounts(), m.loadSubPositions(m.sub))
	return tea.Batch(cmds...)
}

// tick schedules the next status refresh.
func (m *Model) tick() tea.Cmd {
	return m.after(statusTick, tickMsg{})
}

// level is a notice's severity.
type level int

const (
	lvlInfo level = iota
	lvlGood
	lvlWarn
	lvlBad
)

// notice is the message line: the last thing worth telling the user. The
// hint (which key does what next) is the first thing a narrow line drops.
type notice struct {
	text string
	hint string
	lvl  level
	at   time.Time
	// fill marks my fill: it counts as unread until the history is
	// opened, however long it was on the line.
	fill bool
	// refused names the market of an "exchange refused this market"
	// notice: it is cleared once the feed no longer holds the refusal (the
	// market left the view, or the exchange accepted it).
	refused string
}

// say sets the message line and logs it.
func (m *Model) say(lvl level, msg string) { m.sayHint(lvl, msg, "") }

// sayHint sets the message line with a hint that goes when room is short.
func (m *Model) sayHint(lvl level, msg, hint string) {
	n := notice{text: msg, hint: hint, lvl: lvl, at: m.now}
	m.remember(n, m.amendNotice)
	m.amendNotice = false
	m.notice = n
	m.tally = 0 // a tally on show gives way (sayTally sets it again)
	logged := msg
	if hint != "" {
		logged += " · " + hint
	}
	switch lvl {
	case lvlBad:
		m.opts.Logger.Warn(logged)
	default:
		m.opts.Logger.Info(logged)
	}
}

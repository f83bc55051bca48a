package ui

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"ladder/desk"
	"ladder/model"
	"ladder/stream"
)

// View renders the whole screen. It only reads state.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.WindowTitle = "ladder — " + m.opts.Env
	return v
}

// block is a rendered pane placed at a rectangle.
type block struct {
	r     Rect
	lines []string
}

// Render draws the screen as a string of exactly height lines of width
// cells (exported for tests and benchmarks).
func (m *Model) Render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	l := m.layout
	if l.TooSmall {
		return m.tooSmall()
	}
	dv := m.desk.View() // one snapshot for the whole frame
	var blocks []block
	add := func(r Rect, lines []string) {
		if r.Visible() && lines != nil {
			blocks = append(blocks, block{r, lines})
		}
	}
	if l.Markets.Visible() {
		add(l.Markets, m.markets.View(m.marketsCtx()))
	}
	vis := m.visibleLadders()
	for slot, i := range vis {
		lp := m.ladders[i]
		cx := m.ladderCtx(dv, lp, i == m.active)
		// Open ladders without a slot are counted at the window's edges.
		if slot == 0 {
			cx.hiddenLeft = vis[0]
		}
		if slot == len(vis)-1 {
			cx.hiddenRight = len(m.ladders) - 1 - i
		}
		add(l.Ladders[slot], lp.View(cx))
	}
	if len(vis) == 0 && len(l.Ladders) > 0 {
		add(l.Ladders[0], m.st.frame(l.Ladders[0], m.st.Title.n.s("Ladder"), "", []string{
			"", m.st.Subtle.n.s(" open a market with " + bindingKey(m.keys.Markets.Open)),
		}, false, false))
	}
	if l.Account.Visible() {
		cx := accountCtx{
			st: m.st, balance: m.balance, haveBalance: m.haveBal,
			positions: dv.Positions, mark: m.markFor, prices: m.priceFormatFor,
		}
		if lim := m.desk.Limits().MaxDailyLoss; lim > 0 {
			cx.day, _ = m.desk.SessionPnL()
			cx.dayLimit = lim
		}
		add(l.Account, m.account.View(cx))
	}
	if l.Orders.Visible() {
		add(l.Orders, m.ordersUI.View(m.ordersCtx(dv)))
	}
	if l.Fills.Visible() {
		add(l.Fills, m.fillsUI.View(fillsCtx{st: m.st, loc: m.opts.Location, fills: dv.Fills, prices: m.priceFormatFor,
			focused: m.focus == FocusFills}))
	}
	if l.Tape.Visible() {
		active := ""
		if lp := m.activeLadder(); lp != nil {
			active = lp.ticker
		}
		add(l.Tape, m.tapeUI.View(m.st, m.opts.Location, m.tape, active, m.priceFormatFor))
	}
	screen := compose(blocks, l.Width, l.Height-2)
	screen = append(screen, m.messageLine(l.Message.W), statusBar(m.statusCtx(), l.Status.W))

	switch {
	case m.dialog != nil:
		m.overlay(screen, m.dialogView(m.dialog))
	case m.ticket != nil:
		m.overlay(screen, m.ticketView(m.ticket))
	case m.showHelp:
		m.overlay(screen, m.helpView())
	}
	return strings.Join(screen, "\n")
}

// compose builds h screen lines of width w from blocks that tile the area;
// uncovered cells are blank.
func compose(blocks []block, w, h int) []string {
	slices.SortFunc(blocks, func(a, b block) int { return a.r.X - b.r.X })
	out := make([]string, h)
	var sb strings.Builder
	for y := range h {
		sb.Reset()
		x := 0
		for _, b := range blocks {
			if y < b.r.Y || y >= b.r.Y+b.r.H {
				continue
			}
			if b.r.X > x {
				sb.WriteString(spaces(b.r.X - x))
			}
			if i := y - b.r.Y; i < len(b.lines) {
				sb.WriteString(b.lines[i])
			} else {
				sb.WriteString(spaces(b.r.W))
			}
			x = b.r.X + b.r.W
		}
		if x < w {
			sb.WriteString(spaces(w - x))
		}
		out[y] = sb.String()
	}
	return out
}

// overlay centres a modal box over the screen.
func (m *Model) overlay(screen, box []string) {
	if len(box) == 0 {
		return
	}
	bw := width(stripped(box[0]))
	x := max((m.width-bw)/2, 0)
	y := max((m.height-2-len(box))/2, 0)
	placeBlock(screen, box, x, y, m.width)
}

// openSet is the set of markets with an open ladder.
func (m *Model) openSet() map[string]bool {
	s := make(map[string]bool, len(m.ladders))
	for _, lp := range m.ladders {
		s[lp.ticker] = true
	}
	return s
}

// ladderCtx gathers what a ladder draws from the root.
func (m *Model) ladderCtx(dv *desk.View, lp *ladderPane, active bool) ladderCtx {
	cx := ladderCtx{
		st: m.st, now: m.now, loc: m.opts.Location,
		focused:  active && m.focus == FocusLadder,
		active:   active,
		recenter: m.keys.Ladder.Recenter,
		move:     m.keys.Ladder.Move,
		mine:     dv.Mine(lp.ticker),
		pos:      dv.Position(lp.ticker).Position,
		qty:      m.qty,
		blocked:  blockedShort(m, lp),
	}
	cx.stale, _ = lp.stale()
	if active && m.moving != "" {
		if o, ok := dv.Order(m.moving); ok {
			cx.moving = &o
		}
	}
	return cx
}

// markFor values a position: the mid of its book, else the ticker's mid or
// last price, else the catalogue's (as of its load; a position in a quiet
// market may see no ticker message for a long time).
func (m *Model) markFor(ticker string) (model.Price, bool) {
	if lp := m.ladderFor(ticker); lp != nil {
		if p, ok := lp.mark(); ok {
			return p, true
		}
	}
	if t, ok := m.tickers[ticker]; ok {
		if p, ok := quoteMark(t.YesBid, t.YesAsk, t.Price); ok {
			return p, true
		}
	}
	if mk := m.markets.find(ticker); mk != nil {
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

// statusCtx gathers the status bar's inputs.
func (m *Model) statusCtx() statusCtx {
	pending := time.Duration(0)
	if m.health.PrivatePending > 0 && !m.health.PrivateOldest.IsZero() {
		pending = max(m.now.Sub(m.health.PrivateOldest), 0)
	}
	pub, priv := m.lag.figures(m.now, pending)
	if m.health.State == stream.Replaying {
		pub, priv = 0, 0 // a recording is behind by design; its clock is shown instead
	}
	return statusCtx{
		pubLag: pub, privLag: priv,
		st: m.st, now: m.now, env: m.opts.Env, readOnly: m.opts.ReadOnly, locked: m.desk.View().Lock.Locked(),
		hasFeed: m.opts.Feed != nil, health: m.health, lastMsgAt: m.lastMsgAt,
		haveBudget: m.haveBudg, budget: m.budget, coalesced: m.coalesced,
		readOnlyWord: m.readOnlyWord(), watchers: m.watchers(), hasWatchers: m.opts.Watchers != nil,
	}
}

// messageLine shows the last notice on the left and a key hint on the
// right; the kill-switch lock is a banner that stays until unlocked. When
// the line is too narrow the least useful parts go first: the key hint on
// the right, the notice's own hint, the banner's long form, the clock; only
// then is the notice itself cut.
func (m *Model) messageLine(w int) string {
	st := m.st
	keys := st.Subtle.n.s(firstKey(m.keys.Global.Help) + " help · " + firstKey(m.keys.Global.Quit) + " quit")
	if w >= 150 {
		// Room for the focused pane's most used keys.
		h := m.help
		h.SetWidth(w / 2)
		keys = h.ShortHelpView(m.keys.Help(m.helpContext()).ShortHelp())
	}
	kw := ansi.StringWidth(keys)
	variants := []messageParts{{longBanner: true, clock: true, hint: true}, {longBanner: true, clock: true}, {clock: true}, {}}
	full := m.messageLeft(variants[0])
	if room := w - kw - 2; room >= 20 && ansi.StringWidth(full) <= room {
		return fit(full, room) + "  " + keys
	}
	for _, v := range variants {
		if left := m.messageLeft(v); ansi.StringWidth(left) <= w {
			return fit(left, w)
		}
	}
	return fit(m.messageLeft(variants[len(variants)-1]), w)
}

// messageParts says which optional parts of the message line to draw.
type messageParts struct{ longBanner, clock, hint bool }

// messageLeft is the lock banner and the notice, with the parts asked for.
func (m *Model) messageLeft(p messageParts) string {
	st := m.st
	left := ""
	if l := m.desk.View().Lock; l.Locked() {
		unlock := bindingKey(m.keys.Global.Unlock)
		if p.longBanner {
			left = st.Locked.s(" ■ ORDER ENTRY LOCKED — "+lockBannerWords(l)+" · "+unlock+" unlocks ") + " "
		} else {
			left = st.Locked.s(" ■ LOCKED · "+unlock+" unlocks ") + " "
		}
	}
	n := m.notice
	if n.text == "" {
		return left
	}
	tone := st.Text.n
	switch n.lvl {
	case lvlGood:
		tone = st.OK.n
	case lvlWarn:
		tone = st.Warning.n
	case lvlBad:
		tone = st.Error.n
	}
	if p.clock {
		left += st.Subtle.n.s(clockTime(n.at, m.opts.Location) + " ")
	}
	left += tone.s(n.text)
	if p.hint && n.hint != "" {
		left += st.Subtle.n.s(" · " + n.hint)
	}
	return left
}

// blockedShort is the ladder header's few words on why entry is blocked.
func blockedShort(m *Model, lp *ladderPane) string {
	short, _, _ := m.blockReason(lp)
	return short
}

// marketsCtx is what the markets pane needs to draw itself.
func (m *Model) marketsCtx() marketsCtx {
	return marketsCtx{
		st: m.st, loc: m.opts.Location, zone: zoneName(m.now, m.opts.Location),
		focused: m.focus == FocusMarkets, tickers: m.tickers, open: m.openSet(),
		stale: m.opts.Feed != nil && !quotesCurrent(m.health.State),
	}
}

// quotesCurrent reports whether the feed in this state keeps quotes
// current: connected and answering (stale books are dimmed by their
// ladders; a replay's quotes are its recording's).
func quotesCurrent(s stream.State) bool {
	return s == stream.Live || s == stream.Resyncing || s == stream.Replaying
}

// ordersCtx is what the orders pane needs to draw itself.
func (m *Model) ordersCtx(dv *desk.View) ordersCtx {
	return ordersCtx{st: m.st, now: m.now, focused: m.focus == FocusOrders, list: orderList(dv), prices: m.priceFormatFor}
}

// lockBannerWords names what locked entry, for the banner: "kill switch",
// "daily loss limit", "exchange guard".
func lockBannerWords(l desk.Lock) string {
	switch l.Reason {
	case desk.LockLoss:
		return "daily loss limit (" + signedMoney(l.PnL) + ")"
	case desk.LockGuard:
		return "exchange order-group guard"
	}
	return "kill switch"
}

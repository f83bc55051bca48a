// Package keys is the dashboard's key bindings as data: a KeyMap of
// key.Bindings grouped by the context they are live in, the defaults, the
// config file's rebinding layer and the check for keys bound twice. It
// decides nothing: the panes and the root model match presses against it
// with key.Matches, and each pane lists its own bindings for the help.
package keys

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// Key contexts. An action is named "<context>.<action>", e.g. "ladder.bid".
// Global keys are live together with whichever pane has focus (ladder,
// markets, orders, fills); filter, dialog and ticket keys are modal and
// live alone (the filter's while its query is being typed).
const (
	ContextGlobal  = "global"
	ContextLadder  = "ladder"
	ContextMarkets = "markets"
	ContextOrders  = "orders"
	ContextFills   = "fills"
	ContextFilter  = "filter"
	ContextDialog  = "dialog"
	ContextTicket  = "ticket"
	// The full-screen views: the event board, the chart and the account.
	ContextBoard   = "board"
	ContextChart   = "chart"
	ContextAccount = "account"
	ContextReplay  = "replay"
)

// KeyMap holds every key binding, grouped by the context it is active in.
// Match keys with key.Matches(msg, km.Ladder.Bid); never compare raw strings,
// so rebinding from the config file works everywhere.
type KeyMap struct {
	Global  GlobalKeys
	Ladder  LadderKeys
	Markets MarketsKeys
	Orders  OrdersKeys
	Fills   FillsKeys
	Filter  FilterKeys
	Dialog  DialogKeys
	Ticket  TicketKeys
	Board   BoardKeys
	Chart   ChartKeys
	Account AccountKeys
	Replay  ReplayKeys
}

// GlobalKeys work in every non-modal context.
type GlobalKeys struct {
	Help, Quit, NextPane, PrevPane, Filter, Kill, Unlock, Theme, PrevLadder, NextLadder key.Binding
	// KillSubaccount is the kill switch for the subaccount traded on only;
	// Chart and Account open those full-screen views.
	KillSubaccount, Chart, Account key.Binding
	// History opens the message history.
	History key.Binding
}

// LadderKeys work when a price ladder has focus.
type LadderKeys struct {
	Up, Down, PageUp, PageDown, Recenter, ToggleTerms key.Binding
	Bid, Ask, BuyNow, SellNow                         key.Binding
	CancelLevel, CancelAll, Flatten, Move, Ticket     key.Binding
	Preset1, Preset2, Preset3, Preset4, Preset5       key.Binding
	QtyUp, QtyDown, Close                             key.Binding
	// JoinBid and JoinAsk rest the quantity at the best bid or offer;
	// Count (alt+digit) takes that many levels with the next buy-now or
	// sell-now; Zoom cycles the ticks per row; PnL shows or hides the P&L
	// column.
	JoinBid, JoinAsk, Count, Zoom, PnL key.Binding
}

// Presets returns the quantity-preset bindings in order, so preset i is
// Presets()[i].
func (l LadderKeys) Presets() [5]key.Binding {
	return [5]key.Binding{l.Preset1, l.Preset2, l.Preset3, l.Preset4, l.Preset5}
}

// MarketsKeys work when the markets list has focus.
type MarketsKeys struct {
	Up, Down, PageUp, PageDown, Open, Favourite key.Binding
	// ClearFilter drops a kept filter (one typed and kept with enter).
	ClearFilter key.Binding
	// Board opens the event board of the selected market's event.
	Board key.Binding
}

// OrdersKeys work when the working-orders pane has focus.
type OrdersKeys struct {
	Up, Down, Select, SelectAll, Cancel, CancelSelected, Amend key.Binding
}

// FillsKeys scroll the fills pane when it has focus.
type FillsKeys struct {
	Up, Down, PageUp, PageDown key.Binding
}

// FilterKeys end the typing of the markets filter: keep it, or clear it.
// Every other key edits the query (bubbles' textinput), except the markets'
// up and down keys that type no text, which still move the list.
type FilterKeys struct {
	Keep, Clear key.Binding
}

// DialogKeys answer a confirmation dialog.
type DialogKeys struct {
	Confirm, Dismiss key.Binding
	// Details shows the request the dialog would send.
	Details key.Binding
}

// TicketKeys drive the full order ticket.
type TicketKeys struct {
	NextField, PrevField, Increase, Decrease, Submit, Cancel key.Binding
}

// BoardKeys work on the event board: one row per market of an event, and
// order entry on the row through the ladder's path.
type BoardKeys struct {
	Up, Down, PageUp, PageDown      key.Binding
	Bid, Ask, BuyNow, SellNow       key.Binding
	CancelAll, QtyUp, QtyDown, Open key.Binding
	Close                           key.Binding
}

// ChartKeys work on the price chart.
type ChartKeys struct {
	Period, Close key.Binding
}

// AccountKeys work on the account view: its subaccount list.
type AccountKeys struct {
	Up, Down, Use, Refresh, Close key.Binding
}

// ReplayKeys drive `ladder replay`: live with the global keys and the
// panes' moving keys, ahead of the panes' own (a replay trades nothing,
// so the orders' selection keys give way).
type ReplayKeys struct {
	Pause, Step, Back, Forward, BackMore, ForwardMore, Faster, Slower key.Binding
}

// DefaultKeyMap returns the default bindings: vim keys plus arrows.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Global: GlobalKeys{
			Help:           bind("help", "?"),
			Quit:           bind("quit", "q", "ctrl+c"),
			NextPane:       bind("next pane", "tab"),
			PrevPane:       bind("previous pane", "shift+tab"),
			Filter:         bind("filter markets", "/"),
			Kill:           bind("kill switch", "!"),
			Unlock:         bind("unlock order entry", "U"),
			Theme:          bind("next theme", "t"),
			PrevLadder:     bind("previous ladder", "["),
			NextLadder:     bind("next ladder", "]"),
			KillSubaccount: bind("kill switch: this subaccount only", "ctrl+k"),
			Chart:          bind("price chart", "G"),
			Account:        bind("account, limits, subaccounts", "A"),
			History:        bind("message history", "m"),
		},
		Ladder: LadderKeys{
			Up:          bind("up one level", "k", "up"),
			Down:        bind("down one level", "j", "down"),
			PageUp:      bind("page up", "pgup"),
			PageDown:    bind("page down", "pgdown"),
			Recenter:    bind("recenter", "c"),
			ToggleTerms: bind("YES / NO terms", "n"),
			Bid:         bind("bid at cursor", "b"),
			Ask:         bind("ask at cursor", "s"),
			BuyNow:      bind("buy at best ask (IOC)", "B"),
			SellNow:     bind("sell at best bid (IOC)", "S"),
			CancelLevel: bind("cancel mine at level", "x"),
			CancelAll:   bind("cancel all mine", "X"),
			Flatten:     bind("flatten position", "F"),
			Move:        bind("pick up / move", "a"),
			Ticket:      bind("order ticket", "enter"),
			Preset1:     bind("qty preset 1", "1"),
			Preset2:     bind("qty preset 2", "2"),
			Preset3:     bind("qty preset 3", "3"),
			Preset4:     bind("qty preset 4", "4"),
			Preset5:     bind("qty preset 5", "5"),
			QtyUp:       bind("qty up", "+", "="),
			QtyDown:     bind("qty down", "-"),
			Close:       bind("close ladder", "w"),
			JoinBid:     bind("join best bid", "J"),
			JoinAsk:     bind("join best offer", "K"),
			Count:       bind("take N levels with B/S", "alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7", "alt+8", "alt+9"),
			Zoom:        bind("zoom: ticks per row", "z"),
			PnL:         bind("P&L column", "p"),
		},
		Markets: MarketsKeys{
			Up:          bind("up", "k", "up"),
			Down:        bind("down", "j", "down"),
			PageUp:      bind("page up", "pgup"),
			PageDown:    bind("page down", "pgdown"),
			Open:        bind("open ladder", "enter"),
			Favourite:   bind("toggle favourite", "f"),
			ClearFilter: bind("clear filter", "esc"),
			Board:       bind("event board", "e"),
		},
		Orders: OrdersKeys{
			Up:             bind("up", "k", "up"),
			Down:           bind("down", "j", "down"),
			Select:         bind("select", "space"),
			SelectAll:      bind("select all", "ctrl+a"),
			Cancel:         bind("cancel order", "x"),
			CancelSelected: bind("cancel selected", "X"),
			Amend:          bind("amend order", "a"),
		},
		Fills: FillsKeys{
			Up:       bind("newer", "k", "up"),
			Down:     bind("older", "j", "down"),
			PageUp:   bind("page newer", "pgup"),
			PageDown: bind("page older", "pgdown"),
		},
		Filter: FilterKeys{
			Keep:  bind("keep filter", "enter"),
			Clear: bind("clear filter", "esc"),
		},
		Dialog: DialogKeys{
			Confirm: bind("confirm", "y", "enter"),
			Dismiss: bind("dismiss", "n", "esc"),
			Details: bind("request details", "d"),
		},
		Replay: ReplayKeys{
			Pause:       bind("pause / play", "space"),
			Step:        bind("next frame (paused)", "."),
			Back:        bind("back 10 s", "left"),
			Forward:     bind("forward 10 s", "right"),
			BackMore:    bind("back 1 min", "shift+left"),
			ForwardMore: bind("forward 1 min", "shift+right"),
			Faster:      bind("faster", ">"),
			Slower:      bind("slower", "<"),
		},
		Ticket: TicketKeys{
			NextField: bind("next field", "tab"),
			PrevField: bind("previous field", "shift+tab"),
			Increase:  bind("next value", "right", "l"),
			Decrease:  bind("previous value", "left", "h"),
			Submit:    bind("submit", "enter"),
			Cancel:    bind("cancel", "esc"),
		},
		Board: BoardKeys{
			Up:        bind("up", "k", "up"),
			Down:      bind("down", "j", "down"),
			PageUp:    bind("page up", "pgup"),
			PageDown:  bind("page down", "pgdown"),
			Bid:       bind("bid at best bid", "b"),
			Ask:       bind("offer at best ask", "s"),
			BuyNow:    bind("buy at best ask (IOC)", "B"),
			SellNow:   bind("sell at best bid (IOC)", "S"),
			CancelAll: bind("cancel all mine in row", "X"),
			QtyUp:     bind("qty up", "+", "="),
			QtyDown:   bind("qty down", "-"),
			Open:      bind("open ladder", "enter"),
			Close:     bind("close board", "esc"),
		},
		Chart: ChartKeys{
			Period: bind("1 min / 1 h / 1 day", "p"),
			Close:  bind("close chart", "esc"),
		},
		Account: AccountKeys{
			Up:      bind("up", "k", "up"),
			Down:    bind("down", "j", "down"),
			Use:     bind("trade on subaccount", "enter"),
			Refresh: bind("refresh", "r"),
			Close:   bind("close account", "esc"),
		},
	}
}

// bind makes a binding whose help shows exactly the keys it matches, so help
// can never disagree with the keymap.
func bind(desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(HelpKeys(keys), desc))
}

// HelpKeys renders keys for the help view: arrows as symbols, joined by "/";
// a run of digits with one modifier is a range ("alt+1…9").
func HelpKeys(keys []string) string {
	if r, ok := digitRun(keys); ok {
		return r
	}
	shown := make([]string, len(keys))
	for i, k := range keys {
		switch k {
		case "up":
			shown[i] = "↑"
		case "down":
			shown[i] = "↓"
		case "left":
			shown[i] = "←"
		case "right":
			shown[i] = "→"
		default:
			shown[i] = k
		}
	}
	return strings.Join(shown, "/")
}

// Action is one rebindable action: its stable config name and the binding it
// controls inside a KeyMap.
type Action struct {
	Name    string // "context.action", e.g. "ladder.bid"
	Binding *key.Binding
}

// Context returns the part of the action name before the dot.
func (a Action) Context() string {
	ctx, _, _ := strings.Cut(a.Name, ".")
	return ctx
}

// Actions lists every action of km in a stable order (global first, then the
// panes, then the modal contexts). The names are the config file's API: do not
// rename one without keeping the old name working.
func (km *KeyMap) Actions() []Action {
	g, l, m, o, f := &km.Global, &km.Ladder, &km.Markets, &km.Orders, &km.Fills
	fl, d, t, r := &km.Filter, &km.Dialog, &km.Ticket, &km.Replay
	bd, ch, ac := &km.Board, &km.Chart, &km.Account
	return []Action{
		{"global.help", &g.Help},
		{"global.quit", &g.Quit},
		{"global.next_pane", &g.NextPane},
		{"global.prev_pane", &g.PrevPane},
		{"global.filter", &g.Filter},
		{"global.kill", &g.Kill},
		{"global.unlock", &g.Unlock},
		{"global.theme", &g.Theme},
		{"global.prev_ladder", &g.PrevLadder},
		{"global.next_ladder", &g.NextLadder},
		{"global.kill_subaccount", &g.KillSubaccount},
		{"global.chart", &g.Chart},
		{"global.account", &g.Account},
		{"global.history", &g.History},

		{"ladder.up", &l.Up},
		{"ladder.down", &l.Down},
		{"ladder.page_up", &l.PageUp},
		{"ladder.page_down", &l.PageDown},
		{"ladder.recenter", &l.Recenter},
		{"ladder.toggle_terms", &l.ToggleTerms},
		{"ladder.bid", &l.Bid},
		{"ladder.ask", &l.Ask},
		{"ladder.buy_now", &l.BuyNow},
		{"ladder.sell_now", &l.SellNow},
		{"ladder.cancel_level", &l.CancelLevel},
		{"ladder.cancel_all", &l.CancelAll},
		{"ladder.flatten", &l.Flatten},
		{"ladder.move", &l.Move},
		{"ladder.ticket", &l.Ticket},
		{"ladder.preset_1", &l.Preset1},
		{"ladder.preset_2", &l.Preset2},
		{"ladder.preset_3", &l.Preset3},
		{"ladder.preset_4", &l.Preset4},
		{"ladder.preset_5", &l.Preset5},
		{"ladder.qty_up", &l.QtyUp},
		{"ladder.qty_down", &l.QtyDown},
		{"ladder.close", &l.Close},
		{"ladder.join_bid", &l.JoinBid},
		{"ladder.join_ask", &l.JoinAsk},
		{"ladder.count", &l.Count},
		{"ladder.zoom", &l.Zoom},
		{"ladder.pnl", &l.PnL},

		{"markets.up", &m.Up},
		{"markets.down", &m.Down},
		{"markets.page_up", &m.PageUp},
		{"markets.page_down", &m.PageDown},
		{"markets.open", &m.Open},
		{"markets.favourite", &m.Favourite},
		{"markets.clear_filter", &m.ClearFilter},
		{"markets.board", &m.Board},

		{"orders.up", &o.Up},
		{"orders.down", &o.Down},
		{"orders.select", &o.Select},
		{"orders.select_all", &o.SelectAll},
		{"orders.cancel", &o.Cancel},
		{"orders.cancel_selected", &o.CancelSelected},
		{"orders.amend", &o.Amend},

		{"fills.up", &f.Up},
		{"fills.down", &f.Down},
		{"fills.page_up", &f.PageUp},
		{"fills.page_down", &f.PageDown},

		{"board.up", &bd.Up},
		{"board.down", &bd.Down},
		{"board.page_up", &bd.PageUp},
		{"board.page_down", &bd.PageDown},
		{"board.bid", &bd.Bid},
		{"board.ask", &bd.Ask},
		{"board.buy_now", &bd.BuyNow},
		{"board.sell_now", &bd.SellNow},
		{"board.cancel_all", &bd.CancelAll},
		{"board.qty_up", &bd.QtyUp},
		{"board.qty_down", &bd.QtyDown},
		{"board.open", &bd.Open},
		{"board.close", &bd.Close},

		{"chart.period", &ch.Period},
		{"chart.close", &ch.Close},

		{"account.up", &ac.Up},
		{"account.down", &ac.Down},
		{"account.use", &ac.Use},
		{"account.refresh", &ac.Refresh},
		{"account.close", &ac.Close},

		{"filter.keep", &fl.Keep},
		{"filter.clear", &fl.Clear},

		{"dialog.confirm", &d.Confirm},
		{"dialog.dismiss", &d.Dismiss},
		{"dialog.details", &d.Details},

		{"ticket.next_field", &t.NextField},
		{"ticket.prev_field", &t.PrevField},
		{"ticket.increase", &t.Increase},
		{"ticket.decrease", &t.Decrease},
		{"ticket.submit", &t.Submit},
		{"ticket.cancel", &t.Cancel},

		{"replay.pause", &r.Pause},
		{"replay.step", &r.Step},
		{"replay.back", &r.Back},
		{"replay.forward", &r.Forward},
		{"replay.back_more", &r.BackMore},
		{"replay.forward_more", &r.ForwardMore},
		{"replay.faster", &r.Faster},
		{"replay.slower", &r.Slower},
	}
}

// digitRun writes keys such as alt+1 … alt+9 as one range, "alt+1…9".
func digitRun(keys []string) (string, bool) {
	if len(keys) < 3 {
		return "", false
	}
	prefix := keys[0][:len(keys[0])-1]
	for i, k := range keys {
		if len(k) != len(prefix)+1 || !strings.HasPrefix(k, prefix) || k[len(k)-1] != keys[0][len(keys[0])-1]+byte(i) {
			return "", false
		}
		if c := k[len(k)-1]; c < '0' || c > '9' {
			return "", false
		}
	}
	return keys[0] + "…" + keys[len(keys)-1][len(prefix):], true
}

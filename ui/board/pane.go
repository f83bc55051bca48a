// Package board is the event board: every market of one event as a row
// (its strike or bracket, best bid and ask with sizes, last, volume, my
// position and working orders), with the event's consistency check — the
// cost of buying and the proceeds of selling one of every outcome of a
// mutually exclusive event against $1, net of fees, or the order of a
// strike ladder's prices. It draws and moves a cursor; order entry on a
// row is the root's, through the ladder's one entry path.
package board

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"charm.land/bubbles/v2/key"

	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/text"
)

// Quote is a market's top of book and activity, from the feed's ticker
// (or the catalogue's figures until one arrives).
type Quote struct {
	Bid, Ask         model.Price
	BidSize, AskSize model.Qty
	Last             model.Price
	Volume           model.Qty
}

// Mine is my stake in a market in the subaccount traded on.
type Mine struct {
	Pos        model.Qty // YES terms
	Bids, Asks model.Qty // my resting size on each side
	Orders     int       // my working orders
}

// Row is one market of the board, in strike order.
type Row struct {
	Market   model.Market
	Label    string // the strike or bracket
	Quote    Quote
	HasQuote bool
	Mine     Mine
}

// Pane is the event board of one event.
type Pane struct {
	keys   *keys.KeyMap
	event  model.Event
	order  []int // market indexes in strike order
	cursor int   // index into order
	offset int   // first row shown
	w, h   int
	rows   int // market rows that fit
}

// New makes an empty board; km is the dashboard's keymap, read only.
func New(km *keys.KeyMap) *Pane { return &Pane{keys: km} }

// SetSize gives the pane its rectangle.
func (bp *Pane) SetSize(w, h int) {
	bp.w, bp.h = w, h
	bp.scroll()
}

// SetEvent shows an event, keeping the cursor on the same market when it
// is still listed (a catalogue reload), else on focus.
func (bp *Pane) SetEvent(ev model.Event, focus string) {
	keep := bp.Selected()
	if focus != "" {
		keep = focus
	}
	bp.event = ev
	bp.order = strikeOrder(ev.Markets)
	bp.cursor = 0
	for i, mi := range bp.order {
		if ev.Markets[mi].Ticker == keep {
			bp.cursor = i
		}
	}
	bp.scroll()
}

// Event is the event shown.
func (bp *Pane) Event() *model.Event { return &bp.event }

// Selected is the ticker of the market under the cursor ("" when none).
func (bp *Pane) Selected() string {
	if bp.cursor < 0 || bp.cursor >= len(bp.order) {
		return ""
	}
	return bp.event.Markets[bp.order[bp.cursor]].Ticker
}

// HandleKey moves the cursor; it reports whether the key was the board's.
func (bp *Pane) HandleKey(msg tea.KeyPressMsg) bool {
	k := bp.keys.Board
	switch {
	case key.Matches(msg, k.Up):
		bp.move(-1)
	case key.Matches(msg, k.Down):
		bp.move(1)
	case key.Matches(msg, k.PageUp):
		bp.move(-max(bp.rows-1, 1))
	case key.Matches(msg, k.PageDown):
		bp.move(max(bp.rows-1, 1))
	default:
		return false
	}
	return true
}

func (bp *Pane) move(d int) {
	if len(bp.order) == 0 {
		return
	}
	bp.cursor = text.Clamp(bp.cursor+d, 0, len(bp.order)-1)
	bp.scroll()
}

// scroll keeps the cursor in view.
func (bp *Pane) scroll() {
	n := max(bp.rows, 1)
	if bp.cursor < bp.offset {
		bp.offset = bp.cursor
	}
	if bp.cursor >= bp.offset+n {
		bp.offset = bp.cursor - n + 1
	}
	bp.offset = text.Clamp(bp.offset, 0, max(len(bp.order)-n, 0))
}

// strikeOrder sorts markets by strike (the floor, else the cap); markets
// without one keep the event's order, after those with one. Strikes are
// labels (4.25 %, 52°), compared but never shown as money.
func strikeOrder(ms []model.Market) []int {
	idx := make([]int, len(ms))
	for i := range idx {
		idx[i] = i
	}
	strike := func(m *model.Market) (float64, bool) {
		switch {
		case m.FloorStrike != nil:
			return *m.FloorStrike, true
		case m.CapStrike != nil:
			// "below X" sorts just under the bracket that starts at X.
			return *m.CapStrike - 1e-9, true
		}
		return 0, false
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		sa, oka := strike(&ms[a])
		sb, okb := strike(&ms[b])
		switch {
		case oka && okb && sa < sb:
			return -1
		case oka && okb && sa > sb:
			return 1
		case oka && !okb:
			return -1
		case !oka && okb:
			return 1
		}
		return 0
	})
	return idx
}

// ShortHelp lists the board's main keys for the message line.
func (bp *Pane) ShortHelp() []key.Binding {
	k := bp.keys.Board
	return []key.Binding{k.Bid, k.Ask, k.BuyNow, k.SellNow, k.Open, k.Close}
}

// FullHelp lists every key of the board.
func (bp *Pane) FullHelp() [][]key.Binding {
	k := bp.keys.Board
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Open, k.Close},
		{k.Bid, k.Ask, k.BuyNow, k.SellNow, k.CancelAll, k.QtyUp, k.QtyDown},
	}
}

package desk

import (
	"fmt"
	"slices"
	"time"

	"ladder/model"
)

// Positions are the exchange's: its market_position messages and the REST
// snapshot the stream fetches on every connect replace the desk's figures
// (size, cost, realized P&L, fees). A fill moves a position ahead of its
// market_position message only when the fill's post_position_fp says the
// position stands exactly where that fill started, so no fill is counted
// twice. A market the exchange stops listing keeps its realized P&L.

// market is the desk's record of one market's position and P&L.
type market struct {
	pos  model.Position
	base baseline
	// touched says one of this session's fills moved the market before the
	// baseline snapshot arrived, so the snapshot is not its start. (A
	// market_position alone does not: it may describe a position from
	// before the session.)
	touched bool
	settle  *settlement
	// lost is an open position that left the exchange's list without a
	// settlement the desk saw: its settlement record pays it out.
	lost model.Position
}

// baseline is a market as the session found it.
type baseline struct {
	size                 model.Qty
	cost, realized, fees model.Money
	mark                 model.Price // the first mark seen, when size ≠ 0
	marked               bool
}

func (d *Desk) mkt(sub int, ticker string) *market {
	k := posKey{sub, ticker}
	m := d.markets[k]
	if m == nil {
		m = &market{pos: model.Position{Ticker: ticker}}
		d.markets[k] = m
	}
	return m
}

// exchangePosition turns the exchange's figures into a Position in YES
// terms. Kalshi reports the cost of a NO position (a negative position_fp)
// as what the NO contracts cost, a positive amount; the Position keeps the
// signed YES-terms cost basis, which for n contracts short YES is that cost
// minus n × $1. A negative cost on a short is taken as already signed.
func exchangePosition(ticker string, size model.Qty, cost, realized, fees model.Money) model.Position {
	p := model.Position{Ticker: ticker, Size: size, Realized: realized, Fees: fees}
	switch {
	case size > 0:
		p.Cost = cost
	case size < 0 && cost >= 0:
		p.Cost = cost - model.Notional(model.OneDollar, -size)
	case size < 0:
		p.Cost = cost
	}
	return p
}

// ApplyPosition applies a market_position message.
func (d *Desk) ApplyPosition(pm model.PositionMsg) {
	d.mu.Lock()
	defer d.mu.Unlock()
	m := d.mkt(subOf(pm.Subaccount), pm.MarketTicker)
	if m.settle != nil {
		return // settled: the settlement is the last word on it
	}
	p := exchangePosition(pm.MarketTicker, pm.Position, pm.PositionCost, pm.RealizedPnL, pm.FeesPaid)
	p.Volume, p.Fills = pm.Volume, m.pos.Fills
	m.pos = p
	d.checkLossLocked()
	d.changed()
}

// ApplyPositions applies the full list of positions fetched over REST on
// a (re)connect: the primary subaccount's, as the feed's reconciliation
// asks for them. The first one is the session's starting point for the
// session P&L. A market missing from it keeps its realized P&L and fees;
// if it was open, the settlement record is asked for (NoteVanished).
func (d *Desk) ApplyPositions(list []model.MarketPosition) { d.ApplyPositionsIn(0, list) }

// ApplyPositionsIn is ApplyPositions for one subaccount's list (REST lists
// positions per subaccount); the other subaccounts' positions are left as
// they are. A subaccount's first list is its starting point.
func (d *Desk) ApplyPositionsIn(sub int, list []model.MarketPosition) {
	d.mu.Lock()
	defer d.mu.Unlock()
	in := make(map[string]bool, len(list))
	for _, mp := range list {
		in[mp.Ticker] = true
		m := d.mkt(sub, mp.Ticker)
		if m.settle != nil {
			continue
		}
		p := exchangePosition(mp.Ticker, mp.Position, mp.MarketExposure, mp.RealizedPnL, mp.FeesPaid)
		p.Volume, p.Fills = m.pos.Volume, m.pos.Fills
		if !d.based[sub] && !m.touched {
			m.base = baseline{size: p.Size, cost: p.Cost, realized: p.Realized, fees: p.Fees}
		}
		m.pos = p
	}
	for k, m := range d.markets {
		if k.sub != sub || in[k.ticker] || m.settle != nil || m.pos.Size == 0 {
			continue
		}
		m.lost = m.pos
		m.pos.Size, m.pos.Cost = 0, 0
		d.note(Note{Kind: NoteVanished, Ticker: k.ticker, Subaccount: sub})
	}
	d.based[sub] = true
	d.baseline = true
	d.checkLossLocked()
	d.changed()
}

// ValidFill checks a fill before it is taken.
func ValidFill(f model.Fill) error {
	switch {
	case f.TradeID == "" || f.OrderID == "":
		return fmt.Errorf("fill without trade_id/order_id")
	case f.Count <= 0:
		return fmt.Errorf("fill %s: count %s must be positive", f.TradeID, f.Count)
	case !f.BookSide.Valid():
		return fmt.Errorf("fill %s: book_side %q", f.TradeID, f.BookSide)
	}
	return nil
}

// ApplyFill takes one of my fills from the feed. A fill from the REST
// reconciliation (reconciled) carries no post-position: it is listed, and
// the positions snapshot that follows it accounts for it. It returns an
// error for a fill that makes no sense, and false for one already taken.
func (d *Desk) ApplyFill(fm model.FillMsg, reconciled bool) (bool, error) {
	f := fm.AsFill()
	if fm.TsMs > 0 {
		f.CreatedTime = time.UnixMilli(fm.TsMs)
	}
	if err := ValidFill(f); err != nil {
		return false, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.fills.applied.add(f.Key()) {
		return false, nil
	}
	if c := d.credits[f.OrderID]; c != nil {
		c.qty -= f.Count
		if c.qty <= 0 {
			delete(d.credits, f.OrderID)
		}
	} else if p := d.pending[fm.ClientOrderID]; fm.ClientOrderID != "" && p != nil {
		p.filledSeen += f.Count
	}
	d.fills.list1(f)
	m := d.mkt(subOf(fm.Subaccount), fm.MarketTicker)
	m.touched = true
	if !reconciled {
		signed := f.Count * f.BookSide.Sign()
		if m.settle == nil && m.pos.Size == fm.PostPosition-signed {
			m.pos.ApplyExecution(signed, f.YesPrice, f.FeeCost)
		}
	}
	d.checkLossLocked()
	d.changed()
	return true, nil
}

// AddFillHistory lists fills from before this session (REST history). They
// are only listed, never applied: the exchange's positions contain them.
func (d *Desk) AddFillHistory(history []model.Fill) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var add []model.Fill
	for _, f := range history {
		if ValidFill(f) == nil && !d.fills.listed.has(f.Key()) {
			add = append(add, f)
		}
	}
	d.fills.merge(add)
	d.changed()
}

// fillLog lists recent fills, newest first, and remembers which fills were
// taken so a duplicate is never counted or listed twice.
type fillLog struct {
	max     int
	list    []model.Fill // newest first; replaced, never changed in place (Views share it)
	listed  keySet
	applied keySet
}

func newFillLog(n int) fillLog {
	return fillLog{max: n, listed: newKeySet(8 * n), applied: newKeySet(1 << 16)}
}

// list1 lists one new fill at the top.
func (l *fillLog) list1(f model.Fill) {
	if !l.listed.add(f.Key()) {
		return
	}
	n := min(len(l.list)+1, l.max)
	next := make([]model.Fill, n)
	next[0] = f
	copy(next[1:], l.list)
	l.list = next
}

// merge lists older fills, keeping the list newest first.
func (l *fillLog) merge(add []model.Fill) {
	if len(add) == 0 {
		return
	}
	next := make([]model.Fill, 0, len(l.list)+len(add))
	next = append(next, l.list...)
	for _, f := range add {
		if l.listed.add(f.Key()) {
			next = append(next, f)
		}
	}
	slices.SortStableFunc(next, func(a, b model.Fill) int { return FillTime(b).Compare(FillTime(a)) })
	if len(next) > l.max {
		next = next[:l.max]
	}
	l.list = next
}

// FillTime is when a fill happened.
func FillTime(f model.Fill) time.Time {
	switch {
	case !f.CreatedTime.IsZero():
		return f.CreatedTime
	case f.Ts > 0:
		return time.Unix(f.Ts, 0)
	}
	return time.Time{}
}

// keySet is a set of fill keys that forgets the oldest beyond a bound.
type keySet struct {
	boundedMap[model.FillKey, struct{}]
}

func newKeySet(n int) keySet { return keySet{newBoundedMap[model.FillKey, struct{}](n)} }

// add inserts k and reports whether it was new.
func (s *keySet) add(k model.FillKey) bool { return s.putNew(k, struct{}{}) }

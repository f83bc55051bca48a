package sim

import (
	"sort"
	"time"

	"ladder/model"
)

// settlement is one settled position of one subaccount; the subaccount
// number is kept for the query filter, the wire object carries none.
type settlement struct {
	sub int
	model.Settlement
}

// settlementRecord describes what a subaccount held in m when it settled at
// value (the YES payout). A flat position the subaccount traded is recorded
// too, with zero counts: its fee_cost is still part of its P&L.
func settlementRecord(m *market, p *position, value model.Price, now time.Time) model.Settlement {
	s := model.Settlement{
		Ticker: m.info.Ticker, EventTicker: m.info.EventTicker,
		MarketResult: m.info.Result, FeeCost: p.Fees,
	}
	var payout model.Money
	switch {
	case p.Size > 0:
		s.YesCount, s.YesTotalCost = p.Size, p.Exposure()
		payout = model.Notional(value, p.Size)
	case p.Size < 0:
		s.NoCount, s.NoTotalCost = -p.Size, p.Exposure()
		payout = model.Notional(value.Complement(), -p.Size)
	}
	// Payouts are whole contracts (0.01 of one at the finest) times $0 or
	// $1, so they are whole cents; flooring only guards other values.
	s.Revenue = int64(floorDiv(payout, model.MoneyPerCent))
	cents := int64(floorDiv(model.Notional(value, model.Contract), model.MoneyPerCent))
	s.Value = &cents
	s.SettledTime = now.UTC()
	return s
}

// addSettlement records a settlement, trimming the oldest beyond the cap.
func (a *account) addSettlement(s settlement) {
	a.settlements = append(a.settlements, s)
	if limit := a.historyCap(); len(a.settlements) > 2*limit {
		n := copy(a.settlements, a.settlements[len(a.settlements)-limit:])
		clear(a.settlements[n:])
		a.settlements = a.settlements[:n]
	}
}

// SettlementFilter selects settlements.
type SettlementFilter struct {
	Subaccount  *int // nil = every subaccount
	Ticker      string
	EventTicker string
	MinTs       int64 // settled_time bounds, Unix seconds; 0 = unbounded
	MaxTs       int64
}

// Settlements lists the user's settled positions newest first.
func (e *Engine) Settlements(acct AccountID, f SettlementFilter) ([]model.Settlement, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return []model.Settlement{}, nil
	}
	if f.Subaccount != nil {
		if _, err := a.ledger(*f.Subaccount); err != nil {
			return nil, err
		}
	}
	out := []model.Settlement{}
	for i := len(a.settlements) - 1; i >= 0; i-- {
		s := &a.settlements[i]
		switch {
		case f.Subaccount != nil && s.sub != *f.Subaccount,
			f.Ticker != "" && s.Ticker != f.Ticker,
			f.EventTicker != "" && s.EventTicker != f.EventTicker,
			outsideRange(s.SettledTime.Unix(), f.MinTs, f.MaxTs):
			continue
		}
		out = append(out, s.Settlement)
	}
	return out, nil
}

// holders lists, in a fixed order, every account and subaccount with a
// position record in ticker.
func (e *Engine) holders(ticker string) []holder {
	var out []holder
	for _, a := range e.accounts {
		for _, l := range a.ledgers() {
			if _, ok := l.positions[ticker]; ok {
				out = append(out, holder{a, l})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].a.id != out[j].a.id {
			return out[i].a.id < out[j].a.id
		}
		return out[i].l.num < out[j].l.num
	})
	return out
}

type holder struct {
	a *account
	l *ledger
}

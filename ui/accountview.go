package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/api"
	"ladder/limiter"
	"ladder/model"
	"ladder/ui/accountview"
)

// The account view's root side: the limits, the volume progress and the
// subaccounts, each asked for when the view opens (and refreshed on its
// key), and the balance over the session, recorded from every balance
// the dashboard reads.

// ExchangeReader is the read surface of *api.Client the views use beyond
// the Trader: candlesticks, the account's limits and usage level, and the
// subaccounts' balances. nil: the views say there is nothing to ask.
type ExchangeReader interface {
	GetCandlesticks(ctx context.Context, seriesTicker, ticker string, q api.CandlesQuery) ([]model.Candlestick, error)
	GetAccountLimits(ctx context.Context) (limiter.Limits, error)
	GetVolumeProgress(ctx context.Context) ([]model.VolumeProgress, error)
	GetSubaccountBalances(ctx context.Context) ([]model.SubaccountBalance, error)
}

var _ ExchangeReader = (*api.Client)(nil)

// accountData is what the account view shows beyond the desk.
type accountData struct {
	limits    *limiter.Limits
	limitsErr string
	volume    []model.VolumeProgress
	volumeErr string
	subsErr   string
	history   []accountview.Point
}

// maxHistory bounds the balance points kept for the sparkline.
const maxHistory = 240

// accountLoadedMsg answers one of the account view's reads.
type accountLoadedMsg struct {
	limits *limiter.Limits
	volume []model.VolumeProgress
	subs   []model.SubaccountBalance
	what   string // "limits", "volume" or "subaccounts"
	err    error
}

// openAccount shows the account view and refreshes what it shows.
func (m *Model) openAccount() tea.Cmd {
	m.openFull(fullAccount)
	return m.loadAccount()
}

// loadAccount asks for the limits, the volume progress and the
// subaccounts at once.
func (m *Model) loadAccount() tea.Cmd {
	x := m.opts.Exchange
	if x == nil {
		m.acctData.limitsErr = "this session has no exchange to ask"
		m.acctData.volumeErr = m.acctData.limitsErr
		m.acctData.subsErr = m.acctData.limitsErr
		return nil
	}
	ctx := m.ctx
	return tea.Batch(
		func() tea.Msg {
			l, err := x.GetAccountLimits(ctx)
			return accountLoadedMsg{what: "limits", limits: &l, err: err}
		},
		func() tea.Msg {
			v, err := x.GetVolumeProgress(ctx)
			return accountLoadedMsg{what: "volume", volume: v, err: err}
		},
		m.loadSubaccounts(),
	)
}

// loadSubaccounts lists the subaccounts with their cash.
func (m *Model) loadSubaccounts() tea.Cmd {
	x, ctx := m.opts.Exchange, m.ctx
	if x == nil {
		return nil
	}
	return func() tea.Msg {
		s, err := x.GetSubaccountBalances(ctx)
		return accountLoadedMsg{what: "subaccounts", subs: s, err: err}
	}
}

func (m *Model) onAccountLoaded(msg accountLoadedMsg) {
	d := &m.acctData
	why := ""
	if msg.err != nil {
		why = unavailable(msg.err)
	}
	switch msg.what {
	case "limits":
		d.limits, d.limitsErr = nil, why
		if msg.err == nil {
			d.limits = msg.limits
		}
	case "volume":
		d.volume, d.volumeErr = msg.volume, why
	case "subaccounts":
		d.subsErr = why
		if msg.err == nil {
			m.subs = primaryFirst(msg.subs)
		}
	}
}

// primaryFirst keeps one row per subaccount (the balances list a row per
// exchange shard; the first is kept), in number order.
func primaryFirst(list []model.SubaccountBalance) []model.SubaccountBalance {
	seen := map[int]bool{}
	var out []model.SubaccountBalance
	for _, b := range list {
		if !seen[b.SubaccountNumber] {
			seen[b.SubaccountNumber] = true
			out = append(out, b)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].SubaccountNumber < out[j-1].SubaccountNumber; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// recordBalance adds a balance to the session's history (a repeat of the
// last point is skipped).
func (m *Model) recordBalance(b model.Balance) {
	cash := b.BalanceDollars
	if cash == 0 {
		cash = model.MoneyFromCents(b.Balance)
	}
	p := accountview.Point{At: m.now, Cash: cash, Value: model.MoneyFromCents(b.PortfolioValue)}
	h := m.acctData.history
	if n := len(h); n > 0 && h[n-1].Cash == p.Cash && h[n-1].Value == p.Value {
		return
	}
	if len(h) >= maxHistory {
		h = append(h[:0], h[1:]...)
	}
	m.acctData.history = append(h, p)
}

// accountKey handles the account view's keys.
func (m *Model) accountKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.keys.Account
	if m.acct.HandleKey(msg, len(m.subs)) {
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Close):
		m.closeFull()
	case key.Matches(msg, k.Refresh):
		return m.loadAccount(), true
	case key.Matches(msg, k.Use):
		if n, ok := m.acct.Selected(m.subs); ok {
			return m.setSubaccount(n), true
		}
	default:
		return nil, false
	}
	return nil, true
}

// acctCtx is what the account view draws from the root.
func (m *Model) acctCtx() accountview.Ctx {
	d := &m.acctData
	return accountview.Ctx{
		Styles: m.st, Loc: m.opts.Location,
		Limits: d.limits, LimitsErr: d.limitsErr, Budget: m.budget, HaveBudget: m.haveBudg,
		Volume: d.volume, VolumeErr: d.volumeErr, History: d.history,
		Subs: m.subs, SubsErr: d.subsErr, Trading: m.sub,
	}
}

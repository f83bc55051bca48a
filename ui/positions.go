package ui

import (
	"strings"

	"ladder/model"
)

// accountPane shows the balance and my positions with average price and
// realized / unrealized P&L net of fees.
type accountPane struct{ w, h int }

// SetSize gives the pane its rectangle.
func (ap *accountPane) SetSize(w, h int) { ap.w, ap.h = w, h }

type accountCtx struct {
	st          *Styles
	balance     model.Balance
	haveBalance bool
	positions   []model.Position
	mark        func(ticker string) (model.Price, bool)
}

// balanceMoney is the cash balance, preferring the exact dollars field.
func balanceMoney(b model.Balance) model.Money {
	if b.BalanceDollars != 0 {
		return b.BalanceDollars
	}
	return model.MoneyFromCents(b.Balance)
}

// View draws the pane into exactly ap.w × ap.h cells.
func (ap *accountPane) View(cx accountCtx) []string {
	st := cx.st
	inner := ap.w - 2
	var body []string

	// Totals over every position.
	var realized, fees, unreal model.Money
	for _, p := range cx.positions {
		realized += p.Realized
		fees += p.Fees
		if mark, ok := cx.mark(p.Ticker); ok && p.Size != 0 {
			unreal += p.Unrealized(mark)
		}
	}
	bal := st.Subtle.n.s("cash ")
	if cx.haveBalance {
		bal += st.Header.n.s(moneyCents(balanceMoney(cx.balance)))
		if cx.balance.PortfolioValue != 0 {
			bal += st.Subtle.n.s("  value ") + st.Text.n.s(moneyCents(model.MoneyFromCents(cx.balance.PortfolioValue)))
		}
	} else {
		bal += st.Subtle.n.s("…")
	}
	body = append(body, bal)
	net := realized + unreal - fees
	pnl := st.Subtle.n.s("P&L ") + pnlTone(st, net).s(signedCents(net))
	if inner >= 50 {
		pnl += st.Subtle.n.s("  real ") + pnlTone(st, realized).s(signedCents(realized)) +
			st.Subtle.n.s("  unreal ") + pnlTone(st, unreal).s(signedCents(unreal))
	}
	pnl += st.Subtle.n.s("  fees ") + st.Text.n.s(moneyCents(fees))
	body = append(body, pnl)

	wide := inner >= 52
	tickW := inner - 1 - 7 - 1 - 7 - 1 - 8 // gap pos, gap avg, gap net
	if wide {
		tickW -= 1 + 8 + 1 + 7 // gap unreal, gap real
	}
	mkt := "market"
	if tickW < len(mkt) {
		mkt = "mkt"
	}
	hdr := padRight(mkt, max(tickW, 0)) + " " + padLeft("pos", 7) + " " + padLeft("avg", 7)
	if wide {
		hdr += " " + padLeft("unreal", 8) + " " + padLeft("real", 7)
	}
	hdr += " " + padLeft("net", 8)
	body = append(body, st.Header.n.s(padRight(hdr, inner)))
	shown := 0
	for _, p := range cx.positions {
		if p.Size == 0 && p.Realized == 0 && p.Fees == 0 {
			continue
		}
		if len(body) >= ap.h-2 {
			break
		}
		shown++
		var b strings.Builder
		ticker := p.Ticker
		if width(ticker) > tickW {
			ticker = shortTicker(ticker)
		}
		st.Text.n.to(&b, padRight(trunc(ticker, max(tickW, 0)), max(tickW, 0)))
		b.WriteString(" ")
		sz := st.Text.n
		if p.Size > 0 {
			sz = st.Bid.n
		} else if p.Size < 0 {
			sz = st.Ask.n
		}
		sz.to(&b, padLeft(signedQty(p.Size), 7))
		b.WriteString(" ")
		avg := "—"
		if a, ok := p.AvgEntry(); ok {
			avg = avgCents(a)
		}
		st.Subtle.n.to(&b, padLeft(avg, 7))
		mark, hasMark := cx.mark(p.Ticker)
		u := model.Money(0)
		if hasMark {
			u = p.Unrealized(mark)
		}
		if wide {
			b.WriteString(" ")
			pnlTone(st, u).to(&b, padLeft(signedCents(u), 8))
			b.WriteString(" ")
			pnlTone(st, p.Realized).to(&b, padLeft(signedCents(p.Realized), 7))
		}
		n := p.Realized + u - p.Fees
		b.WriteString(" ")
		pnlTone(st, n).to(&b, padLeft(signedCents(n), 8))
		body = append(body, b.String())
	}
	if shown == 0 {
		body = append(body, st.Subtle.n.s("flat"))
	}
	return st.frame(Rect{W: ap.w, H: ap.h}, st.Title.n.s("Account"), "", body, false, false)
}

// pnlTone colours money by sign.
func pnlTone(st *Styles, m model.Money) paint {
	switch {
	case m > 0:
		return st.Up.n
	case m < 0:
		return st.Down.n
	}
	return st.Text.n
}

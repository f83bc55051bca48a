package chart

import (
	"time"

	"charm.land/bubbles/v2/key"

	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Pane is the price chart of one market.
type Pane struct {
	keys   *keys.KeyMap
	period int // index into Periods
	w, h   int
}

// New makes a chart on the one-minute period; km is read only.
func New(km *keys.KeyMap) *Pane { return &Pane{keys: km} }

// SetSize gives the pane its rectangle.
func (cp *Pane) SetSize(w, h int) { cp.w, cp.h = w, h }

// Period is the period shown, in minutes.
func (cp *Pane) Period() int { return Periods[cp.period] }

// NextPeriod switches to the next period and returns it.
func (cp *Pane) NextPeriod() int {
	cp.period = (cp.period + 1) % len(Periods)
	return cp.Period()
}

// Window is how many periods of history fill the chart's width.
func (cp *Pane) Window() int { return max(cp.w-10, 30) }

// Ctx is what the chart draws from the root.
type Ctx struct {
	Styles *styles.Styles
	Market model.Market
	Series *Series // nil while loading
	Err    string  // why the candles could not be loaded
	Fills  []model.Fill
	Prices text.PriceFormat
	Loc    *time.Location
	// Bid, Ask and Last are the market's current quote, for the header.
	Bid, Ask, Last model.Price
}

// View draws the chart into exactly cp.w × cp.h cells.
func (cp *Pane) View(cx Ctx) []string {
	st := cx.Styles
	inner := cp.w - 2
	pf := cx.Prices
	var sel string
	for i, p := range Periods {
		name := PeriodName(p)
		if i == cp.period {
			sel += st.Header.Render("["+name+"]") + " "
		} else {
			sel += st.Subtle.Render(name) + " "
		}
	}
	head := sel + st.Subtle.Render("· last ") + st.Text.Render(pf.DashOr(cx.Last)) +
		st.Subtle.Render(" · bid ") + st.Bid.Render(pf.DashOr(cx.Bid)) +
		st.Subtle.Render(" ask ") + st.Ask.Render(pf.DashOr(cx.Ask))
	var body []string
	body = append(body, head)
	plotH := cp.h - 2 - 2 // the frame, the header and the legend
	switch {
	case cx.Err != "":
		body = append(body, st.Error.Render("candlesticks: "+cx.Err))
	case cx.Series == nil:
		body = append(body, st.Subtle.Render("loading candlesticks…"))
	case len(cx.Series.Candles) == 0:
		body = append(body, st.Subtle.Render("no candles in this window yet: trades extend the chart as they come"))
	default:
		var mine []model.Fill
		for _, f := range cx.Fills {
			if f.Ticker == cx.Market.Ticker || f.MarketTicker == cx.Market.Ticker {
				mine = append(mine, f)
			}
		}
		body = append(body, Draw(Input{Styles: st, Candles: cx.Series.Candles, Period: cx.Series.Period,
			Fills: mine, Prices: pf, Loc: cx.Loc}, inner, plotH)...)
	}
	for len(body) < cp.h-3 {
		body = append(body, "")
	}
	legend := st.Up.Render("█") + st.Subtle.Render(" up ") + st.Down.Render("█") + st.Subtle.Render(" down ") +
		st.Subtle.Render("░ bid–ask  · last, no trade  ") + st.Bid.Render("◆") + st.Subtle.Render(" my buy ") +
		st.Ask.Render("◆") + st.Subtle.Render(" my sell  ▁▃▅ volume")
	body = append(body, legend)
	title := st.Title.Render("Chart") + st.Subtle.Render(" · ") + st.Text.Render(text.MarketName(cx.Market, true))
	k := cp.keys.Chart
	footer := st.Subtle.Render(cx.Market.Ticker + " · " + keys.First(k.Period) + " period · " + keys.First(k.Close) + " back")
	return st.Frame(cp.w, cp.h, styles.Border{Title: title, Footer: footer, Focused: true}, body)
}

// ShortHelp lists the chart's keys.
func (cp *Pane) ShortHelp() []key.Binding {
	return []key.Binding{cp.keys.Chart.Period, cp.keys.Chart.Close}
}

// FullHelp lists the chart's keys.
func (cp *Pane) FullHelp() [][]key.Binding { return [][]key.Binding{cp.ShortHelp()} }

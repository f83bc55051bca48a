package ui

import (
	"fmt"
	"strings"
	"testing"

	"ladder/model"
	"ladder/ui/internal/goldens"
)

// TestGoldenLadderColumns: the ladder's optional columns at several
// widths, dark and mono. The T4.25 ladder of the rich session (a long
// position, my bids at 54¢ and 52¢ and offer at 59¢) with the exchange's
// queue places for two orders and a trade at 54¢ since, so the 54¢ place
// is the feed's estimate ("·q~"), the 52¢ one exact and the 59¢ one
// estimated from the book since it was never read. 48 columns has room
// for none of them (the footer names the cursor row's place); 64 for the
// P&L; 80 for the queue and the P&L; 110 for everything, cumulative depth
// included.
func TestGoldenLadderColumns(t *testing.T) {
	for _, theme := range []string{"dark", "mono"} {
		for _, w := range []int{48, 64, 80, 110} {
			t.Run(fmt.Sprintf("%s/%d", theme, w), func(t *testing.T) {
				hs := richHarness(t, 200, 60, theme)
				hs.send(queuePositionsMsg{tickers: []string{fedTicker}, list: []model.QueuePosition{
					{OrderID: "o1", MarketTicker: fedTicker, QueuePosition: model.Contracts(200)},
					{OrderID: "o2", MarketTicker: fedTicker, QueuePosition: model.Contracts(300)},
				}})
				hs.trade(model.TradeMsg{TradeID: "q1", MarketTicker: fedTicker, YesPrice: model.MustPrice("0.54"),
					Count: model.Contracts(40), TakerBookSide: model.Ask, TsMs: t0.UnixMilli()})
				lp := hs.m.ladderFor(fedTicker)
				lp.SetSize(w, 24)
				lp.CursorTo(model.MustPrice("0.54"))
				goldens.Require(t, strings.Join(lp.View(hs.m.ladderCtx(hs.m.desk.View(), lp, true)), "\n"))
			})
		}
	}
}

// TestGoldenLadderZoom: the B105000 ladder (0.1¢ steps at both ends of its
// grid) at ×5, ×10 and ×25: sizes, my offer at 6.0¢, the volume and the
// entry marker (short 100 at 5.2¢) added up per row, each row labelled
// with its lowest price.
func TestGoldenLadderZoom(t *testing.T) {
	for _, theme := range []string{"dark", "mono"} {
		for _, presses := range []int{1, 2, 3} {
			for _, w := range []int{48, 80} {
				hs := richHarness(t, 200, 60, theme)
				hs.openMarket(btcTicker)
				lp := hs.m.activeLadder()
				for range presses {
					hs.press("z")
				}
				t.Run(fmt.Sprintf("%s/x%d-%d", theme, lp.Zoom(), w), func(t *testing.T) {
					lp.SetSize(w, 24)
					goldens.Require(t, strings.Join(lp.View(hs.m.ladderCtx(hs.m.desk.View(), lp, true)), "\n"))
				})
			}
		}
	}
}

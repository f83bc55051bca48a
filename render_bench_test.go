package main

import (
	"testing"
	"time"

	"ladder/model"
	"ladder/sim"
)

// BenchmarkTerminalBytesOneLevel measures what an SSH user pays for one
// book change: the size of the frame the real program writes to the
// terminal after a single level of the open ladder changes (another
// account rests one contract, later cancelled). Run with -benchtime=20x.
// Status-bar ticks between book changes are separate frames and are not
// counted; the frame that carries the book change includes whatever the
// status bar changed in the same frame.
func BenchmarkTerminalBytesOneLevel(b *testing.B) {
	// below-best: a level under the best bid changes; new-best: the change
	// makes a new best bid, which also moves the highlight, the footer, the
	// spread and the markets-pane quote.
	b.Run("below-best", func(b *testing.B) { terminalBytes(b, model.MustPrice("0.9420")) })
	b.Run("new-best", func(b *testing.B) { terminalBytes(b, model.MustPrice("0.9580")) })
}

func terminalBytes(b *testing.B, price model.Price) {
	h := startDashboard(b, "--activity", "off", "--seed", "5")
	e := h.sim.Engine()
	quietTwoSidedMarket(b, e)
	h.openFirstLadder()
	var total, frames int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		time.Sleep(300 * time.Millisecond) // let earlier frames drain
		start := h.out.writeCount()
		resp, err := e.CreateOrder("bench", model.CreateOrderRequest{
			Ticker: "KXFED-26DEC-T3.25", Side: model.Bid, Count: model.Contracts(1), Price: price,
			TimeInForce: model.GTC, STP: model.STPTakerAtCross,
		})
		if err != nil {
			b.Fatal(err)
		}
		eventually(b, "the frame showing the new level", func() bool { return h.out.writeCount() > start })
		// The first frame after the change carries it (a status tick could
		// win the race; it is then smaller, which the average shows).
		total += h.out.writeSize(start)
		frames++
		if _, err := e.CancelOrder("bench", resp.OrderID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(total)/float64(frames), "bytes/frame")
}

// quietTwoSidedMarket rests a bid at 95¢ and an ask at 97¢ on the first Fed
// market of an exchange with no activity, so the only change on screen is
// the one a benchmark measures.
func quietTwoSidedMarket(b *testing.B, e *sim.Engine) {
	b.Helper()
	e.CreateAccount("bench", 1000*model.Dollar)
	for _, o := range []struct {
		side  model.BookSide
		price string
	}{{model.Bid, "0.9500"}, {model.Ask, "0.9700"}} {
		if _, err := e.CreateOrder("bench", model.CreateOrderRequest{
			Ticker: "KXFED-26DEC-T3.25", Side: o.side, Count: model.Contracts(10), Price: model.MustPrice(o.price),
			TimeInForce: model.GTC, STP: model.STPTakerAtCross,
		}); err != nil {
			b.Fatal(err)
		}
	}
}

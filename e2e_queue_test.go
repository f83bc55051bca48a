package main

import (
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/charmbracelet/x/vt"

	"ladder/model"
	"ladder/sim"
)

// screenAt replays everything the program drew into a virtual terminal of
// its size, so a test reads the screen a person would see.
func (h *dashboardHarness) screenAt(w, hgt int) string {
	emu := vt.NewEmulator(w, hgt)
	// The emulator answers the program's terminal queries on its input
	// side; nobody reads them here, so they are drained, or a write blocks.
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(io.Discard, emu)
	}()
	_, _ = emu.Write([]byte(h.out.String()))
	s := emu.String()
	if c, ok := emu.InputPipe().(io.Closer); ok {
		_ = c.Close()
	}
	<-done
	return s
}

var queueCell = regexp.MustCompile(`·q[ ~](\d+)`)

// queueShown is the queue place the screen shows for my order, -1 if none.
func queueShown(screen string) int {
	m := queueCell.FindStringSubmatch(screen)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestEndToEndQueuePositionFallsAsTheLevelTrades: a bid that joined the
// best bid behind others shows the contracts ahead of it, from the
// simulator's real queue, and the figure falls as another trader sells
// into the level, ahead of it first.
func TestEndToEndQueuePositionFallsAsTheLevelTrades(t *testing.T) {
	const w, hgt = 200, 60
	h := startDashboardWith(t, dashboardSetup{w: w, h: hgt}, "--activity", "off", "--seed", "5")
	h.addMaker()
	const taker sim.AccountID = "taker"
	if _, _, err := h.sim.AddAccount(taker, 100_000*model.Dollar); err != nil {
		t.Fatal(err)
	}
	// The best bid: 30 contracts of the maker's, ahead of anyone joining.
	h.order(maker, fedT325, model.Bid, 30, "0.50", model.GTC)
	h.order(maker, fedT325, model.Ask, 10, "0.55", model.GTC)
	h.openFirstLadder()
	h.press("J") // join the best bid, behind everyone there
	var mine model.Order
	eventually(t, "my bid to rest", func() bool {
		r := h.orders(model.Resting)
		if len(r) == 1 {
			mine = r[0]
		}
		return len(r) == 1
	})
	price := mine.YesPrice.String()
	// Somebody else joins behind me: not ahead, so not counted.
	h.order(maker, fedT325, model.Bid, 7, price, model.GTC)
	first := 30
	eventually(t, "the queue place on the screen", func() bool { return queueShown(h.screenAt(w, hgt)) == first })
	// Another trader sells into the level, a bit at a time.
	sold := 0
	for _, n := range []int{2, 3} {
		h.order(taker, fedT325, model.Ask, int64(n), price, model.IOC)
		sold += n
		want := first - sold
		eventually(t, "the place to fall to "+strconv.Itoa(want), func() bool {
			return queueShown(h.screenAt(w, hgt)) == want
		})
	}
	if o := h.orders(model.Resting); len(o) != 1 || o[0].FillCount != 0 {
		t.Fatalf("my bid traded before those ahead of it: %+v", o)
	}
}

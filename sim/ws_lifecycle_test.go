package sim

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"ladder/model"
)

// TestWSRollingMarketLifecycle follows the 15-minute market through its
// close over the WebSocket, with both tick paths running (the server's
// tick loop and the activity bots'): the closing market is deactivated,
// determined and settled once each, and its replacement is created and
// activated once each, already listed as active over REST when the
// activation arrives (the dashboard reloads markets on it).
func TestWSRollingMarketLifecycle(t *testing.T) {
	h := start(t, func(c *Config) {
		c.Activity = "calm"
		c.TickInterval = time.Millisecond
	})
	c := h.dial()
	c.subscribe(map[string]any{"channels": []string{"market_lifecycle_v2"}})
	tk := rollingTicker(t, h.s.Engine(), statusActive)
	m, _ := h.s.Engine().Market(tk)

	counts := make(map[string]int)
	next := ""
	readUntil := func(kind string, ticker func() string) {
		t.Helper()
		for {
			lc := decodeMsg[model.LifecycleMsg](t, c.readType("market_lifecycle_v2"))
			counts[lc.EventType+" "+lc.MarketTicker]++
			if lc.EventType == "created" && next == "" && strings.HasPrefix(lc.MarketTicker, "KXBTC15M-") {
				next = lc.MarketTicker
				if lc.OpenTs != m.CloseTime.Unix() || lc.CloseTs <= lc.OpenTs {
					t.Fatalf("successor created %+v, want it to open at %v", lc, m.CloseTime)
				}
			}
			if lc.EventType == "activated" && lc.MarketTicker == next {
				var got struct {
					Market model.Market `json:"market"`
				}
				expect(t, h.get("/markets/"+next), http.StatusOK).decode(t, &got)
				if got.Market.Status != statusActive {
					t.Fatalf("%s activated but REST says %q", next, got.Market.Status)
				}
			}
			if lc.EventType == kind && lc.MarketTicker == ticker() {
				return
			}
		}
	}
	is := func(s string) func() string { return func() string { return s } }
	successor := func() string { return next }

	h.clock.Advance(m.CloseTime.Sub(h.clock.Now()))
	readUntil("activated", successor)
	h.clock.Advance(determineDelay)
	readUntil("determined", is(tk))
	h.clock.Advance(settleDelay - determineDelay)
	readUntil("settled", is(tk))
	// The successor's own close comes after anything late about tk.
	h.clock.Advance(rollingWindow)
	readUntil("deactivated", successor)

	for _, want := range []string{
		"deactivated " + tk, "determined " + tk, "settled " + tk,
		"created " + next, "activated " + next, "deactivated " + next,
	} {
		if counts[want] != 1 {
			t.Errorf("%q published %d times", want, counts[want])
		}
	}
	for k, n := range counts {
		if n != 1 {
			t.Errorf("%q published %d times", k, n)
		}
	}
}

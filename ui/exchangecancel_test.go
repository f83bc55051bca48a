package ui

import (
	"strings"
	"testing"

	"ladder/api"
	"ladder/model"
	"ladder/stream"
)

func cancelledEvent(id string) FeedEventMsg {
	return FeedEventMsg{Event: stream.OrderEvent{Order: model.UserOrderMsg{OrderID: id, Ticker: fedTicker,
		Status: model.Canceled, BookSide: model.Bid, YesPrice: model.MustPrice("0.54"), InitialCount: model.Contracts(10),
		LastUpdatedTsMs: t0.UnixMilli() + 1}}}
}

// Regression: orders cancelled at market close vanished without a word.
func TestAnOrderTheExchangeCancelsIsAnnounced(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.m.markets.Find(fedTicker).Status = "closed"
	hs.event(cancelledEvent("o1"))
	if got := hs.m.notice.text; !strings.Contains(got, "BUY 10 YES @ 54¢") || !strings.Contains(got, "cancelled by the exchange: the market closed") {
		t.Errorf("message = %q", got)
	}
}

// My own cancel is not the exchange's.
func TestMyCancelIsNotAnnouncedAsTheExchanges(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.setOrders(resting("o1", fedTicker, model.Bid, "0.54", 10))
	hs.cursorTo("0.54")
	hs.press("x")
	hs.event(cancelledEvent("o1"))
	if got := hs.m.notice.text; strings.Contains(got, "by the exchange") {
		t.Errorf("my cancel announced as the exchange's: %q", got)
	}
}

// Regression: the status bar said "stalled" while the message line still
// said "opened …".
func TestAStalledFeedIsSaidOnTheMessageLine(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	h := hs.feed.Health()
	h.State = stream.Stalled
	hs.event(FeedEventMsg{Event: stream.StateEvent{Health: h}})
	if got := hs.m.notice.text; !strings.Contains(got, "feed stalled") {
		t.Errorf("message = %q", got)
	}
}

// Regression: a REST 429 during the feed's reconciliation was blamed on
// the feed ("feed: too many requests").
func TestARest429IsNotBlamedOnTheFeed(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	err := &api.Error{Status: 429, Message: "too many requests", Method: "GET", Path: "/portfolio/orders"}
	hs.event(FeedEventMsg{Event: stream.ErrorEvent{Err: err}})
	if got := hs.m.notice.text; strings.HasPrefix(got, "feed:") || !strings.Contains(got, "REST rate limit (429)") {
		t.Errorf("message = %q", got)
	}
}

// Regression: "■ STALE: no answer from the exchang…" was cut in the
// ladder's header at 80 columns.
func TestALongStaleReasonIsNotCutInTheLadderHeader(t *testing.T) {
	hs := richHarness(t, 80, 24, "dark")
	hs.feed.stale[fedTicker] = "no answer from the exchange"
	hs.frame()
	scr := hs.screen()
	if strings.Contains(scr, "exchan…") || !strings.Contains(scr, "■ STALE") {
		t.Errorf("ladder header:\n%s", scr)
	}
}

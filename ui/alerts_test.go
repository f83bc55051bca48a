package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"ladder/model"
	"ladder/stream"
	"ladder/ui/text"
)

// myFill is one of my fills in the Fed market at t.
func myFill(id string, price string, taker bool, at time.Time) FeedEventMsg {
	return FeedEventMsg{Event: stream.FillEvent{Fill: model.FillMsg{
		TradeID: id, OrderID: "o-" + id, MarketTicker: fedTicker, BookSide: model.Bid, IsTaker: taker,
		YesPrice: model.MustPrice(price), Count: model.Contracts(1), PostPosition: model.Contracts(1), TsMs: at.UnixMilli(),
	}}}
}

// Regression: "FILLED …" was replaced at once by the next message, so the
// fill was never seen. Both fills stay in the history and the line counts
// what was replaced unread.
func TestAFillIsNeverOverwrittenUnseen(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	hs.openFed()
	hs.event(myFill("t1", "0.57", true, hs.now))  // the IOC's fill
	hs.event(myFill("t2", "0.55", false, hs.now)) // a maker fill right after
	hs.m.say(lvlGood, "took 1 of BUY 1 YES @ 57¢ IOC T4.25")
	lines := strings.Split(hs.screen(), "\n")
	if msg := lines[len(lines)-2]; !strings.Contains(msg, "+2 earlier (m)") || !strings.Contains(msg, "took 1 of") {
		t.Errorf("message line does not count the fills it replaced: %q", msg)
	}
	hs.press("m")
	scr := hs.screen()
	for _, want := range []string{"FILLED BUY 1 @ 57¢", "FILLED BUY 1 @ 55¢", "took 1 of BUY 1", "Messages"} {
		if !strings.Contains(scr, want) {
			t.Errorf("history lacks %q:\n%s", want, scr)
		}
	}
	hs.press("esc")
	lines = strings.Split(hs.screen(), "\n")
	if msg := lines[len(lines)-2]; strings.Contains(msg, "earlier") {
		t.Errorf("the count stays after the history was read: %q", msg)
	}
}

// The history keeps the last historyMax messages, newest first.
func TestMessageHistoryKeepsTheLast200(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	for i := range historyMax + 50 {
		hs.m.say(lvlInfo, "message "+text.Itoa(i))
	}
	if n := hs.m.hist.len(); n != historyMax {
		t.Fatalf("history holds %d, want %d", n, historyMax)
	}
	if got := hs.m.hist.at(0).text; got != "message 249" {
		t.Errorf("newest = %q", got)
	}
	if got := hs.m.hist.at(historyMax - 1).text; got != "message 50" {
		t.Errorf("oldest = %q", got)
	}
	hs.press("m")
	if hs.m.topModal() == nil {
		t.Fatal("the history key opened nothing")
	}
	hs.press("j", "pgdown")
	if !strings.Contains(hs.screen(), "newer") {
		t.Errorf("scrolled history does not say what is above:\n%s", hs.screen())
	}
	hs.press("m")
	if hs.m.topModal() != nil {
		t.Error("the history key does not close the history")
	}
}

// A kill switch's tally updates its counts in place: one message in the
// history, not one per count.
func TestATallyIsOneMessageInTheHistory(t *testing.T) {
	hs := newHarness(t, 120, 40, nil)
	before := hs.m.hist.len()
	hs.m.say(lvlWarn, "first")
	hs.m.tally = 7
	hs.m.amendNotice = true
	hs.m.say(lvlWarn, "first, counted")
	if got := hs.m.hist.len() - before; got != 1 {
		t.Errorf("a tally's update added %d messages", got)
	}
}

// Start-up warnings reach the history whole, however the line cut them.
func TestStartUpNoticesLandInTheHistory(t *testing.T) {
	notices := []string{"key file /home/me/kalshi.pem can be read by others (mode 0644): chmod 600 it", "second warning"}
	hs := newHarness(t, 80, 24, func(o *Options) { o.Notices = notices })
	hs.press("m")
	scr := hs.screen()
	if !strings.Contains(scr, "second warning") || !strings.Contains(scr, "chmod 600") {
		t.Errorf("start-up notices missing from the history:\n%s", scr)
	}
}

// My fill flashes its ladder row and the fills pane's title, then stops.
func TestMyFillFlashesItsRowAndTheFillsTitle(t *testing.T) {
	hs := newHarness(t, 200, 60, nil)
	hs.openFed()
	hs.event(myFill("t1", "0.55", false, hs.now))
	if !hs.m.flash.on(hs.now) || hs.m.flash.price != model.MustPrice("0.55") {
		t.Fatalf("no flash at 55¢: %+v", hs.m.flash)
	}
	out := hs.m.Render()
	flash := hs.m.st.Flash.Prefix()
	if !strings.Contains(out, flash+"Fills") {
		t.Error("the fills title does not flash")
	}
	if !strings.Contains(out, flash+"   55¢") && !strings.Contains(out, flash+"  55¢") && !strings.Contains(out, flash+"55¢") {
		t.Error("the ladder row of the fill does not flash")
	}
	hs.advance(flashFor)
	hs.fire(flashEndMsg{})
	if out := hs.m.Render(); strings.Contains(out, flash+"Fills") || strings.Contains(out, flash+"  55¢") {
		t.Error("the flash does not end")
	}
}

// [alerts] bell rings the terminal bell on each of my fills, and only then.
func TestBellRingsOnAFillWhenAsked(t *testing.T) {
	for _, bell := range []bool{false, true} {
		hs := newHarness(t, 120, 40, func(o *Options) { o.Bell = bell })
		cmd := hs.m.flashFill(model.Fill{MarketTicker: fedTicker, YesPrice: model.MustPrice("0.55")})
		if rang := ringsBell(cmd); rang != bell {
			t.Errorf("bell %v: rang %v", bell, rang)
		}
	}
}

// ringsBell reports whether a command tree writes BEL to the terminal.
func ringsBell(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			if ringsBell(c) {
				return true
			}
		}
	case tea.RawMsg:
		return msg.Msg == "\a"
	}
	return false
}

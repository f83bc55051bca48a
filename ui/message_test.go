package ui

import (
	"strings"
	"testing"
)

func TestStartUpNoticesAreShownAndListedInHelp(t *testing.T) {
	notices := []string{`keys: "x" is bound to both cancel_level and toggle_terms`, "  ", "theme: unknown name, using dark"}
	hs := newHarness(t, 160, 48, func(o *Options) { o.Notices = notices })
	scr := hs.screen()
	lines := strings.Split(scr, "\n")
	msg := lines[len(lines)-2]
	if !strings.Contains(msg, "2 notices") || !strings.Contains(msg, `"x" is bound to both`) {
		t.Fatalf("message line: %q", msg)
	}
	hs.press("?")
	scr = hs.screen()
	for _, n := range []string{notices[0], notices[2]} {
		if !strings.Contains(scr, n) {
			t.Errorf("help lacks %q:\n%s", n, scr)
		}
	}
}

func TestNoticeIsNotCutForTheHelpHint(t *testing.T) {
	hs := newHarness(t, 80, 24, nil)
	hs.m.say(lvlGood, "FILLED SELL 100 @ 5.2¢ KXBTCD-26NOV30-B105000 · taker fee $0.3451")
	lines := strings.Split(hs.screen(), "\n")
	if msg := lines[len(lines)-2]; !strings.Contains(msg, "fee $0.3451") {
		t.Fatalf("message line: %q", msg)
	}
}

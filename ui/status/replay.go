package status

import (
	"strconv"
	"time"

	"ladder/ui/text"
)

// replayWords is the replay's part of the feed segment: the recording's
// clock and whether it plays (at what speed), is paused, or has ended.
func replayWords(cx Ctx) string {
	st, r := cx.Styles, cx.Replay
	loc := cx.Loc
	if loc == nil {
		loc = time.Local
	}
	s := ""
	if !r.At.IsZero() {
		s = st.Text.Render(" " + text.Clock(r.At, loc))
	}
	switch {
	case r.Ended:
		return s + st.Warning.Render(" ■ ended")
	case r.Paused:
		return s + st.Warning.Render(" ⏸ paused")
	case r.Speed <= 0:
		return s + st.Subtle.Render(" ▶ full speed")
	}
	return s + st.Subtle.Render(" ▶ ×"+strconv.FormatFloat(r.Speed, 'g', 3, 64))
}

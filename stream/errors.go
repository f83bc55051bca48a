package stream

import (
	"errors"
	"fmt"
)

// CommandError is an error reply from the exchange to one of our commands.
type CommandError struct {
	ID      int64  // the command id the reply echoed (0 if none)
	Cmd     string // the command it answered, when known
	Channel string // the channel concerned, when known
	Code    int
	Msg     string // the server's text
	Market  string // the market the server blamed, if it named one
}

func (e *CommandError) Error() string {
	s := fmt.Sprintf("websocket error %d (%s)", e.Code, CodeMeaning(e.Code))
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	if e.Cmd != "" {
		s += " [" + e.Cmd
		if e.Channel != "" {
			s += " " + e.Channel
		}
		s += "]"
	}
	return s
}

// wsAlreadySubscribed is Kalshi's error code 6, "already subscribed".
const wsAlreadySubscribed = 6

// Terminal reports whether the exchange expects us to resubscribe after
// this error (codes 10, 17 and 25).
func (e *CommandError) Terminal() bool { return terminalCode(e.Code) }

func terminalCode(code int) bool { return code == 10 || code == 17 || code == 25 }

// CodeMeaning names a Kalshi WebSocket error code (kalshi-api.md §6).
func CodeMeaning(code int) string {
	switch code {
	case 1:
		return "unable to process message"
	case 2:
		return "params required"
	case 3:
		return "channels required"
	case 4:
		return "subscription ids required"
	case 5:
		return "unknown command"
	case 6:
		return "already subscribed"
	case 7:
		return "unknown subscription id"
	case 8:
		return "unknown channel"
	case 9:
		return "authentication required"
	case 10:
		return "channel error"
	case 11:
		return "invalid parameter"
	case 12:
		return "exactly one subscription id required"
	case 13:
		return "unsupported action"
	case 14:
		return "market ticker required"
	case 15:
		return "action required"
	case 16:
		return "market not found"
	case 17:
		return "internal error"
	case 18:
		return "command timeout"
	case 19, 20, 21, 22:
		return "bad shard parameters"
	case 25:
		return "subscription buffer overflow"
	case 26:
		return "subscription market limit exceeded"
	case 27:
		return "too many commands"
	case 28:
		return "underlying tickers required"
	}
	return "unknown error code"
}

// errOverflow reports that the must-deliver queue filled up because its
// reader stalled, and that REST reconciliation replaced what it held.
var errOverflow = errors.New("too many private events waiting: orders, fills and positions are being reloaded over REST")

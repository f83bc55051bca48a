package stream

import (
	"encoding/json"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"ladder/model"
)

// recorder appends received frames to an io.Writer as NDJSON:
//
//	{"t":<receive time, unix ms>,"frame":<the frame as received>}
//
// A frame that is not valid JSON is stored as a JSON string so the line
// stays valid and the replay sees the same bytes. Only frames from the
// server are written; the signed upgrade headers never reach the recorder.
// Two kinds of extra line let a replay rebuild exactly what the live client
// saw: {"t":…,"connect":{"use_yes_price":…}} when a connection is made (sids
// and seq start again there, and NO prices may be in YES terms), and
// {"t":…,"grid":{…}} when a market's price grid was looked up over REST.
type recorder struct {
	mu     sync.Mutex
	w      io.Writer
	log    *slog.Logger
	buf    []byte
	failed bool
}

func newRecorder(w io.Writer, log *slog.Logger) *recorder {
	return &recorder{w: w, log: log, buf: make([]byte, 0, 4096)}
}

func (r *recorder) frame(frame []byte, recv time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failed {
		return
	}
	b := append(r.buf[:0], `{"t":`...)
	b = strconv.AppendInt(b, recv.UnixMilli(), 10)
	b = append(b, `,"frame":`...)
	if json.Valid(frame) {
		b = append(b, frame...)
	} else if q, err := json.Marshal(string(frame)); err == nil {
		b = append(b, q...) // invalid UTF-8 becomes U+FFFD; the frame was unusable anyway
	}
	b = append(b, '}', '\n')
	r.buf = b
	r.write(b)
}

// gridLine is the recording's record of a market's price grid.
type gridLine struct {
	MarketTicker string             `json:"market_ticker"`
	PriceRanges  []model.PriceRange `json:"price_ranges"`
}

// connectLine is the recording's mark of a new connection.
type connectLine struct {
	UseYesPrice bool `json:"use_yes_price"`
}

func (r *recorder) connect(useYes bool, at time.Time) {
	r.markLine(struct {
		T       int64       `json:"t"`
		Connect connectLine `json:"connect"`
	}{at.UnixMilli(), connectLine{useYes}})
}

func (r *recorder) grid(ticker string, g *model.Grid, at time.Time) {
	r.markLine(struct {
		T    int64    `json:"t"`
		Grid gridLine `json:"grid"`
	}{at.UnixMilli(), gridLine{ticker, g.Ranges()}})
}

// markLine writes one of the extra (non-frame) lines. It is marshalled
// before taking the lock so a slow encode never holds up frame recording.
func (r *recorder) markLine(v any) {
	line, err := json.Marshal(v)
	if err != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.failed {
		r.write(append(line, '\n'))
	}
}

func (r *recorder) write(b []byte) {
	if _, err := r.w.Write(b); err != nil {
		r.failed = true
		r.log.Error("recording stopped", "err", err)
	}
}

package hub

import (
	"maps"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"ladder/model"
	"ladder/stream"
)

// fakeSource is a feed with a private queue the test pushes into and a
// record of every subscription it was sent.
type fakeSource struct {
	mu      sync.Mutex
	q       []stream.Delivered
	ready   chan struct{}
	sets    [][2][]string
	books   map[string]stream.BookView
	tickers map[string]model.TickerMsg
	health  stream.Health
	changes atomic.Uint64
}

func newFakeSource() *fakeSource {
	return &fakeSource{ready: make(chan struct{}, 1), books: map[string]stream.BookView{}, tickers: map[string]model.TickerMsg{}}
}

// push queues fills numbered from..to-1 (TradeID is the number).
func (f *fakeSource) push(from, to int) {
	f.mu.Lock()
	for i := from; i < to; i++ {
		f.q = append(f.q, stream.Delivered{Event: fill(i), At: time.Unix(int64(i), 0)})
	}
	f.mu.Unlock()
	select {
	case f.ready <- struct{}{}:
	default:
	}
}

func fill(i int) stream.FillEvent {
	return stream.FillEvent{Fill: model.FillMsg{TradeID: strconv.Itoa(i)}}
}

// seq is the number of a fill pushed by push (-1 for other events).
func seq(d stream.Delivered) int {
	f, ok := d.Event.(stream.FillEvent)
	if !ok {
		return -1
	}
	n, _ := strconv.Atoi(f.Fill.TradeID)
	return n
}

func (f *fakeSource) SetMarkets(books, tickers []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sets = append(f.sets, [2][]string{books, tickers})
	f.changes.Add(1)
}

// lastSet is the latest subscription sent.
func (f *fakeSource) lastSet() (books, tickers []string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.sets) == 0 {
		return nil, nil, 0
	}
	s := f.sets[len(f.sets)-1]
	return s[0], s[1], len(f.sets)
}

func (f *fakeSource) Changes() uint64               { return f.changes.Load() }
func (f *fakeSource) PrivateReady() <-chan struct{} { return f.ready }

func (f *fakeSource) DrainPrivate(dst []stream.Delivered) []stream.Delivered {
	f.mu.Lock()
	defer f.mu.Unlock()
	dst = append(dst, f.q...)
	f.q = f.q[:0]
	return dst
}

func (f *fakeSource) Books(dst map[string]stream.BookView) {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(dst)
	maps.Copy(dst, f.books)
}

func (f *fakeSource) Tickers(dst map[string]model.TickerMsg) {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(dst)
	maps.Copy(dst, f.tickers)
}

func (f *fakeSource) Trades(cursor uint64, max int, dst []model.TradeMsg) ([]model.TradeMsg, uint64, uint64) {
	return dst, cursor + 1, 0
}

// Health returns a copy, as the real client does.
func (f *fakeSource) Health() stream.Health {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.health
	h.Refused = maps.Clone(f.health.Refused)
	return h
}

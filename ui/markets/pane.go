package markets

import (
	"slices"
	"strings"

	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/text"

	"charm.land/bubbles/v2/textinput"
)

// Pane browses events and their markets, filters them with a typed
// query and marks favourites.
type Pane struct {
	keys   *keys.KeyMap
	events []model.Event
	rows   []Row // after the filter, with event headers
	cursor int   // index into rows; always a market row when any exist
	offset int   // first row shown
	// input holds the filter's query (bubbles' textinput: editing keys,
	// paste); editing says it is being typed.
	input   textinput.Model
	editing bool
	favs    map[string]bool
	formats map[string]text.PriceFormat // by ticker, from each market's grid
	// allTickers lists every market of the catalogue, sorted, for the
	// ticker subscription.
	allTickers []string
	w, h       int
	loading    bool
	err        string
}

// Row is a line of the list: an event header (Market == nil) or one market.
type Row struct {
	Header string // the event's title; a favourites group's starts with FavouritesMark
	Sub    string // the event's ticker
	Market *model.Market
}

// FavouritesMark starts the header of a favourites group.
const FavouritesMark = "★ "

// New makes the pane, loading until SetEvents, with the saved favourites.
// km is the dashboard's keymap, which the pane only reads.
func New(favourites []string, km *keys.KeyMap) *Pane {
	favs := map[string]bool{}
	for _, f := range favourites {
		favs[f] = true
	}
	return &Pane{keys: km, favs: favs, loading: true, input: newInput()}
}

// SetSize gives the pane its rectangle.
func (mp *Pane) SetSize(w, h int) {
	mp.w, mp.h = w, h
	mp.scroll()
}

// SetEvents replaces the catalogue.
func (mp *Pane) SetEvents(events []model.Event) {
	mp.events, mp.loading, mp.err = events, false, ""
	mp.formats = make(map[string]text.PriceFormat)
	mp.allTickers = mp.allTickers[:0]
	for ei := range events {
		for _, m := range events[ei].Markets {
			mp.formats[m.Ticker] = text.PriceFormatOf(m.PriceRanges)
			mp.allTickers = append(mp.allTickers, m.Ticker)
		}
	}
	slices.Sort(mp.allTickers)
	mp.allTickers = slices.Compact(mp.allTickers)
	mp.rebuild()
}

// text.PriceFormat is how a market of the catalogue writes its prices; a market
// not in the catalogue writes each price as it needs.
func (mp *Pane) PriceFormat(ticker string) text.PriceFormat { return mp.formats[ticker] }

// ListRows is how many list rows fit (inside the frame, below the column
// header, above the filter line).
func (mp *Pane) ListRows() int {
	n := mp.h - 2 - 1
	if mp.editing || mp.filter() != "" {
		n--
	}
	return max(n, 1)
}

// rebuild recomputes the rows from the catalogue, the filter and the
// favourites, keeping the cursor on the same market when it survives.
func (mp *Pane) rebuild() {
	keep := mp.SelectedTicker()
	mp.rows = mp.rows[:0]
	q := strings.ToLower(strings.TrimSpace(mp.filter()))
	match := func(e *model.Event, m *model.Market) bool {
		if q == "" {
			return true
		}
		hay := strings.ToLower(m.Ticker + " " + m.Title + " " + m.Subtitle + " " + m.YesSubTitle + " " + e.Title + " " + e.EventTicker)
		return strings.Contains(hay, q)
	}
	// Favourites come first, each under its event's title with a star, so
	// "Above 4.25%" still says which event it belongs to.
	var favRows []Row
	for ei := range mp.events {
		e := &mp.events[ei]
		first := true
		for mi := range e.Markets {
			m := &e.Markets[mi]
			if !mp.favs[m.Ticker] || !match(e, m) {
				continue
			}
			if first {
				favRows = append(favRows, Row{Header: FavouritesMark + e.Title, Sub: e.EventTicker})
				first = false
			}
			favRows = append(favRows, Row{Market: m})
		}
	}
	mp.rows = append(mp.rows, favRows...)
	for ei := range mp.events {
		e := &mp.events[ei]
		first := true
		for mi := range e.Markets {
			m := &e.Markets[mi]
			if !match(e, m) {
				continue
			}
			if first {
				mp.rows = append(mp.rows, Row{Header: e.Title, Sub: e.EventTicker})
				first = false
			}
			mp.rows = append(mp.rows, Row{Market: m})
		}
	}
	mp.cursor = 0
	if keep != "" {
		for i, r := range mp.rows {
			if r.Market != nil && r.Market.Ticker == keep {
				mp.cursor = i
				break
			}
		}
	}
	mp.snapCursor(1)
	mp.scroll()
}

// snapCursor moves the cursor off header rows in direction dir.
func (mp *Pane) snapCursor(dir int) {
	if len(mp.rows) == 0 {
		mp.cursor = 0
		return
	}
	mp.cursor = text.Clamp(mp.cursor, 0, len(mp.rows)-1)
	for i := mp.cursor; i >= 0 && i < len(mp.rows); i += dir {
		if mp.rows[i].Market != nil {
			mp.cursor = i
			return
		}
	}
	for i := mp.cursor; i >= 0 && i < len(mp.rows); i -= dir {
		if mp.rows[i].Market != nil {
			mp.cursor = i
			return
		}
	}
}

// Move moves the cursor by delta market rows.
func (mp *Pane) Move(delta int) {
	if len(mp.rows) == 0 {
		return
	}
	dir := 1
	if delta < 0 {
		dir, delta = -1, -delta
	}
	for ; delta > 0; delta-- {
		next := mp.cursor + dir
		for next >= 0 && next < len(mp.rows) && mp.rows[next].Market == nil {
			next += dir
		}
		if next < 0 || next >= len(mp.rows) {
			break
		}
		mp.cursor = next
	}
	mp.scroll()
}

// scroll keeps the cursor in view, showing its event header when possible.
func (mp *Pane) scroll() {
	n := mp.ListRows()
	if mp.cursor < mp.offset {
		mp.offset = mp.cursor
		if mp.offset > 0 && mp.rows[mp.offset-1].Market == nil {
			mp.offset--
		}
	}
	if mp.cursor >= mp.offset+n {
		mp.offset = mp.cursor - n + 1
	}
	mp.offset = text.Clamp(mp.offset, 0, max(len(mp.rows)-n, 0))
	// A market at the top says whose it is: its event's header comes into
	// view above it whenever the cursor still fits below.
	if mp.offset > 0 && mp.rows[mp.offset-1].Market == nil && mp.cursor < mp.offset+n-1 {
		mp.offset--
	}
}

// Selected returns the highlighted market.
func (mp *Pane) Selected() *model.Market {
	if mp.cursor < 0 || mp.cursor >= len(mp.rows) {
		return nil
	}
	return mp.rows[mp.cursor].Market
}

func (mp *Pane) SelectedTicker() string {
	if m := mp.Selected(); m != nil {
		return m.Ticker
	}
	return ""
}

// ToggleFavourite flips the highlighted market and returns the new list.
func (mp *Pane) ToggleFavourite() ([]string, bool) {
	m := mp.Selected()
	if m == nil {
		return nil, false
	}
	if mp.favs[m.Ticker] {
		delete(mp.favs, m.Ticker)
	} else {
		mp.favs[m.Ticker] = true
	}
	mp.rebuild()
	return mp.Favourites(), true
}

// Favourites returns the favourite tickers, sorted.
func (mp *Pane) Favourites() []string {
	out := make([]string, 0, len(mp.favs))
	for t := range mp.favs {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// VisibleTickers lists the markets on screen, for ticker subscriptions.
func (mp *Pane) VisibleTickers() []string {
	var out []string
	n := mp.ListRows()
	for i := mp.offset; i < len(mp.rows) && i < mp.offset+n; i++ {
		if m := mp.rows[i].Market; m != nil {
			out = append(out, m.Ticker)
		}
	}
	return out
}

// Find returns a market of the catalogue by ticker.
func (mp *Pane) Find(ticker string) *model.Market {
	for ei := range mp.events {
		for mi := range mp.events[ei].Markets {
			if m := &mp.events[ei].Markets[mi]; m.Ticker == ticker {
				return m
			}
		}
	}
	return nil
}

// HasEvents reports whether a catalogue has been loaded.
func (mp *Pane) HasEvents() bool { return len(mp.events) > 0 }

// SetLoading says whether a catalogue is on its way ("loading markets…").
func (mp *Pane) SetLoading(loading bool) { mp.loading = loading }

// SetError ends the loading with an error, shown in place of the list.
func (mp *Pane) SetError(err string) { mp.loading, mp.err = false, err }

// AllTickers lists every market of the catalogue, sorted; the caller must
// not modify it.
func (mp *Pane) AllTickers() []string { return mp.allTickers }

// SelectTicker puts the cursor on a market of the list and reports whether
// it is there.
func (mp *Pane) SelectTicker(ticker string) bool {
	for i, r := range mp.rows {
		if r.Market != nil && r.Market.Ticker == ticker {
			mp.cursor = i
			mp.scroll()
			return true
		}
	}
	return false
}

// Rows is the list as drawn: event headers and markets, after the filter.
// The caller must not modify it.
func (mp *Pane) Rows() []Row { return mp.rows }

// Events is the catalogue as loaded; the caller must not modify it.
func (mp *Pane) Events() []model.Event { return mp.events }

// RowAt is the market on the list row at y, relative to the pane's top
// (the mouse): y 0 is the border, 1 the column header, then the list from
// the first row shown. It reports false for a header or an empty row.
func (mp *Pane) RowAt(y int) (*model.Market, bool) {
	r := y - 2
	if mp.loading || mp.err != "" || r < 0 || r >= mp.ListRows() {
		return nil, false
	}
	i := mp.offset + r
	if i >= len(mp.rows) || mp.rows[i].Market == nil {
		return nil, false
	}
	mp.cursor = i
	mp.scroll()
	return mp.rows[i].Market, true
}

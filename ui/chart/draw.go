package chart

import (
	"strings"
	"time"

	"ladder/model"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// canvas is a grid of cells, each a rune and the paint it is drawn in.
type canvas struct {
	w, h  int
	cells [][]cell
}

type cell struct {
	r rune
	p styles.Paint
}

func newCanvas(w, h int) *canvas {
	c := &canvas{w: w, h: h, cells: make([][]cell, h)}
	for y := range c.cells {
		row := make([]cell, w)
		for x := range row {
			row[x] = cell{r: ' '}
		}
		c.cells[y] = row
	}
	return c
}

func (c *canvas) set(x, y int, r rune, p styles.Paint) {
	if x >= 0 && x < c.w && y >= 0 && y < c.h {
		c.cells[y][x] = cell{r, p}
	}
}

// line renders row y, opening each paint once per run.
func (c *canvas) line(y int) string {
	var b strings.Builder
	row := c.cells[y]
	for x := 0; x < len(row); {
		p := row[x].p
		var run strings.Builder
		for x < len(row) && row[x].p == p {
			run.WriteRune(row[x].r)
			x++
		}
		p.Write(&b, run.String())
	}
	return b.String()
}

// scale maps prices in [lo, hi] to rows 0 (hi) … rows-1 (lo), rounding to
// the nearest row, in integers.
type scale struct {
	lo, hi model.Price
	rows   int
}

func (s scale) row(p model.Price) int {
	span := int64(s.hi - s.lo)
	if span <= 0 || s.rows <= 1 {
		return 0
	}
	num := int64(s.hi-p) * int64(s.rows-1)
	r := int((2*num + span) / (2 * span))
	return text.Clamp(r, 0, s.rows-1)
}

// Input is what one drawing shows.
type Input struct {
	Styles  *styles.Styles
	Candles []model.Candlestick // oldest first; the newest that fit are drawn
	Period  int                 // minutes
	Fills   []model.Fill        // mine in this market (any order)
	Prices  text.PriceFormat
	Loc     *time.Location
}

// volRows is the height of the volume bars.
const volRows = 2

// blocks are the eighths of a cell, for the volume bars.
var blocks = []rune{' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'}

// Draw draws the chart in w × h cells: a price axis, the candles over the
// bid–ask band, my fills, volume bars and a time axis. It returns h lines
// of w cells (fewer than 4 rows of plot draw nothing but a note).
func Draw(in Input, w, h int) []string {
	st := in.Styles
	plotH := h - volRows - 1 // the time axis
	if plotH < 3 || w < 12 {
		return []string{st.Subtle.Render(text.Fit("too small for a chart", w))}
	}
	// The price range: every traded extreme and band edge drawn.
	lo, hi := model.OneDollar, model.Price(0)
	widen := func(p model.Price) {
		if p.InOpenRange() {
			lo, hi = min(lo, p), max(hi, p)
		}
	}
	axisW := len(in.Prices.Format(model.OneDollar-1)) + 1
	cols := max(w-axisW, 1)
	cs := in.Candles
	if len(cs) > cols {
		cs = cs[len(cs)-cols:]
	}
	for _, c := range cs {
		widen(c.YesBid.Close)
		widen(c.YesAsk.Close)
		if c.Price.High != nil {
			widen(*c.Price.High)
			widen(*c.Price.Low)
		} else if c.Price.Previous != nil {
			widen(*c.Price.Previous)
		}
	}
	if hi < lo {
		return []string{st.Subtle.Render(text.Fit("no prices in this window", w))}
	}
	// A little room above and below, and never a flat range.
	pad := max((hi-lo)/10, model.Cent/2)
	lo, hi = max(lo-pad, 1), min(hi+pad, model.OneDollar-1)
	sc := scale{lo: lo, hi: hi, rows: plotH}

	cv := newCanvas(w, h)
	// The price axis: a round price near the top, the middle and the
	// bottom, each on the row it maps to, so a label is exactly its row's.
	unit := model.Cent
	if hi-lo < 3*model.Cent {
		unit = model.Cent / 10
	}
	for _, y := range []int{0, plotH / 2, plotH - 1} {
		p := hi - model.Price(int64(hi-lo)*int64(y)/int64(max(plotH-1, 1)))
		p = (p + unit/2) / unit * unit
		lbl := text.PadLeft(in.Prices.Format(p), axisW-1)
		for i, r := range []rune(lbl) {
			cv.set(i, sc.row(p), r, st.Subtle.Normal)
		}
	}
	for y := range plotH {
		cv.set(axisW-1, y, '┤', st.Subtle.Normal)
	}
	period := int64(in.Period) * 60
	var maxVol model.Qty
	for _, c := range cs {
		maxVol = max(maxVol, c.Volume)
	}
	for i, c := range cs {
		x := axisW + i
		// The bid–ask band behind the candle.
		if b, a := c.YesBid.Close, c.YesAsk.Close; b.InOpenRange() && a.InOpenRange() {
			for y := sc.row(a); y <= sc.row(b); y++ {
				cv.set(x, y, '░', st.Subtle.Normal)
			}
		}
		switch tp := c.Price; {
		case tp.High != nil && tp.Open != nil && tp.Close != nil:
			tone := st.Up.Normal
			if *tp.Close < *tp.Open {
				tone = st.Down.Normal
			}
			for y := sc.row(*tp.High); y <= sc.row(*tp.Low); y++ {
				cv.set(x, y, '│', tone)
			}
			top, bot := sc.row(max(*tp.Open, *tp.Close)), sc.row(min(*tp.Open, *tp.Close))
			for y := top; y <= bot; y++ {
				cv.set(x, y, '█', tone)
			}
		case tp.Previous != nil:
			// No trade in the period: the last price carried as a dot.
			cv.set(x, sc.row(*tp.Previous), '·', st.Text.Normal)
		}
		// My fills in the period, over everything else.
		for _, f := range in.Fills {
			ts := fillTime(f)
			if ts > c.EndPeriodTS-period && ts <= c.EndPeriodTS {
				tone := st.Bid.Normal
				if f.BookSide == model.Ask {
					tone = st.Ask.Normal
				}
				cv.set(x, sc.row(f.YesPrice), '◆', tone)
			}
		}
		// Volume, in eighths of a cell.
		if maxVol > 0 && c.Volume > 0 {
			level := int((int64(c.Volume)*volRows*8 + int64(maxVol) - 1) / int64(maxVol))
			for r := range volRows {
				fill := text.Clamp(level-(volRows-1-r)*8, 0, 8)
				cv.set(x, plotH+r, blocks[fill], st.Subtle.Normal)
			}
		}
	}
	if maxVol > 0 {
		lbl := text.PadLeft(text.Qty(maxVol), axisW-1)
		for i, r := range []rune(lbl) {
			cv.set(i, plotH, r, st.Subtle.Normal)
		}
	}
	timeAxis(cv, cs, axisW, h-1, in, st)
	out := make([]string, h)
	for y := range h {
		out[y] = cv.line(y)
	}
	return out
}

// timeAxis labels a few candles' times under the bars, each label starting
// at its candle, spaced so they never touch.
func timeAxis(cv *canvas, cs []model.Candlestick, axisW, y int, in Input, st *styles.Styles) {
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	next := axisW
	for i, c := range cs {
		x := axisW + i
		if x < next {
			continue
		}
		t := time.Unix(c.EndPeriodTS, 0).In(loc)
		var lbl string
		switch in.Period {
		case model.CandleDay:
			lbl = t.Format("Jan 2")
		default:
			lbl = t.Format("15:04")
		}
		if x+len(lbl) > cv.w {
			break
		}
		cv.set(x, y, '╵', st.Subtle.Normal)
		for j, r := range lbl {
			cv.set(x+1+j, y, r, st.Subtle.Normal)
		}
		next = x + len(lbl) + 4
	}
}

// fillTime is a fill's time in Unix seconds.
func fillTime(f model.Fill) int64 {
	if !f.CreatedTime.IsZero() {
		return f.CreatedTime.Unix()
	}
	return f.Ts
}

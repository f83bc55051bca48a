package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"ladder/model"
)

// ticketField is one row of the order ticket.
type ticketField int

const (
	tfSide ticketField = iota
	tfPrice
	tfQty
	tfTIF
	tfPostOnly
	tfReduceOnly
	tfExpiry
	numTicketFields
)

// expiryChoices are the ticket's expiration options (0: never).
func expiryChoices() []time.Duration {
	return []time.Duration{0, time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 4 * time.Hour, 24 * time.Hour}
}

// ticket is the full order form for everything the one-key entry does not
// cover. Prices are YES prices and sides V2 sides, exactly what is sent. In
// amend mode only price and quantity can change.
type ticket struct {
	ticker     string
	grid       *model.Grid
	amendID    string
	side       model.BookSide
	price      model.Price
	qty        model.Qty
	filled     model.Qty // amend: already filled, added to the new total
	tif        model.TimeInForce
	postOnly   bool
	reduceOnly bool
	expiry     int // index into expiryChoices
	field      ticketField
	edit       string // digits typed into the price or quantity field
	err        string
}

// openTicket opens the ticket at the ladder's cursor with the current
// quantity.
func (m *Model) openTicket(lp *ladderPane) {
	req := m.orderFor(lp, true, lp.cursorPrice(), model.GTC)
	m.ticket = &ticket{
		ticker: lp.ticker, grid: lp.grid, side: req.Side, price: req.Price, qty: m.qty,
		tif: model.GTC, field: tfPrice,
	}
}

// openAmendTicket opens the ticket to amend one of my orders.
func (m *Model) openAmendTicket(o *myOrder) {
	var g *model.Grid
	if lp := m.ladderFor(o.Ticker); lp != nil {
		g = lp.grid
	} else if mk := m.markets.find(o.Ticker); mk != nil {
		g, _ = mk.Grid()
	}
	if g == nil {
		m.say(lvlWarn, "open "+o.Ticker+"'s ladder to amend this order")
		return
	}
	m.ticket = &ticket{
		ticker: o.Ticker, grid: g, amendID: o.ID, side: o.Side, price: o.Price, qty: o.Remaining,
		filled: o.Filled, tif: model.GTC, field: tfPrice,
	}
}

// fields lists the editable rows.
func (t *ticket) fields() []ticketField {
	if t.amendID != "" {
		return []ticketField{tfPrice, tfQty}
	}
	return []ticketField{tfSide, tfPrice, tfQty, tfTIF, tfPostOnly, tfReduceOnly, tfExpiry}
}

// moveField goes to the next or previous editable row, committing typing.
func (t *ticket) moveField(dir int) {
	t.commit()
	fs := t.fields()
	i := 0
	for j, f := range fs {
		if f == t.field {
			i = j
		}
	}
	t.field = fs[(i+dir+len(fs))%len(fs)]
}

// change steps the focused field's value.
func (t *ticket) change(dir int) {
	t.commit()
	switch t.field {
	case tfSide:
		t.side = t.side.Opposite()
	case tfPrice:
		var p model.Price
		var ok bool
		if dir > 0 {
			p, ok = t.grid.Next(t.price)
		} else {
			p, ok = t.grid.Prev(t.price)
		}
		if ok {
			t.price = p
		}
	case tfQty:
		t.qty = stepQty(t.qty, dir)
	case tfTIF:
		tifs := []model.TimeInForce{model.GTC, model.IOC, model.FOK}
		i := 0
		for j, v := range tifs {
			if v == t.tif {
				i = j
			}
		}
		t.tif = tifs[(i+dir+len(tifs))%len(tifs)]
	case tfPostOnly:
		t.postOnly = !t.postOnly
	case tfReduceOnly:
		t.reduceOnly = !t.reduceOnly
	case tfExpiry:
		n := len(expiryChoices())
		t.expiry = (t.expiry + dir + n) % n
	}
}

// typeText adds typed characters to the price or quantity field.
func (t *ticket) typeText(s string) {
	if t.field != tfPrice && t.field != tfQty {
		return
	}
	for _, r := range s {
		if (r >= '0' && r <= '9') || r == '.' {
			t.edit += string(r)
		}
	}
}

// commit parses typed digits into the field.
func (t *ticket) commit() {
	if t.edit == "" {
		return
	}
	text := t.edit
	t.edit = ""
	switch t.field {
	case tfPrice:
		p, err := parseCents(text)
		if err != nil {
			t.err = err.Error()
			return
		}
		t.price, t.err = p, ""
	case tfQty:
		q, err := model.ParseQty(text)
		if err != nil {
			t.err = err.Error()
			return
		}
		t.qty, t.err = q, ""
	}
}

// parseCents reads a price typed in cents: "56", "56.5", "0.25".
func parseCents(s string) (model.Price, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	c, err := strconv.Atoi(whole)
	if err != nil || c > 100 {
		return 0, errors.New("price: type cents, e.g. 56 or 56.5")
	}
	if len(frac) > 2 {
		return 0, errors.New("price: at most two decimals of a cent")
	}
	f := 0
	if frac != "" {
		f, err = strconv.Atoi(frac + strings.Repeat("0", 2-len(frac)))
		if err != nil {
			return 0, errors.New("price: type cents, e.g. 56 or 56.5")
		}
	}
	return model.Price(c)*model.Cent + model.Price(f), nil
}

// intent turns the ticket into the action it submits.
func (t *ticket) intent(now time.Time) intent {
	if t.amendID != "" {
		return intent{kind: intentAmend, orderID: t.amendID, amend: model.AmendOrderRequest{
			Ticker: t.ticker, Side: t.side, Price: t.price, Count: t.filled + t.qty,
		}}
	}
	req := model.CreateOrderRequest{
		Ticker: t.ticker, Side: t.side, Count: t.qty, Price: t.price, TimeInForce: t.tif,
		PostOnly: t.postOnly, ReduceOnly: t.reduceOnly, STP: model.STPTakerAtCross,
	}
	if d := expiryChoices()[t.expiry]; d > 0 && t.tif == model.GTC {
		req.ExpirationTime = now.Add(d).Unix()
	}
	return intent{kind: intentPlace, req: req}
}

// ticketKey drives the ticket.
func (m *Model) ticketKey(msg tea.KeyPressMsg) tea.Cmd {
	t := m.ticket
	k := m.keys.Ticket
	switch {
	case key.Matches(msg, k.Cancel):
		m.ticket = nil
		m.say(lvlInfo, "ticket cancelled")
	case key.Matches(msg, k.Submit):
		t.commit()
		if t.err != "" {
			return nil
		}
		in, err := m.prepare(t.intent(m.now))
		if err != nil {
			t.err = err.Error()
			return nil
		}
		m.ticket = nil
		return m.dispatch(in)
	case key.Matches(msg, k.NextField):
		t.moveField(1)
	case key.Matches(msg, k.PrevField):
		t.moveField(-1)
	case msg.Code == tea.KeyBackspace:
		if t.edit != "" {
			t.edit = t.edit[:len(t.edit)-1]
		}
	case msg.Text != "" && strings.ContainsAny(msg.Text, "0123456789.") && (t.field == tfPrice || t.field == tfQty):
		t.typeText(msg.Text)
	case key.Matches(msg, k.Increase):
		t.change(1)
	case key.Matches(msg, k.Decrease):
		t.change(-1)
	}
	return nil
}

// ticketView draws the ticket as a box.
func (m *Model) ticketView(t *ticket) []string {
	st := m.st
	terms := m.termsFor(t.ticker)
	row := func(f ticketField, label, value string) string {
		cur := f == t.field
		if t.amendID != "" && f != tfPrice && f != tfQty {
			return st.Subtle.n.s(padRight(label, 15) + value)
		}
		if cur {
			return st.Accent.c.s("▶ "+padRight(label, 13)) + st.Header.c.s(" ◀ "+value+" ▶ ")
		}
		return st.Subtle.n.s("  "+padRight(label, 13)) + st.Text.n.s("   "+value)
	}
	editOr := func(f ticketField, v string) string {
		if t.field == f && t.edit != "" {
			return t.edit + "▏"
		}
		return v
	}
	pf := formatFor(t.grid.Ranges())
	sideText := sideWord(t.side) + " YES (" + string(t.side) + ")"
	if t.side == model.Ask {
		sideText += " = BUY NO @ " + pf.text(t.price.Complement())
	}
	expiry := "never"
	if d := expiryChoices()[t.expiry]; d > 0 {
		expiry = "in " + d.String()
		if t.tif != model.GTC {
			expiry += " (GTC only)"
		}
	}
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	lines := []string{
		row(tfSide, "side", sideText),
		row(tfPrice, "price (YES)", editOr(tfPrice, pf.text(t.price))),
		row(tfQty, "quantity", editOr(tfQty, t.qty.Short())),
		row(tfTIF, "time in force", tifWord(t.tif)),
		row(tfPostOnly, "post-only", onOff(t.postOnly)),
		row(tfReduceOnly, "reduce-only", onOff(t.reduceOnly)),
		row(tfExpiry, "expires", expiry),
		"",
	}
	in := t.intent(m.now)
	if in.kind == intentPlace {
		lines = append(lines, st.Subtle.n.s("cost ")+st.Text.n.s(orderCost(in.req).Dollars())+
			st.Subtle.n.s(" · "+m.costText("POST", "/portfolio/events/orders", 1)))
	} else {
		lines = append(lines, st.Subtle.n.s("amend · "+m.costText("POST", "/portfolio/events/orders/"+t.amendID+"/amend", 1)))
	}
	if terms == model.NoTerms {
		lines = append(lines, st.Subtle.n.s("the ticket is in YES terms: exactly what is sent"))
	}
	if t.err != "" {
		lines = append(lines, st.Error.n.s(t.err))
	}
	k := m.keys.Ticket
	lines = append(lines, st.Subtle.n.s(firstKey(k.NextField)+" field · "+firstKey(k.Decrease)+"/"+firstKey(k.Increase)+
		" change · 0-9 type · "+firstKey(k.Submit)+" submit · "+firstKey(k.Cancel)+" cancel"))
	title := "Order ticket — " + t.ticker
	if t.amendID != "" {
		title = "Amend " + t.amendID + " — " + t.ticker
	}
	return st.boxFrame(st.Title.n.s(title), lines, min(66, m.width-4))
}

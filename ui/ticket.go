package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"ladder/desk"
	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/ladder"
	"ladder/ui/text"
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
//
// Typed digits stay in their field as typed until they are replaced or
// erased: the cost follows every keystroke, and a field that does not
// parse (or is off the grid, or zero) shows why beside it and blocks
// submit. Nothing silently falls back to the value from before the typing.
type ticket struct {
	keys       *keys.KeyMap // read only: the ticket's keys, for the help
	ticker     string
	grid       *model.Grid
	pf         text.PriceFormat
	amendID    string
	side       model.BookSide
	price      model.Price // last valid price (stepping starts here)
	qty        model.Qty   // last valid quantity
	filled     model.Qty   // amend: already filled, added to the new total
	tif        model.TimeInForce
	postOnly   bool
	reduceOnly bool
	expiry     int // index into expiryChoices
	field      ticketField
	priceIn    textinput.Model // digits typed into the price field; empty shows price
	qtyIn      textinput.Model // digits typed into the quantity field; empty shows qty
	err        string          // why the last submit was refused by the checks
	// note heads the ticket when it was opened for a zoomed row: the
	// prices the row covers, one of which must be chosen.
	note string
}

// openTicket opens the ticket at the ladder's cursor with the current
// quantity.
func (m *Model) openTicket(lp *ladder.Pane) {
	req := m.orderFor(lp, true, lp.CursorPrice(), model.GTC)
	m.openTicketModal(&ticket{
		ticker: lp.Ticker(), grid: lp.Grid(), pf: lp.PriceFormat(), side: req.Side, price: req.Price, qty: m.qty,
		tif: model.GTC, field: tfPrice,
	})
}

// openAmendTicket opens the ticket to amend one of my orders.
func (m *Model) openAmendTicket(o desk.Order) {
	var g *model.Grid
	if lp := m.ladderFor(o.Ticker); lp != nil {
		g = lp.Grid()
	} else if mk := m.markets.Find(o.Ticker); mk != nil {
		g, _ = mk.Grid()
	}
	if g == nil {
		m.say(lvlWarn, "open "+o.Ticker+"'s ladder to amend this order")
		return
	}
	m.openTicketModal(&ticket{
		ticker: o.Ticker, grid: g, pf: text.PriceFormatOf(g.Ranges()), amendID: o.ID, side: o.Side, price: o.Price,
		qty: o.Remaining, filled: o.Filled, tif: model.GTC, field: tfPrice,
	})
}

// openTicketModal shows a ticket, in place of one already open.
func (m *Model) openTicketModal(t *ticket) {
	t.keys = m.keys
	t.priceIn, t.qtyIn = newTicketInput(), newTicketInput()
	m.closeModals(isTicket)
	m.pushModal(t)
}

// fields lists the editable rows.
func (t *ticket) fields() []ticketField {
	if t.amendID != "" {
		return []ticketField{tfPrice, tfQty}
	}
	return []ticketField{tfSide, tfPrice, tfQty, tfTIF, tfPostOnly, tfReduceOnly, tfExpiry}
}

// moveField goes to the next or previous editable row. Typing stays in
// the field it was typed into: a valid entry is taken as the field's
// value, an invalid one stays on show with its error.
func (t *ticket) moveField(dir int) {
	t.settle()
	fs := t.fields()
	i := 0
	for j, f := range fs {
		if f == t.field {
			i = j
		}
	}
	t.field = fs[(i+dir+len(fs))%len(fs)]
}

// settle takes the focused field's typed text as its value when it is
// valid; an invalid entry is kept, so its error stays visible.
func (t *ticket) settle() {
	switch t.field {
	case tfPrice:
		if p, why := t.livePrice(); t.priceIn.Value() != "" && why == "" {
			t.price = p
			t.priceIn.Reset()
		}
	case tfQty:
		if q, why := t.liveQty(); t.qtyIn.Value() != "" && why == "" {
			t.qty = q
			t.qtyIn.Reset()
		}
	}
}

// change steps the focused field's value. Stepping a price or quantity
// replaces what was typed there, starting from the typing if it is valid.
func (t *ticket) change(dir int) {
	t.settle()
	switch t.field {
	case tfSide:
		t.side = t.side.Opposite()
	case tfPrice:
		t.priceIn.Reset()
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
		t.qtyIn.Reset()
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

// The price and quantity fields are bubbles textinputs: typed digits (and
// pasted ones) stay in their field as typed, with the usual editing keys,
// until they are replaced or erased. Their cursor is the steady bar the
// ticket draws, never a blinking one, and ctrl+v is off (see markets'
// newInput: pastes come from the terminal).

// ticketCharLimit bounds what a field takes: more than any price or size.
const ticketCharLimit = 12

// newTicketInput is a price or quantity field's input.
func newTicketInput() textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = ticketCharLimit
	in.SetVirtualCursor(false)
	in.KeyMap.Paste.SetEnabled(false)
	_ = in.Focus() // only the focused field is handed keys; no command
	return in
}

// input is the text input of a field (nil for fields that take no typing).
func (t *ticket) input(f ticketField) *textinput.Model {
	switch f {
	case tfPrice:
		return &t.priceIn
	case tfQty:
		return &t.qtyIn
	}
	return nil
}

// typeText adds typed or pasted characters to the price or quantity
// field: digits and the decimal point, the rest dropped.
func (t *ticket) typeText(s string) {
	in := t.input(t.field)
	if in == nil {
		return
	}
	digits := strings.Map(func(r rune) rune {
		if (r >= '0' && r <= '9') || r == '.' {
			return r
		}
		return -1
	}, s)
	if digits != "" {
		*in, _ = in.Update(tea.PasteMsg{Content: digits})
	}
	t.err = ""
}

// editKey hands an editing key (backspace, delete, home, ...) to the
// focused field's input; an emptied field shows its value again.
func (t *ticket) editKey(msg tea.KeyPressMsg) {
	if in := t.input(t.field); in != nil {
		before := in.Value()
		*in, _ = in.Update(msg)
		if in.Value() != before {
			t.err = ""
		}
	}
}

// livePrice is the price the ticket would send now: the typed one when
// there is typing, else the value; why is non-empty when it cannot be sent.
func (t *ticket) livePrice() (p model.Price, why string) {
	typed := t.priceIn.Value()
	if typed == "" {
		return t.price, ""
	}
	p, err := parseCents(typed)
	switch {
	case err != nil:
		return t.price, err.Error()
	case !p.InOpenRange():
		return t.price, "must be above 0¢ and below 100¢"
	case !t.grid.Valid(p):
		lo, okLo := t.grid.Snap(p, model.Down)
		hi, okHi := t.grid.Snap(p, model.Up)
		near := ""
		switch {
		case okLo && okHi:
			near = t.pf.Format(lo) + " / " + t.pf.Format(hi)
		case okLo:
			near = t.pf.Format(lo)
		case okHi:
			near = t.pf.Format(hi)
		}
		// Short: the nearest prices must fit the ticket at 80×24.
		return t.price, "off grid: " + near
	}
	return p, ""
}

// liveQty is the quantity the ticket would send now (see livePrice).
func (t *ticket) liveQty() (q model.Qty, why string) {
	typed := t.qtyIn.Value()
	if typed == "" {
		return t.qty, ""
	}
	q, err := model.ParseQty(typed)
	switch {
	case err != nil:
		return t.qty, "type contracts, e.g. 10"
	case q <= 0:
		return t.qty, "must be at least one contract"
	}
	return q, ""
}

// fieldErr is why a field's typed value cannot be sent, or "".
func (t *ticket) fieldErr(f ticketField) string {
	switch f {
	case tfPrice:
		_, why := t.livePrice()
		return why
	case tfQty:
		_, why := t.liveQty()
		return why
	}
	return ""
}

// invalidField is the first field whose typing cannot be sent.
func (t *ticket) invalidField() (ticketField, string) {
	for _, f := range []ticketField{tfPrice, tfQty} {
		if why := t.fieldErr(f); why != "" {
			return f, why
		}
	}
	return 0, ""
}

// parseCents reads a price typed in cents: "56", "56.5", "0.25".
func parseCents(s string) (model.Price, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" {
		whole = "0"
	}
	c, err := strconv.Atoi(whole)
	if err != nil || strings.Contains(frac, ".") {
		return 0, errors.New("type cents, e.g. 56 or 56.5")
	}
	if c >= 100 {
		return 0, errors.New("must be below 100¢")
	}
	if len(frac) > 2 {
		return 0, errors.New("at most two decimals of a cent")
	}
	f := 0
	if frac != "" {
		f, err = strconv.Atoi(frac + strings.Repeat("0", 2-len(frac)))
		if err != nil {
			return 0, errors.New("type cents, e.g. 56 or 56.5")
		}
	}
	return model.Price(c)*model.Cent + model.Price(f), nil
}

// intent turns the ticket into the action it submits, with what is typed.
func (t *ticket) intent(now time.Time) intent {
	price, _ := t.livePrice()
	qty, _ := t.liveQty()
	if t.amendID != "" {
		return intent{kind: intentAmend, orderID: t.amendID, amend: model.AmendOrderRequest{
			Ticker: t.ticker, Side: t.side, Price: price, Count: t.filled + qty,
		}}
	}
	req := model.CreateOrderRequest{
		Ticker: t.ticker, Side: t.side, Count: qty, Price: price, TimeInForce: t.tif,
		PostOnly: t.postOnly, ReduceOnly: t.reduceOnly, STP: model.STPTakerAtCross,
	}
	if d := expiryChoices()[t.expiry]; d > 0 && t.tif == model.GTC {
		req.ExpirationTime = now.Add(d).Unix()
	}
	return intent{kind: intentPlace, req: req}
}

// Update drives the ticket with a key press or a paste (into the price or
// quantity field).
func (t *ticket) Update(m *Model, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.ticketKey(t, msg)
	case tea.PasteMsg:
		t.typeText(msg.Content)
	}
	return nil
}

// ticketKey drives the ticket.
func (m *Model) ticketKey(t *ticket, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Ticket
	switch {
	case key.Matches(msg, k.Cancel):
		m.closeModal(t)
		m.say(lvlInfo, "ticket cancelled")
	case key.Matches(msg, k.Submit):
		if f, why := t.invalidField(); why != "" {
			// Blocked: the field says why; go there to fix it.
			t.field = f
			m.say(lvlBad, "not sent: "+ticketFieldName(f)+" "+why)
			return nil
		}
		t.settle()
		in, err := m.prepare(t.intent(m.now))
		if err != nil {
			t.err = err.Error()
			return nil
		}
		m.closeModal(t)
		return m.dispatch(in)
	case key.Matches(msg, k.NextField):
		t.moveField(1)
	case key.Matches(msg, k.PrevField):
		t.moveField(-1)
	case msg.Text != "" && strings.ContainsAny(msg.Text, "0123456789.") && t.input(t.field) != nil:
		t.typeText(msg.Text)
	case key.Matches(msg, k.Increase):
		t.change(1)
	case key.Matches(msg, k.Decrease):
		t.change(-1)
	case key.Matches(msg, m.keys.Global.Kill):
		return m.kill()
	case msg.Text == "":
		t.editKey(msg)
	}
	return nil
}

// ticketFieldName names a typed field in messages.
func ticketFieldName(f ticketField) string {
	if f == tfQty {
		return "quantity"
	}
	return "price"
}

// View draws the ticket as a box. Every value starts in the same
// column, whether its row is focused, editable or fixed (amend mode).
func (t *ticket) View(m *Model) []string {
	st := m.st
	terms := m.termsFor(t.ticker)
	const labelW = 13
	row := func(f ticketField, label, value string) string {
		why := t.fieldErr(f)
		errPart := ""
		if why != "" {
			errPart = "  " + st.Error.Render("✗ "+why)
		}
		if t.amendID != "" && f != tfPrice && f != tfQty {
			return st.Subtle.Render("  " + text.PadRight(label, labelW) + "   " + value)
		}
		if f == t.field {
			return st.Accent.OnCursor.Render("▶ "+text.PadRight(label, labelW)) + st.Header.OnCursor.Render(" ◀ "+value+" ▶ ") + errPart
		}
		vt := st.Text.Normal
		if why != "" {
			vt = st.Error.Normal
		}
		return st.Subtle.Render("  "+text.PadRight(label, labelW)) + vt.Render("   "+value) + errPart
	}
	editOr := func(f ticketField, v string) string {
		in := t.input(f)
		switch {
		case in == nil || in.Value() == "":
			return v
		case t.field == f:
			r := []rune(in.Value())
			pos := min(max(in.Position(), 0), len(r))
			return string(r[:pos]) + "▏" + string(r[pos:])
		}
		return in.Value()
	}
	pf := t.pf
	sideText := text.SideWord(t.side) + " YES (" + string(t.side) + ")"
	if t.side == model.Ask {
		price, _ := t.livePrice()
		sideText += " = BUY NO @ " + pf.Format(price.Complement())
	}
	expiry := "never"
	if d := expiryChoices()[t.expiry]; d > 0 {
		expiry = "in " + text.Duration(d)
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
	var lines []string
	if t.note != "" {
		lines = append(lines, st.Warning.Render(t.note), "")
	}
	lines = append(lines,
		row(tfSide, "side", sideText),
		row(tfPrice, "price (YES)", editOr(tfPrice, pf.Format(t.price))),
		row(tfQty, "quantity", editOr(tfQty, t.qty.Short())),
		row(tfTIF, "time in force", text.TIFWord(t.tif)),
		row(tfPostOnly, "post-only", onOff(t.postOnly)),
		row(tfReduceOnly, "reduce-only", onOff(t.reduceOnly)),
		row(tfExpiry, "expires", expiry),
		"",
	)
	in := t.intent(m.now)
	_, invalid := t.invalidField()
	// The desk's checks, live: what the order moves in cash and does to
	// the position, or why it would be refused, before it is submitted.
	var v desk.Verdict
	var refused error
	if invalid == "" {
		mk := desk.Market{Grid: t.grid}
		if lp := m.ladderFor(t.ticker); lp != nil {
			mk = marketFor(lp)
		}
		v, refused = m.desk.Check(in.deskIntent(), mk)
	}
	if in.kind == intentPlace {
		flow := "cost —"
		if invalid == "" {
			flow = flowWords(v.Flow)
			if v.Flow.Closes == 0 {
				flow = "cost " + flow
			}
		}
		lines = append(lines, st.Text.Render(flow)+st.Subtle.Render(" · "+m.costText("POST", "/portfolio/events/orders", 1)))
		if invalid == "" && refused == nil {
			pos := st.Subtle.Render("position ") + st.Text.Render(flipSpan(v.Before, v.After, model.YesTerms))
			if v.Marketable {
				pos += st.Warning.Render(" · trades at once")
			}
			lines = append(lines, pos)
		}
	} else {
		lines = append(lines, st.Subtle.Render("amend · "+m.costText("POST", "/portfolio/events/orders/"+t.amendID+"/amend", 1)))
	}
	if terms == model.NoTerms {
		lines = append(lines, st.Subtle.Render("the ticket is in YES terms: exactly what is sent"))
	}
	switch {
	case t.err != "":
		lines = append(lines, paintAll(text.WrapWords(t.err, max(min(66, m.width-4)-4, 10)), st.Error.Normal)...)
	case refused != nil:
		lines = append(lines, paintAll(text.WrapWords("✗ "+refused.Error(), max(min(66, m.width-4)-4, 10)), st.Error.Normal)...)
	}
	k := m.keys.Ticket
	lines = append(lines, st.Subtle.Render(keys.First(k.NextField)+" field · "+keys.First(k.Decrease)+"/"+keys.First(k.Increase)+
		" change · 0-9 type · "+keys.First(k.Submit)+" submit · "+keys.First(k.Cancel)+" cancel"))
	w := min(66, m.width-4)
	return st.Box(st.Title.Render(m.ticketTitle(t, w-6)), lines, w)
}

// ticketTitle names what the ticket does in at most w cells: "Order
// ticket — KXFED-26DEC-T4.25", or for an amend the order itself, "Amend
// BUY 5 @ 96.4¢ KXFED-…-T3.25" (never its id, which says nothing).
func (m *Model) ticketTitle(t *ticket, w int) string {
	head := "Order ticket — "
	if t.amendID != "" {
		// In YES terms, like the ticket's fields; the order as it stands,
		// not the edit in progress.
		qty, price := t.qty, t.price
		if o, ok := m.desk.View().Order(t.amendID); ok {
			qty, price = o.Remaining, o.Price
		}
		head = "Amend " + text.SideWord(t.side) + " " + qty.Short() + " @ " + t.pf.Format(price) + " "
	}
	room := w - text.Width(head)
	if room >= 8 && text.Width(t.ticker) > room {
		return head + text.ElideMiddle(t.ticker, room)
	}
	return text.Trunc(head+t.ticker, w)
}

// ShortHelp is the ticket's most used keys.
func (t *ticket) ShortHelp() []key.Binding {
	k := t.keys.Ticket
	return []key.Binding{k.NextField, k.Decrease, k.Increase, k.Submit, k.Cancel}
}

// FullHelp is the ticket's keys in the help's columns.
func (t *ticket) FullHelp() [][]key.Binding {
	k := t.keys.Ticket
	return [][]key.Binding{
		{k.NextField, k.PrevField, k.Decrease, k.Increase},
		{k.Submit, k.Cancel},
	}
}

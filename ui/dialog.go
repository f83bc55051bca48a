package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"ladder/desk"
	"ladder/model"
	"ladder/ui/keys"
	"ladder/ui/ladder"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// dialogKind says what a confirmation dialog decides.
type dialogKind int

const (
	dialogOrder   dialogKind = iota // send an order or a move
	dialogQuit                      // what to do with resting orders on quit
	dialogUnlock                    // lift the entry lock
	dialogFlatten                   // cancel my orders in a market and close its position
)

// dialog is a modal confirmation. It arms only after a grace period, so a
// key already in flight (a double tap, a key repeat) cannot confirm it.
type dialog struct {
	keys    *keys.KeyMap // read only: the dialog's keys, for the help
	id      int
	kind    dialogKind
	title   string
	lines   []string // styled body lines
	opened  time.Time
	grace   time.Duration
	intent  intent
	flatten desk.FlattenPlan
	// short is the dialog in a few plain lines, for the too-small screen.
	short []string
	// details is the request's exact body, shown under the dialog's lines
	// only after the details key: the decision rests on the words above.
	details     []string
	showDetails bool
}

// armed reports whether the grace period has passed.
func (d *dialog) armed(now time.Time) bool { return now.Sub(d.opened) >= d.grace }

// openDialog shows d and schedules the re-render that arms it.
func (m *Model) openDialog(d *dialog) tea.Cmd {
	m.dialogSeq++
	d.id = m.dialogSeq
	d.opened = m.now
	d.grace = m.opts.Grace
	d.keys = m.keys
	m.closeModals(isDialog) // one question at a time: the new one replaces it
	m.pushModal(d)
	return m.after(d.grace, dialogArmMsg{id: d.id})
}

// openOrderDialog asks to confirm an order or a move, stating exactly what
// will be sent and what it costs in rate-limit tokens.
func (m *Model) openOrderDialog(in intent, terms model.Terms) tea.Cmd {
	st := m.st
	label := func(s string) string { return st.Subtle.Render(text.PadRight(s, 8)) }
	var lines []string
	var method, path, body string
	title := "Confirm order"
	switch in.kind {
	case intentAmend:
		title = "Confirm move"
		o, ok := m.desk.View().Order(in.orderID)
		pf := m.priceFormatFor(in.amend.Ticker)
		from := ""
		if ok {
			from = " from " + pf.Format(inTerms(o.Price, terms))
		}
		lines = append(lines, st.Header.Render(fmt.Sprintf("MOVE %s %s%s to %s", sideWordIn(in.amend.Side, terms),
			(in.amend.Count).Short(), from, pf.Format(inTerms(in.amend.Price, terms)))))
		lines = append(lines, label("market")+st.Text.Render(in.amend.Ticker))
		method, path = "POST", "/portfolio/events/orders/"+in.orderID+"/amend"
		body = jsonText(in.amend)
	default:
		req := in.req
		lines = append(lines, st.Header.Render(m.describeOrder(req, terms, m.priceFormatFor(req.Ticker))))
		name := ""
		if lp := m.ladderFor(req.Ticker); lp != nil {
			if n := text.MarketName(lp.Market(), false); n != "" {
				name = " — " + n
			}
		}
		lines = append(lines, label("market")+st.Text.Render(req.Ticker+name))
		pays := st.Subtle.Render(" · pays " + text.Money(model.Notional(model.OneDollar, req.Count)) + " if right")
		v := in.verdict
		if v.Flow.Closes > 0 {
			// Mostly closing: what it brings in, and what it opens beyond.
			pays = st.Subtle.Render(" · position " + flipSpan(v.Before, v.After, terms))
		}
		if est := v.Take; v.Marketable && est.Took > 0 {
			// Marketable: it trades at the prices it takes, at worst the limit.
			pf := m.priceFormatFor(req.Ticker)
			lines = append(lines, label("cost")+st.Text.Render(text.ExactMoney(est.Cost)+" expected")+
				st.Subtle.Render(" · takes "+takeWords(est, req, terms, pf)))
			lines = append(lines, label("worst")+st.Text.Render(flowWords(v.Flow)+" at the limit")+pays)
		} else {
			lines = append(lines, label("cost")+st.Text.Render(flowWords(v.Flow)+" if filled")+pays)
		}
		method, path = "POST", "/portfolio/events/orders"
		body = jsonText(req)
	}
	if in.cross != "" {
		title = "Confirm marketable order"
		lines = append(lines, st.Warning.Render("⚡ trades immediately: "+in.cross))
	}
	if in.kind == intentPlace && in.verdict.Flips() {
		lines = append(lines, st.Warning.Render("⇄ "+flipWords(in.verdict.Before, in.verdict.After, terms)+" if it fills"))
	}
	if in.warn != "" {
		lines = append(lines, st.Warning.Render("⚠ far from the market: "+in.warn))
	}
	lines = append(lines, label("sends")+st.Text.Render(method+" /trade-api/v2"+path))
	details := paintAll(text.WrapAtCommas(body, 58), st.Subtle.Normal)
	lines = append(lines, label("budget")+st.Text.Render(m.costText(method, path, 1)))
	if m.opts.Env == EnvProd {
		lines = append(lines, st.BadgeProd.Render(" PROD — REAL MONEY "))
	}
	return m.openDialog(&dialog{kind: dialogOrder, title: title, lines: lines, intent: in, details: details,
		short: []string{title + ": " + text.Strip(lines[0])}})
}

// openQuitDialog asks what to do with resting orders. On the embedded
// simulator they cannot be left resting: the exchange stops with ladder.
func (m *Model) openQuitDialog() tea.Cmd {
	st := m.st
	n := m.desk.View().Working
	d := m.keys.Dialog
	key := func(s string) string { return st.Accent.Render(text.PadRight(s, 9)) }
	lines := []string{st.Header.Render(fmt.Sprintf("You have %d resting order%s.", n, plural(n)))}
	lines = append(lines, m.quitPositionLines()...)
	lines = append(lines, "")
	if m.opts.EmbeddedExchange {
		lines = append(lines,
			st.Text.Render("The simulator runs inside ladder and stops with it:"),
			st.Text.Render("its orders end when you quit."),
			"",
			key(keys.Label(d.Confirm))+st.Text.Render("quit"),
		)
	} else {
		lines = append(lines,
			key(keys.Label(d.Confirm))+st.Text.Render("cancel them all, then quit"),
			st.Subtle.Render(text.PadRight("", 9)+"budget "+m.costText("DELETE", "/portfolio/events/orders/batched", n)),
			key(keys.Label(m.keys.Global.Quit))+st.Text.Render("leave them resting and quit"),
		)
	}
	lines = append(lines, key(keys.Label(d.Dismiss))+st.Text.Render("stay"))
	short := []string{fmt.Sprintf("Quit: you have %d resting order%s", n, plural(n)) + positionsShort(m.desk.View().Positions) + "."}
	if m.opts.EmbeddedExchange {
		short = append(short, "They end with the simulator. "+keys.First(d.Confirm)+" quit · "+keys.First(d.Dismiss)+" stay")
	} else {
		short = append(short, keys.First(d.Confirm)+" cancel them and quit · "+keys.First(m.keys.Global.Quit)+" leave them · "+keys.First(d.Dismiss)+" stay")
	}
	return m.openDialog(&dialog{kind: dialogQuit, title: "Quit", lines: lines, short: short})
}

// openUnlockDialog asks to lift the entry lock, saying what locked it.
func (m *Model) openUnlockDialog(l desk.Lock) tea.Cmd {
	st := m.st
	d := m.keys.Dialog
	lines := []string{
		st.Header.Render("Unlock order entry?"),
		st.Text.Render("Locked by " + lockWords(l)),
	}
	if l.Reason != desk.LockNone && !l.At.IsZero() {
		lines = append(lines, st.Subtle.Render("since "+text.Clock(l.At, m.opts.Location)))
	}
	if l.Reason == desk.LockLoss {
		lines = append(lines, st.Warning.Render("entry locks again after a further loss of "+text.Money(l.Limit)))
	}
	if g := m.desk.GroupState(); g.ID != "" && (g.Status == desk.GroupTriggered || g.Status == desk.GroupTripped) {
		lines = append(lines, st.Subtle.Render("the exchange order group is reset, so orders go in it again"))
	}
	lines = append(lines, "", st.Accent.Render(keys.Label(d.Confirm))+st.Text.Render(" unlock   ")+st.Accent.Render(keys.Label(d.Dismiss))+st.Text.Render(" stay locked"))
	short := []string{"Unlock entry? Locked by " + lockWords(l) + ".", keys.First(d.Confirm) + " unlock · " + keys.First(d.Dismiss) + " stay locked"}
	return m.openDialog(&dialog{kind: dialogUnlock, title: "Unlock", lines: lines, short: short})
}

// openFlattenDialog confirms a flatten with the exact closing order and
// the P&L it locks in.
func (m *Model) openFlattenDialog(lp *ladder.Pane, plan desk.FlattenPlan) tea.Cmd {
	st := m.st
	label := func(s string) string { return st.Subtle.Render(text.PadRight(s, 8)) }
	req := plan.Req
	what := m.describeOrder(req, lp.Terms(), lp.PriceFormat())
	lines := []string{st.Header.Render("FLATTEN " + req.Ticker)}
	if n := len(plan.Cancel); n > 0 || plan.InFlight > 0 {
		c := fmt.Sprintf("cancel my %d order%s here", n, plural(n))
		if plan.InFlight > 0 {
			c += fmt.Sprintf(" (and %d in flight as it lands)", plan.InFlight)
		}
		lines = append(lines, label("first")+st.Text.Render(c))
	}
	lines = append(lines, label("then")+st.Text.Render(what))
	lines = append(lines, label("takes")+st.Text.Render(takeWords(plan.Take, req, lp.Terms(), lp.PriceFormat())))
	lines = append(lines, label("locks")+st.PnL(plan.Locks).Render(text.SignedMoney(plan.Locks))+st.Subtle.Render(" realized, before fees, as the book stands"))
	if plan.Short > 0 {
		lines = append(lines, st.Warning.Render("⚠ the visible book takes only "+(req.Count-plan.Short).Short()+" of "+req.Count.Short()))
	}
	lines = append(lines, label("sends")+st.Text.Render("POST /trade-api/v2/portfolio/events/orders"))
	lines = append(lines, paintAll(text.WrapAtCommas(jsonText(req), 58), st.Subtle.Normal)...)
	if m.opts.Env == EnvProd {
		lines = append(lines, st.BadgeProd.Render(" PROD — REAL MONEY "))
	}
	short := []string{"FLATTEN: " + what, "locks " + text.SignedMoney(plan.Locks) + " before fees"}
	return m.openDialog(&dialog{kind: dialogFlatten, title: "Confirm flatten", lines: lines, flatten: plan, short: short})
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// costText is the limiter's preview of a request, in words.
func (m *Model) costText(method, path string, items int) string {
	if m.opts.Preview == nil {
		return "token cost unknown (no limiter)"
	}
	return m.opts.Preview(method, path, items).String()
}

// Update answers the dialog with a key press (a paste says nothing).
func (d *dialog) Update(m *Model, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		return m.dialogKey(d, k)
	}
	return nil
}

// dialogKey answers the open dialog. Confirm keys are ignored until the
// dialog is armed; dismissing always works.
func (m *Model) dialogKey(d *dialog, msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Dialog
	switch {
	case key.Matches(msg, k.Dismiss):
		m.closeModal(d)
		switch d.kind {
		case dialogOrder, dialogFlatten:
			m.say(lvlInfo, "not sent")
		case dialogUnlock:
			m.say(lvlInfo, "entry stays locked")
		}
		return nil
	case key.Matches(msg, k.Confirm):
		if !d.armed(m.now) {
			return nil
		}
		m.closeModal(d)
		switch {
		case d.kind == dialogQuit && m.opts.EmbeddedExchange:
			return tea.Quit // the orders stop with the exchange
		case d.kind == dialogQuit:
			return m.quitCancelling()
		case d.kind == dialogUnlock:
			return m.unlock()
		case d.kind == dialogFlatten:
			return m.startFlatten(d.flatten)
		}
		return m.send(d.intent)
	case d.kind == dialogQuit && key.Matches(msg, m.keys.Global.Quit):
		if !d.armed(m.now) {
			return nil
		}
		m.closeModal(d)
		return tea.Quit
	case len(d.details) > 0 && key.Matches(msg, k.Details):
		d.showDetails = !d.showDetails
		return nil
	case key.Matches(msg, m.keys.Global.Kill):
		return m.kill()
	}
	return nil
}

// View draws the dialog as a box.
func (d *dialog) View(m *Model) []string {
	st := m.st
	k := m.keys.Dialog
	lines := append([]string(nil), d.lines...)
	if d.showDetails {
		lines = append(lines, d.details...)
	}
	details := ""
	if len(d.details) > 0 {
		verb := " request body"
		if d.showDetails {
			verb = " hide body"
		}
		details = "   " + keys.Label(k.Details) + verb
	}
	switch {
	case !d.armed(m.now):
		lines = append(lines, "", st.DialogWait.Render("arming… keys are ignored for "+text.Millis(d.grace)))
	case d.kind == dialogOrder || d.kind == dialogFlatten:
		lines = append(lines, "", st.DialogArmed.Render(keys.Label(k.Confirm)+" send")+st.Subtle.Render("   "+keys.Label(k.Dismiss)+" cancel"+details))
	default:
		// The quit dialog lists its keys in its body; the blank keeps the
		// box the size it had while arming.
		lines = append(lines, "", "")
	}
	// The box fits the room beside the price column it must leave clear
	// (boxRoom, set by the overlay), wrapping lines that are wider.
	room := m.width - 4
	if m.boxRoom > 0 {
		room = min(room, m.boxRoom)
	}
	var fitted []string
	for _, l := range lines {
		if ansi.StringWidth(l) > room-4 {
			fitted = append(fitted, strings.Split(ansi.Wrap(l, room-4, " ,"), "\n")...)
			continue
		}
		fitted = append(fitted, l)
	}
	w := 4
	for _, l := range fitted {
		w = max(w, ansi.StringWidth(l))
	}
	w = min(w+4, room)
	title := st.Title.Render(d.title)
	return st.Box(title, fitted, w)
}

// jsonText is the exact JSON body of a request.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "(cannot encode: " + err.Error() + ")"
	}
	return string(b)
}

// paintAll paints each line.
func paintAll(lines []string, p styles.Paint) []string {
	for i, l := range lines {
		lines[i] = p.Render(l)
	}
	return lines
}

// inTerms converts a YES price to the given terms.
func inTerms(yes model.Price, t model.Terms) model.Price {
	if t == model.NoTerms {
		return yes.Complement()
	}
	return yes
}

// sideWordIn names a V2 side as a buy or sell of the shown outcome.
func sideWordIn(s model.BookSide, t model.Terms) string {
	if t == model.NoTerms {
		return text.SideWord(s.Opposite()) + " NO"
	}
	return text.SideWord(s) + " YES"
}

// ShortHelp is the dialog's keys: confirm, dismiss and the details.
func (d *dialog) ShortHelp() []key.Binding {
	return []key.Binding{d.keys.Dialog.Confirm, d.keys.Dialog.Dismiss, d.keys.Dialog.Details}
}

// FullHelp is the dialog's keys in one column.
func (d *dialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

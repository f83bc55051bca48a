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
}

// armed reports whether the grace period has passed.
func (d *dialog) armed(now time.Time) bool { return now.Sub(d.opened) >= d.grace }

// openDialog shows d and schedules the re-render that arms it.
func (m *Model) openDialog(d *dialog) tea.Cmd {
	m.dialogSeq++
	d.id = m.dialogSeq
	d.opened = m.now
	d.grace = m.opts.Grace
	m.dialog = d
	return m.after(d.grace, dialogArmMsg{id: d.id})
}

// openOrderDialog asks to confirm an order or a move, stating exactly what
// will be sent and what it costs in rate-limit tokens.
func (m *Model) openOrderDialog(in intent, terms model.Terms) tea.Cmd {
	st := m.st
	label := func(s string) string { return st.Subtle.n.s(padRight(s, 8)) }
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
			from = " from " + pf.text(inTerms(o.Price, terms))
		}
		lines = append(lines, st.Header.n.s(fmt.Sprintf("MOVE %s %s%s to %s", sideWordIn(in.amend.Side, terms),
			(in.amend.Count).Short(), from, pf.text(inTerms(in.amend.Price, terms)))))
		lines = append(lines, label("market")+st.Text.n.s(in.amend.Ticker))
		method, path = "POST", "/portfolio/events/orders/"+in.orderID+"/amend"
		body = jsonText(in.amend)
	default:
		req := in.req
		lines = append(lines, st.Header.n.s(describeOrder(req, terms, m.priceFormatFor(req.Ticker))))
		name := ""
		if lp := m.ladderFor(req.Ticker); lp != nil {
			if n := marketName(lp.market, false); n != "" {
				name = " — " + n
			}
		}
		lines = append(lines, label("market")+st.Text.n.s(req.Ticker+name))
		pays := st.Subtle.n.s(" · pays " + model.Notional(model.OneDollar, req.Count).Dollars() + " if right")
		v := in.verdict
		if v.Flow.Closes > 0 {
			// Mostly closing: what it brings in, and what it opens beyond.
			pays = st.Subtle.n.s(" · position " + flipSpan(v.Before, v.After, terms))
		}
		if est := v.Take; v.Marketable && est.Took > 0 {
			// Marketable: it trades at the prices it takes, at worst the limit.
			pf := m.priceFormatFor(req.Ticker)
			lines = append(lines, label("cost")+st.Text.n.s(est.Cost.Dollars()+" expected")+
				st.Subtle.n.s(" · takes "+takeWords(est, req, terms, pf)))
			lines = append(lines, label("worst")+st.Text.n.s(flowWords(v.Flow)+" at the limit")+pays)
		} else {
			lines = append(lines, label("cost")+st.Text.n.s(flowWords(v.Flow)+" if filled")+pays)
		}
		method, path = "POST", "/portfolio/events/orders"
		body = jsonText(req)
	}
	if in.cross != "" {
		title = "Confirm marketable order"
		lines = append(lines, st.Warning.n.s("⚡ trades immediately: "+in.cross))
	}
	if in.kind == intentPlace && in.verdict.Flips() {
		lines = append(lines, st.Warning.n.s("⇄ "+flipWords(in.verdict.Before, in.verdict.After, terms)+" if it fills"))
	}
	if in.warn != "" {
		lines = append(lines, st.Warning.n.s("⚠ far from the market: "+in.warn))
	}
	lines = append(lines, label("sends")+st.Text.n.s(method+" /trade-api/v2"+path))
	lines = append(lines, wrapPlain(body, 58, st.Subtle.n)...)
	lines = append(lines, label("budget")+st.Text.n.s(m.costText(method, path, 1)))
	if m.opts.Env == EnvProd {
		lines = append(lines, st.BadgeProd.s(" PROD — REAL MONEY "))
	}
	return m.openDialog(&dialog{kind: dialogOrder, title: title, lines: lines, intent: in,
		short: []string{title + ": " + stripped(lines[0])}})
}

// openQuitDialog asks what to do with resting orders. On the embedded
// simulator they cannot be left resting: the exchange stops with ladder.
func (m *Model) openQuitDialog() tea.Cmd {
	st := m.st
	n := m.desk.View().Working
	d := m.keys.Dialog
	key := func(s string) string { return st.Accent.n.s(padRight(s, 9)) }
	lines := []string{st.Header.n.s(fmt.Sprintf("You have %d resting order%s.", n, plural(n))), ""}
	if m.opts.EmbeddedExchange {
		lines = append(lines,
			st.Text.n.s("The simulator runs inside ladder and stops with it:"),
			st.Text.n.s("its orders end when you quit."),
			"",
			key(bindingKey(d.Confirm))+st.Text.n.s("quit"),
		)
	} else {
		lines = append(lines,
			key(bindingKey(d.Confirm))+st.Text.n.s("cancel them all, then quit"),
			st.Subtle.n.s(padRight("", 9)+"budget "+m.costText("DELETE", "/portfolio/events/orders/batched", n)),
			key(bindingKey(m.keys.Global.Quit))+st.Text.n.s("leave them resting and quit"),
		)
	}
	lines = append(lines, key(bindingKey(d.Dismiss))+st.Text.n.s("stay"))
	short := []string{fmt.Sprintf("Quit: you have %d resting order%s.", n, plural(n))}
	if m.opts.EmbeddedExchange {
		short = append(short, "They end with the simulator. "+firstKey(d.Confirm)+" quit · "+firstKey(d.Dismiss)+" stay")
	} else {
		short = append(short, firstKey(d.Confirm)+" cancel them and quit · "+firstKey(m.keys.Global.Quit)+" leave them · "+firstKey(d.Dismiss)+" stay")
	}
	return m.openDialog(&dialog{kind: dialogQuit, title: "Quit", lines: lines, short: short})
}

// openUnlockDialog asks to lift the entry lock, saying what locked it.
func (m *Model) openUnlockDialog(l desk.Lock) tea.Cmd {
	st := m.st
	d := m.keys.Dialog
	lines := []string{
		st.Header.n.s("Unlock order entry?"),
		st.Text.n.s("Locked by " + lockWords(l)),
	}
	if l.Reason != desk.LockNone && !l.At.IsZero() {
		lines = append(lines, st.Subtle.n.s("since "+clockTime(l.At, m.opts.Location)))
	}
	if l.Reason == desk.LockLoss {
		lines = append(lines, st.Warning.n.s("entry locks again after a further loss of "+l.Limit.Dollars()))
	}
	if g := m.desk.GroupState(); g.ID != "" && (g.Status == desk.GroupTriggered || g.Status == desk.GroupTripped) {
		lines = append(lines, st.Subtle.n.s("the exchange order group is reset, so orders go in it again"))
	}
	lines = append(lines, "", st.Accent.n.s(bindingKey(d.Confirm))+st.Text.n.s(" unlock   ")+st.Accent.n.s(bindingKey(d.Dismiss))+st.Text.n.s(" stay locked"))
	short := []string{"Unlock entry? Locked by " + lockWords(l) + ".", firstKey(d.Confirm) + " unlock · " + firstKey(d.Dismiss) + " stay locked"}
	return m.openDialog(&dialog{kind: dialogUnlock, title: "Unlock", lines: lines, short: short})
}

// openFlattenDialog confirms a flatten with the exact closing order and
// the P&L it locks in.
func (m *Model) openFlattenDialog(lp *ladderPane, plan desk.FlattenPlan) tea.Cmd {
	st := m.st
	label := func(s string) string { return st.Subtle.n.s(padRight(s, 8)) }
	req := plan.Req
	what := describeOrder(req, lp.terms, lp.pf)
	lines := []string{st.Header.n.s("FLATTEN " + req.Ticker)}
	if n := len(plan.Cancel); n > 0 || plan.InFlight > 0 {
		c := fmt.Sprintf("cancel my %d order%s here", n, plural(n))
		if plan.InFlight > 0 {
			c += fmt.Sprintf(" (and %d in flight as it lands)", plan.InFlight)
		}
		lines = append(lines, label("first")+st.Text.n.s(c))
	}
	lines = append(lines, label("then")+st.Text.n.s(what))
	lines = append(lines, label("takes")+st.Text.n.s(takeWords(plan.Take, req, lp.terms, lp.pf)))
	lines = append(lines, label("locks")+pnlTone(st, plan.Locks).s(signedMoney(plan.Locks))+st.Subtle.n.s(" realized, before fees, as the book stands"))
	if plan.Short > 0 {
		lines = append(lines, st.Warning.n.s("⚠ the visible book takes only "+(req.Count-plan.Short).Short()+" of "+req.Count.Short()))
	}
	lines = append(lines, label("sends")+st.Text.n.s("POST /trade-api/v2/portfolio/events/orders"))
	lines = append(lines, wrapPlain(jsonText(req), 58, st.Subtle.n)...)
	if m.opts.Env == EnvProd {
		lines = append(lines, st.BadgeProd.s(" PROD — REAL MONEY "))
	}
	short := []string{"FLATTEN: " + what, "locks " + signedMoney(plan.Locks) + " before fees"}
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

// dialogKey answers the open dialog. Confirm keys are ignored until the
// dialog is armed; dismissing always works.
func (m *Model) dialogKey(msg tea.KeyPressMsg) tea.Cmd {
	d := m.dialog
	k := m.keys.Dialog
	switch {
	case key.Matches(msg, k.Dismiss):
		m.dialog = nil
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
		m.dialog = nil
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
		m.dialog = nil
		return tea.Quit
	case key.Matches(msg, m.keys.Global.Kill):
		return m.kill()
	}
	return nil
}

// dialogView draws the open dialog as a box.
func (m *Model) dialogView(d *dialog) []string {
	st := m.st
	k := m.keys.Dialog
	lines := append([]string(nil), d.lines...)
	switch {
	case !d.armed(m.now):
		lines = append(lines, "", st.DialogWait.s("arming… keys are ignored for "+d.grace.String()))
	case d.kind == dialogOrder || d.kind == dialogFlatten:
		lines = append(lines, "", st.DialogArmed.s(bindingKey(k.Confirm)+" send")+st.Subtle.n.s("   "+bindingKey(k.Dismiss)+" cancel"))
	default:
		// The quit dialog lists its keys in its body; the blank keeps the
		// box the size it had while arming.
		lines = append(lines, "", "")
	}
	w := 4
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	w = min(w+4, m.width-4)
	title := st.Title.n.s(d.title)
	return st.boxFrame(title, lines, w)
}

// boxFrame draws a dialog box (highlighted border) of width w around lines.
func (st *Styles) boxFrame(title string, lines []string, w int) []string {
	body := make([]string, 0, len(lines)+2)
	body = append(body, "")
	for _, l := range lines {
		body = append(body, " "+l)
	}
	out := st.frame(Rect{W: w, H: len(body) + 2}, title, "", body, true, false)
	return out
}

// jsonText is the exact JSON body of a request.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "(cannot encode: " + err.Error() + ")"
	}
	return string(b)
}

// wrapPlain breaks plain ASCII text into lines of at most w cells.
func wrapPlain(s string, w int, p paint) []string {
	var out []string
	for len(s) > w {
		cut := strings.LastIndexByte(s[:w], ',')
		if cut < w/2 {
			cut = w - 1
		}
		out = append(out, p.s(s[:cut+1]))
		s = s[cut+1:]
	}
	if s != "" {
		out = append(out, p.s(s))
	}
	return out
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
		return sideWord(s.Opposite()) + " NO"
	}
	return sideWord(s) + " YES"
}

package markets

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"ladder/ui/keys"
	"ladder/ui/styles"
)

// The filter narrows the list to markets whose ticker, titles or event
// match a typed query. The query is a bubbles textinput, so the usual
// editing keys and pastes work; the pane draws the line itself.

// newInput is the filter's text input. Its cursor is not the virtual,
// blinking one (a blink redraws the screen twice a second, which SSH
// users pay for), but a steady bar the pane draws at its position. A paste
// arrives as tea.PasteMsg from the terminal; ctrl+v, which would read the
// clipboard of the machine ladder runs on (the server's, over SSH), is off.
func newInput() textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.SetVirtualCursor(false)
	in.KeyMap.Paste.SetEnabled(false)
	return in
}

// filter is the query ("" for none).
func (mp *Pane) filter() string { return mp.input.Value() }

// Filter is the query the list is filtered by ("" for none).
func (mp *Pane) Filter() string { return mp.filter() }

// Editing reports whether a query is being typed into the filter.
func (mp *Pane) Editing() bool { return mp.editing }

// StartFilter starts typing into the filter.
func (mp *Pane) StartFilter() {
	mp.editing = true
	_ = mp.input.Focus() // no command: the cursor does not blink
	mp.scroll()
}

// stopFilter ends the typing, keeping the query.
func (mp *Pane) stopFilter() {
	mp.editing = false
	mp.input.Blur()
}

// FilterKey edits the filter while it is typed: keep (enter) and clear
// (esc) end the typing; the up and down keys that type no text still move
// the list; every other key edits the query.
func (mp *Pane) FilterKey(msg tea.KeyPressMsg) {
	k := mp.keys.Filter
	switch {
	case key.Matches(msg, k.Keep):
		mp.stopFilter()
	case key.Matches(msg, k.Clear):
		mp.stopFilter()
		mp.input.Reset()
		mp.rebuild()
	case key.Matches(msg, mp.keys.Markets.Up) && msg.Text == "":
		mp.Move(-1)
	case key.Matches(msg, mp.keys.Markets.Down) && msg.Text == "":
		mp.Move(1)
	default:
		mp.edit(msg)
	}
}

// Paste adds pasted text to the query while it is typed.
func (mp *Pane) Paste(msg tea.PasteMsg) {
	if mp.editing {
		mp.edit(msg)
	}
}

// edit hands a key or a paste to the input, refiltering when the query
// changed.
func (mp *Pane) edit(msg tea.Msg) {
	before := mp.input.Value()
	mp.input, _ = mp.input.Update(msg) // no command: no blink, no clipboard
	if mp.input.Value() != before {
		mp.rebuild()
	}
}

// filterLine is the query under the list: "/ fed▏  enter keep · esc
// clear" while it is typed, with the cursor where the next key goes.
func (mp *Pane) filterLine(st *styles.Styles) string {
	q := mp.filter()
	if !mp.editing {
		return st.Accent.Render("/ ") + st.Text.Render(q)
	}
	r := []rune(q)
	pos := min(max(mp.input.Position(), 0), len(r))
	k := mp.keys.Filter
	return st.Accent.Render("/ ") + st.Text.Render(string(r[:pos])) + st.Accent.Render("▏") +
		st.Text.Render(string(r[pos:])) + st.Subtle.Render("  "+keys.First(k.Keep)+" keep · "+keys.First(k.Clear)+" clear")
}

package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Modal is an overlay that takes the input while it is on top of the
// dashboard: the confirmation dialog (dialog.go), the order ticket
// (ticket.go) and the help (help.go). The root keeps one stack of them;
// the top one gets every key press and paste and is the one drawn,
// centred over the screen. Modals live in the root package because what
// they decide (send an order, unlock, quit) is the root's behaviour; they
// are handed the model for it.
type Modal interface {
	// Update takes a key press or a paste while the modal is on top. It
	// closes the modal (closeModal) when it is done, and returns what to
	// run.
	Update(m *Model, msg tea.Msg) tea.Cmd
	// View draws the modal as a box; the root centres it.
	View(m *Model) []string
	// The keys the modal answers to, for the help.
	help.KeyMap
}

// Every modal keeps the contract.
var (
	_ Modal = (*dialog)(nil)
	_ Modal = (*ticket)(nil)
	_ Modal = (*helpOverlay)(nil)
	_ Modal = (*historyOverlay)(nil)
)

// updateModal hands a key press or a paste to a modal, and viewModal draws
// one. They name the concrete modals rather than call through the Modal
// interface: a *Model passed to an interface method escapes (the compiler
// cannot see where it goes), which would move the copy of the model that
// every Update and View makes to the heap, 11 KB more per message and per
// frame. A new modal is added here as well as to the stack.
func (m *Model) updateModal(md Modal, msg tea.Msg) tea.Cmd {
	switch md := md.(type) {
	case *dialog:
		return md.Update(m, msg)
	case *ticket:
		return md.Update(m, msg)
	case *helpOverlay:
		return md.Update(m, msg)
	case *historyOverlay:
		return md.Update(m, msg)
	}
	return nil
}

func (m *Model) viewModal(md Modal) []string {
	switch md := md.(type) {
	case *dialog:
		return md.View(m)
	case *ticket:
		return md.View(m)
	case *helpOverlay:
		return md.View(m)
	case *historyOverlay:
		return md.View(m)
	}
	return nil
}

// topModal is the modal on top of the stack, or nil.
func (m *Model) topModal() Modal {
	if len(m.modals) == 0 {
		return nil
	}
	return m.modals[len(m.modals)-1]
}

// pushModal puts a modal on top of the stack.
func (m *Model) pushModal(md Modal) { m.modals = append(m.modals, md) }

// closeModal takes a modal off the stack, wherever it is.
func (m *Model) closeModal(md Modal) {
	m.closeModals(func(o Modal) bool { return o == md })
}

// closeModals takes every modal that drop picks off the stack.
func (m *Model) closeModals(drop func(Modal) bool) {
	kept := m.modals[:0:0] // a new array: a copy of the model may share the old
	for _, md := range m.modals {
		if !drop(md) {
			kept = append(kept, md)
		}
	}
	m.modals = kept
}

// isDialog, isTicket and deciding pick modals by kind: a dialog or a
// ticket replaces one already open, and the kill switch drops both (what
// they were about to decide is moot), leaving the help.
func isDialog(md Modal) bool { _, ok := md.(*dialog); return ok }
func isTicket(md Modal) bool { _, ok := md.(*ticket); return ok }
func deciding(md Modal) bool { return isDialog(md) || isTicket(md) }

// currentDialog is the open confirmation dialog, or nil.
func (m *Model) currentDialog() *dialog {
	for i := len(m.modals) - 1; i >= 0; i-- {
		if d, ok := m.modals[i].(*dialog); ok {
			return d
		}
	}
	return nil
}

// currentTicket is the open order ticket, or nil.
func (m *Model) currentTicket() *ticket {
	for i := len(m.modals) - 1; i >= 0; i-- {
		if t, ok := m.modals[i].(*ticket); ok {
			return t
		}
	}
	return nil
}

// helpOpen reports whether the help is open.
func (m *Model) helpOpen() bool {
	for _, md := range m.modals {
		if _, ok := md.(*helpOverlay); ok {
			return true
		}
	}
	return false
}

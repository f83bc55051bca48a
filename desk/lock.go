package desk

import (
	"time"

	"ladder/model"
)

// Entry locks (kill switch, daily loss limit, the exchange's order-group
// guard) and the session's order group. One lock holds for every
// dashboard sharing the desk; only an explicit Unlock lifts it.

// LockReason says why order entry is locked.
type LockReason uint8

// Lock reasons.
const (
	LockNone  LockReason = iota
	LockKill             // the kill switch
	LockLoss             // the daily loss limit
	LockGuard            // the exchange's order-group guard tripped
)

// Lock is the entry lock's state.
type Lock struct {
	Reason LockReason
	At     time.Time
	By     string // who pressed the kill switch (a session name; may be empty)
	// PnL is the session P&L when the loss limit locked entry, Limit the
	// limit it crossed.
	PnL, Limit model.Money
	// Epoch counts locks: it changes whenever entry is locked anew.
	Epoch uint64
	// Scope is the subaccounts a kill switch cancelled: orders of theirs
	// that land while it holds are cancelled too. Entry is locked for
	// every subaccount whatever the scope.
	Scope KillScope
}

// Locked reports whether entry is locked.
func (l Lock) Locked() bool { return l.Reason != LockNone }

// KillPlan is what the kill switch must cancel.
type KillPlan struct {
	IDs      []string // acknowledged orders, now marked cancelling
	InFlight int      // creates in flight, flagged to be cancelled when they land
	Tally    TallyID
}

// Kill locks order entry, flags every create in flight to be cancelled
// when it lands, marks every working order cancelling, and starts the kill
// tally. The caller cancels the returned orders (and triggers the order
// group) and withdraws its queued creates.
func (d *Desk) Kill(by string) KillPlan { return d.KillIn(by, AllSubaccounts) }

// KillIn is Kill for the subaccounts in scope: their orders are cancelled
// and their creates in flight flagged; the other subaccounts' orders keep
// resting. Entry locks for every subaccount all the same: the switch is
// a stop, and one subaccount's runaway is reason enough to stop typing.
func (d *Desk) KillIn(by string, scope KillScope) KillPlan {
	d.mu.Lock()
	defer d.mu.Unlock()
	held := scope
	if d.lock.Reason == LockKill && d.lock.Scope != scope {
		// A second switch over another scope: whatever landed from either
		// is cancelled, so the lock covers them all.
		held = AllSubaccounts
	}
	d.lockLocked(Lock{Reason: LockKill, By: by, Scope: held})
	plan := KillPlan{}
	for _, p := range d.pending {
		if scope.Covers(p.Subaccount) {
			p.cancelOnAck = true
			plan.InFlight++
		}
	}
	for _, o := range sortedOrders(d.orders) {
		if rec := d.orders[o.ID]; rec != nil && scope.Covers(o.Subaccount) {
			rec.State = Cancelling
			plan.IDs = append(plan.IDs, o.ID)
		}
	}
	plan.Tally = d.tallies.begin(TallyKill, "", plan.IDs).id
	d.changed()
	return plan
}

// CancelEverything is quitting's cancel: like Kill without the lock.
func (d *Desk) CancelEverything() KillPlan {
	d.mu.Lock()
	defer d.mu.Unlock()
	plan := KillPlan{InFlight: d.flagInFlightLocked("", 0)}
	for _, o := range sortedOrders(d.orders) {
		if rec := d.orders[o.ID]; rec != nil {
			rec.State = Cancelling
			plan.IDs = append(plan.IDs, o.ID)
		}
	}
	plan.Tally = d.tallies.begin(TallyQuit, "", plan.IDs).id
	d.changed()
	return plan
}

// lockLocked locks entry (a lock already in force keeps its reason unless
// the kill switch replaces it).
func (d *Desk) lockLocked(l Lock) {
	if d.lock.Reason != LockNone && l.Reason != LockKill {
		return
	}
	l.At = d.cfg.Now()
	l.Epoch = d.lock.Epoch + 1
	d.lock = l
	d.changed()
	d.note(Note{Kind: NoteLocked, Lock: l})
}

// Unlock lifts the entry lock and returns what it was. After a loss-limit
// lock, entry locks again only when the session loses another
// MaxDailyLoss from here, so each further loss of the limit asks again.
func (d *Desk) Unlock() Lock {
	d.mu.Lock()
	defer d.mu.Unlock()
	was := d.lock
	if was.Reason == LockNone {
		return was
	}
	if was.Reason == LockLoss {
		d.floor = d.sessionPnLLocked() - d.cfg.Limits.MaxDailyLoss
	}
	d.lock = Lock{Epoch: was.Epoch}
	if d.group.Status == GroupTriggered || d.group.Status == GroupTripped {
		d.group.Status = GroupResetting
	}
	d.changed()
	d.checkLossLocked() // a loss limit crossed meanwhile still counts
	return was
}

// Lock returns the entry lock's state.
func (d *Desk) Lock() Lock {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lock
}

// blockedLocked refuses new orders while entry is locked or an outcome in
// the market is unknown.
func (d *Desk) blockedLocked(ticker string) error {
	switch d.lock.Reason {
	case LockKill:
		return refuse(RuleLocked, "entry LOCKED by the kill switch")
	case LockLoss:
		return refuse(RuleLocked, "entry LOCKED by the daily loss limit")
	case LockGuard:
		return refuse(RuleLocked, "entry LOCKED: the exchange's order-group guard tripped")
	}
	if id := d.unknownInLocked(ticker); id != "" {
		return refuse(RuleUnknown, "an order of unknown outcome in %s is being reconciled", ticker)
	}
	return nil
}

// GroupStatus is the state of the session's exchange order group.
type GroupStatus uint8

// Group states.
const (
	GroupNone      GroupStatus = iota // none asked for (no limit configured) or not yet created
	GroupActive                       // orders are placed in it
	GroupTriggered                    // the kill switch triggered it
	GroupTripped                      // the exchange triggered it: too many contracts filled in 15 s
	GroupResetting                    // unlocked: a reset is owed before orders go in it again
	GroupRefused                      // the exchange refused groups: batch cancel only
)

// Group is the session's order group.
type Group struct {
	ID     string
	Limit  model.Qty
	Status GroupStatus
	Why    string // why groups were refused
}

// SetGroup records the session's order group, created with a contracts
// limit per rolling 15 s.
func (d *Desk) SetGroup(id string, limit model.Qty) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.group = Group{ID: id, Limit: limit, Status: GroupActive}
	d.changed()
}

// GroupRefused records that the exchange refused order groups (or a
// reset): the kill switch falls back to batch cancels. It reports whether
// this is news, so the dashboard says so once.
func (d *Desk) GroupRefused(why string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	first := d.group.Status != GroupRefused
	d.group.Status, d.group.Why = GroupRefused, why
	d.changed()
	return first
}

// GroupTriggered records that the kill switch triggered the group.
func (d *Desk) GroupTriggered() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.group.Status == GroupActive || d.group.Status == GroupResetting {
		d.group.Status = GroupTriggered
		d.changed()
	}
}

// GroupTripped records that the exchange refused an order because the
// group's limit was exceeded: entry locks until an unlock resets it.
func (d *Desk) GroupTripped() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.group.Status == GroupRefused || d.group.ID == "" {
		return
	}
	d.group.Status = GroupTripped
	d.lockLocked(Lock{Reason: LockGuard})
	d.changed()
}

// GroupReset records that the group was reset after an unlock.
func (d *Desk) GroupReset() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.group.ID != "" && d.group.Status != GroupRefused {
		d.group.Status = GroupActive
		d.changed()
	}
}

// OrderGroup is the group id new orders go in: "" when there is none or
// it awaits a reset.
func (d *Desk) OrderGroup() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.group.Status == GroupActive {
		return d.group.ID
	}
	return ""
}

// GroupState returns the session's order group.
func (d *Desk) GroupState() Group {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.group
}

package desk

import "ladder/model"

// Subaccounts (kalshi-api.md §11): 0 is the primary, 1–63 are numbered
// subaccounts of the same account. The exchange keeps a position per
// subaccount and market, and finds an order only under its own subaccount,
// so the desk keys positions by both and every order carries its
// subaccount. One desk serves every subaccount: the entry lock, the order
// group, the session P&L and the fill log are the account's; ViewFor
// shows one subaccount's part of it.

// posKey names one position: a market in one subaccount.
type posKey struct {
	sub    int
	ticker string
}

// subOf reads the exchange's optional subaccount field: absent means the
// primary (the exchange leaves it out for subaccount 0).
func subOf(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// marketsOf lists the positions the desk holds in a market, in every
// subaccount.
func (d *Desk) marketsOf(ticker string) []*market {
	var out []*market
	for k, m := range d.markets {
		if k.ticker == ticker {
			out = append(out, m)
		}
	}
	return out
}

// KillScope says which subaccounts' orders a kill switch cancels.
// The zero value is every subaccount, so a lock made without a scope can
// only ever cover too much, never too little.
type KillScope struct {
	// Only limits the scope to subaccount Sub.
	Only bool
	Sub  int
}

// AllSubaccounts is the kill switch's widest scope.
var AllSubaccounts = KillScope{}

// Subaccount is the scope of one subaccount.
func Subaccount(n int) KillScope { return KillScope{Only: true, Sub: n} }

// Covers reports whether an order of subaccount n is in scope.
func (s KillScope) Covers(n int) bool { return !s.Only || s.Sub == n }

// lockCovers reports whether the entry lock holds an order of subaccount
// n: orders that land while it holds are cancelled. A kill switch scoped
// to one subaccount leaves the others' orders alone; every other lock
// covers every subaccount.
func (d *Desk) lockCovers(n int) bool {
	l := d.lock
	if l.Reason == LockNone {
		return false
	}
	return l.Reason != LockKill || l.Scope.Covers(n)
}

// subFill is the subaccount a fill belongs to.
func subFill(f model.Fill) int { return subOf(f.SubaccountNumber) }

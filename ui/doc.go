// Package ui is ladder's terminal dashboard: a Bubble Tea v2 program with a
// market list, price ladders, working orders, fills, positions, the public
// tape and a status bar, driven entirely from the keyboard.
//
// The rules this package keeps:
//
//   - One root Model owns focus, routing and layout (model.go, route.go,
//     layout.go). Panes are plain structs with SetSize and View; none is a
//     tea.Model.
//   - Update never blocks and never does I/O. Every exchange call is a
//     tea.Cmd (commands.go) whose answer comes back as a typed message
//     tagged with its market or order (messages.go, results.go).
//   - Exactly one goroutine bridges the feed into the program (feed.go):
//     must-deliver events one by one and in order, book changes coalesced
//     to at most one BooksMsg per frame carrying private copies.
//   - My orders, positions, risk and P&L belong to the desk (package desk),
//     which several dashboards may share. The bridge applies each feed
//     event to it before the dashboard hears of the event (deskfeed.go);
//     the answers to this dashboard's commands are applied in Update. The
//     dashboard draws from the desk's immutable View and reacts to what
//     the desk learned after every message (deskreact.go).
//   - Layout is a pure function of the terminal size, the focus and the
//     number of open ladders (ComputeLayout).
//   - Styles are built once from a themes.Theme (NewStyles) and rebuilt only
//     when the theme changes; hot cells use precomputed escape sequences.
//   - Keys are key.Bindings from a keys.KeyMap (keys.go, rebinding in
//     keys_rebind.go, conflicts in keys_conflicts.go); help is generated
//     from it (keys_help.go), so rebinding changes the help too.
//   - One order-entry path (entry.go): keys, the ticket and moves name the
//     order (client_order_id) before the first attempt, run the desk's
//     checks, ask in a dialog that arms only after a grace period when the
//     policy, a warning or a marketable price asks for it (dialog.go), and
//     reserve it with the desk just before sending. An unknown outcome
//     blocks its market until reconciled.
//   - Creates and amends run under the entry generation's context, which
//     any entry lock cancels (entryctx.go): an order still waiting for
//     rate-limit tokens is withdrawn unsent. Cancels and flatten's closing
//     order never use it.
//   - The safety keys (kill switch, cancel all, unlock, quit) work at any
//     terminal size (smallscreen.go).
//   - Messages name orders by side, quantity, price and market (words.go)
//     and fit 80 columns: hints go before the message itself is cut.
//   - Logs go to Options.Logger, never to the terminal.
//
// Golden files live in testdata; refresh them with
// `go test ./ui/ -run Golden -update`.
package ui

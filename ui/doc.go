// Package ui is ladder's terminal dashboard: a Bubble Tea v2 program with a
// market list, price ladders, working orders, fills, positions, the public
// tape and a status bar, driven entirely from the keyboard.
//
// Where things live:
//
//	ui/              the root model: routing, focus, layout, modals, and the
//	                 behaviour that spans panes (order entry, the desk, the feed)
//	ui/<pane>/       one package per pane: ladder, markets, orders, fills, tape,
//	                 account, status. Each has its drawing (view.go), the keys
//	                 that only move it (keys.go, HandleKey) and its help
//	                 (ShortHelp/FullHelp), and draws from a Ctx of its own.
//	ui/board/        the full-screen views, panes by the same contract: the
//	ui/chart/        event board, the price chart and the account with its
//	ui/accountview/  subaccounts (views.go, board.go, chart.go, accountview.go)
//	ui/styles/       paints built once per theme; pane frames and dialog boxes
//	ui/text/         fitting text into cells; quantities, prices, money, times
//	ui/keys/         the KeyMap as data: defaults, rebinding, conflicts
//	ui/layout/       Rect, Focus and Compute, a pure function of size and state
//	ui/internal/goldens/ the golden-file check the view tests share
//
// The rules this package keeps:
//
//   - One root Model owns focus, routing and layout (model.go, route.go,
//     focus.go). Every pane keeps one contract (pane.go): SetSize, View of
//     its own context, and the help it contributes; none is a tea.Model or
//     sees the root model. A new pane is a new package with that contract.
//   - The confirmation dialog, the order ticket and the help are Modals on
//     one stack (modal.go): the top one takes the keys and pastes and is
//     drawn over the panes.
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
//     number of open ladders (layout.Compute).
//   - Styles are built once from a themes.Theme (styles.New) and rebuilt
//     only when the theme changes (theme.go; with none chosen, the
//     terminal's background picks dark or light); hot cells use
//     precomputed escape sequences (styles.Paint).
//   - Keys are key.Bindings from a keys.KeyMap, matched with key.Matches;
//     help is generated from it, so rebinding changes the help too. The
//     filter and the ticket's fields are bubbles textinputs.
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
//   - A dashboard trades on one subaccount (subaccount.go): its panes show
//     that subaccount's part of the desk (desk.ViewFor), and the Trader
//     order actions go through routes each cancel and amend to its own
//     order's subaccount.
//   - Queue positions of my resting orders are a per-order annotation kept
//     by the dashboard (queue.go), not trading state: read from the exchange
//     at most every 2 s per open ladder at read priority, estimated from the
//     feed in between.
//   - The mouse (mouse.go) is another way to press the same keys: a click
//     moves the cursor and calls the key's function; it never answers a
//     modal. Hit-testing uses the layout's rectangles and the ladder's own
//     columns and rows (ladder.HitTest).
//   - After an Update that sent an order action, View yields once so the
//     command's goroutine starts before the frame is drawn (draw.go).
//   - Logs go to Options.Logger, never to the terminal.
//
// Golden files live in testdata; refresh them with
// `go test ./ui/ -run Golden -update`.
package ui

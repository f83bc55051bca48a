// Package text fits text into terminal cells and writes the dashboard's
// numbers, prices, money, times and names as words. It knows nothing of
// styles or panes: every function takes plain (or already styled) text and
// returns text, so any pane can use it and tests can check it alone.
//
// Widths are display cells, never bytes: exchange-provided names may hold
// wide characters, and styled text holds escape sequences (cut with x/ansi).
package text

// Package model is ladder's exact domain model of Kalshi markets: fixed-point
// prices, contract counts and money, price grids, the two-sided order book,
// V2 orders, fills and positions.
//
// Nothing here does I/O, starts goroutines or imports the UI. Money, prices
// and sizes are integers throughout: a float never touches them, so every
// figure the dashboard shows is exactly what the exchange sent.
package model

package model

// ApplyExecution adds one execution to the position: size is signed (+ buys
// YES), price is the YES price. It is the same arithmetic Portfolio uses
// for fills, exported for the simulator's ledger, which tracks every
// account's positions without keeping a dedup set per fill.
func (p *Position) ApplyExecution(size Qty, price Price, fee Money) { p.apply(size, price, fee) }

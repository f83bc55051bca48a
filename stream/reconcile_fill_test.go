package stream

import (
	"testing"

	"ladder/model"
)

// Regression: fills recovered over REST after a disconnect lost their
// subaccount and were booked to the primary.
func TestReconciledFillKeepsItsSubaccount(t *testing.T) {
	two, zero := 2, 0
	m := fillMsgFromREST(model.Fill{TradeID: "T", OrderID: "O", MarketTicker: "A", SubaccountNumber: &two})
	if m.Subaccount == nil || *m.Subaccount != 2 {
		t.Fatalf("subaccount %v, want 2", m.Subaccount)
	}
	if got := m.AsFill().SubaccountNumber; got == nil || *got != 2 {
		t.Fatalf("round trip to a REST fill gives subaccount %v", got)
	}
	if m := fillMsgFromREST(model.Fill{TradeID: "T", OrderID: "O", SubaccountNumber: &zero}); m.Subaccount != nil {
		t.Fatalf("the primary is unnamed on the feed's shape, got %v", *m.Subaccount)
	}
}

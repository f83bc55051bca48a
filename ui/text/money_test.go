package text

import (
	"testing"

	"ladder/model"
)

// The money rule: dollars with thousands separators and two decimals,
// no sign on what rounds to zero, sub-cent digits only for fees and costs.
func TestMoneyRule(t *testing.T) {
	d := func(dollars, micro int64) model.Money { return model.Money(dollars)*model.Dollar + model.Money(micro) }
	for _, c := range []struct {
		name string
		got  string
		want string
	}{
		{"thousands", Money(d(10_000, 0)), "$10,000.00"},
		{"millions", Money(d(1_234_567, 890_000)), "$1,234,567.89"},
		{"sub-cent cash rounds", Money(d(9_999, 900)), "$9,999.00"},
		{"half a cent rounds away", Money(d(0, 5_000)), "$0.01"},
		{"negative", Money(-d(3, 500_000)), "-$3.50"},
		{"tiny loss is no loss", SignedMoney(-3_100), "$0.00"},
		{"tiny gain is no gain", SignedMoney(4_999), "$0.00"},
		{"gain", SignedMoney(d(0, 10_000)), "+$0.01"},
		{"loss", SignedMoney(-d(1_200, 0)), "-$1,200.00"},
		{"fee exact", ExactMoney(100), "$0.0001"},
		{"fee in cents", ExactMoney(d(0, 170_000)), "$0.17"},
		{"fee of four decimals", ExactMoney(d(0, 172_500)), "$0.1725"},
		{"cost on a tenth-cent grid", ExactMoney(d(1_002, 997_000)), "$1,002.997"},
		{"zero", Money(0), "$0.00"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	if RoundCents(-5_000) != -model.MoneyPerCent {
		t.Errorf("RoundCents(-$0.005) = %d", RoundCents(-5_000))
	}
}

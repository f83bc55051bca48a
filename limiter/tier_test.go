package limiter

import (
	"strings"
	"testing"
)

func TestParseTier(t *testing.T) {
	tests := []struct {
		in   string
		want Tier
	}{
		{"basic", TierBasic},
		{"Advanced", TierAdvanced},
		{"EXPERT", TierExpert},
		{" premier ", TierPremier},
		{"Paragon", TierParagon},
		{"prime", TierPrime},
		{"PreStige", TierPrestige},
	}
	for _, tt := range tests {
		got, err := ParseTier(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseTier(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if back, _ := ParseTier(got.String()); back != got {
			t.Errorf("round trip %v -> %q -> %v", got, got.String(), back)
		}
	}
	_, err := ParseTier("gold")
	if err == nil {
		t.Fatal("ParseTier(gold): want error")
	}
	for _, name := range []string{`"gold"`, "basic", "advanced", "expert", "premier", "paragon", "prime", "prestige"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not mention %s", err, name)
		}
	}
}

func TestTierBudgets(t *testing.T) {
	tests := []struct {
		tier                      Tier
		readRefill, readCap       int
		writeRefill, writeCapWant int
	}{
		{TierBasic, 200, 400, 100, 100},
		{TierAdvanced, 300, 600, 300, 600},
		{TierExpert, 600, 600, 600, 1200},
		{TierPremier, 1000, 1000, 1000, 2000},
		{TierParagon, 2000, 2000, 2000, 4000},
		{TierPrime, 4000, 4000, 4000, 8000},
		{TierPrestige, 10000, 10000, 8000, 16000},
		{0, 200, 400, 100, 100}, // invalid falls back to Basic
	}
	for _, tt := range tests {
		b := tt.tier.Budgets()
		want := Budgets{
			Read:  Budget{Refill: float64(tt.readRefill), Capacity: tt.readCap},
			Write: Budget{Refill: float64(tt.writeRefill), Capacity: tt.writeCapWant},
		}
		if b != want {
			t.Errorf("%v.Budgets() = %+v, want %+v", tt.tier, b, want)
		}
	}
	if len(Tiers()) != 7 || Tier(0).Valid() || !TierPrestige.Valid() {
		t.Error("Tiers/Valid disagree with the seven named tiers")
	}
}

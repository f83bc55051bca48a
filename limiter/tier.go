package limiter

import (
	"fmt"
	"strings"
)

// Tier is a Kalshi usage tier. The zero value is not a valid tier; New treats
// it as TierBasic because that is the smallest, and therefore safest, budget.
type Tier uint8

// The tiers in increasing order of budget.
const (
	TierBasic Tier = iota + 1
	TierAdvanced
	TierExpert
	TierPremier
	TierParagon
	TierPrime
	TierPrestige
)

// Tiers lists every valid tier in increasing order of budget.
func Tiers() []Tier {
	return []Tier{TierBasic, TierAdvanced, TierExpert, TierPremier, TierParagon, TierPrime, TierPrestige}
}

// String returns the tier's name as Kalshi spells it in /account/limits.
func (t Tier) String() string {
	switch t {
	case TierBasic:
		return "basic"
	case TierAdvanced:
		return "advanced"
	case TierExpert:
		return "expert"
	case TierPremier:
		return "premier"
	case TierParagon:
		return "paragon"
	case TierPrime:
		return "prime"
	case TierPrestige:
		return "prestige"
	}
	return fmt.Sprintf("Tier(%d)", uint8(t))
}

// Valid reports whether t is one of the named tiers.
func (t Tier) Valid() bool { return t >= TierBasic && t <= TierPrestige }

// ParseTier parses a tier name case-insensitively, ignoring surrounding space.
func ParseTier(s string) (Tier, error) {
	name := strings.TrimSpace(s)
	for _, t := range Tiers() {
		if strings.EqualFold(name, t.String()) {
			return t, nil
		}
	}
	names := make([]string, 0, len(Tiers()))
	for _, t := range Tiers() {
		names = append(names, t.String())
	}
	return 0, fmt.Errorf("limiter: unknown tier %q (valid: %s)", s, strings.Join(names, ", "))
}

// Budget is one bucket's refill rate and capacity.
type Budget struct {
	Refill   float64 // tokens per second
	Capacity int     // tokens; the largest single request the bucket can ever admit
}

// Budgets is the pair of buckets an account has.
type Budgets struct {
	Read, Write Budget
}

// Budgets returns the tier's published budgets. Capacity is two seconds of
// refill for Basic/Advanced reads and for writes above Basic, one second
// otherwise (kalshi-api.md §5). An invalid tier gets Basic's budgets so that
// a mistake errs on the side of sending less.
func (t Tier) Budgets() Budgets {
	var read, write float64
	switch t {
	case TierAdvanced:
		read, write = 300, 300
	case TierExpert:
		read, write = 600, 600
	case TierPremier:
		read, write = 1000, 1000
	case TierParagon:
		read, write = 2000, 2000
	case TierPrime:
		read, write = 4000, 4000
	case TierPrestige:
		read, write = 10000, 8000
	default:
		t = TierBasic
		read, write = 200, 100
	}
	readSecs, writeSecs := 1, 2
	if t == TierBasic || t == TierAdvanced {
		readSecs = 2
	}
	if t == TierBasic {
		writeSecs = 1
	}
	return Budgets{
		Read:  Budget{Refill: read, Capacity: int(read) * readSecs},
		Write: Budget{Refill: write, Capacity: int(write) * writeSecs},
	}
}

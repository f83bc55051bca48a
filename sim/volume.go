package sim

import (
	"math/rand/v2"
	"time"

	"ladder/model"
)

// volumeWindow is the trailing window of the usage-level volume progress.
const volumeWindow = 30

// volumeLog counts the contracts a user traded per UTC day over the last
// volumeWindow days: a fixed ring, so it never grows.
type volumeLog struct {
	days [volumeWindow]int64     // day number (Unix days) of each slot
	qty  [volumeWindow]model.Qty // contracts traded that day
}

// add counts qty traded at t.
func (v *volumeLog) add(t time.Time, qty model.Qty) {
	day := t.Unix() / 86400
	i := day % volumeWindow
	if v.days[i] != day {
		v.days[i], v.qty[i] = day, 0
	}
	v.qty[i] += qty
}

// trailing sums the days within the window ending at now.
func (v *volumeLog) trailing(now time.Time) model.Qty {
	today := now.Unix() / 86400
	var sum model.Qty
	for i := range v.days {
		if d := v.days[i]; d > today-volumeWindow && d <= today {
			sum += v.qty[i]
		}
	}
	return sum
}

// usageGoal is a volume-earned usage level and its 30-day thresholds in
// contracts. Kalshi publishes no figures; these grow by about 5× a level,
// and keeping a level takes 75 % of what earning it did.
type usageGoal struct {
	level string
	earn  int64
}

func usageGoals() []usageGoal {
	return []usageGoal{
		{"expert", 100_000},
		{"premier", 500_000},
		{"paragon", 2_500_000},
		{"prime", 10_000_000},
		{"prestige", 50_000_000},
	}
}

// seededVolume is a user's trailing volume from before the simulator
// started: 5,000–60,000 contracts, drawn from the seed and the account id,
// so a fresh start already shows progress towards Expert.
func seededVolume(seed int64, id AccountID) model.Qty {
	rng := rand.New(rand.NewPCG(uint64(seed), fnv64(string(id))))
	return model.Contracts(5_000 + rng.Int64N(55_001))
}

// VolumeProgress reports the user's trailing 30-day volume (the seeded
// base plus everything traded since, in every subaccount) against each
// usage level's goals. Kalshi computes it daily; the simulator computes it
// on request, so ComputedTS is now.
func (e *Engine) VolumeProgress(acct AccountID) model.VolumeProgress {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.cfg.Now()
	out := model.VolumeProgress{ComputedTS: now.Unix(), Goals: []model.VolumeGoal{}}
	if a := e.accounts[acct]; a != nil {
		out.Trailing30dVolume = a.volumeBase + a.volume.trailing(now)
	}
	for _, g := range usageGoals() {
		out.Goals = append(out.Goals, model.VolumeGoal{
			Level:          g.level,
			EarnVolumeGoal: model.Contracts(g.earn),
			KeepVolumeGoal: model.Contracts(g.earn * 3 / 4),
		})
	}
	return out
}

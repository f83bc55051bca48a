package accountview

import (
	"fmt"
	"testing"
	"time"

	"ladder/limiter"
	"ladder/model"
	"ladder/themes"
	"ladder/ui/internal/goldens"
	"ladder/ui/keys"
	"ladder/ui/styles"
	"ladder/ui/text"
)

// Golden files: `go test ./ui/accountview/ -update` refreshes them.

var t0 = time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC)

func money(s string) model.Money {
	m, err := model.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

// accountCtx is an advanced-tier account two-thirds of the way to
// premier, trading on subaccount 2, with a session of balance changes.
func accountCtx(st *styles.Styles) Ctx {
	var hist []Point
	for i, cash := range []string{"1000", "998.50", "996.25", "997.10", "1001.40", "1003.05", "1002.60", "1006.80"} {
		hist = append(hist, Point{At: t0.Add(time.Duration(i) * 5 * time.Minute), Cash: money(cash), Value: money("40") + model.Money(i)*model.Dollar})
	}
	return Ctx{
		Styles: st, Loc: time.UTC,
		Limits: &limiter.Limits{UsageTier: "advanced", Read: limiter.BucketLimits{RefillRate: 300, BucketCapacity: 600},
			Write: limiter.BucketLimits{RefillRate: 300, BucketCapacity: 600}},
		Budget: limiter.Snapshot{Tier: limiter.TierAdvanced,
			Read:  limiter.BucketSnapshot{Tokens: 540, Capacity: 600, Refill: 300},
			Write: limiter.BucketSnapshot{Tokens: 120, Capacity: 600, Refill: 300}}, HaveBudget: true,
		Volume: []model.VolumeProgress{{ComputedTS: t0.Add(-9 * time.Hour).Unix(), Trailing30dVolume: model.Contracts(33_400),
			Goals: []model.VolumeGoal{
				{Level: "advanced", EarnVolumeGoal: model.Contracts(10_000), KeepVolumeGoal: model.Contracts(5_000)},
				{Level: "expert", EarnVolumeGoal: model.Contracts(50_000), KeepVolumeGoal: model.Contracts(25_000)},
			}}},
		History: hist,
		Subs: []model.SubaccountBalance{{SubaccountNumber: 0, Balance: money("1006.80")}, {SubaccountNumber: 1, Balance: money("250")},
			{SubaccountNumber: 2, Balance: money("75.5")}},
		Trading: 2,
	}
}

func TestGoldenAccount(t *testing.T) {
	km := keys.DefaultKeyMap()
	for _, theme := range []string{"dark", "mono"} {
		th, err := themes.ByName(theme)
		if err != nil {
			t.Fatal(err)
		}
		st := styles.New(th)
		for _, tc := range []struct {
			name string
			ctx  func() Ctx
		}{
			{"full", func() Ctx { return accountCtx(&st) }},
			// An exchange without the usage-level endpoints says so.
			{"unavailable", func() Ctx {
				cx := accountCtx(&st)
				cx.Limits, cx.LimitsErr = nil, "not offered by this exchange (Not Found)"
				cx.Volume, cx.VolumeErr = nil, "not offered by this exchange (Not Found)"
				cx.Subs, cx.SubsErr = nil, "not offered by this exchange (Not Found)"
				cx.Trading = 0
				return cx
			}},
		} {
			for _, sz := range [][2]int{{80, 22}, {120, 38}, {200, 58}} {
				t.Run(fmt.Sprintf("%s/%s/%dx%d", tc.name, theme, sz[0], sz[1]), func(t *testing.T) {
					ap := New(&km)
					ap.SetSize(sz[0], sz[1])
					ap.cursor = 2
					lines := ap.View(tc.ctx())
					if len(lines) != sz[1] {
						t.Fatalf("%d lines, want %d", len(lines), sz[1])
					}
					for i, l := range lines {
						if w := text.Width(text.Strip(l)); w != sz[0] {
							t.Fatalf("line %d is %d cells, want %d", i, w, sz[0])
						}
					}
					goldens.RequireLines(t, lines)
				})
			}
		}
	}
}

func TestSparkline(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		w    int
		want string
	}{
		{[]int64{1, 2, 3, 4, 5, 6, 7, 8}, 8, "▁▂▃▄▅▆▇█"},
		{[]int64{5, 5, 5}, 8, "▁▁▁"},
		{[]int64{0, 100, 0, 100}, 2, "▁█"}, // the newest that fit
		{nil, 5, ""},
	} {
		if got := Sparkline(tc.in, tc.w); got != tc.want {
			t.Errorf("Sparkline(%v, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

package ladder

import (
	"strings"
	"testing"

	"ladder/model"
	"ladder/themes"
	"ladder/ui/styles"
)

// Regression: a depth bar shorter than its number covered part of it
// ("12|9.5", "1|34"), which reads as two numbers. The bar covers the whole
// number, however small the level.
func TestDepthBarsNeverSplitANumber(t *testing.T) {
	th, _ := themes.ByName(themes.NameDark)
	st := styles.New(th)
	L := &st.Ladder
	for _, bid := range []bool{true, false} {
		for _, q := range []model.Qty{model.Contracts(1), model.Contracts(134), model.Qty(12950), model.Contracts(9999)} {
			var b strings.Builder
			sizeCell(&b, L.BidSize, L.BidBar, styles.Paint{}, q, model.Contracts(10000), 8, false, bid)
			out := b.String()
			digits := strings.TrimSpace(stripped(out))
			// The bar's painted run: from its opening sequence to the next.
			p := L.BidBar.Normal.Prefix()
			i := strings.Index(out, p)
			if i < 0 {
				t.Fatalf("no bar: %q", out)
			}
			run := out[i+len(p):]
			if k := strings.IndexByte(run, 0x1b); k >= 0 {
				run = run[:k]
			}
			if !strings.Contains(run, digits) {
				t.Errorf("bid %v, %s: the bar covers %q, not the whole number", bid, digits, run)
			}
		}
	}
}

// In mono there are no bars: a size is painted without its padding.
func TestMonoSizesHaveNoBarAndNoUnderlinedPadding(t *testing.T) {
	th, _ := themes.ByName(themes.NameMono)
	st := styles.New(th)
	L := &st.Ladder
	var b strings.Builder
	sizeCell(&b, L.AskSize, L.AskBar, styles.Paint{}, model.Contracts(7), model.Contracts(100), 8, false, false)
	out := b.String()
	if !strings.HasSuffix(out, "       ") && !strings.Contains(out, "m       ") {
		t.Errorf("padding painted: %q", out)
	}
}

// stripped drops escape sequences.
func stripped(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case r == 0x1b:
			esc = true
		case esc && r == 'm':
			esc = false
		case !esc:
			b.WriteRune(r)
		}
	}
	return b.String()
}

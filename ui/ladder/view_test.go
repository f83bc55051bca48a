package ladder

import (
	"testing"

	"ladder/ui/layout"
)

func TestColumnsAlwaysFillTheLadder(t *testing.T) {
	for inner := layout.LadderMin - 2; inner <= 200; inner++ {
		if c := ColsFor(inner); c.width() != inner {
			t.Fatalf("inner %d: columns %+v take %d", inner, c, c.width())
		}
	}
}

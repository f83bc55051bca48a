package sim

import (
	"testing"

	"ladder/model"
)

func TestBookQueuesFIFO(t *testing.T) {
	g := model.MustGrid(model.LinearCentRanges())
	b := newBook("T", g)
	mk := func(p string, n int64) *order {
		return &order{id: p, outcome: model.Yes, price: model.MustPrice(p), remaining: model.Contracts(n)}
	}
	o1, o2, o3 := mk("0.40", 1), mk("0.40", 2), mk("0.40", 3)
	for _, o := range []*order{o1, o2, o3} {
		b.push(o)
	}
	if b.head(model.Yes, o1.price) != o1 || b.ahead(o3) != model.Contracts(3) || b.ahead(o1) != 0 {
		t.Fatal("queue order wrong")
	}
	b.remove(o2)
	if b.ahead(o3) != model.Contracts(1) || o1.next != o3 || o3.prev != o1 {
		t.Fatal("middle removal broke the links")
	}
	if l, ok := b.best(model.Yes); !ok || l.Qty != model.Contracts(4) {
		t.Fatalf("best %+v", l)
	}
	b.remove(o1)
	b.remove(o3)
	b.remove(o3) // idempotent
	if _, ok := b.best(model.Yes); ok || b.head(model.Yes, o1.price) != nil {
		t.Fatal("book not empty")
	}
	no := &order{outcome: model.No, price: model.MustPrice("0.60"), remaining: model.Contracts(1)}
	b.push(no)
	if !b.crosses(model.Yes, model.MustPrice("0.40")) || b.crosses(model.Yes, model.MustPrice("0.39")) {
		t.Fatal("cross test wrong: YES 0.40 + NO 0.60 = $1 crosses, 0.39 does not")
	}
}

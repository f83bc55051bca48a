package journal

import (
	"context"
	"testing"
)

// Every entry of an SSH session's order action names the key that did it.
func TestWrapAsStampsTheActorOnEveryEntry(t *testing.T) {
	j, path := openTemp(t)
	alice := Actor{Fingerprint: "SHA256:abc", Comment: "alice@laptop", Role: "trade"}
	tr := WrapAs(&fakeTrader{}, j, nil, alice)
	if _, err := tr.CreateOrder(context.Background(), testOrder()); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.CancelOrder(context.Background(), "o-1"); err != nil {
		t.Fatal(err)
	}
	_ = j.Close()
	got := readEntries(t, path)
	if len(got) != 4 {
		t.Fatalf("got %d entries, want 4", len(got))
	}
	for i, e := range got {
		if e.Actor == nil || *e.Actor != alice {
			t.Errorf("entry %d (%s %s) actor = %v, want %v", i, e.Action, e.Phase, e.Actor, alice)
		}
	}
}

func TestLocalEntriesHaveNoActor(t *testing.T) {
	j, path := openTemp(t)
	if _, err := Wrap(&fakeTrader{}, j, nil).CreateOrder(context.Background(), testOrder()); err != nil {
		t.Fatal(err)
	}
	_ = j.Close()
	for _, e := range readEntries(t, path) {
		if e.Actor != nil {
			t.Fatalf("a local entry names an actor: %+v", e.Actor)
		}
	}
}

func TestNoteWritesLifecycleEntries(t *testing.T) {
	j, path := openTemp(t)
	bob := &Actor{Fingerprint: "SHA256:def", Role: "view"}
	_ = j.Note(ActionSessionStart, bob, nil)
	_ = j.Note(ActionShutdown, nil, []string{"o-1", "o-2"})
	_ = j.Close()
	got := readEntries(t, path)
	if len(got) != 2 || got[0].Action != ActionSessionStart || got[0].Actor.Fingerprint != "SHA256:def" ||
		got[1].Action != ActionShutdown || got[1].Actor != nil || len(got[1].OrderIDs) != 2 || got[1].Outcome != OutcomeOK {
		t.Fatalf("entries: %+v", got)
	}
	if bob.Name() != "SHA256:def" || (Actor{Fingerprint: "k", Comment: "c"}).Name() != "c" {
		t.Error("Name: comment first, fingerprint without one")
	}
}

package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"ladder/model"
)

// readEntries decodes every line of the journal at path, failing the test
// on any line that is not one complete JSON object.
func readEntries(t *testing.T, path string) []Entry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var e Entry
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("line %d %q: %v", len(out)+1, sc.Text(), err)
		}
		out = append(out, e)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("journal does not end with a newline")
	}
	return out
}

func openTemp(t *testing.T) (*Journal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit", "journal.ndjson")
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = j.Close() })
	return j, path
}

func fullEntry() Entry {
	return Entry{
		Time:   time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.FixedZone("EST", -5*3600)),
		Action: ActionCreate, Phase: PhaseResult, Ticker: "KXHIGHNY-26MAR04-B45", Side: model.Bid,
		Price: model.MustPrice("0.56"), Count: model.Contracts(10), TimeInForce: model.GTC,
		PostOnly: true, ReduceOnly: true, ClientOrderID: "c-1", UpdatedClientOrderID: "c-2",
		OrderID: "o-1", OrderIDs: []string{"o-1", "o-2"}, OrderGroupID: "g-1", Subaccount: 2, FillCount: model.Contracts(4),
		RemainingCount: model.Contracts(6), ReducedBy: model.Contracts(1), Outcome: OutcomeRejected,
		Error: "kalshi: POST /x: 400 bad", Code: "invalid_order", Status: 400, LatencyMs: 12.345,
		Actor: &Actor{Fingerprint: "SHA256:x", Comment: "alice@laptop", Role: "trade"},
	}
}

func TestRoundTrip(t *testing.T) {
	j, path := openTemp(t)
	want := fullEntry()
	if err := j.Write(want); err != nil {
		t.Fatal(err)
	}
	if err := j.Write(Entry{Action: ActionCancel, Phase: PhaseRequest, OrderID: "o-9"}); err != nil {
		t.Fatal(err)
	}
	got := readEntries(t, path)
	if len(got) != 2 {
		t.Fatalf("got %d entries, want 2", len(got))
	}
	if !got[0].Time.Equal(want.Time) || got[0].Time.Location() != time.UTC {
		t.Errorf("time = %v, want %v in UTC", got[0].Time, want.Time)
	}
	if got[1].Time.IsZero() {
		t.Errorf("zero time was not filled in")
	}
	got[0].Time, want.Time = time.Time{}, time.Time{}
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got[0], want)
	}
	raw, _ := os.ReadFile(path)
	for _, s := range []string{`"time":"2026-03-04T10:06:07.123456789Z"`, `"price":"0.5600"`, `"count":"10.00"`, `"tif":"good_till_canceled"`} {
		if !bytes.Contains(raw, []byte(s)) {
			t.Errorf("journal lacks %s:\n%s", s, raw)
		}
	}
	if bytes.Contains(raw[bytes.IndexByte(raw, '\n')+1:], []byte(`"price"`)) {
		t.Errorf("zero fields should be omitted: %s", raw)
	}
}

func TestOpenCreatesPrivateFileAndDir(t *testing.T) {
	_, path := openTemp(t)
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode = %o, want %o", p, got, want)
		}
	}
}

func TestOpenNarrowsLooseExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.ndjson")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	j, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	fi, _ := os.Stat(path)
	if got := fi.Mode().Perm(); got != 0o600 {
		t.Errorf("mode = %o, want 600", got)
	}
}

func TestOpenRejectsEmptyPath(t *testing.T) {
	if _, err := Open(""); err == nil {
		t.Fatal("Open(\"\") succeeded")
	}
}

func TestAppendAcrossReopen(t *testing.T) {
	j, path := openTemp(t)
	_ = j.Write(Entry{Action: ActionCreate, Phase: PhaseRequest, ClientOrderID: "first"})
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	j2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = j2.Write(Entry{Action: ActionCreate, Phase: PhaseRequest, ClientOrderID: "second"})
	_ = j2.Close()
	got := readEntries(t, path)
	if len(got) != 2 || got[0].ClientOrderID != "first" || got[1].ClientOrderID != "second" {
		t.Fatalf("entries after reopen = %+v", got)
	}
}

func TestConcurrentWritersProduceWholeLines(t *testing.T) {
	j, path := openTemp(t)
	const writers, each = 8, 200
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				e := fullEntry()
				e.ClientOrderID = fmt.Sprintf("w%d-%d", w, i)
				e.Error = strings.Repeat("x", 500) // long lines make interleaving visible
				if err := j.Write(e); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, e := range readEntries(t, path) {
		if seen[e.ClientOrderID] {
			t.Fatalf("duplicate %s", e.ClientOrderID)
		}
		seen[e.ClientOrderID] = true
	}
	if len(seen) != writers*each {
		t.Fatalf("got %d entries, want %d", len(seen), writers*each)
	}
}

func TestDiscardAndNilAcceptEverything(t *testing.T) {
	for _, j := range []*Journal{Discard(), nil} {
		if err := j.Write(fullEntry()); err != nil {
			t.Errorf("Write: %v", err)
		}
		if err := j.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if j.Failures() != 0 {
			t.Errorf("Failures = %d", j.Failures())
		}
	}
}

func TestWriteAfterCloseFailsAndCounts(t *testing.T) {
	j, _ := openTemp(t)
	_ = j.Close()
	if err := j.Write(fullEntry()); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("err = %v, want os.ErrClosed", err)
	}
	if j.Failures() != 1 {
		t.Fatalf("Failures = %d, want 1", j.Failures())
	}
	if err := j.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestClipKeepsUTF8AndBound(t *testing.T) {
	s := clip(strings.Repeat("é", maxErrorText))
	if len(s) > maxErrorText+len("…") || !strings.HasSuffix(s, "…") || !strings.HasPrefix(s, "é") {
		t.Fatalf("clip: len %d, %q…", len(s), s[:8])
	}
	if clip("short") != "short" {
		t.Fatal("clip changed a short string")
	}
}

func BenchmarkWrite(b *testing.B) {
	j, err := Open(filepath.Join(b.TempDir(), "j.ndjson"))
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	e := fullEntry()
	e.Time = time.Time{}
	b.ReportAllocs()
	for b.Loop() {
		if err := j.Write(e); err != nil {
			b.Fatal(err)
		}
	}
}

package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"ladder/sim"
)

var (
	heapSoak    = flag.Duration("heapsoak", time.Minute, "how long BenchmarkHeapAt250x200 runs the dashboard")
	heapEvery   = flag.Duration("heapevery", 15*time.Second, "how often BenchmarkHeapAt250x200 samples the heap")
	heapProfile = flag.String("heapprofile", "", "write BenchmarkHeapAt250x200's final heap profile to this file")
)

// BenchmarkHeapAt250x200 runs the real program headless on a 250×200
// terminal with three ladders open on a busy exchange and samples the live
// heap after a GC, the figure that grew from 35 to 62 MB in 9 minutes while
// the renderer pinned old frames (see third_party/ultraviolet/README.md).
// The exchange runs in a child process (`ladder sim`, as a trader would
// run it), so the heap measured is the dashboard's alone. Run with
// -benchtime=1x; -heapsoak and -heapevery set the length and the sampling,
// -heapprofile writes the final in-use heap profile.
func BenchmarkHeapAt250x200(b *testing.B) {
	rest, keyID, keyFile := startSimProcess(b, "--activity", "busy", "--seed", "11")
	h := startDashboardSized(b, 250, 200, "--base-url", rest, "--key-id", keyID, "--key-file", keyFile)
	h.openFirstLadder()
	for _, next := range []string{"KXFED-26DEC-T3.50", "KXFED-26DEC-T3.75"} {
		// Back to the markets pane (shift+tab), down one market, open it.
		for _, k := range []string{"\x1b[Z", "j", "\r"} {
			h.press(k)
			time.Sleep(100 * time.Millisecond)
		}
		eventually(b, "the ladder of "+next, func() bool { return strings.Contains(h.out.String(), next) })
	}
	h.out.stopKeeping()
	for b.Loop() {
		var samples []string
		var first, last uint64
		start := time.Now()
		for {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if first == 0 {
				first = ms.HeapAlloc
			}
			last = ms.HeapAlloc
			samples = append(samples, fmt.Sprintf("%s %.1f MB", time.Since(start).Round(time.Second), float64(ms.HeapAlloc)/1e6))
			if time.Since(start) >= *heapSoak {
				break
			}
			time.Sleep(*heapEvery)
		}
		b.Logf("live heap after GC: %s", strings.Join(samples, ", "))
		b.ReportMetric(float64(first)/1e6, "start-MB")
		b.ReportMetric(float64(last)/1e6, "end-MB")
		b.ReportMetric(float64(h.out.writeCount()), "frames")
	}
	if *heapProfile != "" {
		f, err := os.Create(*heapProfile)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		runtime.GC()
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(0, "ns/op")
}

// simProcessEnv, when set to a directory, makes the test binary run
// `ladder sim` with its credentials there (see TestSimProcess).
const simProcessEnv = "LADDER_TEST_SIM_PROCESS"

// startSimProcess runs `ladder sim` with args in a child process (this test
// binary, re-entered through TestSimProcess) until the test ends, and
// returns its REST URL, the trader's key id and key file.
func startSimProcess(t testing.TB, args ...string) (rest, keyID, keyFile string) {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSimProcess$")
	cmd.Env = append(os.Environ(), simProcessEnv+"="+dir, simProcessEnv+"_ARGS="+strings.Join(args, " "))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = stdin.Close() // the child stops when its stdin closes
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && (rest == "" || keyID == "") {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "REST:"); ok {
			rest = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "key id:"); ok {
			keyID = strings.TrimSpace(v)
		}
	}
	if rest == "" || keyID == "" {
		t.Fatal("the simulator process did not say where it serves")
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return rest, keyID, filepath.Join(dir, "private_key.pem")
}

// TestSimProcess is not a test: it is the child of startSimProcess, and
// does nothing unless started by it.
func TestSimProcess(t *testing.T) {
	dir := os.Getenv(simProcessEnv)
	if dir == "" {
		t.Skip("the simulator child process of BenchmarkHeapAt250x200")
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	args := append(strings.Fields(os.Getenv(simProcessEnv+"_ARGS")), "--credentials", dir)
	if code := sim.Main(ctx, args, os.Stdout, os.Stderr); code != 0 {
		t.Fatalf("ladder sim exited with %d", code)
	}
}

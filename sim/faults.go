package sim

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// faultSpec is a parsed fault-injection spec. Probabilities are per event:
// per outgoing WebSocket frame (drop, gap, malformed, delay), per REST
// request (5xx, 429) or per REST write (stall).
//
// Spec grammar: comma-separated key=value pairs, e.g.
//
//	drop=0.01,gap=0.005,delay=50ms,5xx=0.01,429=0.02,malformed=0.001,stall=0.01
//
//	drop=P        close the WebSocket abruptly (no close frame) before a frame
//	gap=P         lose one orderbook message and its seq number, so the next
//	              message the client sees skips a number
//	delay=D       hold every WebSocket frame for D before sending it
//	delay=P:D     hold a fraction P of frames for D (head-of-line, order kept)
//	freeze=P:D    with probability P per frame, hold every byte the server
//	              sends on that connection for D, pongs and pings included:
//	              the socket goes silent, as when a link stalls
//	malformed=P   send a truncated, unparseable text frame before a real one
//	5xx=P         answer a REST request with 500/502/503/504 without running it
//	429=P         start a burst of forced 429s (429burst=N requests, default 5)
//	stall=P       apply a REST write, then hold the response for stallfor
//	              (default 15s) and drop the connection without answering
//	stallfor=D    how long a stalled response is held (0 = drop at once)
//
// "" or "off" disables everything.
type faultSpec struct {
	drop, gap, malformed float64
	delayProb            float64
	delay                time.Duration
	freezeProb           float64
	freeze               time.Duration
	err5xx, burst429     float64
	burstLen             int
	stall                float64
	stallFor             time.Duration
}

const (
	defaultBurstLen = 5
	defaultStallFor = 15 * time.Second
)

// parseFaults parses a fault spec (see faultSpec).
func parseFaults(spec string) (faultSpec, error) {
	f := faultSpec{burstLen: defaultBurstLen, stallFor: defaultStallFor}
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "off" || spec == "none" {
		return f, nil
	}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, val, ok := strings.Cut(part, "=")
		if !ok {
			return faultSpec{}, fmt.Errorf("fault %q: want key=value (keys: %s)", part, faultKeys())
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		var err error
		switch key {
		case "drop":
			f.drop, err = parseProbability(val)
		case "gap":
			f.gap, err = parseProbability(val)
		case "malformed":
			f.malformed, err = parseProbability(val)
		case "5xx":
			f.err5xx, err = parseProbability(val)
		case "429":
			f.burst429, err = parseProbability(val)
		case "stall":
			f.stall, err = parseProbability(val)
		case "delay":
			f.delayProb, f.delay, err = parseDelay(val)
		case "freeze":
			f.freezeProb, f.freeze, err = parseDelay(val)
		case "stallfor":
			f.stallFor, err = parseNonNegDuration(val)
		case "429burst":
			f.burstLen, err = strconv.Atoi(val)
			if err == nil && (f.burstLen < 1 || f.burstLen > 1_000_000) {
				err = fmt.Errorf("must be between 1 and 1000000")
			}
		default:
			return faultSpec{}, fmt.Errorf("unknown fault %q (keys: %s)", key, faultKeys())
		}
		if err != nil {
			return faultSpec{}, fmt.Errorf("fault %s=%q: %v", key, val, err)
		}
	}
	return f, nil
}

func faultKeys() string {
	keys := []string{"drop", "gap", "delay", "freeze", "malformed", "5xx", "429", "429burst", "stall", "stallfor"}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

func parseProbability(s string) (float64, error) {
	p, err := strconv.ParseFloat(s, 64)
	if err != nil || p < 0 || p > 1 || p != p {
		return 0, fmt.Errorf("want a probability between 0 and 1")
	}
	return p, nil
}

func parseNonNegDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("want a non-negative duration such as 50ms")
	}
	return d, nil
}

// parseDelay reads "D" (every frame) or "P:D".
func parseDelay(s string) (float64, time.Duration, error) {
	p := 1.0
	if ps, ds, ok := strings.Cut(s, ":"); ok {
		var err error
		if p, err = parseProbability(ps); err != nil {
			return 0, 0, err
		}
		s = ds
	}
	d, err := parseNonNegDuration(s)
	return p, d, err
}

// FaultCounts says how many faults of each kind have fired.
type FaultCounts struct {
	Drops, Gaps, Malformed, Delays, Freezes, Errors5xx, Forced429, Stalls int
}

// faultInjector decides, with a seeded generator, which events misbehave.
// Every decision takes one mutex; a disabled fault never draws a number, so
// turning one fault on does not reshuffle another's decisions.
type faultInjector struct {
	mu        sync.Mutex
	spec      faultSpec
	rng       *rand.Rand
	burstLeft int
	counts    FaultCounts
}

func newFaultInjector(seed int64, spec faultSpec) *faultInjector {
	return &faultInjector{spec: spec, rng: rand.New(rand.NewPCG(uint64(seed), 0x5eedfa17))}
}

func (fi *faultInjector) set(spec faultSpec) {
	fi.mu.Lock()
	fi.spec = spec
	fi.burstLeft = 0
	fi.mu.Unlock()
}

func (fi *faultInjector) countsNow() FaultCounts {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.counts
}

// rollLocked draws against probability p; p ≤ 0 never draws.
func (fi *faultInjector) rollLocked(p float64) bool {
	if p <= 0 {
		return false
	}
	if p >= 1 {
		return true
	}
	return fi.rng.Float64() < p
}

// restFault returns a forced status (429 or 5xx) for a REST request, or 0.
func (fi *faultInjector) restFault() int {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.burstLeft > 0 {
		fi.burstLeft--
		fi.counts.Forced429++
		return http.StatusTooManyRequests
	}
	if fi.rollLocked(fi.spec.burst429) {
		fi.burstLeft = fi.spec.burstLen - 1
		fi.counts.Forced429++
		return http.StatusTooManyRequests
	}
	if fi.rollLocked(fi.spec.err5xx) {
		fi.counts.Errors5xx++
		statuses := [...]int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}
		return statuses[fi.rng.IntN(len(statuses))]
	}
	return 0
}

// stallWrite reports whether a REST write should stall, and for how long.
func (fi *faultInjector) stallWrite() (bool, time.Duration) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.rollLocked(fi.spec.stall) {
		fi.counts.Stalls++
		return true, fi.spec.stallFor
	}
	return false, 0
}

// gap reports whether to lose one orderbook message (and its seq).
func (fi *faultInjector) gap() bool {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	if fi.rollLocked(fi.spec.gap) {
		fi.counts.Gaps++
		return true
	}
	return false
}

// frameFaults is the writer's decision for one outgoing frame.
type frameFaults struct {
	drop      bool
	malformed bool
	delay     time.Duration
	freeze    time.Duration // hold the whole connection's output this long
}

func (fi *faultInjector) frame() frameFaults {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	var ff frameFaults
	if fi.rollLocked(fi.spec.drop) {
		fi.counts.Drops++
		ff.drop = true
		return ff
	}
	if fi.rollLocked(fi.spec.malformed) {
		fi.counts.Malformed++
		ff.malformed = true
	}
	if fi.spec.delay > 0 && fi.rollLocked(fi.spec.delayProb) {
		fi.counts.Delays++
		ff.delay = fi.spec.delay
	}
	if fi.spec.freeze > 0 && fi.rollLocked(fi.spec.freezeProb) {
		fi.counts.Freezes++
		ff.freeze = fi.spec.freeze
	}
	return ff
}

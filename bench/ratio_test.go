package bench

import (
	"math"
	"os"
	"testing"
	"time"
)

// skipUnlessRatios skips a ratio test: it is a measurement, not a check, so it runs only
// with BENCH_RATIOS=1.
func skipUnlessRatios(t *testing.T) {
	t.Helper()
	if os.Getenv("BENCH_RATIOS") != "1" {
		t.Skip("set BENCH_RATIOS=1 to measure")
	}
}

// ratio is one interleaved measurement of interop (ours) against another library
// (theirs).
type ratio struct {
	n                        int              // operations per chunk
	best                     [2]time.Duration // fastest chunk of ours and of theirs
	oursAllocs, theirsAllocs float64
}

// measureRatio runs each side in chunks of about a millisecond of the slower side,
// interleaved for rounds rounds, and keeps each side's fastest chunk: on a shared
// machine, load from other jobs then inflates neither side. Allocations are averaged
// over allocRuns runs.
func measureRatio(ours, theirs func(), rounds, allocRuns int) ratio {
	r := ratio{n: 1, best: [2]time.Duration{math.MaxInt64, math.MaxInt64}}
	for {
		start := time.Now()
		for i := 0; i < r.n; i++ {
			theirs()
		}
		if time.Since(start) > time.Millisecond {
			break
		}
		r.n *= 2
	}
	for round := 0; round < rounds; round++ {
		for j, op := range []func(){ours, theirs} {
			start := time.Now()
			for i := 0; i < r.n; i++ {
				op()
			}
			r.best[j] = min(r.best[j], time.Since(start))
		}
	}
	r.oursAllocs = testing.AllocsPerRun(allocRuns, ours)
	r.theirsAllocs = testing.AllocsPerRun(allocRuns, theirs)
	return r
}

// oursNs and theirsNs are each side's time per operation in its fastest chunk.
func (r ratio) oursNs() float64   { return float64(r.best[0]) / float64(r.n) }
func (r ratio) theirsNs() float64 { return float64(r.best[1]) / float64(r.n) }

// ratio is ours over theirs: above 1 means interop is slower.
func (r ratio) ratio() float64 { return float64(r.best[0]) / float64(r.best[1]) }

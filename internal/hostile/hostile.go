// Package hostile holds the test helpers that hold every decoder and verifier to its
// resource bound and every shared type to its concurrency promise.
//
// Bounds are checked by allocation, not wall time: Alloc counts the bytes and objects one
// call allocates (runtime.MemStats deltas around it, after a GC), which is repeatable on a
// loaded machine where timings are not. Proportional fails a test when a call allocates more
// than a stated multiple of its input size plus a fixed allowance — the project-wide promise
// is at most 100 bytes allocated per input byte (MaxBytesPerInputByte).
//
// Concurrent runs a function on Goroutines goroutines at once, each several times, so that
// `go test -race -run Concurrent` finds unsynchronized writes to shared values.
//
// The package is for tests only; it imports testing.
package hostile

import (
	"runtime"
	"sync"
	"testing"
)

// MaxBytesPerInputByte is the project-wide memory bound: no input may cost more than this
// many bytes of allocation per byte of input (plus a fixed allowance per call).
const MaxBytesPerInputByte = 100

// Goroutines is how many goroutines Concurrent runs at once.
const Goroutines = 16

// Usage is what one call allocated.
type Usage struct {
	Bytes   uint64 // bytes allocated (runtime.MemStats.TotalAlloc delta)
	Objects uint64 // heap objects allocated (runtime.MemStats.Mallocs delta)
}

// Alloc runs f once and returns what it allocated. Tests that call it must not run in
// parallel with others (t.Parallel), since the counters are process-wide.
func Alloc(f func()) Usage {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return Usage{Bytes: after.TotalAlloc - before.TotalAlloc, Objects: after.Mallocs - before.Mallocs}
}

// Proportional runs f (which processes an input of inputLen bytes) and fails tb when it
// allocates more than perByte bytes per input byte plus slack bytes, on each of up to three
// calls (f must give the same result when called again). It returns the usage so
// that a test can also log or compare it.
func Proportional(tb testing.TB, name string, inputLen int, perByte, slack uint64, f func()) Usage {
	tb.Helper()
	u := Alloc(f)
	limit := perByte*uint64(inputLen) + slack
	// The counters are process-wide: a runtime or test-framework goroutine can allocate
	// during the call (seen up to a few KiB). What f allocates is the same on every call,
	// so an over-limit reading is taken again, twice, and the least one counts.
	for retry := 0; retry < 2 && u.Bytes > limit; retry++ {
		if v := Alloc(f); v.Bytes < u.Bytes {
			u = v
		}
	}
	if u.Bytes > limit {
		tb.Errorf("%s: %d input bytes allocated %d bytes (%d objects), bound %d (%d per byte + %d)",
			name, inputLen, u.Bytes, u.Objects, limit, perByte, slack)
	}
	return u
}

// Bounded is Proportional with the project-wide bound: MaxBytesPerInputByte per input byte
// plus 64 KiB.
func Bounded(tb testing.TB, name string, inputLen int, f func()) Usage {
	tb.Helper()
	return Proportional(tb, name, inputLen, MaxBytesPerInputByte, 64<<10, f)
}

// Concurrent runs f on Goroutines goroutines at once, rounds times each, and waits for them.
// f receives the goroutine's index and must report failures with tb.Error (not Fatal).
func Concurrent(tb testing.TB, rounds int, f func(g int)) {
	tb.Helper()
	var start, done sync.WaitGroup
	start.Add(1)
	for g := 0; g < Goroutines; g++ {
		done.Add(1)
		go func(g int) {
			defer done.Done()
			defer func() {
				if r := recover(); r != nil {
					tb.Errorf("goroutine %d panicked: %v", g, r)
				}
			}()
			start.Wait()
			for i := 0; i < rounds; i++ {
				f(g)
			}
		}(g)
	}
	start.Done()
	done.Wait()
}

package parallel

import (
	"sync"
	"sync/atomic"
)

// Blocks calls fn(b, lo, hi) once for every block b of [0, n): [b·size, min((b+1)·size, n)).
// The caller's goroutine and up to workers-1 more claim blocks in order, one at a time,
// until none is left; Blocks returns when every claimed block has run. A goroutine that
// starts after the last block was claimed returns at once, and Blocks does not wait for
// it: on a machine whose other cores are busy, the caller works through the blocks alone
// instead of waiting for a thread the system has not scheduled, which a split into fixed
// ranges (Chunks) cannot do.
//
// stop, when not nil, is consulted before each block is run: a block b for which stop(b)
// is true is skipped (fn is not called for it). Callers that want the lowest failing
// block use it to skip blocks past one known to fail: a block below every failure is
// never skipped, so the lowest failing block always runs, whatever the scheduling.
//
// With workers ≤ 1 or a single block, every block runs in order on the caller's
// goroutine. NumBlocks(n, size) is the number of blocks, for sizing per-block results.
func Blocks(n, size, workers int, stop func(b int) bool, fn func(b, lo, hi int)) {
	size = max(size, 1)
	nb := NumBlocks(n, size)
	if workers <= 1 || nb <= 1 {
		for b := range nb {
			if stop == nil || !stop(b) {
				fn(b, b*size, min((b+1)*size, n))
			}
		}
		return
	}
	var next atomic.Int64
	var done sync.WaitGroup
	done.Add(nb)
	// Each goroutine settles the blocks it ran with one update of done when it runs out:
	// an update per block would move done's cache line between the cores at every block.
	work := func() {
		ran := 0
		defer func() {
			// A goroutine that ran nothing must not touch done: Blocks may have
			// returned already, and a zero update races with the wake-up of Wait.
			if ran > 0 {
				done.Add(-ran)
			}
		}()
		for {
			b := int(next.Add(1) - 1)
			if b >= nb {
				return
			}
			if stop == nil || !stop(b) {
				fn(b, b*size, min((b+1)*size, n))
			}
			ran++
		}
	}
	for range min(workers, nb) - 1 {
		go work()
	}
	release()
	work()
	done.Wait()
}

// NumBlocks is the number of blocks of size elements (the last one shorter) in [0, n).
func NumBlocks(n, size int) int {
	if n <= 0 {
		return 0
	}
	size = max(size, 1)
	return (n + size - 1) / size
}

// FirstError keeps the error reported at the lowest index, for batches that must answer
// with the first failure in input order whatever order the work ran in. The zero value
// holds no error; it is safe for concurrent use.
type FirstError struct {
	mu     sync.Mutex
	lowest atomic.Int64 // index of err + 1; 0 while there is none
	err    error
}

// Report records err for index i if no error is recorded at a lower index.
func (f *FirstError) Report(i int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if l := f.lowest.Load(); l == 0 || int64(i) < l-1 {
		f.lowest.Store(int64(i) + 1)
		f.err = err
	}
}

// Past reports whether an error is recorded at an index below i: work at i can no longer
// change the answer. It is Blocks' stop function when block and index coincide.
func (f *FirstError) Past(i int) bool {
	l := f.lowest.Load()
	return l != 0 && int64(i) > l-1
}

// Err returns the error recorded at the lowest index, or nil.
func (f *FirstError) Err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

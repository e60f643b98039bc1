package parallel

import (
	"fmt"
	"sync/atomic"
	"testing"
)

// TestBlocksCover: without stop, every index in [0, n) is visited exactly once, block b
// covering [b·size, min((b+1)·size, n)).
func TestBlocksCover(t *testing.T) {
	for n := 0; n <= 40; n++ {
		for size := -1; size <= 7; size++ {
			for w := -1; w <= 9; w++ {
				seen := make([]int32, n)
				var calls atomic.Int32
				Blocks(n, size, w, nil, func(b, lo, hi int) {
					calls.Add(1)
					s := max(size, 1)
					if lo != b*s || hi != min((b+1)*s, n) || lo >= hi {
						t.Errorf("n=%d size=%d w=%d: block %d is [%d, %d)", n, size, w, b, lo, hi)
					}
					for j := lo; j < hi; j++ {
						atomic.AddInt32(&seen[j], 1)
					}
				})
				if int(calls.Load()) != NumBlocks(n, size) {
					t.Fatalf("n=%d size=%d w=%d: %d calls, want %d", n, size, w, calls.Load(), NumBlocks(n, size))
				}
				for j, c := range seen {
					if c != 1 {
						t.Fatalf("n=%d size=%d w=%d: index %d visited %d times", n, size, w, j, c)
					}
				}
			}
		}
	}
}

// TestBlocksStop: with stop skipping every block past the lowest "failing" one seen so
// far, the lowest failing block always runs, for any worker count.
func TestBlocksStop(t *testing.T) {
	for n := 1; n <= 64; n += 7 {
		for fail := 0; fail < n; fail += 3 {
			for w := 1; w <= 8; w++ {
				var lowest atomic.Int64
				lowest.Store(int64(n))
				ran := make([]atomic.Bool, n)
				Blocks(n, 1, w, func(b int) bool { return int64(b) > lowest.Load() }, func(b, _, _ int) {
					ran[b].Store(true)
					if b >= fail && b%3 == fail%3 { // blocks fail, fail+3, ... fail
						for {
							cur := lowest.Load()
							if int64(b) >= cur || lowest.CompareAndSwap(cur, int64(b)) {
								break
							}
						}
					}
				})
				if !ran[fail].Load() || lowest.Load() != int64(fail) {
					t.Fatalf("n=%d fail=%d w=%d: lowest failing block %d, ran %v", n, fail, w, lowest.Load(), ran[fail].Load())
				}
				for b := range fail {
					if !ran[b].Load() {
						t.Fatalf("n=%d fail=%d w=%d: block %d below the failure skipped", n, fail, w, b)
					}
				}
			}
		}
	}
}

// TestFirstError: whatever order indices are reported in, from however many goroutines,
// the lowest index's error is kept, and Past is true exactly above it.
func TestFirstError(t *testing.T) {
	var f FirstError
	if f.Err() != nil || f.Past(0) || f.Past(1000) {
		t.Fatal("zero value holds an error")
	}
	errs := make([]error, 64)
	for i := range errs {
		errs[i] = fmt.Errorf("error %d", i)
	}
	Blocks(64, 1, 8, nil, func(b, _, _ int) {
		if b%5 == 3 {
			f.Report(b, errs[b])
		}
	})
	if f.Err() != errs[3] {
		t.Fatalf("kept %v, want %v", f.Err(), errs[3])
	}
	if f.Past(3) || !f.Past(4) {
		t.Fatalf("Past(3) = %v, Past(4) = %v", f.Past(3), f.Past(4))
	}
}

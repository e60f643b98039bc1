package parallel

import (
	"sync/atomic"
	"testing"
)

// TestChunksCover: every index in [0, n) is visited exactly once, in Pieces(n, w) ranges.
func TestChunksCover(t *testing.T) {
	for n := 0; n <= 40; n++ {
		for w := -1; w <= 9; w++ {
			seen := make([]int32, n)
			var calls atomic.Int32
			Chunks(n, w, func(i, lo, hi int) {
				calls.Add(1)
				if i < 0 || i >= Pieces(n, w) {
					t.Errorf("n=%d w=%d: piece index %d", n, w, i)
				}
				for j := lo; j < hi; j++ {
					atomic.AddInt32(&seen[j], 1)
				}
			})
			if int(calls.Load()) != Pieces(n, w) {
				t.Fatalf("n=%d w=%d: %d calls, want %d", n, w, calls.Load(), Pieces(n, w))
			}
			for j, c := range seen {
				if c != 1 {
					t.Fatalf("n=%d w=%d: index %d visited %d times", n, w, j, c)
				}
			}
		}
	}
}

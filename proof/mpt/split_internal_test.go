package mpt

import (
	"bytes"
	"testing"

	"pgregory.net/rapid"
)

// TestPropSplitProofs: the ranges cover every proof once, in order, none empty, at most
// workers of them; and no range outweighs an equal share by more than its heaviest proof.
func TestPropSplitProofs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sizes := rapid.SliceOfN(rapid.IntRange(0, 2000), 0, 40).Draw(t, "sizes")
		workers := rapid.IntRange(-1, 9).Draw(t, "workers")
		proofs := make([][][]byte, len(sizes))
		for i, sz := range sizes {
			proofs[i] = [][]byte{bytes.Repeat([]byte{1}, sz)}
		}
		b := splitProofs(len(proofs), workers, func(i int) [][]byte { return proofs[i] })
		n := len(proofs)
		if b[0] != 0 || b[len(b)-1] != n {
			t.Fatalf("bounds %v do not cover [0, %d)", b, n)
		}
		if p := len(b) - 1; n > 0 && (p < 1 || p > max(workers, 1) || p > n) {
			t.Fatalf("%d ranges for %d proofs and %d workers", p, n, workers)
		}
		weight := func(i int) int { return sizes[i] + 128 }
		total, heaviest := 0, 0
		for i := range n {
			total += weight(i)
			heaviest = max(heaviest, weight(i))
		}
		for k := 1; k < len(b); k++ {
			if n > 0 && b[k] <= b[k-1] {
				t.Fatalf("bounds %v: range %d empty or reversed", b, k-1)
			}
			w := 0
			for i := b[k-1]; i < b[k]; i++ {
				w += weight(i)
			}
			if p := len(b) - 1; w > total/p+2*heaviest {
				t.Fatalf("bounds %v: range %d weighs %d of %d over %d ranges", b, k-1, w, total, p)
			}
		}
	})
}

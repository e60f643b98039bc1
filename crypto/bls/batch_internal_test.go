package bls

import "testing"

// TestCostCuts: the pieces cover the sorted positions in order, none empty, at most one
// per worker, and on distinct messages their costs differ by at most one position's.
func TestCostCuts(t *testing.T) {
	defer SetMinPieceCost(1)()
	for n := 1; n <= 40; n++ {
		for _, runLen := range []int{1, 2, 3, 7, n} {
			var starts []int
			for s := 0; s < n; s += runLen {
				starts = append(starts, s)
			}
			starts = append(starts, n)
			for w := -1; w <= 9; w++ {
				cuts := costCuts(starts, w)
				if cuts[0] != 0 || cuts[len(cuts)-1] != n || len(cuts)-1 > max(w, 1) {
					t.Fatalf("n=%d run=%d w=%d: cuts %v", n, runLen, w, cuts)
				}
				for k := 1; k < len(cuts); k++ {
					if cuts[k] <= cuts[k-1] {
						t.Fatalf("n=%d run=%d w=%d: empty or unordered piece in %v", n, runLen, w, cuts)
					}
				}
				if runLen == 1 && w >= 1 && len(cuts)-1 != min(n, w) {
					t.Fatalf("n=%d w=%d: %d pieces, want %d", n, w, len(cuts)-1, min(n, w))
				}
				if runLen == 1 && w > 1 {
					lo, hi := n, 0
					for k := 1; k < len(cuts); k++ {
						lo, hi = min(lo, cuts[k]-cuts[k-1]), max(hi, cuts[k]-cuts[k-1])
					}
					if hi-lo > 1 {
						t.Fatalf("n=%d w=%d: unbalanced cuts %v", n, w, cuts)
					}
				}
			}
		}
	}
}

// TestCostCutsMinimum: a batch is cut only into pieces of at least minPieceCost: 11
// triples over one message would stay whole (VerifyBatch gives such batches to
// oneMessage, which cuts them without extra hashes), four distinct messages are cut
// in two on two workers, 64 distinct messages into as many pieces as workers up to 40.
func TestCostCutsMinimum(t *testing.T) {
	oneMessage := []int{0, 11}
	if cuts := costCuts(oneMessage, 8); len(cuts) != 2 {
		t.Errorf("11 triples, one message: cuts %v, want one piece", cuts)
	}
	distinct := make([]int, 65)
	for i := range distinct {
		distinct[i] = i
	}
	for _, w := range []int{2, 8, 40, 64} {
		if cuts := costCuts(distinct, w); len(cuts)-1 != min(w, 40) {
			t.Errorf("64 distinct, %d workers: %d pieces, want %d", w, len(cuts)-1, min(w, 40))
		}
	}
	if cuts := costCuts([]int{0, 1, 2, 3, 4}, 2); len(cuts) != 3 {
		t.Errorf("4 distinct, 2 workers: cuts %v, want two pieces", cuts)
	}
}

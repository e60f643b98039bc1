package bls

import "testing"

// TestCostCuts: the pieces cover the sorted positions in order, none empty, at most one
// per worker, and on distinct messages their costs differ by at most one position's.
func TestCostCuts(t *testing.T) {
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

package ssz_test

import (
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/proof/ssz"
)

// spreadIndices returns n generalized indices at depth 63, spread evenly over the tree,
// so that their paths share as little as possible: the most helpers per index.
func spreadIndices(n int) []ssz.GeneralizedIndex {
	out := make([]ssz.GeneralizedIndex, n)
	step := uint64(1<<63) / uint64(n)
	for i := range out {
		out[i] = ssz.GeneralizedIndex(1<<63 + uint64(i)*step)
	}
	return out
}

// Finding 10: GetHelperIndices collected every path and helper node of every index
// before sorting them (65,536 indices: 402 MB). It must stay within the project bound at
// the multiproof's own maximum, and refuse more indices than a multiproof may have.
func TestHardeningHelperIndicesUnbounded(t *testing.T) {
	idx := spreadIndices(ssz.MaxMultiproofLeaves)
	var got []ssz.GeneralizedIndex
	var err error
	u := hostile.Bounded(t, "GetHelperIndices", 8*len(idx), func() { got, err = ssz.GetHelperIndices(idx) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d indices: %d helpers, %d bytes allocated", len(idx), len(got), u.Bytes)
	// Each index of the spread has its own subtree below depth 16: 47 helpers apiece.
	if want := len(idx) * (63 - 16); len(got) != want {
		t.Errorf("%d helpers, want %d", len(got), want)
	}
	if _, err := ssz.GetHelperIndices(spreadIndices(ssz.MaxMultiproofLeaves + 1)); !errors.Is(err, ssz.ErrProofShape) {
		t.Errorf("one index more than a multiproof may have: %v, want ErrProofShape", err)
	}
}

// specHelperIndices transcribes get_helper_indices of merkle-proofs.md with sets.
func specHelperIndices(indices []ssz.GeneralizedIndex) []ssz.GeneralizedIndex {
	helpers, paths := map[ssz.GeneralizedIndex]bool{}, map[ssz.GeneralizedIndex]bool{}
	for _, g := range indices {
		for _, h := range ssz.GetBranchIndices(g) {
			helpers[h] = true
		}
		for _, p := range ssz.GetPathIndices(g) {
			paths[p] = true
		}
	}
	var out []ssz.GeneralizedIndex
	for h := range helpers {
		if !paths[h] {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out
}

// The streaming GetHelperIndices agrees with the spec's set difference on any indices,
// nested, repeated, zero or the root included.
func TestPropHelperIndicesMatchSpec(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		depth := rapid.IntRange(1, ssz.MaxDepth).Draw(t, "depth")
		gen := rapid.Custom(func(t *rapid.T) ssz.GeneralizedIndex {
			return ssz.GeneralizedIndex(rapid.Uint64Range(0, 1<<depth-1+1<<depth).Draw(t, "g"))
		})
		idx := rapid.SliceOfN(gen, 0, 12).Draw(t, "indices")
		got, err := ssz.GetHelperIndices(idx)
		if err != nil {
			t.Fatal(err)
		}
		if want := specHelperIndices(idx); !slices.Equal(got, want) {
			t.Fatalf("GetHelperIndices(%v) = %v, spec %v", idx, got, want)
		}
	})
}

// The class of finding 10, generalized-index arithmetic: a node 63 levels down has no
// children a uint64 can name, and zero names no node, so neither may yield the root (2g+1
// wrapped to 1) or any other node.
func TestHardeningGindexOverflow(t *testing.T) {
	deepest := ssz.GeneralizedIndex(1<<63 | 5)
	for _, c := range []struct {
		name string
		got  ssz.GeneralizedIndex
	}{
		{"left child at depth 63", deepest.Child(false)},
		{"right child at depth 63", deepest.Child(true)},
		{"left child of zero", ssz.GeneralizedIndex(0).Child(false)},
		{"right child of zero", ssz.GeneralizedIndex(0).Child(true)},
		{"sibling of zero", ssz.GeneralizedIndex(0).Sibling()},
		{"sibling of the root", ssz.GeneralizedIndex(1).Sibling()},
	} {
		if c.got != 0 {
			t.Errorf("%s = %d, want 0 (no node)", c.name, c.got)
		}
	}
	if g := ssz.GeneralizedIndex(1 << 62).Child(true); g != 1<<63|1 {
		t.Errorf("right child at depth 62 = %d", g)
	}
	if _, err := ssz.ConcatGeneralizedIndices(1<<63, 2); !errors.Is(err, ssz.ErrIndex) {
		t.Errorf("concatenation 64 levels deep: %v, want ErrIndex", err)
	}
}
